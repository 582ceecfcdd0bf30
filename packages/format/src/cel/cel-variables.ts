/** The variable names every workflow CEL expression sees; see README-conventions.md. */
export const CEL_VARIABLES = {
  inputs: 'inputs',
  steps: 'steps',
  outputs: 'outputs',
  vars: 'vars',
  item: 'item',
  iteration: 'iteration',
  error: 'error',
  event: 'event',
} as const;

/** Status words a step can have under `steps.<id>.status`. */
export const CEL_STEP_STATUSES = ['completed', 'failed', 'skipped', 'timed_out'] as const;

const CEL_KEYWORDS = [
  'true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if',
  'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while',
];

/** Names that never become bare variables (namespaces and CEL keywords). */
export const RESERVED_CEL_NAMES: ReadonlySet<string> = new Set([...Object.values(CEL_VARIABLES), ...CEL_KEYWORDS]);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether `name` can be written bare in CEL (`steps.name` rather than `steps["name"]`). */
export function isCelIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !CEL_KEYWORDS.includes(name);
}

const TYPE_ALIASES: Record<string, string> = {
  string: 'string', int: 'int', integer: 'int', uint: 'uint', double: 'double', number: 'double', float: 'double',
  bool: 'bool', boolean: 'bool', list: 'list', array: 'list', map: 'map', object: 'map', dyn: 'dyn', any: 'dyn',
  bytes: 'bytes', timestamp: 'timestamp', duration: 'duration',
};

/** Pure; the CEL type for an IoSpec `type` (CEL or JSON Schema spelling); `dyn` when unknown or absent. */
export function celTypeOf(ioType: string | undefined): string {
  if (ioType === undefined) return 'dyn';
  return TYPE_ALIASES[ioType.trim().toLowerCase()] ?? 'dyn';
}
