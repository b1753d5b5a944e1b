// Triage on real tickets: suggestions before filing, a bot report the keyword rules missed filed under the suggested category, and staff confirming a desk ticket's suggestion (category and deadlines, place, 加急) once.
import { startTestServer, type TestServer } from '../../test-support/harness';

const BOT = 'test-bot-token-0123456789';
let s: TestServer;
let admin: string;
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
});
afterAll(async () => {
  await s?.close();
});

const triage = (text: string, token = admin) => s.request('POST', '/api/tickets/triage', { token, body: { text } });

test('suggests category, place and urgency from the words; empty words are refused in Chinese', async () => {
  const r = await triage('五号楼二单元楼道里煤气味很大');
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ category: '燃气', categorySource: 'rules', urgent: true, location: { building: '5号楼', unit: '2单元' } });
  const m = await triage('厨房水龙头关不上了，一直在流');
  expect(m.body).toMatchObject({ category: '水电', categorySource: 'model', urgent: false });
  expect(m.body.confidence).toBeGreaterThan(0.3);
  const bad = await triage('   ');
  expect(bad.status).toBe(422);
  expect(JSON.stringify(bad.body.error)).toContain('请先填写问题描述');
});

test('a bot report the keyword rules call 其他 is filed under a confident suggestion, and says so on its timeline', async () => {
  const text = '厨房水龙头关不上了，一直在流';
  expect((await triage(text)).body.confidence).toBeGreaterThanOrEqual(0.6);
  const r = await s.request('POST', '/api/tickets', { token: BOT, body: { category: '其他', description: text, channel: 'bot', reporter: { name: '微信用户' } } });
  expect(r.status).toBe(201);
  expect(r.body.category).toBe('水电');
  expect(r.body.timeline[0].note).toBe('类别按智能分诊建议归为水电（机器人未识别）');
  expect(r.body.triage).toMatchObject({ category: '水电' });
  // Words that name no problem stay 其他 (the model places them there too).
  const vague = await s.request('POST', '/api/tickets', { token: BOT, body: { category: '其他', description: '想问一下社区几点上班', channel: 'bot', reporter: { name: '微信用户' } } });
  expect(vague.body.triage.category).toBe('其他');
  expect(vague.body.category).toBe('其他');
});

test('staff confirm a desk ticket’s suggestion: category with its deadlines, the place it lacked, 加急; once; residents never see it', async () => {
  const { token: resident, resident: me } = await s.loginResident('triage-r1', '孙阿姨');
  const residentId = me.id as string;
  const t = (await s.request('POST', '/api/tickets', { token: admin, body: { category: '其他', description: '3号楼1单元电梯困人了，里面有老人', channel: 'desk', reporter: { residentId, name: '孙阿姨' } } })).body;
  expect(t.category).toBe('其他');
  expect(t.location).toBeUndefined();
  expect(t.triage).toMatchObject({ category: '电梯', urgent: true, location: { building: '3号楼', unit: '1单元' } });
  const mine = (await s.request('GET', `/api/tickets/${t.id}`, { token: resident })).body;
  expect(mine.triage).toBeUndefined();

  const a = await s.request('POST', `/api/tickets/${t.id}/triage/accept`, { token: admin });
  expect(a.status).toBe(200);
  expect(a.body).toMatchObject({ category: '电梯', priority: 'high', location: { building: '3号楼', unit: '1单元' }, triage: { accepted: true } });
  // 电梯 runs day and night: 签收 15 minutes after filing (其他 waits for working hours).
  expect(new Date(a.body.signDueAt).getTime() - new Date(a.body.createdAt).getTime()).toBe(15 * 60_000);
  expect(a.body.timeline.at(-1)).toMatchObject({ kind: 'triaged', note: '采纳分诊建议：类别 其他 → 电梯，位置 3号楼1单元，加急' });
  expect((await s.request('POST', `/api/tickets/${t.id}/triage/accept`, { token: admin })).body.error.message).toBe('分诊建议已确认');

  // Signed for under its own category: the category no longer changes.
  const u = (await s.request('POST', '/api/tickets', { token: admin, body: { category: '其他', description: '7号楼楼道里一股煤气味', channel: 'desk', reporter: { name: '路人' } } })).body;
  expect((await s.request('POST', `/api/tickets/${u.id}/transition`, { token: admin, body: { action: 'accept' } })).status).toBe(200);
  const late = await s.request('POST', `/api/tickets/${u.id}/triage/accept`, { token: admin });
  expect(late.status).toBe(409);
  expect(late.body.error.message).toBe('工单已签收，不能再改类别');
  expect((await s.request('GET', `/api/tickets/${u.id}`, { token: admin })).body.category).toBe('其他');
  // Residents cannot confirm.
  expect((await s.request('POST', `/api/tickets/${t.id}/triage/accept`, { token: resident })).status).toBe(403);
});

test('a voice report filed before its words were known is triaged on its transcript', async () => {
  const fd = new FormData();
  fd.append('file', new Blob([Buffer.concat([Buffer.from('\x02#!SILK_V3'), Buffer.alloc(400, 7)])], { type: 'audio/silk' }), 'voice.sil');
  const up = await s.request('POST', '/api/uploads', { token: BOT, raw: fd });
  expect(up.status).toBe(201);
  const t = (await s.request('POST', '/api/tickets', { token: BOT, body: { category: '其他', channel: 'bot', reporter: { name: '微信用户' }, audio: { uploadId: up.body.id, durationMs: 3000 } } })).body;
  expect(t.description).toBe('语音报事（待转写）');
  expect(t.triage).toBeUndefined();
  const r = await s.request('POST', `/api/tickets/${t.id}/transcript`, { token: admin, body: { transcript: '六号楼三单元电梯门关不上' } });
  expect(r.status).toBe(200);
  expect(r.body.triage).toMatchObject({ category: '电梯', location: { building: '6号楼', unit: '3单元' } });
});
