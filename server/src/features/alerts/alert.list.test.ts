// The alert list (staff panel, newest first, keyset pages, filters) answers exactly what mongoose's own query answers, and on the embedded engine PostgreSQL answers it rather than FerretDB decoding every alert of the community.
import { Query, Types, type Connection } from 'mongoose';
import { connectDb } from '../../db/connection';
import { advisoryLocksOf } from '../../db/write-lock';
import { testMongoUri, uniqueDbName } from '../../test-support/harness';
import { alertModel } from './alert.model';
import { AlertRepository, type AlertListFilter } from './alert.repository';

let conn: Connection;
let repo: AlertRepository;
beforeAll(async () => {
  conn = await connectDb(testMongoUri(uniqueDbName('alert-list')));
  repo = new AlertRepository(conn);
  const at = new Date('2026-11-30T08:00:00Z');
  const statuses = ['raised', 'acknowledged', 'resolved'];
  await alertModel(conn).insertMany(
    Array.from({ length: 45 }, (_, i) => ({
      _id: new Types.ObjectId(),
      communityId: i % 9 === 0 ? 'other' : 'beimen',
      type: i % 2 ? 'smoke' : 'sos',
      audience: i % 2 ? 'public' : 'personal',
      severity: 'high',
      status: statuses[i % 3],
      title: `告警 ${i}`,
      subject: i % 2 ? undefined : { residentId: `r${i % 4}`, name: '王奶奶', building: `${(i % 3) + 1}号楼` },
      deviceId: `dev-${i % 5}`,
      source: 'device',
      count: 1,
      firstSeenAt: at,
      lastSeenAt: at,
      incidentKey: `k${i}`,
      dedupeKey: `d${i}`,
      level: 'grid',
    })),
  );
});
afterAll(() => conn.close());
afterEach(() => jest.restoreAllMocks());

const viaMongoose = (f: AlertListFilter) => {
  const q: Record<string, unknown> = { communityId: 'beimen' };
  if (f.statuses) q.status = { $in: f.statuses };
  if (f.type) q.type = f.type;
  if (f.audience) q.audience = f.audience;
  if (f.residentIds) q['subject.residentId'] = { $in: f.residentIds };
  if (f.deviceId) q.deviceId = f.deviceId;
  if (f.personalBuildings) q.$or = [{ audience: { $ne: 'personal' } }, { 'subject.building': { $in: f.personalBuildings } }];
  if (f.beforeId) q._id = { $lt: new Types.ObjectId(f.beforeId) };
  return alertModel(conn).find(q).sort({ _id: -1 }).limit(f.limit).lean();
};
const ids = (xs: Array<{ _id: unknown }>) => xs.map((x) => String(x._id));

it.each<[string, AlertListFilter]>([
  ['all, first page', { limit: 10 }],
  ['open statuses', { statuses: ['raised', 'acknowledged'], limit: 50 }],
  ['one status and type', { statuses: ['raised'], type: 'sos', limit: 50 }],
  ['personal alerts of some residents', { audience: 'personal', residentIds: ['r0', 'r2'], limit: 50 }],
  ['a device', { deviceId: 'dev-3', limit: 50 }],
  ['staff limited to buildings', { personalBuildings: ['1号楼'], limit: 50 }],
])('%s: the same alerts in the same order as mongoose', async (_name, f) => {
  expect(ids(await repo.list('beimen', f))).toEqual(ids(await viaMongoose(f)));
});

it('walks every page by keyset without repeats or gaps, answered by PostgreSQL on the embedded engine', async () => {
  const throughMongoose = jest.spyOn(Query.prototype, 'exec');
  const seen: string[] = [];
  let beforeId: string | undefined;
  for (;;) {
    const page = await repo.list('beimen', { limit: 7, ...(beforeId ? { beforeId } : {}) });
    if (!page.length) break;
    seen.push(...ids(page));
    beforeId = String(page.at(-1)!._id);
  }
  const pagesRead = throughMongoose.mock.calls.length;
  throughMongoose.mockRestore();
  expect(seen).toEqual(ids(await viaMongoose({ limit: 100 })));
  expect(seen).toHaveLength(40);
  // 40 alerts in pages of 7 and the empty page after them: none of the 7 reads was a mongoose query (FerretDB).
  if (advisoryLocksOf(conn)) expect(pagesRead).toBe(0);
});
