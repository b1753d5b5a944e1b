// FAQ over real HTTP: staff manage rules, residents / staff / the bot ask; seeded rules answer; bad input changes nothing.
import { startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
let admin: string;
let grid: string;
let resident: string;
const bot = 'test-bot-token-0123456789';

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
  grid = await s.loginStaff('wanggang');
  resident = (await s.loginResident('demo-resident')).token;
});
afterAll(() => s.close());

const ask = (token: string, text: unknown) => s.request('POST', '/api/faq/match', { token, body: { text } });
const createRule = (body: Record<string, unknown>, token = admin) => s.request('POST', '/api/faq/rules', { token, body });
const allRules = async () => (await s.request('GET', '/api/faq/rules?limit=100', { token: admin })).body.items as any[];

describe('seeded demo rules', () => {
  it('answer the common questions for residents, staff and the bot', async () => {
    const cases: Array<[string, string, string]> = [
      [resident, '社区几点上班？', '办事时间'],
      [resident, '我家老人70岁了，医保要交钱吗', '60 岁以上老人医保'],
      [bot, '物业费怎么交', '物业费'],
      [admin, '小区停车位怎么申请', '停车'],
      [resident, 'ＷＯ家３号楼电梯坏了', '报事报修'],
    ];
    for (const [token, text, title] of cases) {
      const r = await ask(token, text);
      expect([text, r.status, r.body.match?.title]).toEqual([text, 200, title]);
      expect(r.body.match.answer).toMatch(/[\u4e00-\u9fa5]/);
      expect(r.body.match.score).toBeGreaterThan(0);
      expect(r.body.match.ruleId).toMatch(/^[0-9a-f]{24}$/);
    }
    expect((await ask(resident, '今天天气怎么样')).body).toEqual({ match: null, suggestions: [] });
    // No rule answers, but some are near: 您是不是想问… with their answers, for the help page and the bot.
    const near = await ask(resident, '物业的钱都花到哪儿了');
    expect(near.body.match).toBeNull();
    expect(near.body.suggestions[0]).toMatchObject({ question: '物业费', answer: expect.stringContaining('物业账本') });
    // The negation in the parking rule: a question about fines is not answered by the parking rule.
    expect((await ask(resident, '停车被罚款了')).body.match?.title).not.toBe('停车');
  });
});

describe('managing rules', () => {
  it('create, read, update, disable, delete — and matching follows each change at once', async () => {
    const created = await createRule({ title: '垃圾分类', keywords: ['垃圾分类', '厨余'], answer: '厨余垃圾每天 7-9 点投放到绿色桶。', priority: 50 });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ keywords: ['垃圾分类', '厨余'], priority: 50, enabled: true });
    expect((await ask(resident, '厨余垃圾什么时候扔')).body.match.ruleId).toBe(id);

    const got = await s.request('GET', `/api/faq/rules/${id}`, { token: admin });
    expect(got.body.title).toBe('垃圾分类');

    const patched = await s.request('PATCH', `/api/faq/rules/${id}`, { token: admin, body: { keywords: null, pattern: '(垃圾|厨余) (几点|时间|什么时候)' } });
    expect(patched.status).toBe(200);
    expect(patched.body.keywords).toEqual([]);
    expect(patched.body.pattern).toBe('(垃圾|厨余) (几点|时间|什么时候)');
    expect((await ask(resident, '厨余垃圾')).body.match).toBeNull();
    expect((await ask(resident, '垃圾几点收')).body.match.ruleId).toBe(id);

    await s.request('PATCH', `/api/faq/rules/${id}`, { token: admin, body: { enabled: false } });
    expect((await ask(resident, '垃圾几点收')).body.match).toBeNull();
    const disabledList = await s.request('GET', '/api/faq/rules?enabled=0', { token: admin });
    expect(disabledList.body.items.map((r: any) => r.id)).toContain(id);

    await s.request('PATCH', `/api/faq/rules/${id}`, { token: admin, body: { enabled: true } });
    expect((await ask(resident, '垃圾几点收')).body.match.ruleId).toBe(id);

    expect((await s.request('DELETE', `/api/faq/rules/${id}`, { token: admin })).status).toBe(204);
    expect((await ask(resident, '垃圾几点收')).body.match).toBeNull();
    expect((await s.request('GET', `/api/faq/rules/${id}`, { token: admin })).status).toBe(404);
    expect((await s.request('DELETE', `/api/faq/rules/${id}`, { token: admin })).status).toBe(404);
  });

  it('priority decides between two matching rules', async () => {
    const low = await createRule({ keywords: ['快递柜'], answer: '快递柜在 1 号楼东侧。', priority: 1 });
    const high = await createRule({ keywords: ['快递柜', '取件'], answer: '快递柜取件码丢了请打客服电话。', priority: 2 });
    expect((await ask(resident, '快递柜取件码丢了')).body.match.ruleId).toBe(high.body.id);
    await s.request('PATCH', `/api/faq/rules/${high.body.id}`, { token: admin, body: { priority: 0 } });
    expect((await ask(resident, '快递柜取件码丢了')).body.match.ruleId).toBe(low.body.id);
  });

  it('lists with keyset pagination, newest first', async () => {
    const page1 = await s.request('GET', '/api/faq/rules?limit=3', { token: admin });
    expect(page1.body.items).toHaveLength(3);
    const page2 = await s.request('GET', `/api/faq/rules?limit=3&cursor=${page1.body.nextCursor}`, { token: admin });
    const ids = [...page1.body.items, ...page2.body.items].map((r: any) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort().reverse()).toEqual(ids);
  });

  it('staff can preview an unsaved rule', async () => {
    const r = await s.request('POST', '/api/faq/rules/test', { token: admin, body: { pattern: '物业*费 -交过', text: '物业管理费怎么算' } });
    expect(r.body).toEqual({ matched: true, score: 3 });
    const bad = await s.request('POST', '/api/faq/rules/test', { token: admin, body: { pattern: '(物业', text: '物业' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/右括号/);
  });
});

describe('unanswered questions', () => {
  const waitFor = async <T>(fn: () => Promise<T | undefined>, ms = 5000): Promise<T> => {
    const until = Date.now() + ms;
    for (;;) {
      const v = await fn();
      if (v !== undefined) return v;
      if (Date.now() > until) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const top = async () => (await s.request('GET', '/api/faq/unanswered', { token: admin })).body.items as any[];

  it('are counted (residents and the bot, not staff trying things out) so staff know which rules to write', async () => {
    await ask(resident, '怎么开居住证明？');
    await ask(bot, '怎么开 居住证明');
    await ask(resident, '居住证明找谁开，电话13805370005');
    await ask(admin, '员工自己测试的问题');
    const entry = await waitFor(async () => (await top()).find((u) => u.count === 2 && u.text.includes('居住证明')));
    expect(entry.text).toBe('怎么开 居住证明');
    const withPhone = await waitFor(async () => (await top()).find((u) => u.text.includes('居住证明找谁开')));
    expect(withPhone.text).not.toContain('13805370005');
    expect((await top()).some((u) => u.text.includes('员工自己测试'))).toBe(false);
    const counts = (await top()).map((u) => u.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a)); // most asked first

    expect((await s.request('DELETE', `/api/faq/unanswered/${entry.id}`, { token: admin })).status).toBe(204);
    expect((await top()).map((u) => u.id)).not.toContain(entry.id);
    expect((await s.request('DELETE', `/api/faq/unanswered/${entry.id}`, { token: admin })).status).toBe(404);
    expect((await s.request('GET', '/api/faq/unanswered', { token: resident })).status).toBe(403);
    expect((await s.request('GET', '/api/faq/unanswered?limit=0', { token: admin })).status).toBe(422);
  });
});

describe('access', () => {
  it('only community staff manage rules; asking needs a login', async () => {
    expect((await createRule({ keywords: ['x'], answer: 'y' }, resident)).status).toBe(403);
    expect((await createRule({ keywords: ['x'], answer: 'y' }, grid)).status).toBe(403);
    expect((await s.request('GET', '/api/faq/rules', { token: resident })).status).toBe(403);
    expect((await s.request('GET', '/api/faq/rules', { token: bot })).status).toBe(403);
    const anon = await s.request('POST', '/api/faq/match', { body: { text: '物业费' } });
    expect(anon.status).toBe(401);
    expect(anon.body.error.message).toMatch(/登录/);
  });
});

describe('bad input', () => {
  it('every endpoint rejects bad input with a Chinese message and changes nothing', async () => {
    const before = await allRules();
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ answer: '没有条件' }, /关键词或匹配模式/],
      [{ keywords: [], answer: 'x' }, /关键词或匹配模式/],
      [{ keywords: ['  '], answer: 'x' }, /关键词/],
      [{ keywords: ['a'.repeat(41)], answer: 'x' }, /40/],
      [{ keywords: ['医保'], answer: '' }, /不能为空/],
      [{ keywords: ['医保'], answer: 'x'.repeat(2001) }, /2000/],
      [{ keywords: ['医保'], answer: 'x', priority: -1 }, /优先级/],
      [{ keywords: ['医保'], answer: 'x', priority: 1.5 }, /整数/],
      [{ keywords: ['医保'], answer: 'x', enabled: 'yes' }, /./],
      [{ keywords: ['医保'], answer: 'x', regex: '(a+)+b' }, /./],
      [{ pattern: '(医保|社保', answer: 'x' }, /右括号/],
      [{ pattern: '医保)', answer: 'x' }, /右括号/],
      [{ pattern: '-广告', answer: 'x' }, /必须出现/],
      [{ pattern: '***', answer: 'x' }, /通配符/],
      [{ pattern: '"医保', answer: 'x' }, /引号/],
      [{ pattern: 'a'.repeat(301), answer: 'x' }, /300/],
      [{ pattern: Array.from({ length: 33 }, (_, i) => `词${i}`).join('|'), answer: 'x' }, /条件太多/],
    ];
    for (const [b, msg] of bad) {
      const r = await createRule(b);
      expect([b, r.status]).toEqual([b, 422]);
      expect(r.body.error.code).toBe('VALIDATION');
      expect(r.body.error.message + JSON.stringify(r.body.error.details ?? '')).toMatch(msg);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const id = before[0].id;
    const badPatches: Array<Record<string, unknown>> = [{}, { pattern: '(' }, { keywords: null, pattern: null }, { priority: 5000 }, { unknown: 1 }];
    for (const b of badPatches) {
      const r = await s.request('PATCH', `/api/faq/rules/${id}`, { token: admin, body: b });
      expect([b, r.status]).toEqual([b, 422]);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await s.request('GET', '/api/faq/rules/not-an-id', { token: admin })).status).toBe(422);
    expect((await s.request('PATCH', '/api/faq/rules/0123456789abcdef01234567', { token: admin, body: { priority: 1 } })).status).toBe(404);
    expect((await s.request('GET', '/api/faq/rules?limit=0', { token: admin })).status).toBe(422);
    expect((await s.request('GET', '/api/faq/rules?enabled=yes', { token: admin })).status).toBe(422);
    for (const text of ['', '   ', 'x'.repeat(2001), 42, null]) {
      const r = await ask(resident, text);
      expect([text, r.status]).toEqual([text, 422]);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await s.request('POST', '/api/faq/match', { token: resident, body: { text: '物业费', extra: 1 } })).status).toBe(422);
    expect((await s.request('POST', '/api/faq/match', { token: resident, body: '{"text":' })).status).toBe(422);
    expect(await allRules()).toEqual(before);
  });

  it('a 2000-character adversarial question (the longest allowed) is answered correctly', async () => {
    const r = await ask(resident, `${'物业'.repeat(999)}费`);
    expect(r.status).toBe(200);
    expect(r.body.match.title).toBe('物业费');
  });
});

describe('rate limit', () => {
  it('a resident asking in a tight loop is slowed down', async () => {
    const { token } = await s.loginResident('demo-zhaozhiqiang');
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++) statuses.push((await ask(token, '物业费')).status);
    expect(statuses.slice(0, 60).every((x) => x === 200)).toBe(true);
    expect(statuses[61]).toBe(429);
    // Staff and the bot are not limited by a resident's allowance.
    expect((await ask(bot, '物业费')).status).toBe(200);
  });
});
