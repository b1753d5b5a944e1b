// Absence calendar and quiet hours against the real app: an absence suppresses the missed-check-in (and wristband-offline) alert and it resumes after; SOS still alerts; quiet hours move the question; a restart in between loses nothing.
import crypto from 'node:crypto';
import { addDays, shanghaiDay } from '@linli/contracts';
import { startTestServer, type TestServer } from '../../test-support/harness';
import { dueAt, nextDue, outOfQuiet } from './care.calendar';

let s: TestServer;
let admin: string;
let zhangli: string;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** "HH:mm:ss" in Asia/Shanghai, `ms` from now. */
const clock = (ms: number) => new Date(Date.now() + ms + 8 * 3600_000).toISOString().slice(11, 19);
/** Quiet hours that surely do not contain the next minutes. */
const farQuiet = () => ({ start: clock(3 * 3600_000).slice(0, 5), end: clock(4 * 3600_000).slice(0, 5) });
const today = () => shanghaiDay();

async function resident(name: string) {
  return (await s.request('GET', `/api/residents?q=${encodeURIComponent(name)}`, { token: admin })).body.items[0] as { id: string; building: string };
}
async function alertsOf(type: string, residentId: string) {
  return ((await s.request('GET', `/api/alerts?type=${type}`, { token: admin })).body.items as any[]).filter((a) => a.subject?.residentId === residentId);
}
async function until<T>(f: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  let v = await f();
  while (!ok(v) && Date.now() < end) {
    await sleep(200);
    v = await f();
  }
  return v;
}

beforeAll(async () => {
  s = await startTestServer({ env: { ALERT_ESCALATION_SCALE: '0.01' } });
  admin = await s.loginStaff();
  zhangli = await s.loginStaff('zhangli');
});
afterAll(() => s.close());

describe('quiet-hours arithmetic (Asia/Shanghai)', () => {
  it('moves a deadline inside quiet hours to their end, across midnight too, and leaves others alone', () => {
    const night = { start: '22:00', end: '07:00' };
    // 23:00 on 3 March → 07:00 on 4 March; 06:00 → 07:00 the same morning; 10:00 untouched.
    expect(dueAt('2026-03-03', '23:00', night).toISOString()).toBe('2026-03-03T23:00:00.000Z');
    expect(dueAt('2026-03-03', '06:00', night).toISOString()).toBe('2026-03-02T23:00:00.000Z');
    expect(dueAt('2026-03-03', '10:00', night).toISOString()).toBe('2026-03-03T02:00:00.000Z');
    expect(outOfQuiet(new Date('2026-03-03T05:30:00Z'), { start: '13:00', end: '14:00' }).toISOString()).toBe('2026-03-03T06:00:00.000Z');
    expect(outOfQuiet(new Date('2026-03-03T05:30:00Z'), null).toISOString()).toBe('2026-03-03T05:30:00.000Z');
    // At 23:30 on the 3rd, the 3rd's 23:00 question is still to come (07:00 on the 4th).
    expect(nextDue('23:00', night, new Date('2026-03-03T15:30:00Z'))).toEqual({ day: '2026-03-03', at: new Date('2026-03-03T23:00:00Z') });
  });
});

describe('absence calendar', () => {
  it('staff enter, edit and remove a stay away (audited); bad input is refused in Chinese and changes nothing; only care staff or her grid worker may', async () => {
    const wang = await resident('王秀兰');
    const base = `/api/care/profiles/${wang.id}/absences`;
    const bad = [
      { from: today(), to: addDays(today(), -1), reason: '住院' },
      { from: today(), to: today(), reason: '旅游' },
      { from: '2026-02-30', to: today(), reason: '住院' },
      { from: addDays(today(), -40), to: today(), reason: '住院' },
      { from: today(), to: addDays(today(), 400), reason: '外出' },
      { from: today(), to: today(), reason: '住院', extra: 1 },
    ];
    for (const body of bad) {
      const r = await s.request('POST', base, { token: zhangli, body });
      expect({ body, status: r.status }).toEqual({ body, status: 422 });
      expect(r.body.error.message + JSON.stringify(r.body.error.details ?? '')).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await s.request('GET', base, { token: zhangli })).body).toEqual([]);
    // liumin covers 4–6号楼 and is not her grid worker; a resident may not either.
    expect((await s.request('POST', base, { token: await s.loginStaff('liumin'), body: { from: today(), to: today(), reason: '住院' } })).status).toBe(404);
    expect((await s.request('POST', base, { token: await s.loginStaff('caiwu'), body: { from: today(), to: today(), reason: '住院' } })).status).toBe(404);

    const made = await s.request('POST', base, { token: await s.loginStaff('wanggang'), body: { from: addDays(today(), 3), to: addDays(today(), 9), reason: '走亲戚', note: '去济南女儿家' } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ reason: '走亲戚', note: '去济南女儿家', createdBy: { name: '王刚（网格员）' } });
    const id = made.body.id;
    expect((await s.request('PATCH', `${base}/${id}`, { token: zhangli, body: { to: addDays(today(), 1) } })).status).toBe(422);
    const edited = await s.request('PATCH', `${base}/${id}`, { token: zhangli, body: { reason: '住院', note: null } });
    expect(edited.status).toBe(200);
    expect(edited.body.note).toBeUndefined();
    expect((await s.request('GET', base, { token: zhangli })).body.map((a: any) => a.reason)).toEqual(['住院']);
    expect((await s.request('DELETE', `${base}/${id}`, { token: zhangli })).status).toBe(200);
    expect((await s.request('DELETE', `${base}/${id}`, { token: zhangli })).status).toBe(404);
    expect((await s.request('GET', base, { token: zhangli })).body).toEqual([]);

    const audit = (await s.request('GET', `/api/care/audit?residentId=${wang.id}`, { token: admin })).body.items.filter((a: any) => a.action === 'write_absence');
    expect(audit.map((a: any) => a.detail.slice(0, 2))).toEqual(['删除', '修改', '登记']);
    expect(audit[2]).toMatchObject({ actor: { name: '王刚（网格员）' }, residentName: '王秀兰', via: `POST ${base}` });
    expect(audit[1].detail).toContain('住院');
  });

  it('while she is away no missed-check-in alert is raised and the overview says 住院中; after it ends the alert comes back; SOS alerts throughout', async () => {
    const chen = await resident('陈德明');
    const base = `/api/care/profiles/${chen.id}/absences`;
    const a = await s.request('POST', base, { token: zhangli, body: { from: addDays(today(), -2), to: today(), reason: '住院', note: '市人民医院' } });
    expect(a.status).toBe(201);
    const deadline = clock(1500);
    expect((await s.request('PATCH', `/api/care/profiles/${chen.id}`, { token: zhangli, body: { checkinDeadline: deadline, quietHours: farQuiet() } })).status).toBe(200);
    // The deadline timer fires (and re-arms tomorrow's) without raising anything.
    const tomorrowKey = `care-checkin:beimen:${chen.id}:${addDays(today(), 1)}`;
    await until(() => s.app.scheduler.get(tomorrowKey), (t) => t?.status === 'pending');
    expect((await s.app.scheduler.get(`care-checkin:beimen:${chen.id}:${today()}`))?.status).not.toBe('pending');
    await sleep(500);
    expect(await alertsOf('no_checkin', chen.id)).toEqual([]);
    const ov = (await s.request('GET', '/api/care/overview', { token: admin })).body;
    const row = ov.missing.find((m: any) => m.residentId === chen.id);
    expect(row).toMatchObject({ overdue: false, absence: { reason: '住院', to: today() } });

    // SOS from his wristband is never suppressed.
    const band = (await s.request('GET', `/api/devices?wearer=${chen.id}`, { token: admin })).body.items[0];
    const key = (await s.request('POST', `/api/devices/${band.id}/rotate-key`, { token: admin })).body.key;
    const ingest = (type: string) =>
      s.request('POST', '/api/alerts/ingest', {
        body: { deviceId: band.id, eventId: `${type}-${crypto.randomBytes(4).toString('hex')}`, type, at: new Date().toISOString() },
        headers: { authorization: `Bearer ${key}` },
      });
    expect((await ingest('sos')).body.outcome).toBe('raised');
    const sos = await alertsOf('sos', chen.id);
    expect(sos).toHaveLength(1);
    expect(sos[0].status).toBe('raised');
    // His wristband going offline while he is in hospital needs nobody: recorded, no alert.
    const off = await ingest('device_offline');
    expect(off.status).toBe(200);
    expect(off.body.outcome).toBe('recorded');
    expect(off.body.alertId).toBeUndefined();
    const offlines = (await s.request('GET', '/api/alerts?type=device_offline', { token: admin })).body.items as any[];
    expect(offlines.filter((x) => x.deviceId === band.id)).toHaveLength(0);
    // The SOS stays open.
    expect((await s.request('GET', `/api/alerts/${sos[0].id}`, { token: admin })).body.status).toBe('raised');

    // The stay is over (it ended yesterday): today's next deadline raises the alert again.
    expect((await s.request('PATCH', `${base}/${a.body.id}`, { token: zhangli, body: { to: addDays(today(), -1) } })).status).toBe(200);
    expect((await s.request('PATCH', `/api/care/profiles/${chen.id}`, { token: zhangli, body: { checkinDeadline: clock(1500) } })).status).toBe(200);
    const back = await until(() => alertsOf('no_checkin', chen.id), (l) => l.length > 0);
    expect(back).toHaveLength(1);
    expect(back[0].level).toBe('self');
    const after = (await s.request('GET', '/api/care/overview', { token: admin })).body.missing.find((m: any) => m.residentId === chen.id);
    expect(after.absence).toBeUndefined();
    expect(after.overdue).toBe(true);

    // Entering today's absence now answers the open alert.
    expect((await s.request('POST', base, { token: zhangli, body: { from: today(), to: addDays(today(), 2), reason: '走亲戚' } })).status).toBe(201);
    const settled = (await s.request('GET', `/api/alerts/${back[0].id}`, { token: admin })).body;
    expect(settled.status).toBe('resolved');
    expect(settled.resolution).toContain('外出中');
  }, 60_000);
});

describe('quiet hours', () => {
  it('a deadline inside her quiet hours is asked at their end, and a restart in between loses nothing; bad quiet hours are refused', async () => {
    const zheng = await resident('郑玉珍');
    const path = `/api/care/profiles/${zheng.id}`;
    for (const quietHours of [{ start: '22:00', end: '22:00' }, { start: '25:00', end: '07:00' }, { start: '22:00' }]) {
      const r = await s.request('PATCH', path, { token: zhangli, body: { quietHours } });
      expect(r.status).toBe(422);
      expect(JSON.stringify(r.body.error)).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await s.request('GET', path, { token: zhangli })).body.quietHours).toBeNull();

    // Quiet from an hour ago until 6 s from now; her deadline in 1 s falls inside.
    const quietHours = { start: clock(-3600_000), end: clock(6000) };
    const r = await s.request('PATCH', path, { token: zhangli, body: { quietHours, checkinDeadline: clock(1000) } });
    expect(r.status).toBe(200);
    expect(r.body.quietHours).toEqual(quietHours);
    const timer = await s.app.scheduler.get(`care-checkin:beimen:${zheng.id}:${today()}`);
    const end = dueAt(today(), quietHours.end, null);
    expect(timer?.fireAt.toISOString()).toBe(end.toISOString());
    const ov = (await s.request('GET', '/api/care/overview', { token: admin })).body.missing.find((m: any) => m.residentId === zheng.id);
    expect(ov.dueAt).toBe(end.toISOString());

    // The server goes down before the question is due and comes back: the question is still asked, once, after her quiet hours.
    s = await s.restart();
    admin = await s.loginStaff();
    zhangli = await s.loginStaff('zhangli');
    const raised = await until(() => alertsOf('no_checkin', zheng.id), (l) => l.length > 0);
    expect(raised).toHaveLength(1);
    expect(new Date(raised[0].createdAt ?? raised[0].firstSeenAt).getTime()).toBeGreaterThanOrEqual(end.getTime());
    await sleep(1000);
    expect(await alertsOf('no_checkin', zheng.id)).toHaveLength(1);

    const audit = (await s.request('GET', `/api/care/audit?residentId=${zheng.id}`, { token: admin })).body.items.filter((a: any) => a.action === 'write_quiet_hours');
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toContain(`${quietHours.start}–${quietHours.end}`);
  }, 60_000);
});

describe('her own absence, from the mini-program', () => {
  it('an enrolled resident enters and cancels her own stay away (audited as herself); bad input and others are refused', async () => {
    const wang = await resident('王秀兰');
    const { token } = await s.loginResident('demo-wangxiulan');
    const bad = await s.request('POST', '/api/care/me/absences', { token, body: { from: addDays(today(), -1), to: today(), reason: '走亲戚' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toBe('开始日期不能早于今天');
    expect((await s.request('POST', '/api/care/me/absences', { token, body: { from: today(), to: today(), reason: '出差' } })).status).toBe(422);
    const outsider = await s.loginResident('demo-resident');
    expect((await s.request('POST', '/api/care/me/absences', { token: outsider.token, body: { from: today(), to: today(), reason: '外出' } })).status).toBe(404);
    expect((await s.request('POST', '/api/care/me/absences', { token: zhangli, body: { from: today(), to: today(), reason: '外出' } })).status).toBe(403);
    expect((await s.request('GET', '/api/care/me', { token })).body.awayToday).toBeUndefined();

    const made = await s.request('POST', '/api/care/me/absences', { token, body: { from: today(), to: addDays(today(), 6), reason: '走亲戚' } });
    expect(made.status).toBe(201);
    expect(made.body.createdBy).toMatchObject({ kind: 'resident', name: '王秀兰' });
    const me = (await s.request('GET', '/api/care/me', { token })).body;
    expect(me.awayToday).toEqual({ reason: '走亲戚', from: today(), to: addDays(today(), 6) });
    expect(me.absences.map((a: any) => a.id)).toEqual([made.body.id]);
    // Staff see it in her calendar.
    expect((await s.request('GET', `/api/care/profiles/${wang.id}/absences`, { token: zhangli })).body.map((a: any) => a.id)).toContain(made.body.id);
    // Someone else cannot cancel it.
    expect((await s.request('DELETE', `/api/care/me/absences/${made.body.id}`, { token: outsider.token })).status).toBe(404);
    expect((await s.request('DELETE', `/api/care/me/absences/${made.body.id}`, { token })).status).toBe(200);
    expect((await s.request('GET', '/api/care/me', { token })).body.awayToday).toBeUndefined();

    const audit = (await s.request('GET', `/api/care/audit?residentId=${wang.id}`, { token: admin })).body.items.filter((a: any) => a.actor.roles.includes('resident'));
    expect(audit.map((a: any) => a.detail.slice(0, 4))).toEqual(['本人取消', '本人登记']);
  });
});
