// The coalescing window: work handed over within it starts together in one turn, answers and failures reach their own callers, and the next call opens a new window.
import { Coalescer } from './coalesce';

/** A counter moved once per turn of the event loop, to tell whether things ran in the same turn. */
function turns() {
  let n = 0;
  let on = true;
  const tick = () => {
    n++;
    if (on) setImmediate(tick);
  };
  setImmediate(tick);
  return { now: () => n, stop: () => (on = false) };
}

it('work handed over within the window starts in one turn, after the window, each caller getting its own answer', async () => {
  const c = new Coalescer(30);
  const t = turns();
  const started: number[] = [];
  const at = Date.now();
  const job = (v: string) => () => {
    started.push(t.now());
    return Promise.resolve(v);
  };
  const a = c.run(job('甲'));
  await new Promise((r) => setTimeout(r, 10)); // later turns, same window
  const b = c.run(job('乙'));
  const failed = c.run(() => Promise.reject(new Error('写入失败')));
  const threw = c.run(() => {
    throw new Error('同步异常');
  });
  expect(started).toEqual([]); // nothing before the window ends
  await expect(Promise.all([a, b])).resolves.toEqual(['甲', '乙']);
  await expect(failed).rejects.toThrow('写入失败');
  await expect(threw).rejects.toThrow('同步异常');
  expect(Date.now() - at).toBeGreaterThanOrEqual(25);
  expect(started).toHaveLength(2);
  expect(started[0]).toBe(started[1]);
  // The window closed when it fired: the next call opens a new one and runs in a later turn.
  const c2 = c.run(job('丙'));
  await expect(c2).resolves.toBe('丙');
  expect(started[2]).toBeGreaterThan(started[0]!);
  t.stop();
});
