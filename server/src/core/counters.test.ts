// Sequences hand out unique numbers across processes, reserve the next block before the current one runs out (no creation waits for it), and recover from a failed reservation.
import type { Connection } from 'mongoose';
import { connectDb } from '../db/connection';
import { testMongoUri, uniqueDbName } from '../test-support/harness';
import { CounterRepository } from './counters';

let conn: Connection;
let other: Connection;
beforeAll(async () => {
  const uri = testMongoUri(uniqueDbName('counters'));
  conn = await connectDb(uri);
  other = await connectDb(uri);
});
afterAll(async () => {
  await conn.close();
  await other.close();
});
afterEach(() => jest.restoreAllMocks());

const reserveSpy = () => jest.spyOn(CounterRepository.prototype as unknown as { reserve: (id: string, n: number) => Promise<number> }, 'reserve');

it('reserves the next block when half of this one is handed out, so the numbers run on without a wait', async () => {
  const repo = new CounterRepository(conn);
  const reserve = reserveSpy();
  const got: number[] = [];
  for (let i = 0; i < 10; i++) got.push(await repo.next('ticket', 'c-ahead'));
  expect(reserve).toHaveBeenCalledTimes(1);
  got.push(await repo.next('ticket', 'c-ahead')); // 11th: 9 left in the block, the next one is asked for now
  expect(reserve).toHaveBeenCalledTimes(2);
  for (let i = 0; i < 19; i++) got.push(await repo.next('ticket', 'c-ahead'));
  expect(got).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  expect(reserve).toHaveBeenCalledTimes(2);
});

it('two processes taking numbers at once never hand out the same one', async () => {
  const a = new CounterRepository(conn);
  const b = new CounterRepository(other);
  const all = await Promise.all(Array.from({ length: 120 }, (_, i) => (i % 2 ? a : b).next('ticket', 'c-two')));
  expect(new Set(all).size).toBe(120);
});

it('a failed reservation fails its callers and the next call reserves again', async () => {
  const repo = new CounterRepository(conn);
  reserveSpy().mockRejectedValueOnce(new Error('database unavailable'));
  await expect(repo.next('ticket', 'c-fail')).rejects.toThrow('database unavailable');
  expect(await repo.next('ticket', 'c-fail')).toBe(1);
});
