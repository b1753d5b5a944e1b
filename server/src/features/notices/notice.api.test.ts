// Notice API: publishing, resident visibility and feed order, safe Markdown, read receipts and CSV, editing rules, and every endpoint's bad input.
import ExcelJS from 'exceljs';
import { nextEvent, startTestServer, type TestServer } from '../../test-support/harness';

let srv: TestServer;
let admin: string;
let grid: string; // wanggang: 1-3号楼
let finance: string;
let liu: { token: string; resident: any }; // 刘芳, 3号楼, born 1990
let wang: { token: string; resident: any }; // 王秀兰, 1号楼, born 1941, 独居 高龄
let zhao: { token: string; resident: any }; // 赵志强, 2号楼, born 1982

const base = (extra: Record<string, unknown> = {}) => ({
  title: '测试通知',
  body: '正文',
  category: '通知',
  audience: { all: true },
  channels: ['feed', 'push'],
  ...extra,
});

beforeAll(async () => {
  srv = await startTestServer();
  admin = await srv.loginStaff();
  grid = await srv.loginStaff('wanggang');
  finance = await srv.loginStaff('caiwu');
  liu = await srv.loginResident('demo-resident');
  wang = await srv.loginResident('demo-wangxiulan');
  zhao = await srv.loginResident('demo-zhaozhiqiang');
});
afterAll(async () => {
  await srv?.close();
});

async function publish(body: Record<string, unknown>, token = admin) {
  const r = await srv.request('POST', '/api/notices', { token, body });
  if (r.status !== 201) throw new Error(`publish failed ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

const feedIds = async (token: string) => (await srv.request('GET', '/api/notices?limit=100', { token })).body.items.map((n: any) => n.id);

describe('publishing and visibility', () => {
  test('a building notice reaches that building only; others get 404; the push arrives in real time', async () => {
    const s = await srv.socket(liu.token);
    const got = nextEvent(s, 'notice:published', 5000, (n: any) => n.title === '3号楼停电');
    const n = await publish(base({ title: '3号楼停电', category: '停水停电', audience: { buildings: ['3号楼'] } }));
    expect(n.status).toBe('published');
    expect(n.recipientCount).toBe(2); // 刘芳, 陈德明
    const pushed = await got;
    expect(pushed.id).toBe(n.id);
    expect(pushed.audience).toBeUndefined(); // resident view
    expect(await feedIds(liu.token)).toContain(n.id);
    expect(await feedIds(zhao.token)).not.toContain(n.id);
    expect((await srv.request('GET', `/api/notices/${n.id}`, { token: zhao.token })).status).toBe(404);
    expect((await srv.request('GET', `/api/notices/${n.id}`, { token: liu.token })).status).toBe(200);
  });

  test('a notice to everyone is broadcast once to the residents room, never to a WeChat login outside the registry', async () => {
    const stranger = await srv.loginResident('not-registered-yet');
    const [s1, s2] = [await srv.socket(liu.token), await srv.socket(stranger.token)];
    let leaked = 0;
    s2.on('notice:published', () => leaked++);
    const got = nextEvent(s1, 'notice:published', 5000, (n: any) => n.title === '全体通知');
    const n = await publish(base({ title: '全体通知', audience: { all: true } }));
    expect((await got).id).toBe(n.id);
    expect(n.recipientCount).toBe(12);
    await new Promise((r) => setTimeout(r, 300));
    expect(leaked).toBe(0);
    expect((await srv.request('GET', `/api/notices/${n.id}`, { token: stranger.token })).status).toBe(404);
  });

  test('a resident who opted out of push still sees the notice in the feed but gets no socket event', async () => {
    const patch = await srv.request('PATCH', `/api/residents/${zhao.resident.id}`, { token: admin, body: { channels: ['feed', 'group'] } });
    expect(patch.status).toBe(200);
    const s = await srv.socket(zhao.token);
    let pushed = 0;
    s.on('notice:published', (x: any) => x.title === '2号楼通知' && pushed++);
    const n = await publish(base({ title: '2号楼通知', audience: { buildings: ['2号楼'] } }));
    await new Promise((r) => setTimeout(r, 400));
    expect(pushed).toBe(0);
    expect(await feedIds(zhao.token)).toContain(n.id);
    const receipts = (await srv.request('GET', `/api/notices/${n.id}/receipts`, { token: admin })).body;
    const z = receipts.buildings[0].unread.find((p: any) => p.residentId === zhao.resident.id);
    expect(z.deliveries.push).toMatchObject({ status: 'skipped', reason: '未开启实时推送' });
    expect(z.deliveries.feed.status).toBe('delivered');
    await srv.request('PATCH', `/api/residents/${zhao.resident.id}`, { token: admin, body: { channels: ['feed', 'push', 'group'] } });
  });

  test('feed: pinned first, newest next, keyset pages without repeats, unread count', async () => {
    const a = await publish(base({ title: '普通一' }));
    const b = await publish(base({ title: '置顶', pinned: true }));
    const c = await publish(base({ title: '普通二' }));
    const seen: any[] = [];
    let cursor: string | null = null;
    let unread = -1;
    for (let i = 0; i < 50; i++) {
      const q: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page: any = (await srv.request('GET', `/api/notices${q}`, { token: wang.token })).body;
      seen.push(...page.items);
      unread = page.unreadCount;
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    const ids = seen.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    const pinnedIdx = seen.map((n, i) => (n.pinned ? i : -1)).filter((i) => i >= 0);
    expect(Math.max(...pinnedIdx)).toBeLessThan(seen.findIndex((n) => !n.pinned));
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(c.id));
    expect(ids.indexOf(c.id)).toBeLessThan(ids.indexOf(a.id));
    expect(unread).toBe(seen.filter((n) => !n.readAt).length);
  });

  test('expired notices disappear from the feed and from direct reads', async () => {
    const n = await publish(base({ title: '很快过期', expiresAt: new Date(Date.now() + 1500).toISOString() }));
    expect(await feedIds(liu.token)).toContain(n.id);
    await new Promise((r) => setTimeout(r, 1700));
    expect(await feedIds(liu.token)).not.toContain(n.id);
    expect((await srv.request('GET', `/api/notices/${n.id}`, { token: liu.token })).status).toBe(404);
  });

  test('Markdown is rendered with no script, no raw HTML and no javascript: links', async () => {
    const body = '# 标题\n<script>alert(1)</script>\n[点我](javascript:alert(1)) [官网](https://www.gov.cn)\n<img src=x onerror=alert(1)>\n**重要**';
    const n = await publish(base({ title: 'XSS 检查', body }));
    const r = await srv.request('GET', `/api/notices/${n.id}`, { token: liu.token });
    const html: string = r.body.bodyHtml;
    expect(r.body.body).toBe(body);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<strong>重要</strong>');
    expect(html).toContain('<a href="https://www.gov.cn" rel="noopener noreferrer nofollow" target="_blank">官网</a>');
  });
});

describe('read receipts', () => {
  test('read is idempotent; receipts by building; CSV with BOM opens in Excel', async () => {
    const n = await publish(base({ title: '高龄老人慰问', audience: { minAge: 80 } }));
    // 王秀兰 1941, 陈德明 1945, 郑玉珍 1939 are 80+.
    expect(n.recipientCount).toBe(3);
    const first = await srv.request('POST', `/api/notices/${n.id}/read`, { token: wang.token });
    expect(first.status).toBe(200);
    expect(first.body.readAt).toBeTruthy();
    const again = await srv.request('POST', `/api/notices/${n.id}/read`, { token: wang.token });
    expect(again.body.readAt).toBe(first.body.readAt);
    // Not a recipient: nothing to read.
    expect((await srv.request('POST', `/api/notices/${n.id}/read`, { token: liu.token })).status).toBe(404);

    const rec = (await srv.request('GET', `/api/notices/${n.id}/receipts`, { token: admin })).body;
    expect(rec).toMatchObject({ total: 3, read: 1, unread: 2 });
    expect(rec.buildings.map((b: any) => b.building)).toEqual(['1号楼', '3号楼', '5号楼']);
    expect(rec.buildings[0].read[0]).toMatchObject({ name: '王秀兰', phone: '138****0001' });
    const staffView = (await srv.request('GET', `/api/notices/${n.id}`, { token: admin })).body;
    expect(staffView.readCount).toBe(1);

    // A grid worker sees only their buildings (1-3号楼).
    const g = (await srv.request('GET', `/api/notices/${n.id}/receipts`, { token: grid })).body;
    expect(g.buildings.map((b: any) => b.building)).toEqual(['1号楼', '3号楼']);

    const csv = await fetch(`${srv.url}/api/notices/${n.id}/receipts?format=csv`, { headers: { authorization: `Bearer ${admin}` } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv; charset=utf-8/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('"楼栋","单元","房号","姓名","电话","阅读状态","阅读时间","短信","订阅消息"');
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.includes('王秀兰'))).toContain('"已读"');
    expect(lines.find((l) => l.includes('郑玉珍'))).toContain('"未读"');

    // The same list as an Excel workbook: title line, header, one row per person.
    const xlsx = await fetch(`${srv.url}/api/notices/${n.id}/receipts?format=xlsx`, { headers: { authorization: `Bearer ${admin}` } });
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(decodeURIComponent(xlsx.headers.get('content-disposition') ?? '')).toContain('阅读回执-');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const sheet = wb.worksheets[0]!;
    const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1).map(String);
    expect(values(1)[0]).toMatch(/^阅读回执：.*应读 3 人/);
    expect(values(2)).toEqual(['楼栋', '单元', '房号', '姓名', '电话', '阅读状态', '阅读时间', '短信', '订阅消息']);
    expect(sheet.rowCount).toBe(5);
    const people = [3, 4, 5].map(values);
    expect(people.find((r) => r.includes('王秀兰'))?.[5]).toBe('已读');
    expect(people.find((r) => r.includes('郑玉珍'))?.[5]).toBe('未读');

    // Unread count drops after reading.
    const before = (await srv.request('GET', '/api/notices', { token: wang.token })).body.unreadCount;
    const other = (await srv.request('GET', '/api/notices?limit=100', { token: wang.token })).body.items.find((x: any) => !x.readAt);
    await srv.request('POST', `/api/notices/${other.id}/read`, { token: wang.token });
    expect((await srv.request('GET', '/api/notices', { token: wang.token })).body.unreadCount).toBe(before - 1);
  });
});

describe('drafts, scheduling, editing and withdrawal', () => {
  test('a draft is invisible to residents, editable, then published', async () => {
    const d = await publish(base({ title: '草稿', draft: true }));
    expect(d.status).toBe('draft');
    expect(await feedIds(liu.token)).not.toContain(d.id);
    const staffList = (await srv.request('GET', '/api/notices?status=draft', { token: admin })).body.items.map((n: any) => n.id);
    expect(staffList).toContain(d.id);
    const e = await srv.request('PATCH', `/api/notices/${d.id}`, { token: admin, body: { title: '草稿（已修改）' } });
    expect(e.status).toBe(200);
    expect(e.body.title).toBe('草稿（已修改）');
    const p = await srv.request('POST', `/api/notices/${d.id}/publish`, { token: admin });
    expect(p.body.status).toBe('published');
    expect(await feedIds(liu.token)).toContain(d.id);
    // Published: no more edits or withdrawal.
    const late = await srv.request('PATCH', `/api/notices/${d.id}`, { token: admin, body: { title: '改不了' } });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe('通知已发布，不能修改');
    const w = await srv.request('POST', `/api/notices/${d.id}/withdraw`, { token: admin });
    expect(w.status).toBe(409);
    expect(w.body.error.message).toBe('通知已发布，无法撤回');
  });

  test('a scheduled notice can be withdrawn: its timer is cancelled and it never publishes', async () => {
    const n = await publish(base({ title: '撤回的定时通知', publishAt: new Date(Date.now() + 1200).toISOString() }));
    expect(n.status).toBe('scheduled');
    const w = await srv.request('POST', `/api/notices/${n.id}/withdraw`, { token: admin });
    expect(w.body.status).toBe('withdrawn');
    expect((await srv.app.scheduler.get(`notice-publish:${n.id}`))?.status).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 1600));
    expect((await srv.request('GET', `/api/notices/${n.id}`, { token: admin })).body.status).toBe('withdrawn');
    expect(await feedIds(liu.token)).not.toContain(n.id);
  });

  test('rescheduling moves the timer', async () => {
    const n = await publish(base({ title: '改期', publishAt: new Date(Date.now() + 3600_000).toISOString() }));
    const at = new Date(Date.now() + 7200_000).toISOString();
    const r = await srv.request('PATCH', `/api/notices/${n.id}`, { token: admin, body: { publishAt: at } });
    expect(r.body.publishAt).toBe(at);
    expect((await srv.app.scheduler.get(`notice-publish:${n.id}`))?.fireAt.toISOString()).toBe(at);
    await srv.request('POST', `/api/notices/${n.id}/withdraw`, { token: admin });
  });

  test('grid workers publish only to their own buildings', async () => {
    const ok = await srv.request('POST', '/api/notices', { token: grid, body: base({ audience: { buildings: ['1号楼'] } }) });
    expect(ok.status).toBe(201);
    const wide = await srv.request('POST', '/api/notices', { token: grid, body: base({ audience: { all: true } }) });
    expect(wide.status).toBe(403);
    expect(wide.body.error.message).toBe('网格员只能向自己负责的楼栋发布通知');
    const other = await srv.request('POST', '/api/notices', { token: grid, body: base({ audience: { buildings: ['5号楼'] } }) });
    expect(other.status).toBe(403);
  });
});

describe('bad input: Chinese messages, nothing changed', () => {
  const count = async () => (await srv.app.conn.models.Notice!.countDocuments({}));

  test('POST /api/notices', async () => {
    const before = await count();
    const cases: [unknown, number, RegExp?][] = [
      [{}, 422],
      [base({ title: '' }), 422, /内容不能为空/],
      [base({ title: 'x'.repeat(61) }), 422, /不能超过 60 个字/],
      [base({ category: '八卦' }), 422],
      [base({ audience: {} }), 422, /请选择通知对象/],
      [base({ audience: { buildings: [] } }), 422, /请至少选择一栋楼/],
      [base({ audience: { minAge: -1 } }), 422, /年龄不能为负数/],
      [base({ audience: { tags: ['富豪'] } }), 422],
      [base({ audience: { householdIds: ['nope'] } }), 422, /无效的编号/],
      [base({ audience: { all: true, everyone: true } }), 422],
      [base({ channels: [] }), 422, /请至少选择一个发布渠道/],
      [base({ channels: ['feed', 'feed'] }), 422, /发布渠道不能重复/],
      [base({ channels: ['fax'] }), 422],
      [base({ publishAt: '明天' }), 422, /时间格式不正确/],
      [base({ publishAt: new Date(Date.now() - 3600_000).toISOString() }), 422, /发布时间不能早于当前时间/],
      [base({ publishAt: new Date(Date.now() + 7200_000).toISOString(), expiresAt: new Date(Date.now() + 3600_000).toISOString() }), 422, /过期时间必须晚于发布时间/],
      [base({ attachments: ['0123456789abcdef01234567'] }), 422, /附件不存在/],
      [base({ extra: 1 }), 422],
      ['not json', 422],
    ];
    for (const [b, status, msg] of cases) {
      const r = await srv.request('POST', '/api/notices', { token: admin, body: b });
      expect([JSON.stringify(b), r.status]).toEqual([JSON.stringify(b), status]);
      if (msg) expect(JSON.stringify(r.body.error)).toMatch(msg);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await srv.request('POST', '/api/notices', { body: base() })).status).toBe(401);
    const res = await srv.request('POST', '/api/notices', { token: liu.token, body: base() });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('仅限社区工作人员');
    expect((await srv.request('POST', '/api/notices', { token: finance, body: base() })).status).toBe(403);
    expect(await count()).toBe(before);
  });

  test('GET, PATCH, read, withdraw, publish, receipts, audience-preview', async () => {
    const draft = await publish(base({ title: '坏输入草稿', draft: true }));
    const before = await count();
    const expectErr = async (method: string, path: string, status: number, token: string | undefined, body?: unknown) => {
      const r = await srv.request(method, path, { token, body });
      expect([method, path, r.status]).toEqual([method, path, status]);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
      return r;
    };
    await expectErr('GET', '/api/notices?limit=0', 422, admin);
    await expectErr('GET', '/api/notices?cursor=!!!', 422, liu.token);
    await expectErr('GET', '/api/notices?status=lost', 422, admin);
    await expectErr('GET', '/api/notices?foo=1', 422, admin);
    await expectErr('GET', '/api/notices', 401, undefined);
    await expectErr('GET', '/api/notices/xyz', 422, admin);
    await expectErr('GET', '/api/notices/0123456789abcdef01234567', 404, admin);
    await expectErr('GET', `/api/notices/${draft.id}`, 404, liu.token);
    await expectErr('PATCH', `/api/notices/${draft.id}`, 422, admin, {});
    await expectErr('PATCH', `/api/notices/${draft.id}`, 422, admin, { title: '' });
    await expectErr('PATCH', `/api/notices/${draft.id}`, 422, admin, { publishAt: new Date(Date.now() - 1000).toISOString() });
    await expectErr('PATCH', `/api/notices/${draft.id}`, 422, admin, { status: 'published' });
    await expectErr('PATCH', `/api/notices/${draft.id}`, 403, liu.token, { title: '居民改' });
    await expectErr('PATCH', '/api/notices/0123456789abcdef01234567', 404, admin, { title: '不存在' });
    await expectErr('POST', `/api/notices/${draft.id}/read`, 404, liu.token);
    await expectErr('POST', `/api/notices/${draft.id}/read`, 403, admin);
    await expectErr('POST', '/api/notices/bad/read', 422, liu.token);
    await expectErr('POST', `/api/notices/${draft.id}/withdraw`, 403, liu.token);
    await expectErr('POST', '/api/notices/0123456789abcdef01234567/withdraw', 404, admin);
    await expectErr('POST', `/api/notices/${draft.id}/publish`, 403, liu.token);
    await expectErr('GET', `/api/notices/${draft.id}/receipts`, 409, admin);
    await expectErr('GET', `/api/notices/${draft.id}/receipts?format=xls`, 422, admin);
    await expectErr('GET', `/api/notices/${draft.id}/receipts`, 403, liu.token);
    await expectErr('POST', '/api/notices/audience-preview', 422, admin, {});
    await expectErr('POST', '/api/notices/audience-preview', 422, admin, { audience: {} });
    await expectErr('POST', '/api/notices/audience-preview', 422, admin, { audience: { minAge: 200 } });
    await expectErr('POST', '/api/notices/audience-preview', 403, liu.token, { audience: { all: true } });
    const still = (await srv.request('GET', `/api/notices/${draft.id}`, { token: admin })).body;
    expect(still).toMatchObject({ title: '坏输入草稿', status: 'draft' });
    expect(await count()).toBe(before);
  });

  test('audience-preview counts', async () => {
    const c = async (audience: unknown) => (await srv.request('POST', '/api/notices/audience-preview', { token: admin, body: { audience } })).body.count;
    expect(await c({ all: true })).toBe(12);
    expect(await c({ buildings: ['1号楼', '2号楼'] })).toBe(4);
    expect(await c({ minAge: 60, tags: ['独居'] })).toBe(3);
    expect(await c({ all: true, buildings: ['6号楼'] })).toBe(2);
  });
});
