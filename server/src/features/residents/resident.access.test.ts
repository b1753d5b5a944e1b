// Issue 12 items 5 and 7 as an attacker performs them: a grid worker of 1–3号楼 going after a woman living alone in 5号楼, finance browsing the registry, phones harvested, a namesake checking someone in through the bot.
import { startTestServer, type TestServer } from '../../test-support/harness';
import { REVEAL_LIMIT } from './resident.routes';

let s: TestServer;
let admin: string;
let grid: string; // 王刚, 1–3号楼
let finance: string;
let carer: string; // care role only
let zheng: { id: string; building: string; phone: string; openid?: string }; // 郑玉珍, 5号楼, 独居, in the care programme
let wang: { id: string; phone: string; openid: string }; // 王秀兰, 1号楼, WeChat-bound

const MASKED = /^1\d{2}\*{4}\d{4}$/;
const asAdmin = async (id: string) => (await s.request('GET', `/api/residents/${id}`, { token: admin })).body;
const missingToday = async () => (await s.request('GET', '/api/care/overview', { token: admin })).body.missing.map((m: { name: string }) => m.name) as string[];
const audit = async (residentId: string) => (await s.request('GET', `/api/residents/audit?residentId=${residentId}`, { token: admin })).body.items as any[];

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
  grid = await s.loginStaff('wanggang');
  finance = await s.loginStaff('caiwu');
  const made = await s.request('POST', '/api/staff', {
    token: admin,
    body: { username: 'carer', password: 'Care-Worker-2026-x', name: '关爱专员', roles: ['care'], mustChangePassword: false },
  });
  expect(made.status).toBe(201);
  carer = await s.loginStaff('carer', 'Care-Worker-2026-x');
  const all = (await s.request('GET', '/api/residents?limit=200', { token: admin })).body.items;
  zheng = all.find((r: any) => r.name === '郑玉珍');
  wang = all.find((r: any) => r.name === '王秀兰');
  expect(zheng.building).toBe('5号楼');
});
afterAll(() => s.close());

describe('the registry is scoped by role and building', () => {
  it('a grid worker of 1–3号楼 cannot list, read or edit a 5号楼 resident, nor register one there', async () => {
    const list = await s.request('GET', '/api/residents?limit=200', { token: grid });
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((r: any) => ['1号楼', '2号楼', '3号楼'].includes(r.building))).toBe(true);
    expect((await s.request('GET', `/api/residents?q=${encodeURIComponent('郑玉珍')}`, { token: grid })).body.items).toEqual([]);
    expect((await s.request('GET', `/api/residents?building=${encodeURIComponent('5号楼')}`, { token: grid })).body.items).toEqual([]);

    const before = await asAdmin(zheng.id);
    expect((await s.request('GET', `/api/residents/${zheng.id}`, { token: grid })).status).toBe(404);
    const edit = await s.request('PATCH', `/api/residents/${zheng.id}`, { token: grid, body: { phone: '13900000000', tags: [] } });
    expect(edit.status).toBe(404);
    const move = await s.request('PATCH', `/api/residents/${zheng.id}`, { token: grid, body: { building: '1号楼' } });
    expect(move.status).toBe(404);
    expect(await asAdmin(zheng.id)).toEqual(before);

    const reg = await s.request('POST', '/api/residents', {
      token: grid,
      body: { name: '冒名者', birthYear: 1980, building: '5号楼', unit: '1单元', room: '999', tags: [] },
    });
    expect(reg.status).toBe(403);
    expect((await s.request('GET', `/api/residents?q=${encodeURIComponent('冒名者')}`, { token: admin })).body.items).toEqual([]);
  });

  it('a grid worker cannot take over anyone by changing their openid, and so cannot do her daily check-in', async () => {
    expect(await missingToday()).toContain('郑玉珍');
    const hijack = await s.request('PATCH', `/api/residents/${zheng.id}`, { token: grid, body: { openid: 'grid-takeover' } });
    expect([403, 404]).toContain(hijack.status);
    // Even on a resident of his own buildings: bindings are the resident's own flow or an admin's.
    const own = await s.request('PATCH', `/api/residents/${wang.id}`, { token: grid, body: { openid: 'grid-takeover' } });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(/微信绑定/);
    expect((await s.request('PATCH', `/api/residents/${wang.id}`, { token: grid, body: { wechatId: 'wxid-grid' } })).status).toBe(403);
    const withOpenid = await s.request('POST', '/api/residents', {
      token: grid,
      body: { name: '新住户', birthYear: 1990, building: '1号楼', unit: '1单元', room: '998', tags: [], openid: 'grid-takeover' },
    });
    expect(withOpenid.status).toBe(403);
    expect((await asAdmin(wang.id)).openid).toBe(wang.openid);
    expect((await asAdmin(zheng.id)).openid).toBeUndefined();

    // The takeover itself: a login with the openid he tried to plant is a stranger, not her.
    const { token, resident } = await s.loginResident('grid-takeover');
    expect(resident.id).not.toBe(zheng.id);
    expect((await s.request('POST', '/api/care/checkins', { token, body: {} })).status).toBe(404);
    // A visit check-in for her by a grid worker of other buildings.
    expect((await s.request('POST', '/api/care/checkins', { token: grid, body: { residentId: zheng.id } })).status).toBe(403);
    expect(await missingToday()).toContain('郑玉珍');
  });

  it('finance has no registry at all', async () => {
    expect((await s.request('GET', '/api/residents', { token: finance })).status).toBe(403);
    expect((await s.request('GET', `/api/residents/${wang.id}`, { token: finance })).status).toBe(403);
    expect((await s.request('POST', `/api/residents/${wang.id}/reveal-phone`, { token: finance })).status).toBe(403);
    const before = await asAdmin(wang.id);
    expect((await s.request('PATCH', `/api/residents/${wang.id}`, { token: finance, body: { tags: [] } })).status).toBe(403);
    expect(
      (await s.request('POST', '/api/residents', { token: finance, body: { name: '某人', birthYear: 1980, building: '1号楼', unit: '1单元', room: '1', tags: [] } })).status,
    ).toBe(403);
    expect(await asAdmin(wang.id)).toEqual(before);
  });

  it('care staff read the care programme’s residents only, without unrelated sensitive tags, and edit nothing', async () => {
    const list = (await s.request('GET', '/api/residents?limit=200', { token: carer })).body.items as any[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((r) => r.tags.length > 0 && r.tags.every((t: string) => ['独居', '空巢', '高龄'].includes(t)))).toBe(true);
    expect(list.map((r) => r.name)).toContain('郑玉珍');
    expect(list.find((r) => r.name === '郑玉珍').tags).not.toContain('低保');
    expect(list.map((r) => r.name)).not.toContain('吴小燕');
    expect((await s.request('PATCH', `/api/residents/${zheng.id}`, { token: carer, body: { tags: [] } })).status).toBe(403);
    expect((await asAdmin(zheng.id)).tags).toContain('独居');
  });
});

describe('phones are masked unless revealed, and every reveal is audited', () => {
  it('lists and single reads mask phones and hide openids for non-admin staff; a phone search needs the whole number', async () => {
    const items = (await s.request('GET', '/api/residents?limit=200', { token: grid })).body.items as any[];
    const w = items.find((r) => r.id === wang.id);
    expect(w.phone).toMatch(MASKED);
    expect(w.phone).not.toBe(wang.phone);
    expect(w).toMatchObject({ phoneMasked: true, wechatBound: true });
    expect(w.openid).toBeUndefined();
    expect(JSON.stringify(items)).not.toContain(wang.phone);
    expect((await s.request('GET', `/api/residents/${wang.id}`, { token: grid })).body.phone).toMatch(MASKED);
    // Digit-by-digit probing finds nothing; the whole number finds her (the desk's "who is this caller").
    expect((await s.request('GET', `/api/residents?q=${wang.phone.slice(0, 7)}`, { token: grid })).body.items).toEqual([]);
    expect((await s.request('GET', `/api/residents?q=${wang.phone}`, { token: grid })).body.items.map((r: any) => r.id)).toEqual([wang.id]);
    // The admin keeps the registry in clear.
    expect(wang.phone).toMatch(/^1\d{10}$/);
  });

  it('显示号码 reveals one number to someone who may read that resident, audited; others get 404 and leave no trace; reveals are counted', async () => {
    const before = (await audit(wang.id)).length;
    const r = await s.request('POST', `/api/residents/${wang.id}/reveal-phone`, { token: grid });
    expect(r.status).toBe(200);
    expect(r.body.phone).toBe(wang.phone);
    const log = await audit(wang.id);
    expect(log.length).toBe(before + 1);
    expect(log[0]).toMatchObject({ action: 'phone.reveal', residentId: wang.id, residentName: '王秀兰', actor: { name: '王刚（网格员）' } });
    expect(JSON.stringify(log)).not.toContain(wang.phone);

    expect((await s.request('POST', `/api/residents/${zheng.id}/reveal-phone`, { token: grid })).status).toBe(404);
    expect(await audit(zheng.id)).toEqual([]);
    expect((await s.request('GET', '/api/residents/audit', { token: grid })).status).toBe(403);

    // The allowance: REVEAL_LIMIT attempts per hour per staff member (the refused probe above counted too), then 429 —
    // and a refused reveal shows and audits nothing.
    for (let i = 2; i < REVEAL_LIMIT; i++) expect((await s.request('POST', `/api/residents/${wang.id}/reveal-phone`, { token: grid })).status).toBe(200);
    const over = await s.request('POST', `/api/residents/${wang.id}/reveal-phone`, { token: grid });
    expect(over.status).toBe(429);
    expect(over.body.phone).toBeUndefined();
    expect((await audit(wang.id)).filter((e) => e.actor.name === '王刚（网格员）').length).toBe(REVEAL_LIMIT - 1);
  });

  it('an admin may change a binding, and that change is audited (which field, not its value)', async () => {
    const r = await s.request('PATCH', `/api/residents/${zheng.id}`, { token: admin, body: { wechatId: 'wxid-zheng' } });
    expect(r.status).toBe(200);
    expect(r.body.wechatId).toBe('wxid-zheng');
    const log = await audit(zheng.id);
    expect(log[0]).toMatchObject({ action: 'binding.change', fields: ['wechatId'], actor: { name: expect.any(String) } });
    expect(JSON.stringify(log)).not.toContain('wxid-zheng');
  });
});

describe('the bot names people by bound WeChat contact id, never by display name (item 7)', () => {
  it('"平安" from someone calling themselves 王奶奶 does not check 王秀兰 in; her bound contact id does', async () => {
    const bot = s.config.BOT_TOKEN;
    expect(await missingToday()).toContain('王秀兰');
    const byName = await s.request('POST', '/api/care/checkins', { token: bot, body: { wechatName: '王奶奶' } });
    expect(byName.status).toBe(403);
    expect(byName.body.error.message).toMatch(/绑定/);
    expect((await s.request('POST', '/api/care/checkins', { token: bot, body: { residentId: wang.id } })).status).toBe(403);
    expect((await s.request('POST', '/api/care/checkins', { token: bot, body: { wechatId: 'wxid-impostor', wechatName: '王奶奶' } })).status).toBe(404);
    expect(await missingToday()).toContain('王秀兰');

    expect((await s.request('PATCH', `/api/residents/${wang.id}`, { token: admin, body: { wechatId: 'wxid-wang' } })).status).toBe(200);
    const bound = await s.request('POST', '/api/care/checkins', { token: bot, body: { wechatId: 'wxid-wang', wechatName: '王奶奶' } });
    expect(bound.status).toBe(201);
    expect(bound.body).toMatchObject({ name: '王秀兰', source: 'bot' });
    expect(await missingToday()).not.toContain('王秀兰');
  });
});
