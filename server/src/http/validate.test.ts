// Attacks on input validation: junk cursors, impossible days, NUL and invisible-only text get a Chinese 422 and store nothing.
import { text } from '@linli/contracts';
import { startTestServer, type TestServer } from '../test-support/harness';

let s: TestServer;
let admin: string;
let resident: string;

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
  resident = (await s.loginResident('demo-resident')).token;
  // Two tickets, so the list has a second page and a comment target.
  for (const description of ['楼道灯不亮', '水管滴水']) {
    const r = await s.request('POST', '/api/tickets', { token: resident, body: { category: '其他', description, channel: 'app' } });
    expect(r.status).toBe(201);
  }
});
afterAll(() => s.close());

const ticketIds = async (): Promise<string[]> =>
  (await s.request('GET', '/api/tickets?limit=100', { token: admin })).body.items.map((t: { id: string }) => t.id).sort();

describe('keyset cursors', () => {
  it.each(['!!!', '%', '%21%21%21', 'abc', 'Zm9v', 'a'.repeat(32), '../../etc'])('GET /api/tickets?cursor=%s is a 422, not silently page one', async (cursor) => {
    const r = await s.request('GET', `/api/tickets?cursor=${cursor}`, { token: admin });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('VALIDATION');
    expect(JSON.stringify(r.body.error)).toMatch(/翻页参数/);
  });

  it.each(['/api/alerts', '/api/care/profiles', '/api/faq/unanswered', '/api/posts', '/api/notices', '/api/residents', '/api/devices'])('%s refuses cursor=!!! too', async (p) => {
    const r = await s.request('GET', `${p}?cursor=!!!`, { token: admin });
    expect(r.status).toBe(422);
  });

  it('a cursor the server handed out still pages on', async () => {
    const first = await s.request('GET', '/api/tickets?limit=1', { token: admin });
    expect(first.status).toBe(200);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const next = await s.request('GET', `/api/tickets?limit=1&cursor=${first.body.nextCursor}`, { token: admin });
    expect(next.status).toBe(200);
    expect(next.body.items[0]?.id).not.toBe(first.body.items[0].id);
    expect((await s.request('GET', '/api/tickets?cursor=', { token: admin })).status).toBe(200);
  });
});

describe('calendar days', () => {
  it.each(['2026-13-45', '2026-02-30', '2026-00-10', '2026-1-5', 'today'])('GET /api/care/overview?day=%s is a 422', async (day) => {
    const r = await s.request('GET', `/api/care/overview?day=${day}`, { token: admin });
    expect(r.status).toBe(422);
    expect(JSON.stringify(r.body.error)).toMatch(/日期/);
  });

  it('a real day (29 February of a leap year too) is answered', async () => {
    for (const day of ['2026-03-15', '2028-02-29']) {
      const r = await s.request('GET', `/api/care/overview?day=${day}`, { token: admin });
      expect(r.status).toBe(200);
      expect(r.body.day).toBe(day);
    }
  });
});

describe('free text', () => {
  const report = (description: string, extra: Record<string, unknown> = {}) =>
    s.request('POST', '/api/tickets', { token: resident, body: { category: '其他', description, channel: 'app', ...extra } });

  it.each([
    ['NUL inside', '楼道灯坏了\u0000'],
    ['NUL only', '\u0000'],
    ['other control characters', '漏水\u0007\u001b[2J'],
    ['zero-width only', '\u200B\u200B\u200B'],
    ['zero-width and spaces', '\u200B \u200C\u200D\uFEFF\u2060\u3000'],
    ['a right-to-left override', '3号楼\u202E103室漏水'],
    ['a directional isolate', '漏水\u2066abc\u2069'],
  ])('a ticket with %s is a 422 and nothing is stored', async (_what, description) => {
    const before = await ticketIds();
    const r = await report(description);
    expect(r.status).toBe(422);
    expect(JSON.stringify(r.body.error)).toMatch(/控制字符|不能为空/);
    expect(await ticketIds()).toEqual(before);
  });

  it('a zero-width title and a NUL comment are refused as well', async () => {
    const before = await ticketIds();
    expect((await report('电梯异响', { title: '\u200B\u200D' })).status).toBe(422);
    expect(await ticketIds()).toEqual(before);
    const id = before[0]!;
    const timeline = async () => (await s.request('GET', `/api/tickets/${id}`, { token: admin })).body.timeline.length;
    const n = await timeline();
    const c = await s.request('POST', `/api/tickets/${id}/comments`, { token: admin, body: { body: '已处理\u0000' } });
    expect(c.status).toBe(422);
    expect(await timeline()).toBe(n);
  });

  it('real text keeps its joiners, line breaks and tabs', async () => {
    const r = await report('👨\u200D👩\u200D👧 一家人被困电梯\n第二行\t备注');
    expect(r.status).toBe(201);
    expect(r.body.description).toBe('👨\u200D👩\u200D👧 一家人被困电梯\n第二行\t备注');
  });

  it('text() itself: NUL, C1 controls and invisible-only strings fail; optional-empty text(…, 0) is still allowed', () => {
    expect(text(20).safeParse('a\u0000b').success).toBe(false);
    expect(text(20).safeParse('a\u0085b').success).toBe(false);
    expect(text(20).safeParse('\u00AD\u180E\u200F').success).toBe(false);
    expect(text(20).safeParse('  你好  ').data).toBe('你好');
    expect(text(20, 0).safeParse('').success).toBe(true);
  });
});
