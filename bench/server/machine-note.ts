import { cpus, loadavg, totalmem } from 'node:os';

/** The machine in one line: CPU model × cores, memory, Node. */
export function describeMachine(): string {
  return `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** The 1-minute load average now, two decimals. */
export function loadNow(): string {
  return loadavg()[0]!.toFixed(2);
}

/** Reads `--name value` flags: numbers where the default is a number. */
export function readFlags<T extends Record<string, string | number | undefined>>(defaults: T, argv = process.argv.slice(2)): T {
  const flags: Record<string, string | number | undefined> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!.replace(/^--/, '');
    if (!argv[i]!.startsWith('--') || !(name in defaults)) throw new Error(`unknown option ${argv[i]} (options: ${Object.keys(defaults).map((k) => `--${k}`).join(' ')})`);
    const value = argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    flags[name] = typeof defaults[name] === 'number' ? Number(value) : value;
    if (typeof defaults[name] === 'number' && !Number.isFinite(flags[name])) throw new Error(`--${name} ${value}: give a number`);
  }
  return flags as T;
}
