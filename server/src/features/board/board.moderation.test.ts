// Board moderation over real HTTP and sockets: sensitive-word holds, approve, hide/restore with reasons, reply moderation, realtime fan-out.
import type { Socket } from 'socket.io-client';
import { nextEvent, startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
let admin: string;
let grid: string;
let liufang: string; // 刘芳, 3号楼 (demo-resident)
let zhao: string; // 赵志强, 2号楼
let staffSock: Socket;
let liuSock: Socket;
let zhaoSock: Socket;

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
  grid = await s.loginStaff('wanggang');
  liufang = (await s.loginResident('demo-resident')).token;
  zhao = (await s.loginResident('demo-zhaozhiqiang')).token;
  [staffSock, liuSock, zhaoSock] = await Promise.all([s.socket(admin), s.socket(liufang), s.socket(zhao)]);
});
afterAll(() => s.close());

/** Resolves true when no matching event arrives within `ms`. */
function silent(sock: Socket, event: string, filter: (p: any) => boolean, ms = 400): Promise<boolean> {
  return nextEvent(sock, event, ms, filter).then(
    () => false,
    () => true,
  );
}

const post = (token: string, body: Record<string, unknown>) => s.request('POST', '/api/posts', { token, body: { category: '建议', ...body } });
const list = async (token: string, qs = '') => (await s.request('GET', `/api/posts?limit=50${qs}`, { token })).body.items as any[];
const ids = (items: any[]) => items.map((p) => p.id);

describe('realtime', () => {
  it('a published post reaches staff and every resident; the author sees it as theirs', async () => {
    const text = '楼下路灯晚上不亮，走路不方便';
    const forStaff = nextEvent(staffSock, 'post:created', 5000, (p) => p.text === text);
    const forOther = nextEvent(zhaoSock, 'post:created', 5000, (p) => p.text === text);
    const forAuthor = nextEvent(liuSock, 'post:created', 5000, (p) => p.text === text);
    const r = await post(liufang, { text });
    expect(r.status).toBe(201);
    const [a, b, c] = await Promise.all([forStaff, forOther, forAuthor]);
    expect(a).toMatchObject({ id: r.body.id, status: 'published', author: { name: '刘芳', residentId: expect.any(String) } });
    expect(b).toMatchObject({ id: r.body.id, mine: false, author: { name: '刘*', building: '3号楼' } });
    expect(b.author.residentId).toBeUndefined();
    expect(c).toMatchObject({ id: r.body.id, mine: true, author: { name: '刘芳' } });

    // Replies: a staff reply is official and reaches everyone.
    const replied = nextEvent(zhaoSock, 'post:replied', 5000, (e) => e.postId === r.body.id);
    const staffReplied = nextEvent(staffSock, 'post:replied', 5000, (e) => e.postId === r.body.id);
    const rep = await s.request('POST', `/api/posts/${r.body.id}/replies`, { token: admin, body: { text: '已报修，今晚修好' } });
    expect(rep.status).toBe(201);
    expect(rep.body).toMatchObject({ official: true, status: 'visible', author: { kind: 'staff', name: '社区管理员' } });
    expect(await replied).toMatchObject({ replyCount: 1, reply: { official: true, text: '已报修，今晚修好' } });
    expect((await staffReplied).reply.id).toBe(rep.body.id);
  });
});

describe('sensitive-word hold', () => {
  let heldId: string;

  it('holds a matching post for review instead of publishing it — even when the word is disguised', async () => {
    const text = '周末来3号楼地下室玩，赌 博★有彩头';
    const staffGot = nextEvent(staffSock, 'post:created', 5000, (p) => p.text === text);
    const othersQuiet = silent(zhaoSock, 'post:created', (p) => p.text === text);
    const r = await post(zhao, { text });
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('held');
    expect(r.body.mine).toBe(true);
    expect(r.body.heldWords).toBeUndefined(); // the author is not told which word
    heldId = r.body.id;
    expect(await staffGot).toMatchObject({ id: heldId, status: 'held', heldWords: ['赌博'] });
    expect(await othersQuiet).toBe(true);

    // Not on the board for others; the author sees it as 待审核; staff find it in the review queue.
    expect(ids(await list(liufang))).not.toContain(heldId);
    expect((await s.request('GET', `/api/posts/${heldId}`, { token: liufang })).status).toBe(404);
    const own = await list(zhao);
    expect(own.find((p) => p.id === heldId)?.status).toBe('held');
    const queue = await list(admin, '&status=held');
    expect(queue.map((p) => p.status).every((st) => st === 'held')).toBe(true);
    expect(ids(queue)).toContain(heldId);
    // Residents cannot reply to a held post.
    expect((await s.request('POST', `/api/posts/${heldId}/replies`, { token: zhao, body: { text: '顶' } })).status).toBe(409);
  });

  it('approving publishes it to everyone', async () => {
    const forOthers = nextEvent(liuSock, 'post:created', 5000, (p) => p.id === heldId);
    const r = await s.request('POST', `/api/posts/${heldId}/approve`, { token: grid });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('published');
    expect(r.body.log.map((e: any) => e.action)).toEqual(['held', 'approved']);
    expect((await forOthers).status).toBe('published');
    expect(ids(await list(liufang))).toContain(heldId);
    const again = await s.request('POST', `/api/posts/${heldId}/approve`, { token: admin });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/已发布/);
  });

  it('the word list is staff-managed and takes effect at once', async () => {
    const words = (await s.request('GET', '/api/board/sensitive-words', { token: admin })).body.words;
    expect(words).toContain('赌博');
    const put = await s.request('PUT', '/api/board/sensitive-words', { token: admin, body: { words: [...words, 'ＶＸ加我'] } });
    expect(put.status).toBe(200);
    const r = await post(liufang, { text: '便宜出租车位，vx加我详聊' });
    expect(r.body.status).toBe('held');
    expect((await s.request('PUT', '/api/board/sensitive-words', { token: liufang, body: { words: [] } })).status).toBe(403);
    expect((await s.request('PUT', '/api/board/sensitive-words', { token: grid, body: { words: [] } })).status).toBe(403);
    expect((await s.request('GET', '/api/board/sensitive-words', { token: zhao })).status).toBe(403);
    // Staff are trusted: a desk registration with the word is published.
    const staffPost = await post(admin, { text: '提醒：有人发「VX加我」的小广告，请勿理会' });
    expect(staffPost.body.status).toBe('published');
  });

  it('a reply with a sensitive word is held too, visible to its author and staff until approved', async () => {
    const target = await post(liufang, { text: '谁家有梯子借用一下' });
    const id = target.body.id;
    const staffGot = nextEvent(staffSock, 'post:replied', 5000, (e) => e.postId === id);
    const othersQuiet = silent(liuSock, 'post:replied', (e) => e.postId === id);
    const rep = await s.request('POST', `/api/posts/${id}/replies`, { token: zhao, body: { text: '有，顺便带你去赌博' } });
    expect(rep.status).toBe(201);
    expect(rep.body.status).toBe('held');
    expect((await staffGot).reply).toMatchObject({ status: 'held', heldWords: ['赌博'] });
    expect(await othersQuiet).toBe(true);
    const seenByOwner = (await s.request('GET', `/api/posts/${id}`, { token: liufang })).body;
    expect(seenByOwner.replies).toEqual([]);
    expect(seenByOwner.replyCount).toBe(0);
    const seenByAuthor = (await s.request('GET', `/api/posts/${id}`, { token: zhao })).body;
    expect(seenByAuthor.replies.map((x: any) => [x.status, x.mine])).toEqual([['held', true]]);
    const ok = await s.request('POST', `/api/posts/${id}/replies/${rep.body.id}/approve`, { token: admin });
    expect(ok.status).toBe(200);
    expect((await s.request('GET', `/api/posts/${id}`, { token: liufang })).body.replyCount).toBe(1);
  });
});

describe('hide and restore', () => {
  it('hides a post with a reason: residents no longer see it, its author sees why; restore brings it back', async () => {
    const r = await post(liufang, { text: '3号楼有人高空抛物，太危险了' });
    const id = r.body.id;
    expect(ids(await list(zhao))).toContain(id);

    const removed = nextEvent(zhaoSock, 'post:removed', 5000, (e) => e.id === id);
    const ownerUpdate = nextEvent(liuSock, 'post:updated', 5000, (p) => p.id === id);
    const ownerNotRemoved = silent(liuSock, 'post:removed', (e) => e.id === id);
    const hidden = await s.request('POST', `/api/posts/${id}/hide`, { token: admin, body: { reason: '涉及未经核实的指控，已转网格员核实' } });
    expect(hidden.status).toBe(200);
    expect(hidden.body).toMatchObject({ status: 'hidden', hidden: { reason: '涉及未经核实的指控，已转网格员核实', by: '社区管理员' } });
    await removed;
    expect(await ownerUpdate).toMatchObject({ status: 'hidden', hidden: { reason: '涉及未经核实的指控，已转网格员核实', by: '社区' } });
    expect(await ownerNotRemoved).toBe(true);

    expect(ids(await list(zhao))).not.toContain(id);
    expect((await s.request('GET', `/api/posts/${id}`, { token: zhao })).status).toBe(404);
    expect((await s.request('POST', `/api/posts/${id}/replies`, { token: zhao, body: { text: '真的吗' } })).status).toBe(404);
    const own = await s.request('GET', `/api/posts/${id}`, { token: liufang });
    expect(own.body.hidden.reason).toBe('涉及未经核实的指控，已转网格员核实');
    expect(ids(await list(admin, '&status=hidden'))).toContain(id);
    expect((await s.request('POST', `/api/posts/${id}/hide`, { token: admin, body: { reason: '再次' } })).status).toBe(409);

    const back = nextEvent(zhaoSock, 'post:created', 5000, (p) => p.id === id);
    const restored = await s.request('POST', `/api/posts/${id}/restore`, { token: admin, body: { reason: '网格员核实属实' } });
    expect(restored.status).toBe(200);
    expect(restored.body.status).toBe('published');
    expect(restored.body.hidden).toBeUndefined();
    expect(restored.body.log.map((e: any) => [e.action, e.reason ?? null])).toEqual([
      ['hidden', '涉及未经核实的指控，已转网格员核实'],
      ['restored', '网格员核实属实'],
    ]);
    await back;
    expect(ids(await list(zhao))).toContain(id);
    expect((await s.request('POST', `/api/posts/${id}/restore`, { token: admin })).status).toBe(409);
  });

  it('hides and restores a reply; residents do not see a hidden reply', async () => {
    const p = await post(zhao, { text: '小区东门的快递柜满了' });
    const id = p.body.id;
    const rep = await s.request('POST', `/api/posts/${id}/replies`, { token: liufang, body: { text: '物业就是不作为！' } });
    const rid = rep.body.id;
    const upd = nextEvent(zhaoSock, 'post:updated', 5000, (x) => x.id === id);
    const h = await s.request('POST', `/api/posts/${id}/replies/${rid}/hide`, { token: grid, body: { reason: '情绪化表述' } });
    expect(h.status).toBe(200);
    expect(h.body.replies[0]).toMatchObject({ status: 'hidden', hidden: { reason: '情绪化表述', by: '王刚（网格员）' } });
    expect((await upd).replies).toEqual([]);
    const forOther = (await s.request('GET', `/api/posts/${id}`, { token: zhao })).body;
    expect(forOther.replies).toEqual([]);
    expect(forOther.replyCount).toBe(0);
    const forAuthor = (await s.request('GET', `/api/posts/${id}`, { token: liufang })).body;
    expect(forAuthor.replies[0]).toMatchObject({ status: 'hidden', mine: true, hidden: { reason: '情绪化表述' } });
    expect((await s.request('POST', `/api/posts/${id}/replies/${rid}/hide`, { token: admin, body: { reason: 'x' } })).status).toBe(409);
    const back = await s.request('POST', `/api/posts/${id}/replies/${rid}/restore`, { token: admin });
    expect(back.body.replies[0].status).toBe('visible');
    expect((await s.request('GET', `/api/posts/${id}`, { token: zhao })).body.replyCount).toBe(1);
    expect((await s.request('POST', `/api/posts/${id}/replies/0123456789abcdef01234567/hide`, { token: admin, body: { reason: 'x' } })).status).toBe(404);
  });

  it('a reply landing while another is moderated is not lost', async () => {
    const p = await post(zhao, { text: '周六上午义诊在哪里' });
    const id = p.body.id;
    const first = await s.request('POST', `/api/posts/${id}/replies`, { token: liufang, body: { text: '在服务大厅' } });
    const results = await Promise.all([
      s.request('POST', `/api/posts/${id}/replies/${first.body.id}/hide`, { token: admin, body: { reason: '信息不准确' } }),
      ...Array.from({ length: 5 }, (_, i) => s.request('POST', `/api/posts/${id}/replies`, { token: admin, body: { text: `官方回复 ${i}` } })),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 201, 201, 201, 201, 201]);
    const after = (await s.request('GET', `/api/posts/${id}`, { token: admin })).body;
    expect(after.replies).toHaveLength(6);
    expect(after.replies.find((r: any) => r.id === first.body.id).status).toBe('hidden');
  });

  it('only moderators moderate', async () => {
    const p = await post(zhao, { text: '建议在5号楼加装扶手' });
    for (const path of ['hide', 'restore', 'approve']) {
      const r = await s.request('POST', `/api/posts/${p.body.id}/${path}`, { token: liufang, body: { reason: '不喜欢' } });
      expect([path, r.status]).toEqual([path, 403]);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const finance = await s.loginStaff('caiwu');
    expect((await s.request('POST', `/api/posts/${p.body.id}/hide`, { token: finance, body: { reason: 'x' } })).status).toBe(403);
    expect((await s.request('GET', `/api/posts/${p.body.id}`, { token: zhao })).body.status).toBe('published');
  });
});
