// Every notice status × action of NOTICE_TRANSITIONS, over real HTTP and the publication run: only the table's moves happen.
import { NOTICE_ACTIONS, NOTICE_STATUSES, NOTICE_TRANSITIONS, type NoticeAction, type NoticeStatus } from '@linli/contracts';
import { createConnection, Types, type Connection } from 'mongoose';
import { startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
let admin: string;
let db: Connection;

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
  db = await createConnection(s.mongoUri).asPromise();
});
afterAll(async () => {
  await db?.close();
  await s?.close();
});

const later = () => new Date(Date.now() + 3600_000);

/** A notice in `status`: a draft due in an hour, then put straight into the status (no timer is armed). */
async function noticeIn(status: NoticeStatus): Promise<string> {
  const r = await s.request('POST', '/api/notices', {
    token: admin,
    body: { title: `状态 ${status}`, body: '正文', category: '通知', audience: { all: true }, channels: ['feed'], draft: true, publishAt: later().toISOString() },
  });
  expect(r.status).toBe(201);
  if (status !== 'draft') {
    const published = status === 'publishing' || status === 'published' ? { publishedAt: new Date() } : {};
    await db.collection('notices').updateOne({ _id: new Types.ObjectId(r.body.id) }, { $set: { status, ...published } });
  }
  return r.body.id;
}

const statusOf = async (id: string): Promise<NoticeStatus> => (await db.collection('notices').findOne({ _id: new Types.ObjectId(id) }))!.status;

/** Staff moves over HTTP; `publish` and `finish` are the publication run's (below). */
const HTTP: Partial<Record<NoticeAction, (id: string) => Promise<{ status: number; body: any }>>> = {
  edit: (id) => s.request('PATCH', `/api/notices/${id}`, { token: admin, body: { title: '改过的标题' } }),
  release: (id) => s.request('POST', `/api/notices/${id}/publish`, { token: admin }),
  withdraw: (id) => s.request('POST', `/api/notices/${id}/withdraw`, { token: admin }),
};

/** Illegal moves the service answers idempotently (200, nothing changes) instead of 409. */
const IDEMPOTENT: Partial<Record<NoticeAction, NoticeStatus[]>> = { release: ['scheduled', 'publishing', 'published'], withdraw: ['withdrawn'] };

describe('notice transition table', () => {
  const cases: Array<[NoticeStatus, NoticeAction]> = [];
  for (const st of NOTICE_STATUSES) for (const a of NOTICE_ACTIONS) if (HTTP[a]) cases.push([st, a]);

  it.each(cases)('from %s, %s', async (status, action) => {
    const id = await noticeIn(status);
    const rule = NOTICE_TRANSITIONS[action];
    const r = await HTTP[action]!(id);
    if (rule.from.includes(status)) {
      expect(r.status).toBe(200);
      expect(await statusOf(id)).toBe(rule.to ?? status);
    } else {
      expect(r.status).toBe(IDEMPOTENT[action]?.includes(status) ? 200 : 409);
      expect(await statusOf(id)).toBe(status);
    }
  });

  it.each(NOTICE_STATUSES.map((st) => [st]))('the publication run from %s moves only along publish → finish', async (status) => {
    const id = await noticeIn(status);
    let expected: NoticeStatus = status;
    for (const a of ['publish', 'finish'] as const) if (NOTICE_TRANSITIONS[a].from.includes(expected)) expected = NOTICE_TRANSITIONS[a].to!;
    await s.app.services.notices.publish(s.communityId, id);
    expect(await statusOf(id)).toBe(expected);
  });
});
