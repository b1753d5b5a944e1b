// The bot end to end: real wechaty on wechaty-puppet-mock, the real server in-process, a fake Tencent ASR on 127.0.0.1 checking the SDK's signed request.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from '../../server/src/test-support/harness';
import { createMockCommunity, type MockCommunity } from './demo/mock-community';
import { createBot, type LinliBot } from './index';
import { createLog } from './log';
import { startFakeAsr, type FakeAsr } from './testing/fake-tencent-asr';
import { TencentTranscriber } from './transcriber';

const BOT_TOKEN = 'test-bot-token-0123456789';
const SECRET_ID = 'AKIDlinlitest0001';
const SECRET_KEY = 'linli-test-secret-key';
const fixture = fs.readFileSync(path.join(__dirname, '..', 'test-fixtures', 'elevator-broken.sil'));

let s: TestServer;
let admin: string;
let asr: FakeAsr;
let c: MockCommunity;
let bot: LinliBot;
let dataDir: string;

const BOT = '社区小助手';
const fromBot = (re: RegExp, extra: (m: { text: string; roomId?: string; toId?: string }) => boolean = () => true) => (m: { from: string; text: string; roomId?: string; toId?: string }) =>
  m.from === BOT && re.test(m.text) && extra(m);
const ticketNo = (text: string) => /BM-\d{6}/.exec(text)![0];
const byNo = async (no: string) => (await s.request('GET', `/api/tickets/by-no/${no}`, { token: admin })).body;

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
  asr = await startFakeAsr(SECRET_KEY);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bot-'));
  c = createMockCommunity();
  bot = createBot({
    puppet: c.puppet,
    serverUrl: s.url,
    token: BOT_TOKEN,
    communityId: s.communityId,
    transcriber: new TencentTranscriber({ secretId: SECRET_ID, secretKey: SECRET_KEY, region: 'ap-shanghai', endpoint: asr.endpoint }),
    dataDir,
    log: createLog('silent'),
    rooms: { topics: ['北门社区居民群'] },
    rateLimit: { limit: 12, windowMs: 60_000 },
    retry: { baseDelayMs: 200, maxDelayMs: 1000 },
    feedPollMs: 2000,
  });
  await bot.start();
  c.login();
  // The demo seed may have queued group posts (e.g. a public alert): let the bot post them before the tests look.
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const pending = await s.request('GET', '/api/bot/feed', { token: BOT_TOKEN });
    if (pending.status === 200 && pending.body.items.length === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await new Promise((r) => setTimeout(r, 300));
});

afterAll(async () => {
  await bot?.stop();
  await asr?.close();
  await s?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('intake', () => {
  let no: string;

  it('ignores ordinary chatter, and turns an @-mention into a bot ticket answered with an @ and the ticket number', async () => {
    const t0 = Date.now();
    c.say('李大爷', '今天天气不错，下午去公园');
    await new Promise((r) => setTimeout(r, 600));
    expect(c.said.filter((m) => m.at >= t0 && m.from === BOT && !m.text.startsWith('【'))).toEqual([]); // broadcasts aside

    c.say('王奶奶', `@${BOT} 3号楼电梯又坏了，我下不了楼`);
    const reply = await c.waitFor(fromBot(/已收到，工单号 BM-\d{6}，我们会尽快处理/), 10_000, t0);
    expect(reply.text.startsWith('@王奶奶')).toBe(true);
    expect(reply.roomId).toBe(c.room.id);
    no = ticketNo(reply.text);
    const t = await byNo(no);
    expect(t).toMatchObject({
      channel: 'bot',
      category: '电梯',
      description: '3号楼电梯又坏了，我下不了楼',
      status: 'submitted',
      // The demo seed binds 王奶奶's contact to 王秀兰 (issue 14): the ticket names the resident, not the display name.
      reporter: { name: '王秀兰', wechatName: '王奶奶', roomId: c.room.id, roomTopic: '北门社区居民群', phone: '13805370001' },
    });
    expect(t.reporter.residentId).toBeTruthy();
  });

  it('a voice report after an @ becomes a ticket with the audio and the transcript from Tencent ASR (signed request checked)', async () => {
    const t0 = Date.now();
    c.say('王奶奶', `@${BOT}`);
    await c.waitFor(fromBot(/请直接说明要反映的问题/), 10_000, t0);
    c.sayVoice('王奶奶', fixture);
    const reply = await c.waitFor(fromBot(/已收到您的语音：「三号楼电梯坏了」，工单号 BM-\d{6}/), 15_000, t0);
    expect(reply.text.startsWith('@王奶奶')).toBe(true);

    const t = await byNo(ticketNo(reply.text));
    expect(t.category).toBe('电梯');
    expect(t.description).toBe('三号楼电梯坏了');
    expect(t.audio).toMatchObject({ status: 'done', transcript: '三号楼电梯坏了', durationMs: 3360 });
    const file = await fetch(`${s.url}/api/uploads/${t.audio.uploadId}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(fixture)).toBe(true);

    expect(asr.requests).toHaveLength(1);
    const req = asr.requests[0]!;
    expect(req.signatureValid).toBe(true);
    // The SDK takes the signing service from the endpoint's first label: "asr" in production, "127" against this fake.
    expect(String(req.headers.authorization)).toMatch(new RegExp(`^TC3-HMAC-SHA256 Credential=${SECRET_ID}/\\d{4}-\\d{2}-\\d{2}/127/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$`));
    expect(req.headers['x-tc-action']).toBe('SentenceRecognition');
    expect(req.headers['x-tc-version']).toBe('2019-06-14');
    expect(req.headers['x-tc-region']).toBe('ap-shanghai');
    expect(req.body).toMatchObject({ EngSerViceType: '16k_zh', SourceType: 1, VoiceFormat: 'silk', DataLen: fixture.length });
    expect(req.body.Data).toBe(fixture.toString('base64'));
  });

  it('when ASR fails, a private voice still becomes a ticket with the audio, marked 待转写; recognition is retried and the transcript added', async () => {
    asr.mode = 'fail';
    try {
      const t0 = Date.now();
      c.sayVoice('李大爷', fixture, { private: true });
      const reply = await c.waitFor(fromBot(/已收到您的语音，工单号 BM-\d{6}。语音暂未能识别/), 15_000, t0);
      expect(reply.roomId).toBeUndefined();
      const t = await byNo(ticketNo(reply.text));
      expect(t.audio).toMatchObject({ status: 'pending' });
      expect(t.audio.transcript).toBeUndefined();
      expect(t.description).toBe('语音报事（待转写）');
      expect(t.reporter).toMatchObject({ name: '李大爷', wechatName: '李大爷' });
      expect(t.reporter.roomId).toBeUndefined();
      expect(asr.requests.at(-1)!.signatureValid).toBe(true);

      // Recognition comes back: the bot's background retry adds the transcript to the same ticket.
      asr.mode = 'ok';
      let after = t;
      const deadline = Date.now() + 10_000;
      while (after.audio.status !== 'done' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        after = await byNo(t.no);
      }
      expect(after.audio).toMatchObject({ status: 'done', transcript: '三号楼电梯坏了' });
      expect(after.description).toBe('三号楼电梯坏了');
      expect(after.timeline.map((e: { kind: string }) => e.kind)).toContain('transcribed');
    } finally {
      asr.mode = 'ok';
    }
  });

  it('answers 查询 <工单号> and 我的工单 with status and last update', async () => {
    const t0 = Date.now();
    c.say('王奶奶', `@${BOT} 查询 ${no}`);
    const one = await c.waitFor(fromBot(new RegExp(`工单 ${no}「.*」当前状态：待受理`)), 10_000, t0);
    expect(one.text).toContain('最近进展');
    const t1 = Date.now();
    c.say('王奶奶', `@${BOT} 我的工单`);
    const mine = await c.waitFor(fromBot(/您最近的工单/), 10_000, t1);
    expect(mine.text).toContain(no);
    expect(mine.text.split('\n').filter((l) => /BM-\d{6}/.test(l)).length).toBeGreaterThanOrEqual(2);
    const t2 = Date.now();
    c.say('王奶奶', `@${BOT} 查询 BM-999999`);
    await c.waitFor(fromBot(/没有找到您的工单 BM-999999/), 10_000, t2);
    // Another group member asking for her ticket number learns nothing about it (issue 12 item 7).
    const t3 = Date.now();
    c.say('李大爷', `@${BOT} 查询 ${no}`);
    const refused = await c.waitFor(fromBot(new RegExp(`没有找到您的工单 ${no}`)), 10_000, t3);
    expect(refused.text).not.toContain('当前状态');
  });

  it('long reports are truncated with a note; phone and ID numbers are masked in what the bot posts', async () => {
    const t0 = Date.now();
    c.say('李大爷', `报修 楼道灯不亮${'，晚上很黑'.repeat(120)}`);
    const reply = await c.waitFor(fromBot(/工单号 BM-\d{6}.*内容过长，已截取前 500 字/), 10_000, t0);
    const t = await byNo(ticketNo(reply.text));
    expect(t.category).toBe('路灯照明');
    expect(Array.from(t.description as string).length).toBeLessThanOrEqual(520);

    const t1 = Date.now();
    await s.request('POST', `/api/tickets/${t.id}/comments`, { token: admin, body: { body: '维修师傅电话13812345678，身份证110101199001011234' } });
    const posted = await c.waitFor(fromBot(/社区回复/), 10_000, t1);
    expect(posted.text).toContain('138****5678');
    expect(posted.text).toContain('110101********1234');
    expect(posted.text).not.toContain('13812345678');
  });

  it('in a listen group (the default) even a bound resident is asked before her overheard report is filed; 「是」 files it as hers', async () => {
    const t0 = Date.now();
    c.say('王奶奶', '9号楼2单元的门禁又坏了，进不去');
    const ask = await c.waitFor(fromBot(/要帮您登记「9号楼2单元的门禁又坏了/), 10_000, t0);
    expect(ask.text).toContain('回复「是」登记');
    const none = await s.request('GET', `/api/tickets?q=${encodeURIComponent('门禁又坏了')}`, { token: admin });
    expect(none.body.items).toHaveLength(0);
    const t1 = Date.now();
    c.say('王奶奶', '是');
    const filed = await c.waitFor(fromBot(/已收到，工单号 BM-\d{6}/), 10_000, t1);
    const t = await byNo(ticketNo(filed.text));
    expect(t.reporter.name).toBe('王秀兰');
  });

  it('only acts in the configured community groups', async () => {
    const other = c.mocker.createRoom({ topic: '广场舞队', memberIdList: [c.botContact.id, c.residents.get('李大爷')!.id] });
    // The community's recorder hears only its own group: listen to this one directly (and prove the listener hears it).
    const inOther: Array<{ from?: string; text?: string }> = [];
    other.on('message', ((m: { payload: { talkerId?: string; text?: string } }) => void inOther.push({ from: m.payload.talkerId, text: m.payload.text })) as never);
    const t0 = Date.now();
    c.residents.get('李大爷')!.say(`@${BOT} 3号楼电梯坏了，广场舞队群里说的`).to(other);
    await new Promise((r) => setTimeout(r, 1500));
    expect(inOther.some((m) => m.from === c.residents.get('李大爷')!.id)).toBe(true);
    expect(inOther.filter((m) => m.from === c.botContact.id)).toEqual([]);
    expect(c.said.filter((m) => m.at >= t0 && m.from === BOT && !m.text.startsWith('【'))).toEqual([]);
    const filed = await s.request('GET', `/api/tickets?q=${encodeURIComponent('广场舞队群里说的')}`, { token: admin });
    expect(filed.status).toBe(200);
    expect(filed.body.items).toHaveLength(0);
  });

  it('limits how often one sender is answered', async () => {
    const t0 = Date.now();
    for (let i = 0; i < 15; i++) c.say('张阿姨', '你好', { private: true });
    await c.waitFor(fromBot(/太频繁/), 10_000, t0);
    const toHer = () => c.said.filter((m) => m.at >= t0 && m.from === BOT && m.toId === c.residents.get('张阿姨')!.id);
    const deadline = Date.now() + 10_000;
    while (toHer().length < 13 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    expect(toHer().length).toBe(13); // 12 answers + one warning, then silence
    expect(toHer().filter((m) => /太频繁/.test(m.text))).toHaveLength(1);
  });
});

describe('broadcasts', () => {
  it('a status change of a bot ticket reaches the reporter in the group with an @, once, and is acknowledged', async () => {
    const t0 = Date.now();
    c.say('王奶奶', `@${BOT} 5号楼门口垃圾没人清理`);
    const reply = await c.waitFor(fromBot(/已收到，工单号/), 10_000, t0);
    const t = await byNo(ticketNo(reply.text));
    const t1 = Date.now();
    const acc = await s.request('POST', `/api/tickets/${t.id}/transition`, { token: admin, body: { action: 'accept', note: '保洁马上过去' } });
    expect(acc.status).toBe(200);
    const news = await c.waitFor(fromBot(new RegExp(`工单 ${t.no}）有新进展：已受理`)), 10_000, t1);
    expect(news.text.startsWith('@王奶奶')).toBe(true);
    expect(news.text).toContain('保洁马上过去');
    expect(news.roomId).toBe(c.room.id);
    await new Promise((r) => setTimeout(r, 2500)); // one poll cycle: nothing is posted twice
    expect(c.said.filter((m) => m.at >= t1 && m.from === BOT && m.text.includes(`${t.no}）有新进展`))).toHaveLength(1);
    const pending = (await s.request('GET', '/api/bot/feed', { token: BOT_TOKEN })).body.items;
    expect(pending).toEqual([]);
  });

  it('progress of a ticket reported in a private chat goes back privately', async () => {
    const t0 = Date.now();
    c.say('李大爷', '楼下井盖丢了，很危险', { private: true });
    const reply = await c.waitFor(fromBot(/已收到，工单号/), 10_000, t0);
    expect(reply.roomId).toBeUndefined();
    const t = await byNo(ticketNo(reply.text));
    const t1 = Date.now();
    await s.request('POST', `/api/tickets/${t.id}/transition`, { token: admin, body: { action: 'accept' } });
    const news = await c.waitFor(fromBot(new RegExp(`${t.no}）有新进展：已受理`)), 10_000, t1);
    expect(news.roomId).toBeUndefined();
    expect(news.toId).toBe(c.residents.get('李大爷')!.id);
  });

  it('posts a notice published for the group channel, a fire-lane alert from a real device and its resolution; personal alerts never', async () => {
    const t0 = Date.now();
    const notice = await s.request('POST', '/api/notices', {
      token: admin,
      body: { title: '医保缴费提醒', body: '60岁以上老人请于月底前到社区缴纳医保，咨询电话13900001111', category: '通知', audience: { all: true }, channels: ['group'] },
    });
    expect(notice.status).toBe(201);
    const posted = await c.waitFor(fromBot(/【社区通知】医保缴费提醒/), 10_000, t0);
    expect(posted.roomId).toBe(c.room.id);
    expect(posted.text).toContain('139****1111');

    const cam = await s.request('POST', '/api/devices', { token: admin, body: { kind: 'camera', name: '5号楼东侧摄像头', location: { building: '5号楼', text: '5号楼东侧消防通道' } } });
    expect(cam.status).toBe(201);
    const ingest = await s.request('POST', '/api/alerts/ingest', {
      token: cam.body.key,
      body: { deviceId: cam.body.id, eventId: `evt-${Date.now()}`, type: 'fire_lane_blocked', at: new Date().toISOString() },
    });
    expect(ingest.status).toBe(201);
    await c.waitFor(fromBot(/【安全提醒】消防通道占用：5号楼东侧消防通道/), 10_000, t0);
    const resolved = await s.request('POST', `/api/alerts/${ingest.body.alertId}/resolve`, { token: admin, body: { note: '车主已挪车' } });
    expect(resolved.status).toBe(200);
    await c.waitFor(fromBot(/【安全提醒解除】消防通道占用（5号楼东侧消防通道）已处理完毕/), 10_000, t0);

    const residents = await s.request('GET', '/api/residents?limit=100', { token: admin });
    const wang = residents.body.items.find((r: { name: string }) => r.name === '王秀兰');
    const band = await s.request('POST', '/api/devices', { token: admin, body: { kind: 'wristband', name: '王秀兰的手环', wearerResidentId: wang.id } });
    expect(band.status).toBe(201);
    const fall = await s.request('POST', '/api/alerts/ingest', {
      token: band.body.key,
      body: { deviceId: band.body.id, eventId: `evt-fall-${Date.now()}`, type: 'fall', at: new Date().toISOString() },
    });
    expect(fall.status).toBe(201);
    await new Promise((r) => setTimeout(r, 1000));
    expect(c.said.some((m) => m.at >= t0 && m.from === BOT && /跌倒|王秀兰/.test(m.text))).toBe(false);
  });
});

describe('FAQ and check-in', () => {
  it('answers a question an FAQ rule covers (自动回复) instead of filing a ticket', async () => {
    const rule = await s.request('POST', '/api/faq/rules', { token: admin, body: { keywords: ['医保'], answer: '医保缴费请带身份证到社区服务大厅一楼办理，工作日 9:00-17:00。' } });
    expect(rule.status).toBe(201);
    const t0 = Date.now();
    c.say('李大爷', `@${BOT} 请问医保在哪里交`);
    const a = await c.waitFor(fromBot(/医保缴费请带身份证/), 10_000, t0);
    expect(a.text.startsWith('@李大爷')).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(c.said.some((m) => m.at >= t0 && m.from === BOT && /工单号/.test(m.text))).toBe(false);

    // A question that names a problem keyword still gets the FAQ answer; the same words as a statement become a ticket.
    const r2 = await s.request('POST', '/api/faq/rules', { token: admin, body: { pattern: '电梯 电话', answer: '电梯维保 24 小时电话：0537-1234567。', priority: 1000 } });
    expect(r2.status).toBe(201);
    const t1 = Date.now();
    c.say('李大爷', `@${BOT} 电梯维修电话是多少？`);
    await c.waitFor(fromBot(/电梯维保 24 小时电话/), 10_000, t1);
    const t2 = Date.now();
    c.say('李大爷', `@${BOT} 3号楼电梯坏了，能不能来修一下？`);
    await c.waitFor(fromBot(/@李大爷 已收到，工单号/), 10_000, t2);
  });

  it('a question no rule answers gets 您是不是想问… with the nearest topics, not a ticket; sending a topic back answers it', async () => {
    const rule = await s.request('POST', '/api/faq/rules', { token: admin, body: { title: '老年卡怎么办理', keywords: ['老年卡'], answer: '老年卡请带身份证和一寸照片到社区服务大厅办理。' } });
    expect(rule.status).toBe(201);
    const t0 = Date.now();
    c.say('张阿姨', `@${BOT} 请问敬老卡在哪里办理？`);
    const offer = await c.waitFor(fromBot(/您是不是想问/), 10_000, t0);
    expect(offer.text).toContain('· 老年卡怎么办理');
    await new Promise((r) => setTimeout(r, 500));
    expect(c.said.some((m) => m.at >= t0 && m.from === BOT && /工单号/.test(m.text))).toBe(false);
    const t1 = Date.now();
    c.say('张阿姨', `@${BOT} 老年卡怎么办理`);
    await c.waitFor(fromBot(/老年卡请带身份证和一寸照片/), 10_000, t1);
  });

  it('"平安" checks in the resident bound to the sender’s WeChat contact', async () => {
    // Issue 12 item 7: the server checks in only a resident bound to the sender's contact id (an admin binds it here,
    // until the 绑定 code flow of issue 14); a display name identifies nobody.
    const wang = (await s.request('GET', `/api/residents?q=${encodeURIComponent('王秀兰')}`, { token: admin })).body.items[0];
    expect((await s.request('PATCH', `/api/residents/${wang.id}`, { token: admin, body: { wechatId: c.residents.get('王奶奶')!.id } })).status).toBe(200);
    const t0 = Date.now();
    c.say('王奶奶', `@${BOT} 平安`);
    const a = await c.waitFor(fromBot(/平安打卡已记录|已经打过卡/), 10_000, t0);
    expect(a.text).toContain('王秀兰');
    const t1 = Date.now();
    c.say('李大爷', '平安', { private: true });
    await c.waitFor(fromBot(/没有找到您的居民登记/), 10_000, t1);
  });
});

describe('timing', () => {
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

  it('answers a report and posts ticket progress within seconds (measured)', async () => {
    const replyMs: number[] = [];
    const nos: string[] = [];
    for (let i = 0; i < 20; i++) {
      const name = `居民${i}`;
      const t0 = Date.now();
      c.say(name, `@${BOT} ${i + 1}号楼路灯不亮`);
      const r = await c.waitFor((m) => m.from === BOT && m.text.startsWith(`@${name} 已收到，工单号`), 10_000, t0);
      replyMs.push(r.at - t0);
      nos.push(ticketNo(r.text));
    }
    const newsMs: number[] = [];
    for (const no of nos.slice(0, 10)) {
      const t = await byNo(no);
      const t0 = Date.now();
      await s.request('POST', `/api/tickets/${t.id}/transition`, { token: admin, body: { action: 'accept' } });
      const news = await c.waitFor(fromBot(new RegExp(`工单 ${no}）有新进展`)), 10_000, t0);
      newsMs.push(news.at - t0);
    }
    const summary = {
      reportToReply: { n: replyMs.length, p50: pct(replyMs, 50), p99: pct(replyMs, 99), max: Math.max(...replyMs) },
      transitionToGroupPost: { n: newsMs.length, p50: pct(newsMs, 50), p99: pct(newsMs, 99), max: Math.max(...newsMs) },
    };
    console.log(`bot timing (ms): ${JSON.stringify(summary)}`);
    expect(summary.reportToReply.p99).toBeLessThan(3000);
    expect(summary.transitionToGroupPost.p99).toBeLessThan(3000);
  });
});
