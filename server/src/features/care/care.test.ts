// Care programme against the real app: who may read health data and the audit of every read, check-in from app/bot/staff/wristband, the overview, and a missed deadline raising exactly one no_checkin alert.
import crypto from 'node:crypto';
import { nextEvent, startTestServer, type TestServer } from '../../test-support/harness';
import { shanghaiDay } from '@linli/contracts';
import { deadlineAt, nextDeadline } from './care.service';

let s: TestServer;
let admin: string;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function resident(name: string) {
  return (await s.request('GET', `/api/residents?q=${encodeURIComponent(name)}`, { token: admin })).body.items[0] as { id: string; building: string };
}
async function staffId(username: string) {
  const body = (await s.request('GET', '/api/staff', { token: admin })).body;
  return ((Array.isArray(body) ? body : body.items) as any[]).find((x) => x.username === username).id as string;
}
/** "HH:mm:ss" in Asia/Shanghai, `ms` from now. */
function shanghaiClock(ms: number) {
  return new Date(Date.now() + ms + 8 * 3600_000).toISOString().slice(11, 19);
}

beforeAll(async () => {
  s = await startTestServer({ env: { ALERT_ESCALATION_SCALE: '0.01' } });
  admin = await s.loginStaff();
});
afterAll(() => s.close());

describe('deadline arithmetic (Asia/Shanghai)', () => {
  it('days and deadlines are in UTC+8', () => {
    expect(shanghaiDay(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(shanghaiDay(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(deadlineAt('2026-03-02', '10:00').toISOString()).toBe('2026-03-02T02:00:00.000Z');
    expect(nextDeadline('10:00', new Date('2026-03-02T01:59:00Z'))).toEqual({ day: '2026-03-02', at: new Date('2026-03-02T02:00:00Z') });
    expect(nextDeadline('10:00', new Date('2026-03-02T02:00:00Z'))).toEqual({ day: '2026-03-03', at: new Date('2026-03-03T02:00:00Z') });
    expect(nextDeadline('10:00', new Date('2026-12-31T03:00:00Z')).day).toBe('2027-01-01');
  });
});

describe('profiles and health-data privacy', () => {
  it('only care staff (and admins) create profiles, for residents tagged 独居/空巢/高龄', async () => {
    const li = await resident('李建国');
    const liu = await resident('刘芳');
    const zhangli = await s.loginStaff('zhangli');
    const wanggang = await s.loginStaff('wanggang');
    const body = { residentId: li.id, livingSituation: '空巢', emergencyContacts: [{ name: '李明', relation: '儿子', phone: '13905370102' }] };
    expect((await s.request('POST', '/api/care/profiles', { token: wanggang, body })).status).toBe(403);
    expect((await s.request('POST', '/api/care/profiles', { token: zhangli, body: { ...body, residentId: liu.id } })).status).toBe(422);
    expect((await s.request('POST', '/api/care/profiles', { token: zhangli, body: { ...body, gridWorkerId: await staffId('caiwu') } })).status).toBe(422);
    expect((await s.request('POST', '/api/care/profiles', { token: zhangli, body: { ...body, checkinDeadline: '25:00' } })).status).toBe(422);
    const ok = await s.request('POST', '/api/care/profiles', { token: zhangli, body: { ...body, gridWorkerId: await staffId('wanggang'), health: { notes: '冠心病', heartRate: { min: 50, max: 115 } } } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ name: '李建国', gridWorkerName: '王刚（网格员）', checkinDeadline: '10:00', healthRedacted: false });
    expect((await s.request('POST', '/api/care/profiles', { token: zhangli, body })).status).toBe(409);
  });

  it('a plain staff account cannot read health data; care staff and the responsible grid worker can; every read is audited for admins', async () => {
    const wang = await resident('王秀兰');
    const created = await s.request('POST', '/api/staff', {
      token: admin,
      body: { username: 'plainstaff', password: 'linli-demo', name: '普通工作人员', roles: ['staff'], mustChangePassword: false },
    });
    expect(created.status).toBe(201);
    const plain = await s.loginStaff('plainstaff', 'linli-demo');
    const zhangli = await s.loginStaff('zhangli');
    const wanggang = await s.loginStaff('wanggang');
    const liumin = await s.loginStaff('liumin');
    const { token: rt } = await s.loginResident('demo-wangxiulan');
    const path = `/api/care/profiles/${wang.id}`;

    const asPlain = await s.request('GET', path, { token: plain });
    expect(asPlain.status).toBe(200);
    expect(asPlain.body.healthRedacted).toBe(true);
    expect(asPlain.body.health).toBeUndefined();
    expect(JSON.stringify(asPlain.body)).not.toContain('高血压');
    expect((await s.request('GET', path, { token: liumin })).status).toBe(404);
    expect((await s.request('GET', path, { token: rt })).status).toBe(403);

    const asCare = await s.request('GET', path, { token: zhangli });
    expect(asCare.body.health.notes).toContain('高血压');
    const asGrid = await s.request('GET', path, { token: wanggang });
    expect(asGrid.body.health.heartRate).toEqual({ min: 50, max: 120 });
    // The list never carries health data.
    const list = await s.request('GET', '/api/care/profiles', { token: zhangli });
    expect(list.body.items.length).toBeGreaterThanOrEqual(4);
    expect(list.body.items.every((p: any) => p.health === undefined && p.healthRedacted)).toBe(true);
    const gridList = (await s.request('GET', '/api/care/profiles', { token: liumin })).body.items;
    expect(gridList.map((p: any) => p.name)).toEqual(['郑玉珍']);

    expect((await s.request('GET', '/api/care/audit', { token: zhangli })).status).toBe(403);
    const audit = await s.request('GET', `/api/care/audit?residentId=${wang.id}`, { token: admin });
    expect(audit.status).toBe(200);
    const reads = audit.body.items.filter((a: any) => a.action === 'read_health');
    expect(reads.map((a: any) => a.actor.name).sort()).toEqual(['张丽（社区工作者）', '王刚（网格员）'].sort());
    expect(reads[0]).toMatchObject({ residentName: '王秀兰', via: `GET ${path}` });
    expect(audit.body.items.some((a: any) => a.actor.name === '普通工作人员')).toBe(false);
  });
});

describe('daily check-in', () => {
  it('from the mini-program, the bot (by WeChat name), staff after a visit and a wristband heartbeat; the overview shows who is missing', async () => {
    const wang = await resident('王秀兰');
    const chen = await resident('陈德明');
    const zhang = await resident('张桂芳');
    const { token: rt } = await s.loginResident('demo-wangxiulan');
    const me0 = (await s.request('GET', '/api/care/me', { token: rt })).body;
    expect(me0).toMatchObject({ enrolled: true, checkedInToday: false, checkinDeadline: '10:00' });
    const first = await s.request('POST', '/api/care/checkins', { token: rt, body: {} });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ residentId: wang.id, first: true, source: 'app' });
    const again = await s.request('POST', '/api/care/checkins', { token: rt, body: {} });
    expect(again.status).toBe(200);
    expect(again.body.first).toBe(false);
    expect((await s.request('GET', '/api/care/me', { token: rt })).body.checkedInToday).toBe(true);
    // A resident not in the programme.
    const { token: other } = await s.loginResident('demo-resident');
    expect((await s.request('POST', '/api/care/checkins', { token: other, body: {} })).status).toBe(404);

    // The bot: "平安" from 老李 in the group.
    const bot = s.config.BOT_TOKEN;
    // (issue 12 item 7: the bot names the sender by the contact id bound to the resident, never by display name)
    const li = await resident('李建国');
    expect((await s.request('PATCH', `/api/residents/${li.id}`, { token: admin, body: { wechatId: 'wxid-laoli' } })).status).toBe(200);
    const viaBot = await s.request('POST', '/api/care/checkins', { token: bot, body: { wechatId: 'wxid-laoli', wechatName: '老李' } });
    expect(viaBot.status).toBe(201);
    expect(viaBot.body).toMatchObject({ name: '李建国', source: 'bot' });
    expect((await s.request('POST', '/api/care/checkins', { token: bot, body: { wechatId: 'wxid-nobody' } })).status).toBe(404);
    expect((await s.request('POST', '/api/care/checkins', { token: bot, body: {} })).status).toBe(422);

    // Staff after a visit: the grid worker of the building (another grid worker may not).
    expect((await s.request('POST', '/api/care/checkins', { token: await s.loginStaff('liumin'), body: { residentId: zhang.id } })).status).toBe(403);
    const visit = await s.request('POST', '/api/care/checkins', { token: await s.loginStaff('wanggang'), body: { residentId: zhang.id, note: '上门探访，身体良好' } });
    expect(visit.body).toMatchObject({ source: 'visit', first: true });

    // 陈德明's wristband heartbeat.
    const band = (await s.request('GET', `/api/devices?wearer=${chen.id}`, { token: admin })).body.items[0];
    const key = (await s.request('POST', `/api/devices/${band.id}/rotate-key`, { token: admin })).body.key;
    const hb = await s.request('POST', '/api/alerts/ingest', {
      body: { deviceId: band.id, eventId: `hb-${crypto.randomBytes(4).toString('hex')}`, type: 'heartbeat', at: new Date().toISOString() },
      headers: { authorization: `Bearer ${key}` },
    });
    expect(hb.body.outcome).toBe('recorded');
    let ov: any;
    for (let i = 0; i < 20; i++) {
      ov = (await s.request('GET', '/api/care/overview', { token: admin })).body;
      if (ov.checkedIn.some((c: any) => c.residentId === chen.id)) break;
      await sleep(100);
    }
    const sources = Object.fromEntries(ov.checkedIn.map((c: any) => [c.name, c.source]));
    expect(sources).toMatchObject({ 王秀兰: 'app', 李建国: 'bot', 张桂芳: 'visit', 陈德明: 'device' });
    expect(ov.missing.map((m: any) => m.name)).toEqual(['郑玉珍']);
    expect(ov.total).toBe(5);
    // A grid worker's overview covers their buildings only.
    const lm = (await s.request('GET', '/api/care/overview', { token: await s.loginStaff('liumin') })).body;
    expect(lm.total).toBe(1);
  });

  it('no check-in by the deadline → exactly one no_checkin alert: she is asked first, then her grid worker and family; a later check-in resolves it; checked-in residents get none', async () => {
    const he = await resident('何淑英');
    const zheng = await resident('郑玉珍');
    const zhangli = await s.loginStaff('zhangli');
    const sock = await s.socket(admin);
    const deadline = shanghaiClock(2500);
    const raised = nextEvent(sock, 'alert:raised', 10_000, (a: any) => a.type === 'no_checkin' && a.subject?.residentId === he.id);
    const created = await s.request('POST', '/api/care/profiles', {
      token: zhangli,
      body: { residentId: he.id, livingSituation: '空巢', checkinDeadline: deadline, emergencyContacts: [{ name: '何军', relation: '儿子', phone: '13905370112' }] },
    });
    expect(created.status).toBe(201);
    // 郑玉珍 checks in before her (moved-up) deadline: no alert for her.
    await s.request('POST', '/api/care/checkins', { token: zhangli, body: { residentId: zheng.id } });
    await s.request('PATCH', `/api/care/profiles/${zheng.id}`, { token: zhangli, body: { checkinDeadline: deadline } });

    const a = await raised;
    // The default policy asks the elder herself first (您今天还好吗？回复1报平安) …
    expect(a).toMatchObject({ type: 'no_checkin', audience: 'personal', severity: 'medium', level: 'self' });
    const full = (await s.request('GET', `/api/alerts/${a.id}`, { token: admin })).body;
    const notified = full.history.find((h: any) => h.kind === 'notified');
    expect(notified.to.map((t: any) => [t.kind, t.name])).toEqual([['resident', '何淑英']]);
    expect(full.nextLevel).toBe('grid');
    // … and after its grace period (15 min × 0.01 = 9 s) tells her grid worker and her family.
    let esc: any;
    const until = Date.now() + 15_000;
    do {
      await sleep(300);
      esc = (await s.request('GET', `/api/alerts/${a.id}`, { token: admin })).body;
    } while (esc.level !== 'grid' && Date.now() < until);
    const second = esc.history.find((h: any) => h.kind === 'escalated');
    expect(second.to.filter((t: any) => t.kind === 'staff').map((t: any) => t.name)).toEqual(['刘敏（网格员）']);
    expect(second.to.some((t: any) => t.kind === 'contact' && t.relation === '儿子')).toBe(true);

    await sleep(1500);
    const list = (await s.request('GET', `/api/alerts?type=no_checkin`, { token: admin })).body.items;
    expect(list.filter((x: any) => x.subject.residentId === he.id)).toHaveLength(1);
    expect(list.filter((x: any) => x.subject.residentId === zheng.id)).toHaveLength(0);
    // The next deadline (tomorrow) is armed.
    const tomorrow = nextDeadline(deadline).day;
    const timer = await s.app.scheduler.get(`care-checkin:beimen:${he.id}:${tomorrow}`);
    expect(timer?.status).toBe('pending');

    // Checking in late resolves the alert.
    const late = await s.request('POST', '/api/care/checkins', { token: await s.loginStaff('liumin'), body: { residentId: he.id, note: '电话联系上了' } });
    expect(late.body.first).toBe(true);
    const after = (await s.request('GET', `/api/alerts/${a.id}`, { token: admin })).body;
    expect(after.status).toBe('resolved');
    expect(after.resolution).toBe('居民已平安打卡');
    const ov = (await s.request('GET', '/api/care/overview', { token: admin })).body;
    expect(ov.openAlerts.some((x: any) => x.id === a.id)).toBe(false);
  }, 45_000);
});
