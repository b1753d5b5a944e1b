// Time-to-acknowledge statistics: nearest-rank percentiles, shares of all alerts, and which alerts count.
import { isAckReply } from '@linli/contracts';
import { ackStats, alertReport } from './alert.report';

const at = (s: number) => new Date(Date.UTC(2026, 10, 3, 0, 0, s));

it('p50/p90 are nearest-rank over acknowledged alerts; shares are over all alerts, unacknowledged ones included', () => {
  const samples = [10, 20, 30, 45, 59, 61, 120, 180, 181, 400].map((s) => ({ type: 'sos' as const, createdAt: at(0), acknowledgedAt: at(s) }));
  samples.push({ type: 'sos', createdAt: at(0), acknowledgedAt: null as unknown as Date });
  const s = ackStats(samples);
  expect(s).toMatchObject({ total: 11, acknowledged: 10, unacknowledged: 1, p50Seconds: 59, p90Seconds: 181 });
  expect(s.within60s).toBeCloseTo(5 / 11);
  expect(s.within180s).toBeCloseTo(8 / 11);
  expect(ackStats([])).toMatchObject({ total: 0, p50Seconds: null, p90Seconds: null, within60s: null });
});

it('low-severity device notices do not count; types are reported separately', () => {
  const r = alertReport('2026-11', [
    { type: 'sos', createdAt: at(0), acknowledgedAt: at(30) },
    { type: 'smoke', createdAt: at(0), acknowledgedAt: at(90) },
    { type: 'trash_overflow', createdAt: at(0) },
  ]);
  expect(r.overall.total).toBe(2);
  expect(r.byType.map((t) => [t.type, t.p50Seconds])).toEqual([['smoke', 90], ['sos', 30]]);
});

it('replies that take an alert', () => {
  for (const yes of ['1', '１', ' 1 ', '收到', '好的！', '我来', 'OK']) expect(isAckReply(yes)).toBe(true);
  for (const no of ['2', '11', '请问怎么了', '不是我', '']) expect(isAckReply(no)).toBe(false);
});
