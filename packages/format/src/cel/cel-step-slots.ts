import type { ObjectSchema } from '@marcbachmann/cel-js';
import type { CelDeclarations, CelStepDeclaration } from './cel-declarations.js';

/** An expression with its `steps.<id>` references renamed to shape-keyed slots, same length. */
export interface SlottedExpression {
  /** Same length as the original, so error offsets still point into the author's text. */
  text: string;
  /** The `steps` schema the rewritten text needs. */
  schema: ObjectSchema;
  /** Identifies the schema: expressions with equal keys can share one CEL environment. */
  key: string;
}

const STEP_REFERENCE = /\bsteps\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_]*)|\[\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\])/g;

/** Pure; the step ids an expression names as `steps.<id>` or `steps["<id>"]`, in order of appearance. */
export function celStepReferences(expr: string): string[] {
  return [...new Set([...expr.matchAll(STEP_REFERENCE)].map((m) => m[1] ?? m[2] ?? m[3]!))];
}

/**
 * Pure; renames each known `steps.<id>` to a slot (`steps._s0`, padded to the same length) so
 * that type-checking needs a schema of the step *shapes* only. Building one CEL schema with
 * thousands of step ids is quadratic in the library; shapes repeat, so environments are shared.
 * Unknown ids are left alone (the checker then reports "No such key: <id>").
 */
export function slotStepReferences(expr: string, declarations: CelDeclarations): SlottedExpression {
  const slotOf = new Map<string, number>();
  const schema: ObjectSchema = {};
  const shapes = new Map<string, string>();
  let referencesUnknown = false;
  const text = expr.replace(STEP_REFERENCE, (whole: string, dotId?: string, dq?: string, sq?: string) => {
    const id = dotId ?? dq ?? sq!;
    const step = declarations.steps.get(id);
    if (step === undefined) {
      referencesUnknown = true;
      return whole;
    }
    let slot = slotOf.get(id);
    if (slot === undefined) slotOf.set(id, (slot = slotOf.size));
    const base = `_s${slot}`;
    const room = whole.length - 'steps.'.length;
    // Too short to rename (`steps.a`): keep the id itself as the schema key.
    const name = room >= base.length ? base + '_'.repeat(room - base.length) : id;
    schema[name] = stepSchema(step);
    shapes.set(name, shapeKey(step));
    return name === id ? whole : `steps.${name}`;
  });
  // '' = no step named at all (dynamic access such as steps[x]): the caller declares `steps` as a map.
  if (shapes.size === 0) return { text, schema, key: referencesUnknown ? 'none-known' : '' };
  const key = [...shapes].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, shape]) => `${name}=${shape}`).join('|');
  return { text, schema, key };
}

function stepSchema(step: CelStepDeclaration): ObjectSchema {
  return { outputs: step.outputs === undefined ? 'map' : { ...step.outputs }, status: 'string', confidence: 'double' };
}

function shapeKey(step: CelStepDeclaration): string {
  if (step.outputs === undefined) return 'open';
  return Object.entries(step.outputs).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, t]) => `${k}:${t}`).join(',');
}
