// Tickets over real HTTP and sockets: creation, validation, visibility, numbering and concurrency.
import { nextEvent, startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
let admin: string;
let resident: string;
let other: string;

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
  resident = (await s.loginResident('demo-resident')).token; // 刘芳, 3号楼
  other = (await s.loginResident('demo-zhaozhiqiang')).token; // 赵志强, 2号楼
});
afterAll(() => s.close());

const report = (token: string, body: Record<string, unknown> = {}) =>
  s.request('POST', '/api/tickets', { token, body: { category: '电梯', description: '3号楼电梯又坏了', channel: 'app', ...body } });

describe('creating tickets', () => {
  it('a resident report gets a number, their home as location and an SLA from the category', async () => {
    const before = Date.now();
    const r = await report(resident);
    expect(r.status).toBe(201);
    expect(r.body.no).toMatch(/^BM-\d{6}$/);
    expect(r.body.status).toBe('submitted');
    expect(r.body.location).toEqual({ building: '3号楼', unit: '1单元', room: '402' });
    expect(r.body.reporter.name).toBe('刘芳');
    const sla = new Date(r.body.slaDueAt).getTime() - before;
    expect(sla).toBeGreaterThan(3.9 * 3600_000); // 电梯: 4 h
    expect(sla).toBeLessThan(4.1 * 3600_000);
    expect(r.body.timeline.map((e: any) => e.kind)).toEqual(['created']);
  });

  it('rejects bad input with a Chinese message and creates nothing', async () => {
    const count = async () => (await s.request('GET', '/api/tickets?limit=100', { token: admin })).body.items.length;
    const n = await count();
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ category: '不存在' }, 422],
      [{ description: '' }, 422],
      [{ description: 'x'.repeat(2001) }, 422],
      [{ unknownField: 1 }, 422],
      [{ channel: 'desk' }, 422],
      [{ attachments: ['nothex'] }, 422],
      [{ attachments: ['0123456789abcdef01234567'] }, 422],
    ];
    for (const [patch, status] of cases) {
      const r = await report(resident, patch);
      expect([patch, r.status]).toEqual([patch, status]);
      expect(r.body.error.code).toBe('VALIDATION');
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
      // Field details too: zod's defaults are replaced by Chinese ones (contracts/src/zod-zh.ts).
      expect((r.body.error.details ?? []).filter((d: any) => !/[\u4e00-\u9fa5]/.test(d.message))).toEqual([]);
    }
    const missing = await s.request('POST', '/api/tickets', { token: resident, body: { channel: 'app', description: '没写类别' } });
    expect(missing.body.error.details).toContainEqual({ path: 'category', message: '必填' });
    const malformed = await s.request('POST', '/api/tickets', { token: resident, body: '{"category":' });
    expect(malformed.status).toBe(422);
    const huge = await s.request('POST', '/api/tickets', { token: resident, body: JSON.stringify({ description: 'x'.repeat(400_000) }) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('TOO_LARGE');
    expect(await count()).toBe(n);
  });

  it('requires a token', async () => {
    const r = await s.request('POST', '/api/tickets', { body: { category: '电梯', description: 'x', channel: 'app' } });
    expect(r.status).toBe(401);
    const forged = await report('eyJhbGciOiJIUzI1NiJ9.eyJraW5kIjoic3RhZmYifQ.bad');
    expect(forged.status).toBe(401);
  });

  it('desk registration needs a reporter and links a registered resident', async () => {
    const missing = await s.request('POST', '/api/tickets', { token: admin, body: { category: '水电', description: '厨房漏水', channel: 'desk' } });
    expect(missing.status).toBe(422);
    const list = await s.request('GET', '/api/residents?q=陈德明', { token: admin });
    const chen = list.body.items[0];
    const r = await s.request('POST', '/api/tickets', {
      token: admin,
      body: { category: '水电', description: '厨房漏水', channel: 'desk', reporter: { name: '陈德明', residentId: chen.id } },
    });
    expect(r.status).toBe(201);
    expect(r.body.channel).toBe('desk');
    expect(r.body.location.building).toBe('3号楼');
    expect(r.body.slaDueAt).toBeDefined();
  });

  it('a resident is rate-limited per hour, with a clear 429', async () => {
    const { token } = await s.loginResident('rate-limit-test', '限流测试');
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => report(token, { description: `连续报事 ${i}` })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((st) => st === 201)).toHaveLength(20);
    expect(statuses.filter((st) => st === 429)).toHaveLength(4);
    expect(results.find((r) => r.status === 429)!.body.error.message).toMatch(/频繁/);
  });

  it('parallel creates get distinct, consecutive numbers', async () => {
    const staffResults = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        s.request('POST', '/api/tickets', {
          token: admin,
          body: { category: '其他', description: `窗口登记 ${i}`, channel: 'desk', reporter: { name: `居民${i}` } },
        }),
      ),
    );
    expect(staffResults.every((r) => r.status === 201)).toBe(true);
    const seqs = staffResults.map((r) => Number(r.body.no.slice(3))).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(30);
    expect(seqs[29]! - seqs[0]!).toBe(29);
  });

  it('the same Idempotency-Key returns the same ticket, even when sent in parallel', async () => {
    const botBody = {
      category: '路灯照明',
      description: '5号楼门口路灯不亮',
      channel: 'bot',
      reporter: { name: '王奶奶', wechatName: '王奶奶', roomTopic: '北门社区居民群' },
    };
    const send = () =>
      s.request('POST', '/api/tickets', { token: s.config.BOT_TOKEN, body: botBody, headers: { 'Idempotency-Key': 'bot-msg-0001-abc' } });
    const [a, b, c] = await Promise.all([send(), send(), send()]);
    const ids = new Set([a, b, c].map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect([a, b, c].map((r) => r.status).sort()).toEqual([200, 200, 201]);
    const again = await send();
    expect(again.status).toBe(200);
    expect(again.body.no).toBe(a.body.no);
    // A WeChat display name alone links no resident (anyone can take it); a bound contact id does (bot-feed test).
    expect(a.body.reporter.residentId).toBeUndefined();
  });
});

describe('visibility', () => {
  let mine: any;
  beforeAll(async () => {
    mine = (await report(other, { category: '噪音扰民', description: '楼上装修太吵' })).body;
  });

  it('a resident cannot read or act on another resident’s ticket', async () => {
    const read = await s.request('GET', `/api/tickets/${mine.id}`, { token: resident });
    expect(read.status).toBe(404);
    const act = await s.request('POST', `/api/tickets/${mine.id}/transition`, { token: resident, body: { action: 'cancel' } });
    expect(act.status).toBe(404);
    const urge = await s.request('POST', `/api/tickets/${mine.id}/urge`, { token: resident });
    expect(urge.status).toBe(404);
    const list = await s.request('GET', '/api/tickets?limit=100', { token: resident });
    expect(list.body.items.every((t: any) => t.reporter.name === '刘芳')).toBe(true);
  });

  it('a grid worker sees only tickets in their buildings', async () => {
    const grid46 = await s.loginStaff('liumin'); // 4-6号楼
    const grid13 = await s.loginStaff('wanggang'); // 1-3号楼
    expect((await s.request('GET', `/api/tickets/${mine.id}`, { token: grid46 })).status).toBe(404);
    expect((await s.request('GET', `/api/tickets/${mine.id}`, { token: grid13 })).status).toBe(200);
    const list = await s.request('GET', '/api/tickets?limit=100', { token: grid46 });
    expect(list.body.items.every((t: any) => ['4号楼', '5号楼', '6号楼'].includes(t.location?.building))).toBe(true);
  });

  it('internal notes never reach residents, over HTTP or sockets', async () => {
    const sock = await s.socket(other);
    const publicEvent = nextEvent(sock, 'ticket:updated');
    await s.request('POST', `/api/tickets/${mine.id}/comments`, { token: admin, body: { body: '内部：联系物业', internal: true } });
    await s.request('POST', `/api/tickets/${mine.id}/comments`, { token: admin, body: { body: '已联系物业，明天上门' } });
    const pushed = await publicEvent;
    expect(pushed.timeline.some((e: any) => e.internal)).toBe(false);
    expect(pushed.timeline.some((e: any) => e.note === '已联系物业，明天上门')).toBe(true);
    const seen = await s.request('GET', `/api/tickets/${mine.id}`, { token: other });
    expect(seen.body.timeline.some((e: any) => e.note?.includes('内部'))).toBe(false);
    const staffSeen = await s.request('GET', `/api/tickets/${mine.id}`, { token: admin });
    expect(staffSeen.body.timeline.some((e: any) => e.note === '内部：联系物业' && e.internal)).toBe(true);
    const residentInternal = await s.request('POST', `/api/tickets/${mine.id}/comments`, { token: other, body: { body: 'x', internal: true } });
    expect(residentInternal.status).toBe(422);
  });
});

describe('listing', () => {
  it('pages with a keyset cursor without repeats or gaps', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const r = await s.request('GET', `/api/tickets?limit=7${q}`, { token: admin });
      expect(r.status).toBe(200);
      all.push(...r.body.items.map((t: any) => t.id));
      cursor = r.body.nextCursor;
    } while (cursor);
    const full = await s.request('GET', '/api/tickets?limit=100', { token: admin });
    expect(all).toEqual(full.body.items.map((t: any) => t.id));
    expect(new Set(all).size).toBe(all.length);
  });

  it('filters by status and category and rejects unknown query fields', async () => {
    const r = await s.request('GET', '/api/tickets?status=submitted&category=电梯&limit=100', { token: admin });
    expect(r.body.items.length).toBeGreaterThan(0);
    expect(r.body.items.every((t: any) => t.status === 'submitted' && t.category === '电梯')).toBe(true);
    expect((await s.request('GET', '/api/tickets?bogus=1', { token: admin })).status).toBe(422);
    expect((await s.request('GET', '/api/tickets?status=nope', { token: admin })).status).toBe(422);
    expect((await s.request('GET', '/api/tickets?limit=1000', { token: admin })).status).toBe(422);
  });
});

describe('realtime', () => {
  it('staff sockets get ticket:created; the reporter gets ticket:updated; no token, no socket', async () => {
    const staffSock = await s.socket(admin);
    const residentSock = await s.socket(resident);
    const created = nextEvent(staffSock, 'ticket:created');
    const r = await report(resident, { category: '环境卫生', description: '垃圾桶满了' });
    expect((await created).id).toBe(r.body.id);
    const updated = nextEvent(residentSock, 'ticket:updated', 5000, (t: any) => t.id === r.body.id);
    await s.request('POST', `/api/tickets/${r.body.id}/transition`, { token: admin, body: { action: 'accept' } });
    expect((await updated).status).toBe('accepted');
    await expect(s.socket('')).rejects.toThrow(/UNAUTHORIZED/);
    await expect(s.socket('forged.token.value')).rejects.toThrow(/UNAUTHORIZED/);
  });
});
