// Work handed over within a short window runs together, in one turn of the event loop, so its database calls share one statement each (db/insert-batch.ts, core/read-batch.ts).
//
// Why: what follows a raised alert without anyone waiting on it (the speakers' announcement, the group bot's item) came one
// or two alerts per turn in a storm, each turn a statement per collection; on this VM a statement's round trip costs the
// server more than the rows it carries. A few tens of milliseconds later is nothing to an announcement or a group message.
export class Coalescer {
  private queue: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly windowMs: number) {}

  /** Runs `fn` at the end of the current window (the first call opens one), with everything else handed over meanwhile. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push(() => {
        try {
          fn().then(resolve, reject);
        } catch (err) {
          reject(err);
        }
      });
      this.timer ??= setTimeout(() => this.fire(), this.windowMs);
    });
  }

  private fire(): void {
    const due = this.queue;
    this.queue = [];
    this.timer = undefined;
    for (const f of due) f();
  }
}
