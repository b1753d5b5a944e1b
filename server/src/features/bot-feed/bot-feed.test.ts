// Bot feed over real HTTP and sockets: ticket progress of bot reports queued for the reporter, pushed live, kept until acked, never twice.
import { nextEvent, startTestServer, type TestServer } from '../../test-support/harness';
import { plainText } from './bot-feed.service';

let s: TestServer;
let admin: string;
let resident: string;
const bot = 'test-bot-token-0123456789';

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
  resident = (await s.loginResident('demo-resident')).token;
});
afterAll(() => s.close());

const feed = async (after?: string) => {
  const r = await s.request('GET', `/api/bot/feed${after ? `?after=${after}` : ''}`, { token: bot });
  expect(r.status).toBe(200);
  return r.body.items as any[];
};

/** The feed once `ready` holds: the bus subscribers that write it are asynchronous (never a fixed sleep). */
const feedUntil = async (ready: (items: any[]) => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms;
  for (;;) {
    const items = await feed();
    if (ready(items) || Date.now() > deadline) return items;
    await new Promise((r) => setTimeout(r, 50));
  }
};

const botReport = async (extra: Record<string, unknown> = {}) => {
  const r = await s.request('POST', '/api/tickets', {
    token: bot,
    body: {
      category: '电梯',
      description: '3号楼电梯又坏了',
      channel: 'bot',
      reporter: { name: '王奶奶', wechatName: '王奶奶', roomId: 'room-1@chatroom', roomTopic: '北门社区居民群' },
      ...extra,
    },
  });
  expect(r.status).toBe(201);
  return r.body;
};

describe('plainText', () => {
  it('turns a Markdown notice into text a WeChat group can show', () => {
    expect(plainText('## 停水通知\n\n**明天** 9:00-12:00 停水，详见[公告](https://x.cn/a)\n- 请提前储水\n> 物业')).toBe(
      '停水通知\n\n明天 9:00-12:00 停水，详见公告（https://x.cn/a）\n· 请提前储水\n物业',
    );
  });
});

describe('bot feed', () => {
  it('a status change of a bot-reported ticket is pushed to the bot room, listed until acked, and acked once', async () => {
    const t = await botReport();
    const sock = await s.socket(bot);
    const pushed = nextEvent<any>(sock, 'bot:feed', 5000, (i) => i.ref === `ticket:${t.no}`);
    const acc = await s.request('POST', `/api/tickets/${t.id}/transition`, { token: admin, body: { action: 'accept', note: '马上派人' } });
    expect(acc.status).toBe(200);
    const item = await pushed;
    expect(item.kind).toBe('ticket');
    expect(item.text).toContain(t.no);
    expect(item.text).toContain('已受理');
    expect(item.text).toContain('马上派人');
    expect(item.target).toEqual({ roomId: 'room-1@chatroom', roomTopic: '北门社区居民群', wechatName: '王奶奶' });

    const pending = await feed();
    expect(pending.map((i) => i.id)).toContain(item.id);
    const ack = await s.request('POST', `/api/bot/feed/${item.id}/ack`, { token: bot });
    expect(ack.status).toBe(200);
    expect(ack.body.ackedAt).toBeTruthy();
    expect((await feed()).map((i) => i.id)).not.toContain(item.id);
    // acking again is harmless
    expect((await s.request('POST', `/api/bot/feed/${item.id}/ack`, { token: bot })).status).toBe(200);
  });

  it('internal notes and tickets from other channels are never queued; public staff comments are', async () => {
    const t = await botReport();
    await s.request('POST', `/api/tickets/${t.id}/comments`, { token: admin, body: { body: '内部：先查电梯维保合同', internal: true } });
    await s.request('POST', `/api/tickets/${t.id}/comments`, { token: admin, body: { body: '维修师傅下午两点到' } });
    const app = await s.request('POST', '/api/tickets', { token: resident, body: { category: '电梯', description: '电梯异响', channel: 'app' } });
    await s.request('POST', `/api/tickets/${app.body.id}/transition`, { token: admin, body: { action: 'accept' } });
    const items = await feedUntil((it) => it.some((i) => i.text.includes('维修师傅下午两点到')));
    const texts = items.map((i) => i.text).join('\n');
    expect(texts).toContain('维修师傅下午两点到');
    expect(texts).not.toContain('内部');
    expect(items.some((i) => i.ref === `ticket:${app.body.no}`)).toBe(false);
  });

  it('paging with after= returns only later items, oldest first', async () => {
    s.app.bus.emit('bot.post', { communityId: s.communityId, kind: 'other', key: 'test:page-1', text: '分页一' });
    s.app.bus.emit('bot.post', { communityId: s.communityId, kind: 'other', key: 'test:page-2', text: '分页二' });
    // Both items: the two writes are asynchronous and may become visible in either order.
    const all = await feedUntil((it) => ['分页一', '分页二'].every((t) => it.some((i) => i.text === t)));
    expect(all.length).toBeGreaterThanOrEqual(2);
    const ids = all.map((i) => i.id);
    expect([...ids].sort()).toEqual(ids);
    const later = await feed(ids[0]);
    expect(later.map((i) => i.id)).toEqual(ids.slice(1));
  });

  it('bot.post, notices for the group and public-safety alerts are queued once; personal alerts never', async () => {
    const cid = s.communityId;
    s.app.bus.emit('bot.post', { communityId: cid, kind: 'other', key: 'test:once', text: '测试推送' });
    s.app.bus.emit('bot.post', { communityId: cid, kind: 'other', key: 'test:once', text: '测试推送' });
    const bus = s.app.bus as unknown as { emit(n: string, p: unknown): void };
    bus.emit('notice.published', { notice: { _id: 'n1', communityId: cid, title: '医保缴费提醒', body: '60 岁以上老人请于月底前缴费', channels: ['feed', 'group'] } });
    bus.emit('notice.published', { notice: { _id: 'n2', communityId: cid, title: '只发小程序', body: 'x', channels: ['feed'] } });
    bus.emit('alert.raised', { alert: { id: 'a1', communityId: cid, type: 'fire_lane_blocked', audience: 'public', location: { text: '5号楼东侧消防通道' } } });
    bus.emit('alert.raised', { alert: { id: 'a2', communityId: cid, type: 'fall', audience: 'personal' } });
    // alert.updated carries the alert document (its _id), alert.raised the public view (its id).
    bus.emit('alert.updated', { alert: { _id: 'a1', communityId: cid, type: 'fire_lane_blocked', audience: 'public', location: { text: '5号楼东侧消防通道' } }, change: 'resolve' });
    bus.emit('alert.updated', { alert: { _id: 'a2', communityId: cid, type: 'fall', audience: 'personal' }, change: 'resolve' });
    const items = await feedUntil(
      (it) => it.some((i) => i.text === '测试推送') && it.some((i) => i.ref === 'notice:n1') && it.filter((i) => i.ref === 'alert:a1').length === 2,
    );
    expect(items.filter((i) => i.text === '测试推送')).toHaveLength(1);
    const notice = items.find((i) => i.ref === 'notice:n1');
    expect(notice?.text).toContain('医保缴费提醒');
    expect(notice?.target).toEqual({});
    expect(items.some((i) => i.ref === 'notice:n2')).toBe(false);
    expect(items.find((i) => i.ref === 'alert:a1')?.text).toContain('消防通道占用：5号楼东侧消防通道');
    expect(items.some((i) => i.ref === 'alert:a2')).toBe(false);
    expect(items.filter((i) => i.ref === 'alert:a1').map((i) => i.text)).toEqual([
      expect.stringContaining('【安全提醒】消防通道占用'),
      '【安全提醒解除】消防通道占用（5号楼东侧消防通道）已处理完毕，感谢大家配合。',
    ]);
  });

  it('我的工单 lookup by the sender’s contact id (never by display name) shows the public view; only the bot may use these endpoints', async () => {
    // Issue 12 item 7: anyone can call themselves 王奶奶; her tickets are found by the contact id they were sent from.
    const byName = await s.request('GET', `/api/bot/tickets?wechatName=${encodeURIComponent('王奶奶')}`, { token: bot });
    expect(byName.status).toBe(422);
    expect(byName.body.items).toBeUndefined();
    const reporter = { name: '王奶奶', wechatName: '王奶奶', wechatId: 'wxid-wangnainai', roomTopic: '北门社区居民群' };
    const mine = [await botReport({ reporter }), await botReport({ reporter })];
    await s.request('POST', `/api/tickets/${mine[0].id}/comments`, { token: admin, body: { body: '内部：先查电梯维保合同', internal: true } });
    const impostor = await s.request('GET', `/api/bot/tickets?wechatName=${encodeURIComponent('王奶奶')}&wechatId=wxid-impostor`, { token: bot });
    expect(impostor.body.items).toEqual([]);
    const r = await s.request('GET', '/api/bot/tickets?wechatId=wxid-wangnainai', { token: bot });
    expect(r.status).toBe(200);
    expect(r.body.items.map((t: { id: string }) => t.id).sort()).toEqual(mine.map((t) => t.id).sort());
    expect(r.body.items.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(r.body)).not.toContain('内部');
    expect((await s.request('GET', '/api/bot/feed', { token: admin })).status).toBe(403);
    expect((await s.request('GET', '/api/bot/feed', { token: resident })).status).toBe(403);
    expect((await s.request('GET', '/api/bot/feed')).status).toBe(401);
    expect((await s.request('GET', '/api/bot/tickets', { token: bot })).status).toBe(422);
  });

  it('查询 <工单号>: the bot is answered only for the asker’s own or household’s ticket; bot reports link the resident by contact id, never by name', async () => {
    // Issue 12 item 7, the attacker's steps: rename yourself 王奶奶 in the group, then ask for her ticket numbers one by one.
    const mk = async (body: Record<string, unknown>) => {
      const r = await s.request('POST', '/api/residents', { token: admin, body: { birthYear: 1940, building: '7', unit: '1', room: '702', ...body } });
      expect(r.status).toBe(201);
      return r.body;
    };
    const grandma = await mk({ name: '赵奶奶', phone: '13900001111', wechatName: '赵奶奶', wechatId: 'wxid-zhao-grandma' });
    const son = await mk({ name: '赵家儿子', wechatId: 'wxid-zhao-son' });
    const t = await botReport({ reporter: { name: '赵奶奶', wechatName: '赵奶奶', wechatId: 'wxid-zhao-grandma', roomTopic: '北门社区居民群' } });
    // Filed from her bound contact: staff see who she is, her phone and her home.
    const staffView = (await s.request('GET', `/api/tickets/${t.id}`, { token: admin })).body;
    expect(staffView.reporter).toMatchObject({ residentId: grandma.id, name: '赵奶奶', phone: '13900001111' });
    expect(staffView.location).toMatchObject({ building: '7', unit: '1', room: '702' });

    const ask = (no: string, wechatId?: string) =>
      s.request('GET', `/api/tickets/by-no/${no}${wechatId ? `?wechatId=${wechatId}` : ''}`, { token: bot });
    const own = await ask(t.no, 'wxid-zhao-grandma');
    expect(own.status).toBe(200);
    expect(own.body.reporter.phone).toBeUndefined(); // the resident view
    expect((await ask(t.no, 'wxid-zhao-son')).status).toBe(200); // her household
    const impostor = await ask(t.no, 'wxid-impostor');
    expect(impostor.status).toBe(404);
    expect(impostor.body.error.message).toContain('只能查询您本人或家人');
    expect((await ask(t.no)).status).toBe(422);
    // The bot cannot read a ticket it did not file by id either.
    const desk = await s.request('POST', '/api/tickets', {
      token: admin,
      body: { category: '水电', description: '7号楼停水', channel: 'desk', reporter: { name: '赵奶奶', residentId: grandma.id } },
    });
    expect(desk.status).toBe(201);
    expect((await s.request('GET', `/api/tickets/${desk.body.id}`, { token: bot })).status).toBe(404);
    expect((await ask(desk.body.no, 'wxid-zhao-son')).status).toBe(200); // …but her son may ask for it by number

    // Someone who merely calls themselves 赵奶奶 is not linked to her record.
    const fake = await botReport({ reporter: { name: '赵奶奶', wechatName: '赵奶奶', wechatId: 'wxid-impostor', residentId: grandma.id } });
    const fakeView = (await s.request('GET', `/api/tickets/${fake.id}`, { token: admin })).body;
    expect(fakeView.reporter.residentId).toBeUndefined();
    expect(fakeView.reporter.phone).toBeUndefined();
    expect(son.id).toBeTruthy();
  });
});
