// An urgent notice's SMS on the notifications ledger: one row per resident, moved by Tencent's status reports through the real callback route; a failed report makes that household 无法送达 on the door-knock list.
import { MongoClient } from 'mongodb';
import { startFakeTencent, type FakeTencent } from '../../test-support/fake-tencent';
import { startTestServer, type TestServer } from '../../test-support/harness';
import { waitFor } from '../../test-support/wait-for';

jest.setTimeout(60_000);

const SECRET_ID = 'AKIDtestnoticeledger000000000000';
const SECRET_KEY = 'test-secret-key-for-notice-ledger';
const TOKEN = 'test-notice-callback-token-0456';
const WU = '13805370009'; // 吴小燕, 5号楼1单元303
const ZHENG = '13805370010'; // 郑玉珍, 5号楼1单元102

let fake: FakeTencent;
let s: TestServer;
let db: MongoClient;

beforeAll(async () => {
  fake = await startFakeTencent(SECRET_ID, SECRET_KEY);
  s = await startTestServer({
    env: {
      TENCENTCLOUD_SECRET_ID: SECRET_ID,
      TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
      TENCENT_SMS_ENDPOINT: fake.endpoint,
      TENCENT_SMS_SDK_APPID: '1400000011',
      TENCENT_SMS_SIGN: '北门社区',
      TENCENT_SMS_TEMPLATE_ID: '100009',
      NOTIFY_CALLBACK_TOKEN: TOKEN,
    },
  });
  db = await MongoClient.connect(s.mongoUri);
});
afterAll(async () => {
  await db?.close();
  await s?.close();
  await fake?.close();
});

test("an urgent notice's SMS is one ledger row per resident; a failed status report puts that household on the door-knock list as unreachable", async () => {
  const admin = await s.loginStaff();
  const people = (await s.request('GET', `/api/residents?building=${encodeURIComponent('5号楼')}`, { token: admin })).body.items as any[];
  expect(people.map((p) => p.name).sort()).toEqual(['吴小燕', '郑玉珍'].sort());
  // Neither takes live pushes: the SMS is what reaches them.
  for (const p of people) expect((await s.request('PATCH', `/api/residents/${p.id}`, { token: admin, body: { channels: ['feed', 'sms'] } })).status).toBe(200);

  const created = await s.request('POST', '/api/notices', {
    token: admin,
    body: { title: '5号楼今晚燃气抢修', body: '今晚20点起5号楼停气抢修，请关闭燃气阀门。', category: '紧急', audience: { buildings: ['5号楼'] }, channels: ['feed', 'sms'], doorKnockAfterMinutes: 60 },
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;

  // One signed SendSms for both numbers; each resident's row on the ledger, queued → sent with the provider's serial number.
  const ledger = () => db.db().collection('notification_deliveries').find({ noticeId: id }).sort({ _id: 1 }).toArray();
  const rows = await waitFor('ledger rows sent', async () => {
    const r = await ledger();
    return r.length === 2 && r.every((x) => x.status === 'sent') && r;
  });
  const sms = fake.calls.filter((c) => c.action === 'SendSms' && c.body.SessionContext === `notice:${id}`);
  expect(sms).toHaveLength(1);
  expect(sms[0]!.signatureValid).toBe(true);
  expect(sms[0]!.body).toMatchObject({ TemplateId: '100009', SmsSdkAppId: '1400000011', TemplateParamSet: ['5号楼今晚燃气抢修'] });
  expect([...sms[0]!.body.PhoneNumberSet].sort()).toEqual([`+86${WU}`, `+86${ZHENG}`]);
  const byPhone = new Map(rows.map((r) => [r.recipient.phone, r]));
  for (const [phone, p] of [[WU, people.find((x) => x.name === '吴小燕')], [ZHENG, people.find((x) => x.name === '郑玉珍')]] as const) {
    const r = byPhone.get(phone)!;
    expect(r).toMatchObject({ _id: `notice:${id}:resident-${p.id}:sms`, purpose: 'notice', channel: 'sms', attempts: 1, recipient: { kind: 'resident', id: p.id, name: p.name } });
    expect(r.history.map((h: any) => h.status)).toEqual(['queued', 'sent']);
    expect(r.providerId).toMatch(/^sms-/);
  }

  // Tencent's status reports through the real callback route: 吴小燕's arrived, 郑玉珍's number is out of service.
  const report = (phone: string, ok: boolean) => ({
    user_receive_time: '2026-12-01 20:00:03', nationcode: '86', mobile: phone, sid: byPhone.get(phone)!.providerId,
    report_status: ok ? 'SUCCESS' : 'FAIL', errmsg: ok ? 'DELIVRD' : 'MK:0001', description: ok ? '用户短信送达成功' : '空号',
  });
  const url = `/api/notifications/callbacks/${TOKEN}/sms`;
  // A forged report (someone else's number) changes nothing.
  expect((await s.request('POST', url, { body: [{ ...report(ZHENG, false), mobile: '13700009999' }] })).status).toBe(422);
  expect((await ledger()).map((r) => r.status)).toEqual(['sent', 'sent']);
  const cb = await s.request('POST', url, { body: [report(WU, true), report(ZHENG, false)] });
  expect(cb.status).toBe(200);
  expect(cb.body).toEqual({ result: 0, errmsg: 'OK', matched: 2, ignored: 0 });
  const after = new Map((await ledger()).map((r) => [r.recipient.phone, r]));
  expect(after.get(WU)).toMatchObject({ status: 'delivered' });
  expect(after.get(ZHENG)).toMatchObject({ status: 'failed', reason: expect.stringContaining('空号') });

  // Staff read the report on the receipts too.
  const receipts = (await s.request('GET', `/api/notices/${id}/receipts`, { token: admin })).body;
  const person = (name: string) => receipts.buildings[0].unread.find((x: any) => x.name === name);
  expect(person('吴小燕').deliveries.sms.status).toBe('delivered');
  expect(person('郑玉珍').deliveries.sms).toMatchObject({ status: 'failed', reason: expect.stringContaining('空号') });

  // The list's own persisted timer, brought forward to now: 郑玉珍's household could not be reached, 吴小燕's was but has not read it.
  await s.app.scheduler.schedule({ key: `notice-door-knock:${id}`, communityId: s.communityId, kind: 'notice.door-knock', fireAt: new Date(), payload: { noticeId: id } });
  const list = await waitFor('door-knock list', async () => {
    const r = await s.request('GET', `/api/notices/${id}/door-knock`, { token: admin });
    return r.body.status === 'open' && r.body;
  });
  expect(list.households.map((h: any) => [`${h.unit}${h.room}`, h.reason])).toEqual([
    ['1单元102', 'unreached'],
    ['1单元303', 'unread'],
  ]);
});
