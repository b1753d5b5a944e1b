// Duplicate reports over real HTTP and sockets: linking (auto, suggested + confirmed, the reporter's choice), shared deadline, progress for every reporter, crowd priority.
import { nextEvent, startTestServer, type TestServer } from '../../test-support/harness';
import { householdKey, placeKeyOf, similarity } from './ticket.similarity';

describe('similarity and place keys (pure)', () => {
  it('reads place words and filler as noise, so the same fault in other words scores high and another fault low', () => {
    expect(similarity('3号楼2单元电梯坏了', '3号楼的电梯又坏了，困人了！')).toBeGreaterThanOrEqual(0.5);
    expect(similarity('电梯停了', '电梯坏了')).toBe(0.5);
    expect(similarity('电梯按钮失灵', '电梯坏了')).toBeLessThan(0.5);
    expect(similarity('楼道灯不亮', '电梯坏了')).toBe(0);
    expect(similarity('语音报事', '')).toBe(0);
    expect(similarity('状态 submitted', '状态 accepted')).toBeLessThan(0.5);
  });

  it('keys a place by building and unit, or by device; households by home before person', () => {
    expect(placeKeyOf({ building: '3号楼', unit: '2单元' })).toBe('place:3号楼|2单元');
    expect(placeKeyOf({ building: '3号楼', unit: '2单元', room: '101' })).toBe(placeKeyOf({ building: ' 3号楼', unit: '2单元', room: '502' }));
    expect(placeKeyOf({ building: '3号楼' })).not.toBe(placeKeyOf({ building: '3号楼', unit: '2单元' }));
    expect(placeKeyOf({ building: '3号楼' }, 'dev1')).toBe('device:dev1');
    expect(placeKeyOf(undefined)).toBeUndefined();
    expect(householdKey({ name: 'a', residentId: 'r1' }, 'h1', undefined, 't')).toBe('hh:h1');
    expect(householdKey({ name: 'a', residentId: 'r1' }, undefined, undefined, 't')).toBe('res:r1');
    expect(householdKey({ name: 'a', wechatId: 'wx1' }, undefined, undefined, 't')).toBe('wx:wx1');
    expect(householdKey({ name: 'a' }, undefined, undefined, 't9')).toBe('ticket:t9');
  });
});

describe('linking duplicates', () => {
  let s: TestServer;
  let admin: string;
  const residents: Record<string, string> = {};
  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.loginStaff();
    for (const who of ['a', 'b', 'c', 'd']) residents[who] = (await s.loginResident(`dup-${who}`, `居民${who}`)).token;
  });
  afterAll(() => s.close());

  const lift = { building: '5号楼', unit: '2单元' };
  const report = (token: string, description: string, extra: Record<string, unknown> = {}) =>
    s.request('POST', '/api/tickets', { token, body: { category: '电梯', description, channel: 'app', location: lift, ...extra } });
  const get = async (id: string, token = admin) => (await s.request('GET', `/api/tickets/${id}`, { token })).body;

  it('links later reports of one lift to the first, shares its deadline, counts followers and raises the priority at three households', async () => {
    const first = await report(residents.a!, '5号楼2单元电梯坏了，困人了');
    expect(first.status).toBe(201);
    expect(first.body.duplicateOf).toBeUndefined();
    expect(first.body).toMatchObject({ followerCount: 0, households: 1, priority: 'normal' });

    // The first reporter's socket: she hears that others reported the same thing.
    const sockA = await s.socket(residents.a!);
    const followed = nextEvent(sockA, 'ticket:updated', 5000, (t: any) => t.id === first.body.id && t.followerCount === 1);
    const second = await report(residents.b!, '电梯又坏了！');
    expect(second.status).toBe(201);
    expect(second.body.no).not.toBe(first.body.no);
    expect(second.body.duplicateOf).toEqual({ id: first.body.id, no: first.body.no, by: 'auto' });
    expect(second.body.slaDueAt).toBe(first.body.slaDueAt);
    expect(second.body.timeline.map((e: any) => e.kind)).toEqual(['created', 'linked']);
    expect((await followed).households).toBe(2);

    // The same household again may be another fault at the same place: only suggested to staff, who confirm it —
    // one more follower, not one more household.
    const again = await report(residents.b!, '电梯坏了');
    expect(again.body.duplicateOf).toBeUndefined();
    const suggestion = (await get(again.body.id)).duplicateSuggestion;
    expect(suggestion.id).toBe(first.body.id);
    expect(suggestion.score).toBeGreaterThanOrEqual(0.5); // similar enough, but her household is already on it
    expect((await s.request('POST', `/api/tickets/${again.body.id}/link`, { token: admin, body: { primaryId: first.body.id } })).status).toBe(200);
    let primary = await get(first.body.id);
    expect(primary).toMatchObject({ followerCount: 2, households: 2, priority: 'normal' });

    const third = await report(residents.c!, '5号楼电梯坏了一天了');
    expect(third.body.duplicateOf?.id).toBe(first.body.id);
    primary = await get(first.body.id);
    expect(primary).toMatchObject({ followerCount: 3, households: 3, priority: 'high' });
    expect(primary.linked.map((l: any) => l.no)).toEqual([second.body.no, again.body.no, third.body.no]);
    expect(primary.timeline.filter((e: any) => e.kind === 'prioritized')).toHaveLength(1);
    // A fourth household does not raise it twice.
    await report(residents.d!, '电梯坏了');
    primary = await get(first.body.id);
    expect(primary).toMatchObject({ followerCount: 4, households: 4, priority: 'high' });
    expect(primary.timeline.filter((e: any) => e.kind === 'prioritized')).toHaveLength(1);
    // Residents never see the other tickets' numbers.
    expect((await get(first.body.id, residents.a!)).linked).toBeUndefined();
  });

  it('does not link another unit, another category, or a report with no place', async () => {
    const base = await report(residents.a!, '6号楼1单元电梯坏了', { location: { building: '6号楼', unit: '1单元' } });
    const otherUnit = await report(residents.b!, '电梯坏了', { location: { building: '6号楼', unit: '2单元' } });
    const otherCat = await report(residents.b!, '电梯坏了', { location: { building: '6号楼', unit: '1单元' }, category: '公共设施' });
    const desk = await s.request('POST', '/api/tickets', { token: admin, body: { category: '电梯', description: '电梯坏了', channel: 'desk', reporter: { name: '路人' } } });
    expect(base.body.duplicateOf).toBeUndefined();
    for (const r of [otherUnit, otherCat, desk]) {
      expect(r.status).toBe(201);
      expect(r.body.duplicateOf).toBeUndefined();
      expect(r.body.duplicateSuggestion).toBeUndefined();
    }
  });

  it('suggests a less similar report to staff only, who confirm it (or dismiss it); bad links change nothing', async () => {
    const place = { building: '7号楼', unit: '1单元' };
    const first = await report(residents.a!, '7号楼电梯坏了', { location: place });
    const vague = await report(residents.b!, '电梯按钮失灵，有时候不关门', { location: place });
    expect(vague.body.duplicateOf).toBeUndefined();
    expect(vague.body.duplicateSuggestion).toBeUndefined(); // resident view
    const staffView = await get(vague.body.id);
    expect(staffView.duplicateSuggestion).toMatchObject({ id: first.body.id, no: first.body.no });
    expect(staffView.duplicateSuggestion.score).toBeLessThan(0.5);
    // Its own deadline runs until staff confirm.
    expect(staffView.slaDueAt).not.toBe(first.body.slaDueAt);

    // Refused: a resident, linking to itself, across categories, to an unknown ticket.
    expect((await s.request('POST', `/api/tickets/${vague.body.id}/link`, { token: residents.b!, body: { primaryId: first.body.id } })).status).toBe(403);
    const self = await s.request('POST', `/api/tickets/${vague.body.id}/link`, { token: admin, body: { primaryId: vague.body.id } });
    expect([self.status, self.body.error.message]).toEqual([422, '不能与自身合并']);
    const lamp = await report(residents.c!, '7号楼路灯不亮', { location: place, category: '路灯照明' });
    const cross = await s.request('POST', `/api/tickets/${lamp.body.id}/link`, { token: admin, body: { primaryId: first.body.id } });
    expect([cross.status, cross.body.error.message]).toEqual([422, '只能合并同一类别的报事']);
    expect((await s.request('POST', `/api/tickets/${vague.body.id}/link`, { token: admin, body: { primaryId: '0123456789abcdef01234567' } })).status).toBe(404);
    expect((await get(vague.body.id)).duplicateOf).toBeUndefined();

    const linked = await s.request('POST', `/api/tickets/${vague.body.id}/link`, { token: admin, body: { primaryId: first.body.id } });
    expect(linked.status).toBe(200);
    expect(linked.body.duplicateOf).toEqual({ id: first.body.id, no: first.body.no, by: 'staff' });
    expect(linked.body.duplicateSuggestion).toBeUndefined();
    expect(linked.body.slaDueAt).toBe(first.body.slaDueAt);
    expect((await get(first.body.id)).followerCount).toBe(1);
    const twice = await s.request('POST', `/api/tickets/${vague.body.id}/link`, { token: admin, body: { primaryId: first.body.id } });
    expect(twice.status).toBe(409);

    // Undo: back on its own deadline (from when it was filed), the primary no longer counts it.
    const un = await s.request('POST', `/api/tickets/${vague.body.id}/unlink`, { token: admin });
    expect(un.status).toBe(200);
    expect(un.body.duplicateOf).toBeUndefined();
    expect(new Date(un.body.slaDueAt).getTime() - new Date(un.body.createdAt).getTime()).toBe(4 * 3600_000);
    expect((await get(first.body.id)).followerCount).toBe(0);

    // Dismissing a suggestion.
    const other = await report(residents.c!, '电梯里有异味', { location: place });
    expect((await get(other.body.id)).duplicateSuggestion?.id).toBe(first.body.id);
    expect((await s.request('POST', `/api/tickets/${other.body.id}/unlink`, { token: admin })).status).toBe(200);
    expect((await get(other.body.id)).duplicateSuggestion).toBeUndefined();
    expect((await s.request('POST', `/api/tickets/${other.body.id}/unlink`, { token: admin })).status).toBe(409);
  });

  it('shows residents open reports of a place before they submit, without their words, and links when they choose to follow', async () => {
    const place = { building: '8号楼', unit: '3单元' };
    const first = await report(residents.a!, '8号楼3单元电梯门夹人', { location: place });
    const q = (extra = '') => s.request('GET', `/api/tickets/similar?category=${encodeURIComponent('电梯')}&building=${encodeURIComponent('8号楼')}&unit=${encodeURIComponent('3单元')}${extra}`, { token: residents.b! });
    const similar = await q();
    expect(similar.status).toBe(200);
    expect(similar.body.items).toEqual([
      { id: first.body.id, no: first.body.no, category: '电梯', place: '8号楼3单元', status: 'submitted', followerCount: 0, createdAt: first.body.createdAt },
    ]);
    const none = await s.request('GET', `/api/tickets/similar?category=${encodeURIComponent('水电')}&building=${encodeURIComponent('8号楼')}`, { token: residents.b! });
    expect(none.body.items).toEqual([]);
    const bad = await s.request('GET', `/api/tickets/similar?category=${encodeURIComponent('电梯')}`, { token: residents.b! });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toContainEqual({ path: 'building', message: '请提供楼号或设备' });

    // Different words (no auto link), but she chose 一起关注.
    const follow = await report(residents.b!, '按键没反应', { location: place, duplicateOf: first.body.id });
    expect(follow.body.duplicateOf).toEqual({ id: first.body.id, no: first.body.no, by: 'reporter' });
    expect((await q()).body.items[0].followerCount).toBe(1);
    // Following a ticket of another category is not honoured: filed on its own, nothing lost.
    const wrong = await report(residents.c!, '水管漏水', { location: place, category: '水电', duplicateOf: first.body.id });
    expect(wrong.status).toBe(201);
    expect(wrong.body.duplicateOf).toBeUndefined();
  });

  it('moves every linked report with its primary, so each reporter hears the progress; a cancelled primary lets them go on alone', async () => {
    const place = { building: '9号楼', unit: '1单元' };
    const first = await report(residents.a!, '9号楼电梯坏了', { location: place });
    const second = await report(residents.b!, '电梯坏了', { location: place });
    expect(second.body.duplicateOf?.id).toBe(first.body.id);
    const sockB = await s.socket(residents.b!);
    const heard = nextEvent(sockB, 'ticket:updated', 5000, (t: any) => t.id === second.body.id && t.status === 'resolved');
    for (const action of ['accept', 'start', 'resolve']) {
      const r = await s.request('POST', `/api/tickets/${first.body.id}/transition`, { token: admin, body: { action } });
      expect(r.status).toBe(200);
    }
    const resolved = await heard;
    expect(resolved.timeline.filter((e: any) => ['accepted', 'started', 'resolved'].includes(e.kind)).map((e: any) => e.note)).toEqual([
      `与 ${first.body.no} 一并处理`,
      `与 ${first.body.no} 一并处理`,
      `与 ${first.body.no} 一并处理`,
    ]);
    // She may rate her own report.
    expect((await s.request('POST', `/api/tickets/${second.body.id}/rating`, { token: residents.b!, body: { score: 5 } })).status).toBe(200);

    const p2 = { building: '9号楼', unit: '2单元' };
    const a = await report(residents.a!, '9号楼2单元电梯坏了', { location: p2 });
    const b = await report(residents.c!, '电梯坏了', { location: p2 });
    expect(b.body.duplicateOf?.id).toBe(a.body.id);
    expect((await s.request('POST', `/api/tickets/${a.body.id}/transition`, { token: residents.a!, body: { action: 'cancel' } })).status).toBe(200);
    const deadline = Date.now() + 5000;
    let alone = await get(b.body.id);
    while (alone.duplicateOf && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      alone = await get(b.body.id);
    }
    expect(alone.duplicateOf).toBeUndefined();
    expect(alone.status).toBe('submitted');
    expect(alone.timeline.at(-1)).toMatchObject({ kind: 'unlinked', note: `原工单 ${a.body.no} 已撤销，本工单单独处理` });
  });
});

describe('one deadline for linked reports', () => {
  let s: TestServer;
  afterAll(() => s.close());

  it('escalates the primary once when the shared deadline passes; its linked report carries no timer of its own, also after a restart', async () => {
    s = await startTestServer();
    let admin = await s.loginStaff();
    expect((await s.request('PATCH', '/api/community/sla', { token: admin, body: { 电梯: 0.0008 } })).status).toBe(200); // ~2.9 s
    const mk = (name: string, description: string) =>
      s.request('POST', '/api/tickets', { token: admin, body: { category: '电梯', description, channel: 'desk', reporter: { name }, location: { building: '1号楼', unit: '1单元' } } });
    const first = (await mk('甲', '1号楼电梯坏了')).body;
    const second = (await mk('乙', '电梯坏了')).body;
    expect(second.duplicateOf.id).toBe(first.id);
    await s.close();
    await new Promise((r) => setTimeout(r, 3500));
    s = await s.restart();
    admin = await s.loginStaff();
    const deadline = Date.now() + 10_000;
    let p = (await s.request('GET', `/api/tickets/${first.id}`, { token: admin })).body;
    while (!p.escalatedAt && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      p = (await s.request('GET', `/api/tickets/${first.id}`, { token: admin })).body;
    }
    await new Promise((r) => setTimeout(r, 1000));
    p = (await s.request('GET', `/api/tickets/${first.id}`, { token: admin })).body;
    const f = (await s.request('GET', `/api/tickets/${second.id}`, { token: admin })).body;
    expect(p.timeline.filter((e: any) => e.kind === 'escalated')).toHaveLength(1);
    expect(f.timeline.filter((e: any) => e.kind === 'escalated')).toHaveLength(0);
    expect(f.overdue).toBe(true); // the shared deadline has passed for the follower too
  });
});
