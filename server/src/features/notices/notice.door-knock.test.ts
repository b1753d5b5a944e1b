// Door-knock lists against the real app: an urgent notice's unread / unreachable households after its set time, per grid worker's buildings; reveal audited, check-off kept, a late read marks the household, a restart loses nothing.
import { nextEvent, startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
let admin: string;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const home = (h: any) => `${h.building}${h.unit}${h.room}`;

async function resident(name: string) {
  return (await s.request('GET', `/api/residents?q=${encodeURIComponent(name)}`, { token: admin })).body.items[0] as { id: string };
}
async function openList(id: string, token: string) {
  const end = Date.now() + 20_000;
  for (;;) {
    const r = await s.request('GET', `/api/notices/${id}/door-knock`, { token });
    if (r.body.status === 'open' || Date.now() > end) return r;
    await sleep(250);
  }
}

// 1 minute × 0.05 = 3 s.
beforeAll(async () => {
  s = await startTestServer({ env: { NOTICE_DOOR_KNOCK_SCALE: '0.05' } });
  admin = await s.loginStaff();
});
afterAll(() => s.close());

const urgent = (extra: Record<string, unknown> = {}) => ({
  title: '今晚22点全小区停水',
  body: '因主管道抢修，今晚22点起停水，请提前储水。',
  category: '紧急',
  audience: { all: true },
  channels: ['feed', 'push', 'sms'],
  ...extra,
});

describe('door-knock lists', () => {
  it('the set time is per notice (120 min by default for 紧急, none otherwise); bad times are refused in Chinese', async () => {
    for (const doorKnockAfterMinutes of [0, 1.5, 20_000, '60']) {
      const r = await s.request('POST', '/api/notices', { token: admin, body: urgent({ doorKnockAfterMinutes, draft: true }) });
      expect({ doorKnockAfterMinutes, status: r.status }).toEqual({ doorKnockAfterMinutes, status: 422 });
      expect(JSON.stringify(r.body.error)).toMatch(/分钟|天|格式/);
    }
    const plain = await s.request('POST', '/api/notices', { token: admin, body: urgent({ category: '通知', draft: true }) });
    expect(plain.body.doorKnock).toBeUndefined();
    expect((await s.request('GET', `/api/notices/${plain.body.id}/door-knock`, { token: admin })).body.status).toBe('none');
    const def = await s.request('POST', '/api/notices', { token: admin, body: urgent({ draft: true }) });
    expect(def.body.doorKnock).toEqual({ afterMinutes: 120 });
  });

  it('staff sockets hear once when a list is made, with the households per building', async () => {
    const sock = await s.socket(await s.loginStaff('liumin'));
    const made = await s.request('POST', '/api/notices', { token: admin, body: urgent({ title: '5号楼燃气检修', audience: { buildings: ['5号楼'] }, doorKnockAfterMinutes: 1 }) });
    expect(made.status).toBe(201);
    const e = await nextEvent(sock, 'notice:door-knock', 20_000, (x: any) => x.noticeId === made.body.id);
    // 5号楼: 吴小燕 (1单元303) and 郑玉珍 (1单元102), nobody has read it.
    expect(e).toEqual({ noticeId: made.body.id, title: '5号楼燃气检修', buildings: [{ building: '5号楼', households: 2 }] });
  });

  it("after the set time each grid worker's list holds exactly the unread or unreachable households of their buildings; reveal is audited, check-off persists, a late read marks the household; a restart in between loses nothing", async () => {
    // 王强 lives with 王秀兰 (one household); 孙丽 takes neither push nor SMS (unreachable); 刘芳 reads at once.
    const wang = await resident('王秀兰');
    const son = await s.request('POST', '/api/residents', {
      token: admin,
      body: { name: '王强', phone: '13905370101', birthYear: 1968, building: '1号楼', unit: '1单元', room: '101', tags: [] },
    });
    expect(son.status).toBe(201);
    const sun = await resident('孙丽');
    expect((await s.request('PATCH', `/api/residents/${sun.id}`, { token: admin, body: { channels: ['feed'] } })).status).toBe(200);
    const liu = await s.loginResident('demo-resident');

    const created = await s.request('POST', '/api/notices', { token: admin, body: urgent({ doorKnockAfterMinutes: 1 }) });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const n = (await s.request('GET', `/api/notices/${id}`, { token: admin })).body;
    expect(n.doorKnock.afterMinutes).toBe(1);
    const dueAt = new Date(n.doorKnock.dueAt).getTime();
    expect(dueAt - new Date(n.publishedAt).getTime()).toBe(3000);
    expect((await s.request('POST', `/api/notices/${id}/read`, { token: liu.token })).status).toBe(200);

    // The server goes down before the list is due and comes back: the persisted timer still makes it.
    s = await s.restart();
    admin = await s.loginStaff();
    const wanggang = await s.loginStaff('wanggang');
    const liumin = await s.loginStaff('liumin');

    const mine = (await openList(id, wanggang)).body;
    expect(mine.status).toBe('open');
    expect(new Date(mine.openedAt).getTime()).toBeGreaterThanOrEqual(dueAt);
    expect(mine.buildings).toEqual(['1号楼', '2号楼', '3号楼']);
    expect(mine.households.map(home)).toEqual(['1号楼1单元101', '1号楼2单元302', '2号楼1单元201', '2号楼2单元502', '3号楼2单元101']);
    expect(mine.remaining).toBe(5);
    const wangHome = mine.households[0];
    expect(wangHome.people.map((p: any) => p.name).sort()).toEqual(['王强', '王秀兰'].sort());
    expect(wangHome.people.every((p: any) => /^1\d{2}\*{4}\d{4}$/.test(p.phone))).toBe(true);
    expect(JSON.stringify(mine)).not.toContain('13805370001');

    const theirs = (await s.request('GET', `/api/notices/${id}/door-knock`, { token: liumin })).body;
    expect(theirs.households.map(home)).toEqual(['4号楼1单元601', '4号楼2单元202', '5号楼1单元102', '5号楼1单元303', '6号楼1单元501', '6号楼2单元401']);
    expect(theirs.households.find((h: any) => h.room === '601').reason).toBe('unreached');
    expect(theirs.households.filter((h: any) => h.reason === 'unread')).toHaveLength(5);
    const all = (await s.request('GET', `/api/notices/${id}/door-knock`, { token: admin })).body;
    expect(all.households).toHaveLength(11);
    expect(all.buildings).toBeNull();

    // Phone in clear for the responsible worker, audited; not for a worker of other buildings.
    const reveal = await s.request('POST', `/api/residents/${wang.id}/reveal-phone`, { token: wanggang, body: {} });
    expect(reveal.body.phone).toBe('13805370001');
    expect((await s.request('POST', `/api/residents/${wang.id}/reveal-phone`, { token: liumin, body: {} })).status).toBeGreaterThanOrEqual(403);
    const audit = (await s.request('GET', `/api/residents/audit?residentId=${wang.id}`, { token: admin })).body.items;
    expect(audit.filter((a: any) => a.action === 'phone.reveal').map((a: any) => a.actor.name)).toEqual(['王刚（网格员）']);

    // Check-off: bad input changes nothing; another worker's building is refused; the outcome is kept.
    const visits = `/api/notices/${id}/door-knock/visits`;
    const zhao = { building: '2号楼', unit: '2单元', room: '502' };
    for (const body of [{ ...zhao, outcome: '其他' }, { ...zhao, outcome: '没人' }, { ...zhao, outcome: '已告知', extra: 1 }]) {
      const r = await s.request('POST', visits, { token: wanggang, body });
      expect(r.status).toBe(422);
      expect(JSON.stringify(r.body.error)).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await s.request('POST', visits, { token: liumin, body: { ...zhao, outcome: '已告知' } })).status).toBe(403);
    expect((await s.request('POST', visits, { token: wanggang, body: { building: '3号楼', unit: '1单元', room: '402', outcome: '已告知' } })).status).toBe(404);
    expect((await s.request('GET', `/api/notices/${id}/door-knock`, { token: wanggang })).body.households.every((h: any) => !h.visit)).toBe(true);
    const first = await s.request('POST', visits, { token: wanggang, body: { ...zhao, outcome: '不在家' } });
    expect(first.status).toBe(200);
    const second = await s.request('POST', visits, { token: wanggang, body: { ...zhao, outcome: '其他', note: '已托邻居转告' } });
    expect(second.body.visit).toMatchObject({ outcome: '其他', note: '已托邻居转告', by: { name: '王刚（网格员）' } });

    // 王秀兰 reads late: her household is marked read, nothing left to do there.
    const wangLogin = await s.loginResident('demo-wangxiulan');
    expect((await s.request('POST', `/api/notices/${id}/read`, { token: wangLogin.token })).status).toBe(200);
    const after = (await s.request('GET', `/api/notices/${id}/door-knock`, { token: wanggang })).body;
    expect(after.households.find((h: any) => home(h) === '1号楼1单元101').readAt).toBeDefined();
    expect(after.households.find((h: any) => home(h) === '2号楼2单元502').visit.outcome).toBe('其他');
    expect(after.remaining).toBe(3);

    // Everything survives another restart.
    s = await s.restart();
    const again = (await s.request('GET', `/api/notices/${id}/door-knock`, { token: await s.loginStaff('wanggang') })).body;
    expect(again.remaining).toBe(3);
    expect(again.households.find((h: any) => h.room === '502').visit.note).toBe('已托邻居转告');
  }, 60_000);
});
