// Runs each of Linli's processes as a supervised child: a crashed one is restarted with backoff while the others keep running.
import { spawn } from 'node:child_process';

const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;
/** A child that ran this long before exiting counts as healthy: its next restart waits only the base delay. */
const STABLE_MS = 30_000;
/** EX_CONFIG: the process cannot work as configured; restarting it would only repeat the error. */
const EXIT_CONFIG = 78;

export class Supervisor {
  /** `sink(name, proc)`, when given, takes each child's piped stdout and stderr (otherwise they are the terminal's). */
  constructor({ cwd, log = (m) => console.log(`[start] ${m}`), sink = null }) {
    this.cwd = cwd;
    this.log = log;
    this.sink = sink;
    this.children = new Map();
    this.stopping = false;
    this.onFatal = () => {};
  }

  /** Starts `name` and keeps it running; `command` is [bin, args]. */
  add(name, command, env) {
    const c = { name, command, env, proc: null, failures: 0, restarts: 0, timer: null };
    this.children.set(name, c);
    this.launch(c);
    return c;
  }

  launch(c) {
    if (this.stopping) return;
    const [bin, args] = c.command;
    // Its own process group, so whatever it leaves behind (FerretDB under the database process) can be ended with it.
    const stdio = this.sink ? ['ignore', 'pipe', 'pipe'] : 'inherit';
    const proc = spawn(bin, args, { cwd: this.cwd, env: c.env, stdio, detached: true });
    c.proc = proc;
    c.startedAt = Date.now();
    if (this.sink) this.sink(c.name, proc);
    this.log(`${c.name} running (pid ${proc.pid})`, { restart: c.restarts > 0 });
    proc.on('error', (err) => this.log(`${c.name} could not start: ${err.message}`));
    proc.on('exit', (code, signal) => {
      c.proc = null;
      killGroup(proc.pid, 'SIGKILL');
      if (this.stopping) return;
      if (code === EXIT_CONFIG) {
        this.log(`${c.name} exited: configuration error (see above); not restarting`);
        this.onFatal(c.name, code);
        return;
      }
      c.failures = Date.now() - c.startedAt >= STABLE_MS ? 1 : c.failures + 1;
      const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (c.failures - 1));
      c.restarts++;
      this.log(`${c.name} exited (${signal ?? `code ${code}`}); restarting in ${delay / 1000} s (restart ${c.restarts})`);
      c.timer = setTimeout(() => this.launch(c), delay);
    });
  }

  /** Stops the named children (all when none named) with SIGTERM, then SIGKILL after graceMs. */
  async stop(names = [...this.children.keys()], graceMs = 15_000) {
    this.stopping = true;
    await Promise.all(
      names.map((n) => {
        const c = this.children.get(n);
        if (!c) return null;
        clearTimeout(c.timer);
        const proc = c.proc;
        if (!proc || proc.exitCode !== null || proc.signalCode !== null) return null;
        return new Promise((resolve) => {
          const force = setTimeout(() => killGroup(proc.pid, 'SIGKILL'), graceMs);
          proc.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          proc.kill('SIGTERM');
        });
      }),
    );
  }
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* the group is gone already */
  }
}
