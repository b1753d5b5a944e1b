// The outbox journal on its own: durable across reopen, torn last line tolerated, progress kept, retry with backoff, no retry on a refusal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError, ServerUnreachable } from './api';
import { Outbox } from './outbox';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'linli-outbox-'));

describe('Outbox', () => {
  it('keeps pending jobs, their progress and their audio across a reopen, and forgets delivered ones', async () => {
    const dir = tmp();
    const a = new Outbox<{ n: number }, string>({ dir, deliver: async (j) => `ok-${j.data.n}` });
    a.open();
    a.add('job-1', { n: 1 }, Buffer.from('voice'));
    a.add('job-2', { n: 2 });
    a.patch('job-1', { uploadId: 'u1' });
    expect(await a.deliverNow('job-2')).toEqual({ ok: true, result: 'ok-2' });
    a.close();
    fs.appendFileSync(path.join(dir, 'outbox.jsonl'), '{"t":"add","job":{"key":"torn'); // crash mid-write

    const b = new Outbox<{ n: number }, string>({ dir, deliver: async () => 'x' });
    b.open();
    expect(b.pending().map((j) => [j.key, j.state])).toEqual([['job-1', { uploadId: 'u1' }]]);
    expect(b.blob('job-1')?.toString()).toBe('voice');
    expect(b.blob('job-2')).toBeUndefined();
    b.close();
  });

  it('reports its depth and the age of its oldest job (what the bot tells the server for /metrics)', async () => {
    const o = new Outbox<{ n: number }, string>({ dir: tmp(), deliver: async () => 'ok' });
    o.open();
    const t0 = Date.now();
    expect(o.stats(t0)).toEqual({ depth: 0, oldestSeconds: 0 });
    o.add('job-1', { n: 1 });
    o.add('job-2', { n: 2 });
    expect(o.stats(t0 + 90_000)).toEqual({ depth: 2, oldestSeconds: 90 });
    await o.deliverNow('job-1');
    expect(o.stats(t0 + 90_000).depth).toBe(1);
    o.close();
  });

  it('retries a retryable failure with backoff until it succeeds, then reports the late delivery', async () => {
    const dir = tmp();
    let calls = 0;
    const late: string[] = [];
    const o = new Outbox<{ n: number }, string>({
      dir,
      baseDelayMs: 20,
      maxDelayMs: 50,
      deliver: async () => {
        calls++;
        if (calls < 3) throw calls === 1 ? new ServerUnreachable('down') : new ApiError(503, 'UNAVAILABLE', 'busy');
        return 'done';
      },
      onLateDelivery: (j, r) => void late.push(`${j.key}:${r}`),
    });
    o.open();
    o.add('k', { n: 1 });
    const first = await o.deliverNow('k');
    expect(first).toMatchObject({ ok: false, retrying: true });
    await new Promise((r) => setTimeout(r, 400));
    expect(calls).toBe(3);
    expect(late).toEqual(['k:done']);
    expect(o.pending()).toEqual([]);
    o.close();
  });

  it('drops a job the server refuses (4xx) instead of retrying forever', async () => {
    const dir = tmp();
    const gaveUp: string[] = [];
    const o = new Outbox<{ n: number }, string>({
      dir,
      deliver: async () => {
        throw new ApiError(422, 'VALIDATION', '提交的内容有误');
      },
      onGiveUp: (j) => void gaveUp.push(j.key),
    });
    o.open();
    o.add('bad', { n: 1 });
    expect(await o.deliverNow('bad')).toMatchObject({ ok: false, retrying: false });
    expect(gaveUp).toEqual(['bad']);
    expect(o.pending()).toEqual([]);
    o.close();
  });
});
