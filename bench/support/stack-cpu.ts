// CPU time spent by the server stack (the server process, FerretDB, the PostgreSQL cluster) between two snapshots: a cost per event that other work on a shared machine hardly changes, unlike latency.
import fs from 'node:fs';
import path from 'node:path';

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ). */
const TICK_MS = 10;

export interface StackCpu {
  server: number;
  ferretdb: number;
  postgres: number;
}

/** utime + stime of a process in ms; with `reaped`, plus what its exited children used (cutime + cstime). */
function cpuMs(pid: number, reaped = false): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12]) + (reaped ? Number(f[13]) + Number(f[14]) : 0)) * TICK_MS;
  } catch {
    return 0;
  }
}

function childrenOf(ppid: number): number[] {
  const out: number[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === ppid) out.push(Number(d));
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

/** The postmaster of the embedded cluster in `dataDir` (first line of pg/postmaster.pid), if there is one. */
export function postmasterOf(dataDir: string): number | undefined {
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
  } catch {
    return undefined;
  }
}

/** A snapshot: the server's own time, FerretDB's, and the postmaster's with its backends (live ones and reaped ones). */
export function stackCpu(pids: { server?: number; ferretdb?: number; postmaster?: number }): StackCpu {
  const pm = pids.postmaster;
  return {
    server: pids.server ? cpuMs(pids.server) : 0,
    ferretdb: pids.ferretdb ? cpuMs(pids.ferretdb) : 0,
    postgres: pm ? cpuMs(pm, true) + childrenOf(pm).reduce((a, c) => a + cpuMs(c), 0) : 0,
  };
}

export function cpuSince(before: StackCpu, after: StackCpu): StackCpu & { total: number } {
  const d = { server: after.server - before.server, ferretdb: after.ferretdb - before.ferretdb, postgres: after.postgres - before.postgres };
  return { ...d, total: d.server + d.ferretdb + d.postgres };
}

/**
 * Waits until the stack is idle — under `idleShare` of one core for `quietMs` — or `maxMs` passed: after a bulk import,
 * PostgreSQL's autovacuum and analyze would otherwise land in whatever is measured next. Answers how long it waited.
 */
export async function settle(pids: { server?: number; ferretdb?: number; postmaster?: number }, opts: { idleShare?: number; quietMs?: number; maxMs?: number } = {}): Promise<number> {
  const { idleShare = 0.1, quietMs = 2_000, maxMs = 60_000 } = opts;
  const started = Date.now();
  while (Date.now() - started < maxMs) {
    const before = stackCpu(pids);
    await new Promise((r) => setTimeout(r, quietMs));
    if (cpuSince(before, stackCpu(pids)).total < idleShare * quietMs) break;
  }
  return Date.now() - started;
}
