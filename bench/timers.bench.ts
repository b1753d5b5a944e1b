// Cost of arming one timer as pending timers pile up: everything in node-schedule's sorted array vs the scheduler's horizon.
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { Scheduler } from '../server/src/core/timers/scheduler';
import { createLogger } from '../server/src/logger';
import { writeResults } from './support/processes';

const PENDING = [0, 1_000, 10_000];
const NEW = 1_000;

/** µs per arm of NEW derived timers due before all `pending` ones (a ladder step in 30 min vs SLA deadlines 1 h to 2 days out). */
async function measure(horizonMs: number, pending: number): Promise<number> {
  // Derived timers never touch the database: an unopened connection is enough.
  const s = new Scheduler(mongoose.createConnection(), createLogger('silent'), 30_000, undefined, { horizonMs });
  (s as unknown as { running: boolean }).running = true;
  const now = Date.now();
  for (let i = 0; i < pending; i++) s.armDerived({ key: `p${i}`, communityId: 'c', kind: 'k', fireAt: new Date(now + 3_600_000 + i * 15_000), payload: {} });
  const t = performance.now();
  for (let i = 0; i < NEW; i++) s.armDerived({ key: `n${i}`, communityId: 'c', kind: 'k', fireAt: new Date(now + 1_800_000 + i), payload: {} });
  const us = ((performance.now() - t) * 1000) / NEW;
  await s.stop();
  return Math.round(us * 10) / 10;
}

async function main() {
  const rows: Array<{ pending: number; nodeScheduleUs: number; horizonUs: number }> = [];
  for (const pending of PENDING) {
    rows.push({ pending, nodeScheduleUs: await measure(Infinity, pending), horizonUs: await measure(10 * 60_000, pending) });
  }
  const md = [
    '## Timers: µs to arm one timer due before all pending ones',
    '',
    '| pending | all in node-schedule | 10 min horizon (scheduler.ts) |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.pending.toLocaleString('en')} | ${r.nodeScheduleUs} | ${r.horizonUs} |`),
    '',
  ].join('\n');
  writeResults('timers', { rows }, md);
}

void main().then(() => process.exit(0));
