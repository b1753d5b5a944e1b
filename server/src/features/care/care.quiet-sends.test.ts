// Quiet hours beyond the first question: a retry that would ask the elder herself inside her quiet hours waits for their end on a persisted timer (a restart in between loses nothing); an SOS during them still goes out at once.
import { startFakeTencent, type FakeTencent } from '../../test-support/fake-tencent';
import { startTestServer, type TestServer } from '../../test-support/harness';
import { waitFor } from '../../test-support/wait-for';
import { outOfQuiet } from './care.calendar';

jest.setTimeout(90_000);

const SECRET_ID = 'AKIDtestquietsends00000000000000';
const SECRET_KEY = 'test-secret-key-for-quiet-sends';
const TOKEN = 'test-quiet-callback-token-0789';
const PHONE = '13600000707';
const DAUGHTER = '13700000707';
/** "HH:mm:ss" in Asia/Shanghai, `ms` from now. */
const clock = (ms: number) => new Date(Date.now() + ms + 8 * 3600_000).toISOString().slice(11, 19);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let fake: FakeTencent;
let env: Record<string, string>;
let s: TestServer;
let admin: string;

beforeAll(async () => {
  fake = await startFakeTencent(SECRET_ID, SECRET_KEY);
  env = {
    TENCENTCLOUD_SECRET_ID: SECRET_ID,
    TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
    TENCENT_SMS_ENDPOINT: fake.endpoint,
    TENCENT_SMS_SDK_APPID: '1400000012',
    TENCENT_SMS_SIGN: '北门社区',
    TENCENT_SMS_ALERT_TEMPLATE_ID: '200001',
    TENCENT_SMS_CHECK_TEMPLATE_ID: '200003',
    NOTIFY_CALLBACK_TOKEN: TOKEN,
    NOTIFY_RETRY_BASE_MS: '200',
  };
  s = await startTestServer({ env });
  admin = await s.loginStaff();
});
afterAll(async () => {
  await s?.close();
  await fake?.close();
});

const smsTo = (phone: string, template: string) =>
  fake.calls.filter((c) => c.action === 'SendSms' && c.body.TemplateId === template && c.body.PhoneNumberSet?.includes(`+86${phone}`));

test('a retry of her question inside her quiet hours waits for their end (across a restart); an SOS in them does not wait', async () => {
  const r = await s.request('POST', '/api/residents', {
    token: admin,
    body: { name: '常秀英', phone: PHONE, birthYear: 1938, building: '6号楼', unit: '1单元', room: '707', tags: ['独居', '高龄'] },
  });
  expect(r.status).toBe(201);
  const rid = r.body.id as string;
  const p = await s.request('POST', '/api/care/profiles', {
    token: admin,
    body: { residentId: rid, livingSituation: '独居', checkinDeadline: clock(1000), emergencyContacts: [{ name: '常丽', relation: '女儿', phone: DAUGHTER }] },
  });
  expect(p.status).toBe(201);

  // Her deadline passes outside any quiet hours: she is asked at once.
  await waitFor('the question to her', () => smsTo(PHONE, '200003').length === 1);
  const alertId = (await s.request('GET', `/api/alerts?type=no_checkin&residentId=${rid}`, { token: admin })).body.items[0].id as string;
  const ledger = async () => (await s.request('GET', `/api/alerts/${alertId}/deliveries`, { token: admin })).body.items as any[];
  const question = await waitFor('her question sent', async () => (await ledger()).find((x) => x.purpose === 'check' && x.channel === 'sms' && x.status === 'sent'));

  // Now her quiet hours begin (until 15 s from now), and the SMS turns out undelivered: trying her again must wait.
  const quietHours = { start: clock(-3600_000), end: clock(15_000) };
  expect((await s.request('PATCH', `/api/care/profiles/${rid}`, { token: admin, body: { quietHours } })).status).toBe(200);
  const end = outOfQuiet(new Date(), quietHours);
  expect(end.getTime()).toBeGreaterThan(Date.now() + 10_000);
  const report = { user_receive_time: '2026-12-01 22:00:03', nationcode: '86', mobile: PHONE, report_status: 'FAIL', errmsg: 'MK:0005', description: '用户关机', sid: question.providerId };
  const cb = await s.request('POST', `/api/notifications/callbacks/${TOKEN}/sms`, { body: [report] });
  expect(cb.status).toBe(200);
  const failed = (await ledger()).find((x) => x.id === question.id);
  expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
  // Not 200 ms from now (the retry's backoff) but the end of her quiet hours, on a persisted timer.
  expect(failed.nextAttemptAt).toBe(end.toISOString());
  expect((await s.app.scheduler.get(`notify-send:${question.id}:1`))?.fireAt.toISOString()).toBe(end.toISOString());

  // An SOS from her wristband inside her quiet hours reaches her daughter at once.
  const band = await s.request('POST', '/api/devices', { token: admin, body: { kind: 'wristband', name: '常秀英的手环', wearerResidentId: rid } });
  expect(band.status).toBe(201);
  const sos = await s.request('POST', '/api/alerts/ingest', {
    body: { deviceId: band.body.id, eventId: `quiet-sos-${Date.now()}`, type: 'sos', at: new Date().toISOString() },
    headers: { authorization: `Bearer ${band.body.key}` },
  });
  expect(sos.status).toBe(201);
  const sosSms = await waitFor('SOS SMS to her daughter', () =>
    fake.calls.find((c) => c.action === 'SendSms' && c.body.SessionContext === `alert:${sos.body.alertId}` && c.body.PhoneNumberSet.includes(`+86${DAUGHTER}`)),
  );
  expect(sosSms.at).toBeLessThan(end.getTime());

  // The server goes down during her quiet hours and comes back: the question is asked again once, after they end.
  expect(Date.now()).toBeLessThan(end.getTime());
  s = await s.restart();
  admin = await s.loginStaff();
  const again = await waitFor('her question asked again', () => smsTo(PHONE, '200003')[1], 30_000);
  expect(again.at).toBeGreaterThanOrEqual(end.getTime());
  const row = await waitFor('retry recorded', async () => (await ledger()).find((x) => x.id === question.id && x.status === 'sent' && x.attempts === 2));
  expect(row.history.map((h: any) => h.status)).toEqual(['queued', 'sent', 'failed', 'queued', 'sent']);
  await sleep(1000);
  expect(smsTo(PHONE, '200003')).toHaveLength(2);
});
