// The per-request token check: the checks asked in one turn are read together (one session once), and a check asked after a read was sent reads again (so it sees a revocation committed before it came in).
import { Types, type Connection } from 'mongoose';
import { connectDb } from '../../db/connection';
import * as sqlFind from '../../db/sql-find';
import { testMongoUri, uniqueDbName } from '../../test-support/harness';
import { staffModel } from './staff.model';
import { StaffRepository } from './staff.repository';
import { staffSessionModel } from './staff-session.model';

let conn: Connection;
let repo: StaffRepository;
const staffId = new Types.ObjectId();
const sid = 'sess-1';

beforeAll(async () => {
  conn = await connectDb(testMongoUri(uniqueDbName('token-check')));
  repo = new StaffRepository(conn);
  await staffModel(conn).create({
    _id: staffId, communityId: 'beimen', username: 'wang', passwordHash: 'x', name: '王网格员', roles: ['grid'], buildings: [], active: true, tokenVersion: 0, mustChangePassword: false,
  });
  await staffSessionModel(conn).create({ _id: sid, communityId: 'beimen', staffId: String(staffId), refreshHash: 'h', tokenVersion: 0, expiresAt: new Date(Date.now() + 3_600_000) });
});
afterAll(() => conn.close());
afterEach(() => jest.restoreAllMocks());

it('the checks asked in one turn are one read, a session asked twice read once', async () => {
  const reads = jest.spyOn(sqlFind, 'findOneLeanEach');
  const same = [1, 2, 3, 4, 5].map(() => repo.tokenCheck(String(staffId), sid));
  const other = repo.tokenCheck(String(staffId), 'no-such-session');
  const bad = repo.tokenCheck('not-an-id', sid);
  const answers = await Promise.all(same);
  expect(reads).toHaveBeenCalledTimes(1);
  expect(reads.mock.calls[0]![0]).toHaveLength(6); // three checks, two rows each
  for (const [state, sess] of answers) {
    expect(state?.active).toBe(true);
    expect(sess?._id).toBe(sid);
  }
  expect((await other)[1]).toBeNull();
  expect(await bad).toEqual([null, expect.objectContaining({ _id: sid })]);
});

it('a check asked after the read was sent reads again and sees the revocation committed in between', async () => {
  const reads = jest.spyOn(sqlFind, 'findOneLeanEach');
  const first = repo.tokenCheck(String(staffId), sid);
  await new Promise((r) => setImmediate(r)); // the first read is sent
  await staffModel(conn).updateOne({ _id: staffId }, { $inc: { tokenVersion: 1 } });
  const second = repo.tokenCheck(String(staffId), sid);
  await first;
  expect((await second)[0]?.tokenVersion).toBe(1);
  expect(reads).toHaveBeenCalledTimes(2);
});
