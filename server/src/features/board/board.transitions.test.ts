// Every post and reply status × moderation action of POST_TRANSITIONS / REPLY_TRANSITIONS over real HTTP: illegal moves are refused.
import { POST_ACTIONS, POST_STATUSES, POST_TRANSITIONS, REPLY_STATUSES, REPLY_TRANSITIONS, type PostAction, type PostStatus, type ReplyStatus } from '@linli/contracts';
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

const posts = () => db.collection('board_posts');
const body = (action: PostAction) => (action === 'hide' ? { reason: '测试隐藏' } : {});

/** A staff post (published), put straight into `status`. */
async function postIn(status: PostStatus): Promise<string> {
  const r = await s.request('POST', '/api/posts', { token: admin, body: { category: '建议', text: `状态 ${status}` } });
  expect(r.status).toBe(201);
  if (status !== 'published') await posts().updateOne({ _id: new Types.ObjectId(r.body.id) }, { $set: { status } });
  return r.body.id;
}

/** A reply (visible) on a fresh post, put straight into `status`. */
async function replyIn(status: ReplyStatus): Promise<{ id: string; replyId: string }> {
  const id = await postIn('published');
  const r = await s.request('POST', `/api/posts/${id}/replies`, { token: admin, body: { text: `回复 ${status}` } });
  expect(r.status).toBe(201);
  if (status !== 'visible') await posts().updateOne({ _id: new Types.ObjectId(id) }, { $set: { 'replies.0.status': status } });
  return { id, replyId: r.body.id };
}

const postStatus = async (id: string) => (await posts().findOne({ _id: new Types.ObjectId(id) }))!.status;
const replyStatus = async (id: string) => (await posts().findOne({ _id: new Types.ObjectId(id) }))!.replies[0].status;

describe('post transition table', () => {
  const cases: Array<[PostStatus, PostAction]> = [];
  for (const st of POST_STATUSES) for (const a of POST_ACTIONS) cases.push([st, a]);

  it.each(cases)('from %s, %s', async (status, action) => {
    const id = await postIn(status);
    const rule = POST_TRANSITIONS[action];
    const r = await s.request('POST', `/api/posts/${id}/${action}`, { token: admin, body: body(action) });
    if (rule.from.includes(status)) {
      expect(r.status).toBe(200);
      expect(await postStatus(id)).toBe(rule.to);
    } else {
      expect(r.status).toBe(409);
      expect(r.body.error.details.status).toBe(status);
      expect(await postStatus(id)).toBe(status);
    }
  });
});

describe('reply transition table', () => {
  const cases: Array<[ReplyStatus, PostAction]> = [];
  for (const st of REPLY_STATUSES) for (const a of POST_ACTIONS) cases.push([st, a]);

  it.each(cases)('from %s, %s', async (status, action) => {
    const { id, replyId } = await replyIn(status);
    const rule = REPLY_TRANSITIONS[action];
    const r = await s.request('POST', `/api/posts/${id}/replies/${replyId}/${action}`, { token: admin, body: body(action) });
    if (rule.from.includes(status)) {
      expect(r.status).toBe(200);
      expect(await replyStatus(id)).toBe(rule.to);
    } else {
      expect(r.status).toBe(409);
      expect(r.body.error.details.status).toBe(status);
      expect(await replyStatus(id)).toBe(status);
    }
  });
});
