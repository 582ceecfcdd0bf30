import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports process start times in clock ticks; USER_HZ is 100 on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;
/** Start times from /proc are exact to a tick, the boot time to a second: allow for that, and no more. */
export const START_TIME_TOLERANCE_MS = 1500;

let bootTimeMs: number | undefined | null = null;

/** Fields of /proc/<pid>/stat after the command name (which may contain spaces and parentheses). */
function statFields(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function bootTime(): number | undefined {
  if (bootTimeMs === null) {
    try {
      const line = readFileSync('/proc/stat', 'utf8').split('\n').find((l) => l.startsWith('btime '));
      bootTimeMs = line === undefined ? undefined : Number(line.slice(6)) * 1000;
    } catch {
      bootTimeMs = undefined;
    }
  }
  return bootTimeMs;
}

/** When a process started (ms since the epoch), from /proc on Linux; undefined elsewhere or when it is gone. */
export function processStartTime(pid: number): number | undefined {
  const fields = statFields(pid);
  const boot = bootTime();
  // After the name: state is field 3, start time field 22 → index 19 here.
  if (fields === undefined || boot === undefined || fields.length < 20) return undefined;
  return boot + (Number(fields[19]) / TICKS_PER_SECOND) * 1000;
}

/** This process's start time: from /proc when possible (so it compares exactly with what others read), else from its uptime. */
export function ownStartTime(): number {
  return processStartTime(process.pid) ?? Math.round(Date.now() - process.uptime() * 1000);
}

function isZombie(pid: number): boolean {
  return statFields(pid)?.[0] === 'Z';
}

/** Whether `pid` is a running process; with `startedAt`, whether it is still that same process (not a reused pid). */
export function isProcessAlive(pid: number, startedAt?: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (isZombie(pid)) return false;
  if (startedAt === undefined) return true;
  const actual = processStartTime(pid);
  return actual === undefined || Math.abs(actual - startedAt) <= START_TIME_TOLERANCE_MS;
}

/** Live (non-zombie) members of a process group; on systems without /proc, the group id itself when signalling it works. */
export function processGroupMembers(pgid: number): number[] {
  if (!Number.isInteger(pgid) || pgid <= 1) return [];
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    try {
      process.kill(-pgid, 0);
      return [pgid];
    } catch {
      return [];
    }
  }
  const members: number[] = [];
  for (const name of entries) {
    const fields = statFields(Number(name));
    // After the name: state, ppid, pgrp.
    if (fields !== undefined && Number(fields[2]) === pgid && fields[0] !== 'Z') members.push(Number(name));
  }
  return members;
}

/** Process groups of live processes whose environment holds `name=value` (Linux /proc; others' processes unreadable are skipped). */
export function processGroupsWithEnvironment(name: string, value: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [];
  }
  const marker = `${name}=${value}`;
  const groups = new Set<number>();
  for (const entry of entries) {
    let environment: string;
    try {
      environment = readFileSync(`/proc/${entry}/environ`, 'latin1');
    } catch {
      continue;
    }
    if (!environment.split('\0').includes(marker)) continue;
    const fields = statFields(Number(entry));
    if (fields !== undefined && fields[0] !== 'Z') groups.add(Number(fields[2]));
  }
  return [...groups];
}

/** Sends `signal` to a whole process group; false when the group is already gone. */
export function signalProcessGroup(pgid: number, signal: NodeJS.Signals): boolean {
  if (!Number.isInteger(pgid) || pgid <= 1) return false;
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}
