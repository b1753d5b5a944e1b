// The street (街道) role over HTTP: KPIs equal to each community's own, supervised tickets of its communities only, read-only everywhere else.
import { shanghaiDay } from '@linli/contracts';
import { startTestServer, type TestServer } from '../../test-support/harness';

// 1 hour of service time = 3.6 s: an unsigned 电梯 report is supervised (督办) at 0.9 s and raised to the street at 1.8 s.
let s: TestServer;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PASSWORD = 'street-test-2026';
const tokens: Record<string, string> = {};
const made: Record<string, any> = {};
afterAll(() => s.close());

beforeAll(async () => {
  s = await startTestServer({ env: { SERVICE_CLOCK_SCALE: '0.001' } });
  const home = s.communityId;
  // 南关社区 is in the street too; 东城社区 is not.
  for (const [id, name, prefix] of [['nanguan', '南关社区', 'NG'], ['dongcheng', '东城社区', 'DC']] as const) {
    await s.app.services.communities.ensure({ _id: id, name, ticketPrefix: prefix });
    await s.app.services.staff.create(id, { username: `${id}-admin`, password: PASSWORD, name: `${name}管理员`, roles: ['admin'] });
    tokens[id] = await s.loginStaff(`${id}-admin`, PASSWORD);
  }
  await s.app.services.streets.ensure({ id: 'beimen-jiedao', name: '北门街道', communityIds: ['nanguan'] });
  tokens[home] = await s.loginStaff();
  tokens.street = await s.loginStaff('jiedao', 'linli-demo');

  const report = async (cid: string, key: string, category = '电梯') => {
    const r = await s.request('POST', '/api/tickets', {
      token: tokens[cid],
      body: { category, description: `${key} 电梯停在半层`, channel: 'desk', reporter: { name: '李建国', phone: '13805379999' }, location: { building: '1号楼', unit: '1单元' } },
    });
    expect(r.status).toBe(201);
    made[key] = { ...r.body, cid };
  };
  const move = (cid: string, id: string, action: string) => s.request('POST', `/api/tickets/${id}/transition`, { token: tokens[cid], body: { action } });
  // Nobody signs for these: the ladder supervises them and raises them to the street.
  await report(home, 'homeOpen');
  await report(home, 'homeClosed');
  await report('nanguan', 'ngOpen');
  await report('dongcheng', 'dcOpen');
  // Signed at once (no 签收 ladder); one finished in time, one left in hand.
  await report(home, 'homeFine', '水电');
  for (const action of ['accept', 'start', 'resolve']) expect((await move(home, made.homeFine.id, action)).status).toBe(200);
  await report('nanguan', 'ngAccepted', '水电');
  expect((await move('nanguan', made.ngAccepted.id, 'accept')).status).toBe(200);

  const get = async (key: string) => (await s.request('GET', `/api/tickets/${made[key].id}`, { token: tokens[made[key].cid] })).body;
  const until = Date.now() + 20_000;
  for (const key of ['homeOpen', 'homeClosed', 'ngOpen', 'dcOpen']) {
    while (!(await get(key)).timeline.some((e: any) => e.kind === 'street') && Date.now() < until) await sleep(200);
    expect((await get(key)).timeline.map((e: any) => e.kind)).toEqual(expect.arrayContaining(['supervised', 'street']));
  }
  for (const action of ['accept', 'start', 'resolve', 'close']) expect((await move(home, made.homeClosed.id, action)).status).toBe(200);
  // 督办 without the street: what the leader's 督办 after a "没解决" return visit leaves on the timeline.
  await s.app.conn.collection('tickets').updateOne(
    { no: made.ngAccepted.no, communityId: 'nanguan' },
    { $push: { timeline: { kind: 'supervised', at: new Date(), actor: { kind: 'system', name: '系统' }, audience: 'leader', note: '督办' } } as any },
  );
}, 60_000);

describe('GET /api/street/stats/service', () => {
  it("gives every community of the street the figures its own endpoint gives, and nothing of a community outside it", async () => {
    const day = shanghaiDay(new Date());
    const q = `from=${day}&to=${day}`;
    const street = await s.request('GET', `/api/street/stats/service?${q}&groupBy=community`, { token: tokens.street });
    expect(street.status).toBe(200);
    expect(street.body.street).toEqual({ id: 'beimen-jiedao', name: '北门街道' });
    expect(street.body.groups.map((g: any) => [g.key, g.label])).toEqual([[s.communityId, '北门社区'], ['nanguan', '南关社区']].sort((a, b) => a[0]!.localeCompare(b[0]!, 'zh-CN')));
    const own: any[] = [];
    for (const cid of [s.communityId, 'nanguan']) {
      const r = await s.request('GET', `/api/stats/service?${q}`, { token: tokens[cid] });
      expect(r.status).toBe(200);
      const { label: _l, key: _k, ...figures } = street.body.groups.find((g: any) => g.key === cid);
      expect(figures).toEqual(r.body.overall);
      own.push(r.body.overall);
    }
    // The street's overall is the two communities' tickets together (东城's report is not among them).
    expect(street.body.overall.total).toBe(own[0].total + own[1].total);
    expect(street.body.overall.counted).toBe(own[0].counted + own[1].counted);
    expect(street.body.overall.finishedOnTime).toBe(own[0].finishedOnTime + own[1].finishedOnTime);
    expect(own[1].total).toBe(2);
    // Grouped by category, the groups add up to the overall.
    const byCategory = (await s.request('GET', `/api/street/stats/service?${q}&groupBy=category`, { token: tokens.street })).body;
    expect(byCategory.overall).toEqual(street.body.overall);
    expect(byCategory.groups.reduce((n: number, g: any) => n + g.total, 0)).toBe(street.body.overall.total);
  });

  it('refuses bad dates in Chinese', async () => {
    const r = await s.request('GET', '/api/street/stats/service?from=2026-05-02&to=2026-05-01', { token: tokens.street });
    expect(r.status).toBe(422);
    expect(JSON.stringify(r.body.error.details)).toMatch(/开始日期不能晚于结束日期/);
  });
});

describe('GET /api/street/tickets', () => {
  const ids = (items: any[]) => items.map((t) => t.id).filter((id) => Object.values(made).some((m) => m.id === id));

  it('lists supervised tickets of its communities only, open first, with the community name and no phone number', async () => {
    const r = await s.request('GET', '/api/street/tickets?level=supervised', { token: tokens.street });
    expect(r.status).toBe(200);
    expect(ids(r.body.items)).toEqual([made.ngAccepted.id, made.ngOpen.id, made.homeOpen.id, made.homeClosed.id]);
    expect(r.body.items.every((t: any) => [s.communityId, 'nanguan'].includes(t.communityId))).toBe(true);
    const open = r.body.items.map((t: any) => !['resolved', 'closed', 'cancelled'].includes(t.status));
    expect(open).toEqual([...open].sort((a: boolean, b: boolean) => Number(b) - Number(a)));
    const ng = r.body.items.find((t: any) => t.id === made.ngOpen.id);
    expect(ng.communityName).toBe('南关社区');
    expect(ng.reporter).toEqual({ name: '李建国' });
    expect(JSON.stringify(r.body)).not.toContain('13805379999');
    // The community's own staff still see the number.
    expect((await s.request('GET', `/api/tickets/${made.ngOpen.id}`, { token: tokens.nanguan })).body.reporter.phone).toBe('13805379999');
  });

  it('level=street lists only what went up to the street', async () => {
    const r = await s.request('GET', '/api/street/tickets?level=street', { token: tokens.street });
    expect(r.status).toBe(200);
    expect(ids(r.body.items)).toEqual([made.ngOpen.id, made.homeOpen.id, made.homeClosed.id]);
    expect(r.body.items.every((t: any) => t.timeline.some((e: any) => e.kind === 'street'))).toBe(true);
    const bad = await s.request('GET', '/api/street/tickets?level=all', { token: tokens.street });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body.error.details)).toMatch(/级别只能是/);
  });
});

describe('the street role is read-only by construction', () => {
  it('gets 403 on a ticket transition, a notice, a resident read and every community list, and changes nothing', async () => {
    const t = tokens.street;
    const move = await s.request('POST', `/api/tickets/${made.homeOpen.id}/transition`, { token: t, body: { action: 'accept' } });
    expect(move.status).toBe(403);
    expect(move.body.error.message).toBe('街道账号只能查看街道总览');
    expect((await s.request('GET', `/api/tickets/${made.homeOpen.id}`, { token: tokens[s.communityId] })).body.status).toBe('submitted');
    const notice = await s.request('POST', '/api/notices', { token: t, body: { title: '停水通知', body: '明天停水', category: 'general', audience: { all: true }, channels: ['feed'] } });
    expect(notice.status).toBe(403);
    for (const path of ['/api/residents', '/api/tickets', `/api/tickets/${made.homeOpen.id}`, '/api/stats/service?from=2026-01-01&to=2026-01-31', '/api/staff', '/api/notices', '/api/community'])
      expect([path, (await s.request('GET', path, { token: t })).status]).toEqual([path, 403]);
    expect((await s.request('POST', '/api/tickets', { token: t, body: { category: '其他', description: '试试', channel: 'desk', reporter: { name: '某人' } } })).status).toBe(403);
    const me = await s.request('GET', '/api/me', { token: t });
    expect(me.status).toBe(200);
    // Its socket connects but joins no room: the home community's staff rooms carry residents' details.
    const sock = await s.socket(t);
    const server = (await s.app.io.fetchSockets()).find((x) => x.id === sock.id)!;
    expect([...server.rooms]).toEqual([sock.id]);
  });

  it('only a street account reads the street; a community admin can neither make one nor take one over', async () => {
    const admin = tokens[s.communityId];
    expect((await s.request('GET', '/api/street/tickets', { token: admin })).status).toBe(403);
    expect((await s.request('GET', '/api/street', { token: admin })).status).toBe(403);
    const made2 = await s.request('POST', '/api/staff', { token: admin, body: { username: 'fake-street', password: PASSWORD, name: '假街道', roles: ['street'] } });
    expect(made2.status).toBe(422);
    expect(JSON.stringify(made2.body)).toMatch(/街道账号由部署运维人员/);
    const accounts = (await s.request('GET', '/api/staff/accounts', { token: admin })).body.items;
    const jiedao = accounts.find((a: any) => a.username === 'jiedao');
    expect(jiedao.roles).toEqual(['street']);
    const reset = await s.request('POST', `/api/staff/${jiedao.id}/password`, { token: admin, body: { password: 'taken-over-2026' } });
    expect(reset.status).toBe(403);
    expect((await s.request('POST', '/api/auth/staff/login', { body: { username: 'jiedao', password: 'linli-demo' } })).status).toBe(200);
    // Not offered as an assignee.
    expect((await s.request('GET', '/api/staff', { token: admin })).body.items.some((x: any) => x.username === 'jiedao')).toBe(false);
    const street = await s.request('GET', '/api/street', { token: tokens.street });
    expect(street.body).toEqual({ id: 'beimen-jiedao', name: '北门街道', communities: [{ id: s.communityId, name: '北门社区' }, { id: 'nanguan', name: '南关社区' }] });
  });
});
