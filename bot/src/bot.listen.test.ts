// Issue 14 end to end on wechaty-puppet-mock and the real server: 「绑定 123456」 from the group or privately, and a listening group
// where an elder who does not know how to @ is heard (reports, 平安, 我的工单) while chit-chat gets silence.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from '../../server/src/test-support/harness';
import { createMockCommunity, type MockCommunity } from './demo/mock-community';
import { createBot, type LinliBot } from './index';
import { createLog } from './log';
import { LABELLED } from './plugins/listen/listen.labelled';
import { startFakeTts, type FakeTts } from './testing/fake-tencent-tts';
import { TencentSpeaker } from './speech';
import { startFakeAsr, type FakeAsr } from './testing/fake-tencent-asr';
import { TencentTranscriber } from './transcriber';
import { types } from 'wechaty';

const BOT_TOKEN = 'test-bot-token-0123456789';
const TTS_KEY = 'linli-tts-secret-key';
const fixture = fs.readFileSync(path.join(__dirname, '..', 'test-fixtures', 'elevator-broken.sil'));
// silk-wasm's CommonJS entry uses a dynamic import: jest runs it only with NODE_OPTIONS=--experimental-vm-modules (npm test sets it).
const canEncode = /--experimental-vm-modules/.test(`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`);
const BOT = '社区小助手';

let s: TestServer;
let admin: string;
let c: MockCommunity;
let bot: LinliBot;
let dataDir: string;
let ids: Record<string, string>;
let tts: FakeTts;
let asr: FakeAsr;
let unboundAtStart: string[];
const unboundNow = async () => ((await s.request('GET', '/api/residents/unbound-members', { token: admin })).body.items as Array<{ name: string }>).map((m) => m.name).sort();

const fromBot = (re: RegExp) => (m: { from: string; text: string }) => m.from === BOT && re.test(m.text);
const botSaidSince = (t0: number) => c.said.filter((m) => m.at >= t0 && m.from === BOT && !m.text.startsWith('【'));
const ticketNo = (text: string) => /BM-\d{6}/.exec(text)![0];
const byNo = async (no: string) => (await s.request('GET', `/api/tickets/by-no/${no}`, { token: admin })).body;
const bindCode = async (name: string, relation: 'self' | 'family' = 'self') => {
  const r = await s.request('POST', `/api/residents/${ids[name]}/bind-code`, { token: admin, body: { relation } });
  expect(r.status).toBe(201);
  return r.body.code as string;
};
const settle = (ms = 800) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bot-listen-'));
  tts = await startFakeTts(TTS_KEY);
  asr = await startFakeAsr(TTS_KEY);
  c = createMockCommunity({ residents: ['王奶奶', '李大爷', '张阿姨', '赵大妈'] });
  bot = createBot({
    puppet: c.puppet,
    serverUrl: s.url,
    token: BOT_TOKEN,
    communityId: s.communityId,
    transcriber: new TencentTranscriber({ secretId: 'AKIDlinliasr0001', secretKey: TTS_KEY, region: 'ap-shanghai', endpoint: asr.endpoint }),
    speaker: new TencentSpeaker({ secretId: 'AKIDlinlitts0001', secretKey: TTS_KEY, region: 'ap-shanghai', endpoint: tts.endpoint }),
    dataDir,
    log: createLog('silent'),
    rooms: { topics: ['北门社区居民群', '3号楼闲聊群'] },
    groupMode: 'auto',
    mentionOnlyRooms: ['3号楼闲聊群'],
    rateLimit: { limit: 30, windowMs: 60_000 },
    listenLimit: { limit: 2, windowMs: 60_000 },
    retry: { baseDelayMs: 200, maxDelayMs: 1000 },
    feedPollMs: 2000,
  });
  await bot.start();
  c.login();
  const all = (await s.request('GET', '/api/residents?limit=200', { token: admin })).body.items as Array<{ id: string; name: string }>;
  ids = Object.fromEntries(all.map((r) => [r.name, r.id]));
  // Let the bot post what the demo seed queued for the group before the tests look.
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const pending = await s.request('GET', '/api/bot/feed', { token: BOT_TOKEN });
    if (pending.status === 200 && pending.body.items.length === 0) break;
    await settle(200);
  }
  await settle(300);
  // The bot reports the group's members shortly after login.
  const until = Date.now() + 10_000;
  while (!(unboundAtStart = await unboundNow()).length && Date.now() < until) await settle(200);
});

afterAll(async () => {
  await bot?.stop();
  await s?.close();
  await tts?.close();
  await asr?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('绑定 codes', () => {
  it('「绑定 <code>」 in the group, without @, binds the sender’s contact id; the group sees only a masked name', async () => {
    const code = await bindCode('李建国');
    const t0 = Date.now();
    c.say('李大爷', `绑定 ${code}`);
    const r = await c.waitFor(fromBot(/绑定成功/), 10_000, t0);
    expect(r.text).toMatch(/^@李大爷 绑定成功！您的微信已绑定居民李\*国/);
    expect(r.roomId).toBe(c.room.id);
    const li = (await s.request('GET', `/api/residents/${ids['李建国']}`, { token: admin })).body;
    expect(li.wechatContacts).toEqual([expect.objectContaining({ relation: 'self', contactId: c.residents.get('李大爷')!.id, name: '李大爷', via: 'code' })]);

    // The code is spent: a second sender gets the server's answer, not a binding.
    const t1 = Date.now();
    c.say('赵大妈', `绑定 ${code}`, { private: true });
    await c.waitFor(fromBot(/绑定码不正确或已过期/), 10_000, t1);
    const t2 = Date.now();
    c.say('赵大妈', '绑定 123', { private: true });
    await c.waitFor(fromBot(/绑定码是 6 位数字/), 10_000, t2);
  });

  it('a family member binds privately (full name there), may report for the elder, and cannot check her in', async () => {
    const code = await bindCode('王秀兰', 'family');
    const t0 = Date.now();
    c.say('张阿姨', `绑定${code}`, { private: true });
    const r = await c.waitFor(fromBot(/绑定成功/), 10_000, t0);
    expect(r.text).toContain('您已作为王秀兰的家属绑定微信');
    expect(r.roomId).toBeUndefined();

    const t1 = Date.now();
    c.say('张阿姨', '平安', { private: true });
    await c.waitFor(fromBot(/家属的微信不能代老人打卡/), 10_000, t1);

    const t2 = Date.now();
    c.say('张阿姨', '妈妈家厨房水管漏水了', { private: true });
    const filed = await c.waitFor(fromBot(/已收到，工单号 BM-\d{6}/), 10_000, t2);
    const t = await byNo(ticketNo(filed.text));
    expect(t.reporter).toMatchObject({ name: '王秀兰（家属）', residentId: ids['王秀兰'], wechatName: '张阿姨' });
    expect(t.location).toMatchObject({ building: '1号楼', unit: '1单元', room: '101' });
  });
});

describe('staff see who in the group is not bound yet', () => {
  it('the bot reported the group at login: only 王奶奶 was bound then; after the two bindings above only 赵大妈 is left', async () => {
    expect(unboundAtStart).toEqual(['张阿姨', '李大爷', '赵大妈'].sort());
    expect(await unboundNow()).toEqual(['赵大妈']);
  });
});

describe('a listening group', () => {
  it('an elder who does not @ is heard: "3号楼电梯又坏了" becomes her ticket, answered with an @', async () => {
    const t0 = Date.now();
    c.say('王奶奶', '3号楼电梯又坏了');
    const r = await c.waitFor(fromBot(/已收到，工单号 BM-\d{6}/), 10_000, t0);
    expect(r.text.startsWith('@王奶奶 ')).toBe(true);
    expect(r.roomId).toBe(c.room.id);
    const t = await byNo(ticketNo(r.text));
    expect(t).toMatchObject({ channel: 'bot', category: '电梯', description: '3号楼电梯又坏了', reporter: { name: '王秀兰', residentId: ids['王秀兰'] } });
    // The building she names, not her home (1号楼): the report reaches the grid worker of 3号楼.
    expect(t.location).toEqual({ building: '3号楼' });
  });

  it('"平安" and "我的工单" work without @ for a bound elder; an unbound sender is told to bind', async () => {
    const t0 = Date.now();
    c.say('王奶奶', '平安');
    const ok = await c.waitFor(fromBot(/平安打卡已记录|已经打过卡/), 10_000, t0);
    expect(ok.text).toMatch(/^@王奶奶 王秀兰/);
    const t1 = Date.now();
    c.say('王奶奶', '我的工单');
    const mine = await c.waitFor(fromBot(/您最近的工单/), 10_000, t1);
    expect(mine.text).toContain('电梯');
    const t2 = Date.now();
    c.say('赵大妈', '平安');
    await c.waitFor(fromBot(/没有找到您的居民登记/), 10_000, t2);
  });

  it('chit-chat, greetings, thanks, questions, notices and forwards get no reply and no ticket', async () => {
    const chatter = LABELLED.filter((l) => !l.report).slice(0, 40).map((l) => l.text);
    const before = (await s.request('GET', '/api/tickets?limit=100', { token: admin })).body.items.length;
    const t0 = Date.now();
    for (const [i, text] of chatter.entries()) {
      c.say(['李大爷', '赵大妈', '王奶奶'][i % 3]!, text);
      await settle(40);
    }
    // A sentence that merely contains a command is chatter too.
    c.say('赵大妈', '我跟你说平安路那边新开了一家超市，东西挺便宜的');
    await settle(2000);
    expect(botSaidSince(t0)).toEqual([]);
    expect((await s.request('GET', '/api/tickets?limit=100', { token: admin })).body.items.length).toBe(before);
  });

  it('a group configured mention-only (BOT_MENTION_ROOMS) stays quiet without @, and answers with one', async () => {
    const chat = c.mocker.createRoom({ topic: '3号楼闲聊群', memberIdList: [c.botContact.id, c.residents.get('李大爷')!.id] });
    // The mock community records its own group only: listen to this one directly.
    const inChat: string[] = [];
    chat.on('message', ((m: { payload: { talkerId?: string; text?: string } }) => {
      if (m.payload.talkerId === c.botContact.id) inChat.push(m.payload.text ?? '');
    }) as never);
    await settle(300);
    c.residents.get('李大爷')!.say('3号楼楼道灯又不亮了').to(chat);
    await settle(1000);
    expect(inChat).toEqual([]);
    c.residents.get('李大爷')!.say(`@${BOT} 3号楼楼道灯又不亮了`).to(chat);
    const deadline = Date.now() + 10_000;
    while (!inChat.length && Date.now() < deadline) await settle(50);
    expect(inChat).toHaveLength(1);
    expect(inChat[0]).toMatch(/^@李大爷 已收到，工单号 BM-\d{6}/);
  });

  it('overheard reports are limited per sender (2 per window here); an @ still works', async () => {
    // 李大爷 is bound (first test): his overheard reports are filed at once.
    const t0 = Date.now();
    for (const text of ['5号楼楼道灯不亮了', '5号楼门口垃圾没人收', '5号楼单元门坏了']) {
      c.say('李大爷', text);
      await settle(700);
    }
    await settle(800);
    expect(botSaidSince(t0).filter((m) => /工单号/.test(m.text))).toHaveLength(2);
    const t1 = Date.now();
    c.say('李大爷', `@${BOT} 5号楼单元门坏了`);
    await c.waitFor(fromBot(/^@李大爷 已收到，工单号/), 10_000, t1);
  });

  it('a sender nobody is bound to is asked first: 「是」 files the overheard report, 「不用」 drops it', async () => {
    const before = (await s.request('GET', '/api/tickets?limit=100', { token: admin })).body.items.length;
    const t0 = Date.now();
    c.say('赵大妈', '6号楼门口的路灯坏了');
    const q = await c.waitFor(fromBot(/要帮您登记「6号楼门口的路灯坏了」吗？回复「是」登记/), 10_000, t0);
    expect(q.text.startsWith('@赵大妈 ')).toBe(true);
    await settle(300);
    expect((await s.request('GET', '/api/tickets?limit=100', { token: admin })).body.items.length).toBe(before);
    const t1 = Date.now();
    c.say('赵大妈', '是');
    const r = await c.waitFor(fromBot(/^@赵大妈 已收到，工单号 BM-\d{6}/), 10_000, t1);
    expect(await byNo(ticketNo(r.text))).toMatchObject({ description: '6号楼门口的路灯坏了', location: { building: '6号楼' } });

    const t2 = Date.now();
    c.say('赵大妈', '6号楼下水道堵了');
    await c.waitFor(fromBot(/要帮您登记「6号楼下水道堵了」吗/), 10_000, t2);
    const t3 = Date.now();
    c.say('赵大妈', '不用了');
    await c.waitFor(fromBot(/好的，不登记了/), 10_000, t3);
    // A late 「是」 files nothing: the question was answered.
    c.say('赵大妈', '是');
    await settle(800);
    expect((await s.request('GET', '/api/tickets?limit=100', { token: admin })).body.items.length).toBe(before + 1);
  });
});

describe('who and where', () => {
  it('a report without a place from someone not bound is filed and asked back; the answer (no @ needed) goes into the same ticket', async () => {
    const t0 = Date.now();
    c.say('赵大妈', `@${BOT} 楼道灯不亮，晚上看不见`);
    const r = await c.waitFor(fromBot(/已收到，工单号 BM-\d{6}.*请问是几号楼几单元？/), 10_000, t0);
    const no = ticketNo(r.text);
    expect((await byNo(no)).location).toBeUndefined();

    // Chatter in between is not an answer.
    c.say('赵大妈', '今天天气真好');
    await settle(500);
    const t1 = Date.now();
    c.say('赵大妈', '4号楼1单元');
    await c.waitFor(fromBot(new RegExp(`^@赵大妈 好的，已为工单 ${no} 补充地点：4号楼1单元`)), 10_000, t1);
    const t = await byNo(no);
    expect(t.location).toEqual({ building: '4号楼', unit: '1单元' });
    expect(t.timeline.at(-1)).toMatchObject({ kind: 'located' });

    // Answered: "5号楼" now is just chatter again.
    const t2 = Date.now();
    c.say('赵大妈', '5号楼');
    await settle(800);
    expect(botSaidSince(t2)).toEqual([]);
  });

  it('a bound resident is not asked: her home is the place', async () => {
    const t0 = Date.now();
    c.say('王奶奶', `@${BOT} 楼道灯不亮`);
    const r = await c.waitFor(fromBot(/已收到，工单号 BM-\d{6}/), 10_000, t0);
    expect(r.text).not.toContain('请问是几号楼');
    expect((await byNo(ticketNo(r.text))).location).toMatchObject({ building: '1号楼', unit: '1单元', room: '101' });
  });
});

describe('voice replies', () => {
  (canEncode ? it : it.skip)('a voice report is answered in text and aloud (Tencent TTS → SILK → a voice message); text reports get text only', async () => {
    // Every report so far in this file was typed: none was spoken back.
    expect(tts.requests).toHaveLength(0);
    asr.transcript = '三号楼电梯坏了';
    const t0 = Date.now();
    c.sayVoice('李大爷', fixture, { private: true });
    const text = await c.waitFor(fromBot(/已收到您的语音：「三号楼电梯坏了」，工单号 BM-\d{6}/), 15_000, t0);
    const voice = await c.waitFor((m) => m.from === BOT && m.type === types.Message.Audio && m.toId === c.residents.get('李大爷')!.id, 15_000, t0);
    expect(voice.at).toBeGreaterThanOrEqual(text.at);
    expect(tts.requests).toHaveLength(1);
    expect(tts.requests[0]!.signatureValid).toBe(true);
    expect(tts.requests[0]!.body.Text).toContain(`工单尾号${Number(ticketNo(text.text).slice(3))}`);

    // TTS down: the text reply still comes, nothing else breaks.
    tts.mode = 'fail';
    try {
      // Strictly after the first voice reply (on a fast machine it can carry this very millisecond).
      const t1 = Math.max(Date.now(), voice.at + 1);
      c.sayVoice('李大爷', fixture, { private: true });
      await c.waitFor(fromBot(/已收到您的语音：「三号楼电梯坏了」，工单号 BM-\d{6}/), 15_000, t1);
      await settle(1000);
      expect(c.said.filter((m) => m.at >= t1 && m.from === BOT && m.type === types.Message.Audio)).toHaveLength(0);
      expect(tts.requests).toHaveLength(2);
    } finally {
      tts.mode = 'ok';
    }
  });
});

describe('voices in a listening group', () => {
  (canEncode ? it : it.skip)('a bound elder’s voice without @ is transcribed and handled like her words; an unbound sender’s voice is never sent to recognition', async () => {
    const asked = asr.requests.length;
    // Unbound: silence, and the audio never leaves the bot.
    const t0 = Date.now();
    c.sayVoice('赵大妈', fixture);
    await settle(1200);
    expect(botSaidSince(t0)).toEqual([]);
    expect(asr.requests.length).toBe(asked);

    // Bound (王奶奶 → 王秀兰 by the seed), chit-chat: recognised, then silence.
    asr.transcript = '今天天气真好，下午去公园';
    const t1 = Date.now();
    c.sayVoice('王奶奶', fixture);
    await settle(1500);
    expect(asr.requests.length).toBe(asked + 1);
    expect(botSaidSince(t1)).toEqual([]);

    // Bound, a report: filed with her audio and transcript, answered with an @ and aloud.
    asr.transcript = '五号楼的路灯坏了';
    const t2 = Date.now();
    c.sayVoice('王奶奶', fixture);
    const r = await c.waitFor(fromBot(/已收到您的语音：「五号楼的路灯坏了」，工单号 BM-\d{6}/), 15_000, t2);
    expect(r.text.startsWith('@王奶奶 ')).toBe(true);
    expect(asr.requests.length).toBe(asked + 2); // recognised once, not again when filed
    const t = await byNo(ticketNo(r.text));
    expect(t).toMatchObject({ category: '路灯照明', description: '五号楼的路灯坏了', location: { building: '5号楼' }, reporter: { residentId: ids['王秀兰'] } });
    expect(t.audio).toMatchObject({ status: 'done', transcript: '五号楼的路灯坏了' });
    await c.waitFor((m) => m.from === BOT && m.type === types.Message.Audio && m.roomId === c.room.id, 15_000, t2);

    // Bound, 平安 by voice: checked in.
    asr.transcript = '平安。';
    const t3 = Date.now();
    c.sayVoice('王奶奶', fixture);
    await c.waitFor(fromBot(/^@王奶奶 王秀兰，(今天的平安打卡已记录|您今天已经打过卡啦)/), 15_000, t3);
  });
});
