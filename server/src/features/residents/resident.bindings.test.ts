// Issue 14 绑定 codes against the real server: who may issue them, single use, hashed at rest, expiry, wrong tries limited, family bindings, revocation, audit.
import { DEMO_CONTACT_IDS } from '@linli/contracts';
import { startTestServer, type TestServer } from '../../test-support/harness';
import { BIND_FAILS_PER_SENDER } from './resident.bindings';

let s: TestServer;
let admin: string;
let staff: string; // 张丽: staff + care, not admin
let grid: string; // 王刚, 1–3号楼
let carer: string; // care only: read-only
let bot: string;
let residentsByName: Record<string, { id: string; building: string }>;

const code = async (token: string, name: string, relation?: 'self' | 'family') =>
  s.request('POST', `/api/residents/${residentsByName[name]!.id}/bind-code`, { token, body: relation ? { relation } : {} });
const redeem = (c: string, contactId: string, contactName = '微信用户') =>
  s.request('POST', '/api/bot/bindings', { token: bot, body: { code: c, contactId, contactName } });
const asAdmin = async (name: string) => (await s.request('GET', `/api/residents/${residentsByName[name]!.id}`, { token: admin })).body;
const audit = async (name: string) => (await s.request('GET', `/api/residents/audit?residentId=${residentsByName[name]!.id}`, { token: admin })).body.items as any[];
const checkin = (contactId: string) => s.request('POST', '/api/care/checkins', { token: bot, body: { wechatId: contactId, wechatName: '王奶奶' } });

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
  staff = await s.loginStaff('zhangli');
  grid = await s.loginStaff('wanggang');
  bot = s.config.BOT_TOKEN;
  const made = await s.request('POST', '/api/staff', {
    token: admin,
    body: { username: 'carer14', password: 'Care-Worker-2026-x', name: '关爱专员', roles: ['care'], mustChangePassword: false },
  });
  expect(made.status).toBe(201);
  carer = await s.loginStaff('carer14', 'Care-Worker-2026-x');
  const all = (await s.request('GET', '/api/residents?limit=200', { token: admin })).body.items as any[];
  residentsByName = Object.fromEntries(all.map((r) => [r.name, r]));
});
afterAll(() => s.close());

describe('issuing a code', () => {
  it('staff who may edit her get six digits valid for 15 minutes; the code is stored only as a hash; the issue is audited', async () => {
    const before = Date.now();
    const r = await code(staff, '李建国');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ relation: 'self', residentName: '李建国' });
    expect(r.body.code).toMatch(/^\d{6}$/);
    const ttl = Date.parse(r.body.expiresAt) - before;
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000 + 5000);

    const stored = await s.app.conn.collection('resident_bind_codes').find({ residentId: residentsByName['李建国']!.id }).toArray();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(r.body.code);
    expect(stored[0]!.codeHash).toMatch(/^[0-9a-f]{64}$/);

    const log = await audit('李建国');
    expect(log[0]).toMatchObject({ action: 'binding.code', actor: { name: '张丽（社区工作者）' }, fields: ['self'] });
  });

  it('a grid worker only for her own buildings; care (read-only), finance, residents and the bot never', async () => {
    expect((await code(grid, '李建国')).status).toBe(201); // 1号楼
    expect((await code(grid, '郑玉珍')).status).toBe(404); // 5号楼: not his to see
    expect((await code(carer, '郑玉珍')).status).toBe(403); // may read her, not edit
    expect((await code(await s.loginStaff('caiwu'), '李建国')).status).toBe(403);
    expect((await code((await s.loginResident('demo-resident')).token, '李建国')).status).toBe(403);
    expect((await code(bot, '李建国')).status).toBe(403);
  });

  it('a new code replaces her earlier unused one', async () => {
    const first = (await code(admin, '张桂芳')).body.code;
    const second = (await code(admin, '张桂芳')).body.code;
    if (first !== second) expect((await redeem(first, 'wx-zhang-old')).status).toBe(404);
    expect((await redeem(second, 'wx-zhang')).status).toBe(200);
  });
});

describe('a resident’s own code (mini-program 我的)', () => {
  it('a registered resident makes a code for herself; it binds her, audited as hers; an unregistered sign-up cannot', async () => {
    const fang = await s.loginResident('demo-resident'); // 刘芳, registered
    const r = await s.request('POST', '/api/me/bind-code', { token: fang.token, body: {} });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ relation: 'self', residentName: '刘芳' });
    expect((await audit('刘芳'))[0]).toMatchObject({ action: 'binding.code', actor: { id: fang.resident.id, roles: ['resident'] } });
    expect((await redeem(r.body.code, 'wx-liufang', '芳芳')).body).toEqual({ residentName: '刘芳', relation: 'self', changed: true });

    const stranger = await s.loginResident('not-registered-14', '路人');
    expect((await s.request('POST', '/api/me/bind-code', { token: stranger.token, body: {} })).status).toBe(403);
    expect((await s.request('POST', '/api/me/bind-code', { token: admin, body: {} })).status).toBe(403);
  });
});

describe('redeeming a code through the bot', () => {
  it('binds the sender’s contact id once; the same code never works twice; the binding is audited and shown to staff', async () => {
    const c = (await code(admin, '李建国')).body.code;
    const r = await redeem(c, 'wx-li-jianguo', '老李');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ residentName: '李建国', relation: 'self', changed: true });
    expect((await redeem(c, 'wx-someone-else')).status).toBe(404);

    const li = await asAdmin('李建国');
    expect(li.wechatId).toBe('wx-li-jianguo');
    expect(li.wechatContacts).toEqual([expect.objectContaining({ relation: 'self', name: '老李', via: 'code', contactId: 'wx-li-jianguo' })]);
    // Non-admin staff see who is bound, not the contact id.
    const seen = (await s.request('GET', `/api/residents/${residentsByName['李建国']!.id}`, { token: staff })).body;
    expect(seen.wechatBound).toBe(true);
    expect(seen.wechatContacts[0]).toMatchObject({ relation: 'self', name: '老李' });
    expect(seen.wechatContacts[0].contactId).toBeUndefined();
    expect(seen.wechatId).toBeUndefined();

    expect((await audit('李建国'))[0]).toMatchObject({ action: 'binding.bind', actor: { id: 'wechat', name: '老李', roles: [] }, fields: ['self'] });
    expect((await s.request('GET', '/api/bot/bindings?contactId=wx-li-jianguo', { token: bot })).body).toEqual({ residentName: '李建国', relation: 'self' });
    expect((await s.request('GET', '/api/bot/bindings?contactId=wx-nobody', { token: bot })).status).toBe(404);
    expect((await s.request('GET', '/api/bot/bindings?contactId=wx-li-jianguo', { token: admin })).status).toBe(403);
  });

  it('only the bot may redeem', async () => {
    const c = (await code(admin, '陈德明')).body.code;
    expect((await s.request('POST', '/api/bot/bindings', { token: admin, body: { code: c, contactId: 'wx-x' } })).status).toBe(403);
    expect((await s.request('POST', '/api/bot/bindings', { body: { code: c, contactId: 'wx-x' } })).status).toBe(401);
    expect((await redeem(c, 'wx-chen')).status).toBe(200);
  });

  it('an expired code does not bind', async () => {
    const c = (await code(admin, '孙丽')).body.code;
    await s.app.conn.collection('resident_bind_codes').updateMany({ residentId: residentsByName['孙丽']!.id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await redeem(c, 'wx-sun')).status).toBe(404);
    expect((await asAdmin('孙丽')).wechatContacts).toBeUndefined();
  });

  it('a contact bound to one resident cannot be bound to another; the refused code stays usable by the right person', async () => {
    const c = (await code(admin, '周国华')).body.code;
    const r = await redeem(c, 'wx-li-jianguo');
    expect(r.status).toBe(409);
    expect((await asAdmin('周国华')).wechatContacts).toBeUndefined();
    expect((await redeem(c, 'wx-zhou')).body).toEqual({ residentName: '周国华', relation: 'self', changed: true });
  });

  it('two senders racing with one code: exactly one is bound', async () => {
    const c = (await code(admin, '马永刚')).body.code;
    const results = await Promise.all(['wx-race-a', 'wx-race-b', 'wx-race-c'].map((id) => redeem(c, id)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 404, 404]);
    expect((await asAdmin('马永刚')).wechatContacts).toHaveLength(1);
  });

  it(`after ${BIND_FAILS_PER_SENDER} wrong codes a sender is refused, even with the right one; other senders are not`, async () => {
    const c = (await code(admin, '吴小燕')).body.code;
    const wrong = c === '000000' ? '000001' : '000000';
    for (let i = 0; i < BIND_FAILS_PER_SENDER; i++) expect((await redeem(wrong, 'wx-guesser')).status).toBe(404);
    const blocked = await redeem(c, 'wx-guesser');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.message).toContain('次数太多');
    expect((await asAdmin('吴小燕')).wechatContacts).toBeUndefined();
    expect((await redeem(c, 'wx-wu')).status).toBe(200);
  });
});

describe('family members (家属)', () => {
  const daughter = 'wx-wang-daughter';

  it('a family code binds as 家属: her reports carry the elder’s home, she may read the household’s tickets, but cannot check the elder in', async () => {
    const c = await code(admin, '王秀兰', 'family');
    expect(c.body.relation).toBe('family');
    expect((await redeem(c.body.code, daughter, '王秀兰的女儿')).body).toEqual({ residentName: '王秀兰', relation: 'family', changed: true });
    const wang = await asAdmin('王秀兰');
    // The seeded self binding (the demo's 王奶奶) stays; the daughter is added.
    expect(wang.wechatId).toBe(DEMO_CONTACT_IDS['王奶奶']);
    expect(wang.wechatContacts.map((x: any) => [x.relation, x.contactId])).toEqual([
      ['self', DEMO_CONTACT_IDS['王奶奶']],
      ['family', daughter],
    ]);

    const t = await s.request('POST', '/api/tickets', {
      token: bot,
      body: { category: '水电', description: '妈妈家厨房漏水', channel: 'bot', reporter: { name: '女儿', wechatName: '王秀兰的女儿', wechatId: daughter } },
    });
    expect(t.status).toBe(201);
    const staffView = (await s.request('GET', `/api/tickets/${t.body.id}`, { token: admin })).body;
    expect(staffView.reporter).toMatchObject({ name: '王秀兰（家属）', residentId: wang.id, phone: '13805370001' });
    expect(staffView.location).toMatchObject({ building: '1号楼', unit: '1单元', room: '101' });
    expect((await s.request('GET', `/api/tickets/by-no/${t.body.no}?wechatId=${DEMO_CONTACT_IDS['王奶奶']}`, { token: bot })).status).toBe(200);

    const refused = await checkin(daughter);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('家属');
    expect([200, 201]).toContain((await checkin(DEMO_CONTACT_IDS['王奶奶']!)).status);
  });

  it('staff revoke a binding (audited): the contact is nobody again', async () => {
    const wang = await asAdmin('王秀兰');
    const b = wang.wechatContacts.find((x: any) => x.contactId === daughter);
    expect((await s.request('DELETE', `/api/residents/${wang.id}/bindings/${b.id}`, { token: grid })).status).toBe(200);
    expect((await asAdmin('王秀兰')).wechatContacts.map((x: any) => x.contactId)).toEqual([DEMO_CONTACT_IDS['王奶奶']]);
    expect((await audit('王秀兰'))[0]).toMatchObject({ action: 'binding.revoke', actor: { name: '王刚（网格员）' }, fields: ['family'] });
    expect((await s.request('GET', `/api/bot/bindings?contactId=${daughter}`, { token: bot })).status).toBe(404);
    expect((await s.request('DELETE', `/api/residents/${wang.id}/bindings/${b.id}`, { token: admin })).status).toBe(404);
    // Out of scope: a grid worker of 1–3号楼 cannot revoke in 5号楼; care staff cannot revoke at all.
    const zheng = residentsByName['郑玉珍']!;
    expect((await s.request('DELETE', `/api/residents/${zheng.id}/bindings/abc`, { token: grid })).status).toBe(404);
    expect((await s.request('DELETE', `/api/residents/${zheng.id}/bindings/abc`, { token: carer })).status).toBe(403);
  });

  it('revoking her own binding stops 平安 from that WeChat, and an admin edit of wechatId rebinds her', async () => {
    const wang = await asAdmin('王秀兰');
    const self = wang.wechatContacts.find((x: any) => x.relation === 'self');
    expect((await s.request('DELETE', `/api/residents/${wang.id}/bindings/${self.id}`, { token: admin })).status).toBe(200);
    const after = await asAdmin('王秀兰');
    expect(after.wechatId).toBeUndefined();
    expect(after.wechatContacts).toBeUndefined();
    expect((await checkin(DEMO_CONTACT_IDS['王奶奶']!)).status).toBe(404);

    expect((await s.request('PATCH', `/api/residents/${wang.id}`, { token: admin, body: { wechatId: DEMO_CONTACT_IDS['王奶奶'] } })).status).toBe(200);
    expect((await asAdmin('王秀兰')).wechatContacts).toEqual([expect.objectContaining({ relation: 'self', via: 'admin', contactId: DEMO_CONTACT_IDS['王奶奶'] })]);
    expect([200, 201]).toContain((await checkin(DEMO_CONTACT_IDS['王奶奶']!)).status);
  });
});

describe('group members not bound yet', () => {
  it('the bot reports a group; staff see its members no resident is bound to; finance and the bot’s own token cannot read it', async () => {
    const members = [
      { contactId: DEMO_CONTACT_IDS['王奶奶']!, name: '王奶奶' },
      { contactId: 'wx-li-jianguo', name: '老李' },
      { contactId: 'wx-newcomer', name: '新邻居' },
    ];
    expect((await s.request('POST', '/api/bot/group-members', { token: bot, body: { roomId: 'r1@chatroom', topic: '北门社区居民群', members } })).status).toBe(200);
    const list = await s.request('GET', '/api/residents/unbound-members', { token: grid });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([{ name: '新邻居', roomTopic: '北门社区居民群', syncedAt: expect.any(String) }]);
    // A later report replaces the group's members.
    await s.request('POST', '/api/bot/group-members', { token: bot, body: { roomId: 'r1@chatroom', topic: '北门社区居民群', members: members.slice(0, 2) } });
    expect((await s.request('GET', '/api/residents/unbound-members', { token: admin })).body.items).toEqual([]);

    expect((await s.request('GET', '/api/residents/unbound-members', { token: await s.loginStaff('caiwu') })).status).toBe(403);
    expect((await s.request('GET', '/api/residents/unbound-members', { token: bot })).status).toBe(403);
    expect((await s.request('POST', '/api/bot/group-members', { token: admin, body: { roomId: 'r2@chatroom', members: [] } })).status).toBe(403);
  });
});
