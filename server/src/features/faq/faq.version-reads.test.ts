// VersionReads: a question never uses a read that started before it arrived; questions arriving together share one read.
import { VersionReads } from './faq.version-reads';

/** A store whose reads take the value at the moment they start and finish when the test says so. */
function slowStore() {
  let value = 1;
  const pending: { resolve: (v: number) => void; reject: (e: Error) => void; value: number }[] = [];
  const reads = new VersionReads(
    () =>
      new Promise<number>((resolve, reject) => {
        pending.push({ resolve, reject, value });
      }),
  );
  const flush = () => new Promise((r) => setImmediate(r));
  return { reads, pending, set: (v: number) => (value = v), flush };
}

it('a question arriving during a read waits for the next one, which the others arriving then share', async () => {
  const { reads, pending, set, flush } = slowStore();
  const first = reads.fresh('c1');
  expect(pending).toHaveLength(1);
  set(2); // a rule change answered while the first read is under way
  const later = [reads.fresh('c1'), reads.fresh('c1'), reads.fresh('c1')];
  await flush();
  expect(pending).toHaveLength(1); // nothing more until the first read is done
  pending[0]!.resolve(pending[0]!.value);
  await flush();
  expect(pending).toHaveLength(2);
  pending[1]!.resolve(pending[1]!.value);
  expect(await first).toBe(1);
  expect(await Promise.all(later)).toEqual([2, 2, 2]);
  // Idle again: the next question starts its own read at once.
  set(3);
  const next = reads.fresh('c1');
  expect(pending).toHaveLength(3);
  pending[2]!.resolve(pending[2]!.value);
  expect(await next).toBe(3);
});

it('a failed read fails only the questions that used it; communities read apart', async () => {
  const { reads, pending, flush } = slowStore();
  const first = reads.fresh('c1');
  const other = reads.fresh('c2');
  const second = reads.fresh('c1');
  expect(pending).toHaveLength(2); // c1's first and c2's
  pending[0]!.reject(new Error('database gone'));
  await expect(first).rejects.toThrow('database gone');
  await flush();
  expect(pending).toHaveLength(3);
  pending[2]!.resolve(7);
  pending[1]!.resolve(9);
  expect(await second).toBe(7);
  expect(await other).toBe(9);
});
