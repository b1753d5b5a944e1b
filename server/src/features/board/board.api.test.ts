// Board over real HTTP: posting, visibility, desk registration, photos, post → ticket links, rate limit, pagination, bad input.
import { nextEvent, startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
let admin: string;
let grid46: string; // 刘敏, 4-6号楼
let liufang: string; // 刘芳, 3号楼
let zhao: string; // 赵志强, 2号楼
let wangId: string; // 王秀兰, 1号楼 (no smartphone: registered at the desk)
const bot = 'test-bot-token-0123456789';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]);
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(100, 32)]);

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
  grid46 = await s.loginStaff('liumin');
  liufang = (await s.loginResident('demo-resident')).token;
  zhao = (await s.loginResident('demo-zhaozhiqiang')).token;
  const residents = await s.request('GET', '/api/residents?limit=200', { token: admin });
  wangId = residents.body.items.find((r: any) => r.name === '王秀兰').id;
});
afterAll(() => s.close());

const post = (token: string, body: Record<string, unknown>) => s.request('POST', '/api/posts', { token, body: { category: '求助', ...body } });
const list = async (token: string, qs = '') => (await s.request('GET', `/api/posts?limit=50${qs}`, { token })).body.items as any[];
async function upload(token: string, data: Buffer, name: string, type: string) {
  const fd = new FormData();
  fd.append('file', new Blob([data], { type }), name);
  const r = await s.request('POST', '/api/uploads', { token, raw: fd });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

describe('the demo board', () => {
  it('is seeded with posts like the real 24小时留言板, including a desk registration', async () => {
    const items = await list(zhao);
    expect(items.some((p) => p.text.includes('树叶') && p.replies[0]?.official)).toBe(true);
    const desk = items.find((p) => p.channel === 'desk');
    expect(desk.author.name).toBe('王**');
    expect(desk.registeredBy).toBeUndefined();
  });
});

describe('posting and reading', () => {
  it('a resident posts with photos; every resident of the community can see the photos', async () => {
    const photo = await upload(liufang, PNG, 'leaves.png', 'image/png');
    const r = await post(liufang, { category: '建议', text: '大风过后3号楼前的树叶请及时清理', photos: [photo] });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ category: '建议', status: 'published', channel: 'app', mine: true, replyCount: 0, replies: [] });
    expect(r.body.photos).toEqual([expect.objectContaining({ id: photo, mime: 'image/png', url: expect.stringContaining(`/api/uploads/${photo}?`) })]);
    // Marked public: another resident fetches it with their own token (not only through the signed URL).
    const file = await fetch(`${s.url}/api/uploads/${photo}`, { headers: { authorization: `Bearer ${zhao}` } });
    expect(file.status).toBe(200);
    const seen = await s.request('GET', `/api/posts/${r.body.id}`, { token: zhao });
    expect(seen.body).toMatchObject({ mine: false, author: { kind: 'resident', name: '刘*', building: '3号楼' } });
    expect(seen.body.photos[0].id).toBe(photo);
  });

  it('refuses someone else\'s upload and non-image files', async () => {
    const theirs = await upload(liufang, PNG, 'x.png', 'image/png');
    const r = await post(zhao, { text: '看这张图', photos: [theirs] });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/自己上传/);
    const pdf = await upload(zhao, PDF, 'a.pdf', 'application/pdf');
    const r2 = await post(zhao, { text: '看这个文件', photos: [pdf] });
    expect(r2.status).toBe(422);
    expect(r2.body.error.message).toMatch(/图片/);
  });

  it('filters by category and "mine", newest first with keyset pagination', async () => {
    await post(zhao, { category: '闲置', text: '闲置婴儿车一辆，免费送' });
    await post(zhao, { category: '表扬', text: '表扬网格员王刚，半夜帮忙修水管' });
    const xianzhi = await list(zhao, `&category=${encodeURIComponent('闲置')}`);
    expect(xianzhi.length).toBeGreaterThanOrEqual(2);
    expect(xianzhi.every((p) => p.category === '闲置')).toBe(true);
    const mine = await list(zhao, '&mine=1');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((p) => p.mine)).toBe(true);

    const all = await list(admin);
    const p1 = await s.request('GET', '/api/posts?limit=3', { token: admin });
    const p2 = await s.request('GET', `/api/posts?limit=3&cursor=${p1.body.nextCursor}`, { token: admin });
    const paged = [...p1.body.items, ...p2.body.items].map((p: any) => p.id);
    expect(paged).toEqual(all.slice(0, 6).map((p) => p.id));
    expect([...paged].sort().reverse()).toEqual(paged);
  });

  it('lists show the latest few replies and the count; the detail shows them all', async () => {
    const p = await post(zhao, { text: '谁知道社区诊所几点开门' });
    for (let i = 1; i <= 5; i++) await s.request('POST', `/api/posts/${p.body.id}/replies`, { token: liufang, body: { text: `回复${i}` } });
    const inList = (await list(zhao)).find((x) => x.id === p.body.id);
    expect(inList.replyCount).toBe(5);
    expect(inList.replies.map((r: any) => r.text)).toEqual(['回复3', '回复4', '回复5']);
    expect(inList.replies[0]).toMatchObject({ official: false, mine: false, author: { name: '刘*' } });
    const detail = await s.request('GET', `/api/posts/${p.body.id}`, { token: liufang });
    expect(detail.body.replies).toHaveLength(5);
    expect(detail.body.replies[0].mine).toBe(true);
  });

  it('the bot reads published posts but cannot post; a login is required', async () => {
    const items = await list(bot);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((p) => p.status === 'published')).toBe(true);
    expect((await post(bot, { text: '机器人发帖' })).status).toBe(403);
    expect((await s.request('GET', '/api/posts')).status).toBe(401);
  });

  it('an unregistered WeChat user may read but not post', async () => {
    const { token } = await s.loginResident('someone-new-123');
    expect((await s.request('GET', '/api/posts', { token })).status).toBe(200);
    const r = await post(token, { text: '我想发帖' });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/登记/);
  });
});

describe('desk registration', () => {
  it('staff post for a resident who came to the desk; that resident then sees it as theirs', async () => {
    const { token: wang } = await s.loginResident('demo-wangxiulan');
    const wangSock = await s.socket(wang);
    const zhaoSock = await s.socket(zhao);
    const text = '1号楼一单元楼道灯坏了，晚上下楼看不见';
    const forWang = nextEvent(wangSock, 'post:created', 5000, (p) => p.text === text);
    const forZhao = nextEvent(zhaoSock, 'post:created', 5000, (p) => p.text === text);
    const r = await post(admin, { category: '求助', text, residentId: wangId });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      channel: 'desk',
      status: 'published',
      author: { kind: 'resident', name: '王秀兰', building: '1号楼', residentId: wangId },
      registeredBy: { name: '社区管理员' },
      mine: false,
    });
    expect(await forWang).toMatchObject({ mine: true, author: { name: '王秀兰' } });
    expect(await forZhao).toMatchObject({ mine: false, author: { name: '王**' } });
    const mine = await list(wang, '&mine=1');
    expect(mine.map((p) => p.id)).toContain(r.body.id);
    expect(mine.find((p) => p.id === r.body.id)).toMatchObject({ mine: true, channel: 'desk' });
    expect(mine.find((p) => p.id === r.body.id).registeredBy).toBeUndefined();
  });

  it('a staff post without a resident is the community\'s own', async () => {
    const r = await post(admin, { category: '失物招领', text: '大厅捡到老花镜一副' });
    expect(r.body).toMatchObject({ channel: 'staff', author: { kind: 'staff', name: '社区管理员' }, mine: false });
  });
});

describe('post → ticket', () => {
  it('staff turn a post into a desk ticket for its resident, linked both ways', async () => {
    const photo = await upload(liufang, PNG, 'pipe.png', 'image/png');
    const p = await post(liufang, { category: '求助', text: '3号楼2单元楼道水管漏水，地上全是水', photos: [photo] });
    const upd = (await s.socket(liufang)) as any;
    const ownerUpdate = nextEvent(upd, 'post:updated', 5000, (x) => x.id === p.body.id);
    const r = await s.request('POST', `/api/posts/${p.body.id}/ticket`, { token: admin, body: { category: '水电', title: '3号楼楼道水管漏水' } });
    expect(r.status).toBe(201);
    expect(r.body.ticket).toEqual({ id: expect.stringMatching(/^[0-9a-f]{24}$/), no: expect.stringMatching(/^BM-\d{6}$/) });
    expect(r.body.log.map((e: any) => e.action)).toContain('ticket');
    expect((await ownerUpdate).ticket.no).toBe(r.body.ticket.no);

    const t = await s.request('GET', `/api/tickets/${r.body.ticket.id}`, { token: admin });
    expect(t.body).toMatchObject({
      channel: 'desk',
      category: '水电',
      title: '3号楼楼道水管漏水',
      description: '3号楼2单元楼道水管漏水，地上全是水',
      reporter: { name: '刘芳', residentId: expect.any(String) },
      location: { building: '3号楼' },
    });
    expect(t.body.attachments.map((a: any) => a.id)).toEqual([photo]);
    const firstNote = t.body.timeline.find((e: any) => e.note);
    expect(firstNote.note).toContain(p.body.id);
    // The resident follows it as their own ticket.
    const theirs = await s.request('GET', `/api/tickets/${r.body.ticket.id}`, { token: liufang });
    expect(theirs.status).toBe(200);
    expect((await s.request('GET', '/api/tickets?mine=1', { token: liufang })).body.items.map((x: any) => x.id)).toContain(r.body.ticket.id);
    // And the post shows the link to everyone.
    expect((await s.request('GET', `/api/posts/${p.body.id}`, { token: zhao })).body.ticket.no).toBe(r.body.ticket.no);

    const again = await s.request('POST', `/api/posts/${p.body.id}/ticket`, { token: admin, body: { category: '水电' } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(r.body.ticket.no);

    // When the ticket is resolved, the post gets an official reply that says so.
    const replied = nextEvent(upd, 'post:replied', 5000, (e) => e.postId === p.body.id);
    for (const action of ['accept', 'start', 'resolve']) {
      const moved = await s.request('POST', `/api/tickets/${r.body.ticket.id}/transition`, { token: admin, body: { action } });
      expect([action, moved.status]).toEqual([action, 200]);
    }
    expect((await replied).reply).toMatchObject({ official: true, author: { name: '社区' } });
    const closed = (await s.request('GET', `/api/posts/${p.body.id}`, { token: zhao })).body;
    expect(closed.replies.at(-1).text).toContain(`已办结（工单 ${r.body.ticket.no}）`);
  });

  it('two clicks at once create one ticket', async () => {
    const p = await post(zhao, { text: '2号楼门禁刷不开' });
    const [a, b] = await Promise.all([
      s.request('POST', `/api/posts/${p.body.id}/ticket`, { token: admin, body: { category: '公共设施' } }),
      s.request('POST', `/api/posts/${p.body.id}/ticket`, { token: admin, body: { category: '公共设施' } }),
    ]);
    const ok = [a, b].filter((x) => x.status === 201 || x.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const x of [a, b]) expect([200, 201, 409]).toContain(x.status);
    const post2 = (await s.request('GET', `/api/posts/${p.body.id}`, { token: admin })).body;
    const tickets = (await s.request('GET', '/api/tickets?limit=100', { token: admin })).body.items.filter(
      (t: any) => t.description === '2号楼门禁刷不开',
    );
    expect(tickets.map((t: any) => t.id)).toEqual([post2.ticket.id]);
  });

  it('refuses residents, grid workers outside their buildings, and posts without a resident', async () => {
    const p = await post(liufang, { text: '3号楼垃圾桶满了' });
    const byResident = await s.request('POST', `/api/posts/${p.body.id}/ticket`, { token: liufang, body: { category: '环境卫生' } });
    expect(byResident.status).toBe(403);
    const byGrid = await s.request('POST', `/api/posts/${p.body.id}/ticket`, { token: grid46, body: { category: '环境卫生' } });
    expect(byGrid.status).toBe(403);
    expect(byGrid.body.error.message).toMatch(/楼栋/);
    const staffPost = await post(admin, { category: '失物招领', text: '捡到雨伞' });
    const noResident = await s.request('POST', `/api/posts/${staffPost.body.id}/ticket`, { token: admin, body: { category: '其他' } });
    expect(noResident.status).toBe(409);
    expect((await s.request('GET', `/api/posts/${p.body.id}`, { token: admin })).body.ticket).toBeUndefined();
  });
});

describe('rate limit', () => {
  it('a resident can post 5 times in 10 minutes, then is told to wait; others are unaffected', async () => {
    const created = await s.request('POST', '/api/residents', {
      token: admin,
      body: { name: '钱多多', birthYear: 1985, building: '4号楼', unit: '1单元', room: '302', openid: 'rate-limit-tester' },
    });
    expect(created.status).toBe(201);
    const { token } = await s.loginResident('rate-limit-tester');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(token, { category: '闲置', text: `出闲置物品 ${i}` })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    const limited = await post(token, { text: '再发一条' });
    expect(limited.body.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/太频繁/) });
    expect((await list(admin)).filter((p) => p.author.name === '钱多多')).toHaveLength(5);
    expect((await post(liufang, { text: '我不受影响' })).status).toBe(201);
    // Replies have their own allowance.
    const target = (await list(token, '&mine=1'))[0].id;
    const replies: number[] = [];
    for (let i = 0; i < 21; i++) replies.push((await s.request('POST', `/api/posts/${target}/replies`, { token, body: { text: `回复 ${i}` } })).status);
    expect(replies.slice(0, 20).every((x) => x === 201)).toBe(true);
    expect(replies[20]).toBe(429);
    // Staff replies are never limited.
    expect((await s.request('POST', `/api/posts/${target}/replies`, { token: admin, body: { text: '已看到' } })).status).toBe(201);
  });
});

describe('bad input', () => {
  it('every endpoint rejects bad input with a Chinese message and changes nothing', async () => {
    const snapshot = async () => JSON.stringify((await list(admin)).map((p) => [p.id, p.status, p.replies.length, p.ticket ?? null]));
    const before = await snapshot();
    const words = (await s.request('GET', '/api/board/sensitive-words', { token: admin })).body.words;
    const target = (await post(liufang, { text: '用于错误输入测试' })).body.id;
    const baseline = await snapshot();
    expect(baseline).not.toBe(before);

    const expect422 = (r: { status: number; body: any }, label: unknown) => {
      expect([label, r.status]).toEqual([label, 422]);
      expect(r.body.error.code).toBe('VALIDATION');
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    };
    const badPosts: Array<[string, Record<string, unknown>]> = [
      [liufang, { category: '广告' }],
      [liufang, { text: '' }],
      [liufang, { text: '   ' }],
      [liufang, { text: 'x'.repeat(1001) }],
      [liufang, { text: 'ok', photos: ['nothex'] }],
      [liufang, { text: 'ok', photos: ['0123456789abcdef01234567'] }],
      [liufang, { text: 'ok', photos: Array.from({ length: 10 }, () => '0123456789abcdef01234567') }],
      [liufang, { text: 'ok', pinned: true }],
      [liufang, { text: 'ok', residentId: wangId }],
      [admin, { text: 'ok', residentId: '0123456789abcdef01234567' }],
      [admin, { text: 'ok', residentId: 'abc' }],
    ];
    for (const [token, b] of badPosts) {
      const body = { category: '求助', text: 'ok', ...b };
      expect422(await s.request('POST', '/api/posts', { token, body }), b);
    }
    expect422(await s.request('POST', '/api/posts', { token: liufang, body: '{"text":' }), 'malformed');
    const huge = await s.request('POST', '/api/posts', { token: liufang, body: JSON.stringify({ text: 'x'.repeat(400_000) }) });
    expect(huge.status).toBe(413);

    for (const qs of ['category=广告', 'status=deleted', 'limit=0', 'limit=51', 'cursor=' + 'x'.repeat(201), 'mine=yes', 'foo=1']) {
      expect422(await s.request('GET', `/api/posts?${encodeURI(qs)}`, { token: liufang }), qs);
    }
    expect422(await s.request('GET', '/api/posts?mine=1', { token: admin }), 'staff mine');
    expect422(await s.request('GET', '/api/posts/not-an-id', { token: liufang }), 'bad id');
    expect((await s.request('GET', '/api/posts/0123456789abcdef01234567', { token: liufang })).status).toBe(404);

    for (const b of [{}, { text: '' }, { text: 'x'.repeat(501) }, { text: 'ok', official: true }]) {
      expect422(await s.request('POST', `/api/posts/${target}/replies`, { token: liufang, body: b }), b);
    }
    expect422(await s.request('POST', '/api/posts/nope/replies', { token: liufang, body: { text: 'ok' } }), 'reply bad id');
    expect((await s.request('POST', '/api/posts/0123456789abcdef01234567/replies', { token: liufang, body: { text: 'ok' } })).status).toBe(404);

    for (const b of [{}, { reason: '' }, { reason: 'x'.repeat(201) }, { reason: 'ok', extra: 1 }]) {
      expect422(await s.request('POST', `/api/posts/${target}/hide`, { token: admin, body: b }), b);
      expect422(await s.request('POST', `/api/posts/${target}/replies/0123456789abcdef01234567/hide`, { token: admin, body: b }), b);
    }
    expect422(await s.request('POST', `/api/posts/${target}/replies/nope/restore`, { token: admin }), 'bad reply id');
    for (const path of ['restore', 'approve']) {
      expect422(await s.request('POST', `/api/posts/${target}/${path}`, { token: admin, body: { reason: '' } }), path);
      expect422(await s.request('POST', `/api/posts/${target}/${path}`, { token: admin, body: { note: 'x' } }), path);
    }
    expect((await s.request('POST', '/api/posts/0123456789abcdef01234567/hide', { token: admin, body: { reason: '测试' } })).status).toBe(404);
    expect((await s.request('POST', `/api/posts/${target}/approve`, { token: admin })).status).toBe(409);
    expect((await s.request('POST', `/api/posts/${target}/restore`, { token: admin })).status).toBe(409);

    for (const b of [{}, { category: '不存在' }, { category: '水电', title: '' }, { category: '水电', channel: 'app' }]) {
      expect422(await s.request('POST', `/api/posts/${target}/ticket`, { token: admin, body: b }), b);
    }

    for (const b of [{}, { words: '赌博' }, { words: [''] }, { words: ['x'.repeat(21)] }, { words: ['★★'] }, { words: Array.from({ length: 501 }, (_, i) => `词${i}`) }]) {
      expect422(await s.request('PUT', '/api/board/sensitive-words', { token: admin, body: b }), JSON.stringify(b).slice(0, 40));
    }

    expect(await snapshot()).toBe(baseline);
    expect((await s.request('GET', '/api/board/sensitive-words', { token: admin })).body.words).toEqual(words);
  });
});
