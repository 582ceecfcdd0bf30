// CPU counters of the whole machine and of the PostgreSQL server's processes, from /proc (Linux; zeros elsewhere), for the (b) rows.
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICK_US = 10_000;

export interface MachineCpu {
  /** User + system CPU of every `postgres` process (server, backends, WAL writer…) and of exited backends; other clients' included, µs. */
  serverUs: number;
  /** CPU time the machine's cores were busy and in all, µs summed over the cores. */
  busyUs: number;
  totalUs: number;
}

/** A snapshot; subtract two for a round. */
export function machineCpu(): MachineCpu {
  try {
    const cores = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = cores.reduce((n, t) => n + t, 0);
    let server = 0;
    const stats = new Map<string, string>();
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        stats.set(pid, readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        // The process has exited since the listing.
      }
    }
    const postgresPids = new Set([...stats].filter(([, stat]) => stat.includes('(postgres)')).map(([pid]) => pid));
    for (const stat of stats.values()) {
      if (!stat.includes('(postgres)')) continue;
      // After the name: state, ppid, …; utime and stime are the 14th and 15th fields, cutime and cstime the 16th and 17th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      server += Number(fields[11]) + Number(fields[12]);
      // The postmaster also counts its exited backends (another client's connection closing must not make the sum fall).
      if (!postgresPids.has(fields[1])) server += Number(fields[13]) + Number(fields[14]);
    }
    // Busy = all but idle and iowait (the 4th and 5th counters).
    return { serverUs: server * TICK_US, busyUs: (total - cores[3] - cores[4]) * TICK_US, totalUs: total * TICK_US };
  } catch {
    return { serverUs: 0, busyUs: 0, totalUs: 0 };
  }
}

/** The counters between two snapshots. */
export function cpuBetween(before: MachineCpu, after: MachineCpu): MachineCpu {
  return { serverUs: after.serverUs - before.serverUs, busyUs: after.busyUs - before.busyUs, totalUs: after.totalUs - before.totalUs };
}
