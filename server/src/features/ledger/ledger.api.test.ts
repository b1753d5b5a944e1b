// Ledger over real HTTP: four-eyes approval, immutability and reversals, permissions, bad input, statements, CSV.
import { nextEvent, startTestServer, type TestServer } from '../../test-support/harness';
import { addDays, shanghaiDay } from '@linli/contracts';

let s: TestServer;
let admin: string;
let caiwu: string;
let zhangli: string;
let grid: string;
let resident: string;

beforeAll(async () => {
  s = await startTestServer();
  [admin, caiwu, zhangli, grid] = await Promise.all([s.loginStaff(), s.loginStaff('caiwu'), s.loginStaff('zhangli'), s.loginStaff('wanggang')]);
  resident = (await s.loginResident('demo-resident')).token;
});
afterAll(() => s.close());

const today = shanghaiDay();
const entry = (patch: Record<string, unknown> = {}) => ({
  kind: 'expense',
  category: '保洁',
  amount: 123_456,
  date: today,
  counterparty: '洁美保洁',
  description: '楼道深度保洁',
  ...patch,
});
const draft = async (token = caiwu, patch: Record<string, unknown> = {}) => {
  const r = await s.request('POST', '/api/ledger/entries', { token, body: entry(patch) });
  expect(r.status).toBe(201);
  return r.body;
};
const allEntries = async (token: string, qs = '') => {
  const out: any[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const r: any = await s.request('GET', `/api/ledger/entries?limit=100${qs}${cursor ? `&cursor=${cursor}` : ''}`, { token });
    expect(r.status).toBe(200);
    out.push(...r.body.items);
    cursor = r.body.nextCursor;
    if (!cursor) break;
  }
  return out;
};
const hasChinese = (m: string) => /[\u4e00-\u9fa5]/.test(m);

describe('four eyes', () => {
  it('a draft is published only by another finance member', async () => {
    const sock = await s.socket(admin);
    const waiting = nextEvent(sock, 'ledger:updated', 5000, (e: any) => e.change === 'created');
    const d = await draft();
    expect((await waiting).entry).toMatchObject({ id: d.id, status: 'draft', createdBy: { name: '财务（物业公司）' } });
    const published = nextEvent(sock, 'ledger:updated', 5000, (e: any) => e.change === 'published' && e.entry.id === d.id);
    expect(d.status).toBe('draft');
    expect(d.createdBy.name).toMatch(/财务/);
    const self = await s.request('POST', `/api/ledger/entries/${d.id}/approve`, { token: caiwu, body: {} });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toMatch(/自己登记/);
    const byCareWorker = await s.request('POST', `/api/ledger/entries/${d.id}/approve`, { token: zhangli, body: {} });
    expect(byCareWorker.status).toBe(403);
    const ok = await s.request('POST', `/api/ledger/entries/${d.id}/approve`, { token: admin, body: { note: '凭证齐全' } });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('published');
    expect(ok.body.approvedBy.name).toBe('社区管理员');
    expect(ok.body.audit.map((a: any) => a.action)).toEqual(['created', 'approved']);
    expect((await published).entry.approvedBy.name).toBe('社区管理员');
    sock.disconnect();
    const again = await s.request('POST', `/api/ledger/entries/${d.id}/approve`, { token: admin, body: {} });
    expect(again.status).toBe(409);
  });

  it('parallel approvals by two other people publish once', async () => {
    const d = await draft(admin);
    const [a, b] = await Promise.all([
      s.request('POST', `/api/ledger/entries/${d.id}/approve`, { token: caiwu, body: {} }),
      s.request('POST', `/api/ledger/entries/${d.id}/approve`, { token: caiwu, body: {} }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const got = await s.request('GET', `/api/ledger/entries/${d.id}`, { token: admin });
    expect(got.body.audit.filter((x: any) => x.action === 'approved')).toHaveLength(1);
  });

  it('a draft can be sent back with a reason and is then final', async () => {
    const d = await draft();
    const r = await s.request('POST', `/api/ledger/entries/${d.id}/reject`, { token: admin, body: { reason: '缺少发票' } });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('rejected');
    expect((await s.request('POST', `/api/ledger/entries/${d.id}/approve`, { token: admin, body: {} })).status).toBe(409);
  });
});

describe('immutability and reversals', () => {
  it('published entries cannot be edited or deleted; a correction is a four-eyes reversing entry', async () => {
    const d = await draft(caiwu, { amount: 50_000, category: '绿化', description: '草坪修剪' });
    await s.request('POST', `/api/ledger/entries/${d.id}/approve`, { token: admin, body: {} });
    const before = (await s.request('GET', `/api/ledger/entries/${d.id}`, { token: admin })).body;

    for (const method of ['PATCH', 'PUT', 'DELETE']) {
      const r = await s.request(method, `/api/ledger/entries/${d.id}`, { token: admin, body: { amount: 1 } });
      expect([404, 405]).toContain(r.status);
    }
    expect((await s.request('POST', `/api/ledger/entries/${d.id}/reject`, { token: admin, body: { reason: '想改金额' } })).status).toBe(409);

    const rev = await s.request('POST', `/api/ledger/entries/${d.id}/reverse`, { token: caiwu, body: { reason: '重复登记' } });
    expect(rev.status).toBe(201);
    expect(rev.body).toMatchObject({ status: 'draft', amount: -50_000, kind: 'expense', category: '绿化', reversesId: d.id });
    const dup = await s.request('POST', `/api/ledger/entries/${d.id}/reverse`, { token: admin, body: { reason: '再来一次' } });
    expect(dup.status).toBe(409);
    expect((await s.request('POST', `/api/ledger/entries/${rev.body.id}/approve`, { token: caiwu, body: {} })).status).toBe(403);
    const approved = await s.request('POST', `/api/ledger/entries/${rev.body.id}/approve`, { token: admin, body: {} });
    expect(approved.status).toBe(200);

    const after = (await s.request('GET', `/api/ledger/entries/${d.id}`, { token: admin })).body;
    for (const k of ['kind', 'category', 'amount', 'date', 'month', 'counterparty', 'description', 'status', 'publishedAt', 'approvedBy', 'createdBy'])
      expect([k, after[k]]).toEqual([k, before[k]]);
    expect(after.reversedById).toBe(rev.body.id);
    expect(after.audit.map((a: any) => a.action)).toEqual(['created', 'approved', 'reverse-requested', 'reversed']);
    expect((await s.request('POST', `/api/ledger/entries/${d.id}/reverse`, { token: caiwu, body: { reason: '再冲' } })).status).toBe(409);
    expect((await s.request('POST', `/api/ledger/entries/${rev.body.id}/reverse`, { token: caiwu, body: { reason: '冲冲销' } })).status).toBe(409);
  });

  it('a rejected reversal frees the original for a new one; drafts cannot be reversed', async () => {
    const d = await draft(caiwu, { amount: 7_000 });
    expect((await s.request('POST', `/api/ledger/entries/${d.id}/reverse`, { token: caiwu, body: { reason: '草稿' } })).status).toBe(409);
    await s.request('POST', `/api/ledger/entries/${d.id}/approve`, { token: admin, body: {} });
    const rev = await s.request('POST', `/api/ledger/entries/${d.id}/reverse`, { token: caiwu, body: { reason: '误冲' } });
    expect((await s.request('POST', `/api/ledger/entries/${rev.body.id}/reject`, { token: admin, body: { reason: '不需要冲销' } })).status).toBe(200);
    const again = await s.request('POST', `/api/ledger/entries/${d.id}/reverse`, { token: caiwu, body: { reason: '确实需要冲销' } });
    expect(again.status).toBe(201);
  });
});

describe('vouchers', () => {
  it('a published entry shows its voucher to residents through a signed URL', async () => {
    const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]);
    const fd = new FormData();
    fd.append('file', new Blob([PNG], { type: 'image/png' }), '发票.png');
    const up = await s.request('POST', '/api/uploads', { token: caiwu, raw: fd });
    expect(up.status).toBe(201);
    const d = await draft(caiwu, { vouchers: [up.body.id], description: '电梯维保发票' });
    expect(d.vouchers).toHaveLength(1);
    await s.request('POST', `/api/ledger/entries/${d.id}/approve`, { token: admin, body: {} });
    const seen = (await s.request('GET', `/api/ledger/entries/${d.id}`, { token: resident })).body;
    expect(seen.vouchers[0]).toMatchObject({ id: up.body.id, mime: 'image/png' });
    const img = await fetch(s.url + seen.vouchers[0].url);
    expect(img.status).toBe(200);
    expect(Buffer.from(await img.arrayBuffer()).equals(PNG)).toBe(true);
  });
});

describe('permissions', () => {
  it('only finance or admin drafts; residents see published entries only', async () => {
    for (const token of [resident, grid, zhangli]) {
      const r = await s.request('POST', '/api/ledger/entries', { token, body: entry() });
      expect(r.status).toBe(403);
      expect(hasChinese(r.body.error.message)).toBe(true);
    }
    expect((await s.request('GET', '/api/ledger/entries')).status).toBe(401);
    const hidden = await draft();
    const mine = await allEntries(resident);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.status === 'published')).toBe(true);
    expect(mine.some((e) => e.id === hidden.id)).toBe(false);
    expect(mine[0].audit).toBeUndefined();
    expect(mine[0].createdBy).toBeUndefined();
    expect((await s.request('GET', `/api/ledger/entries/${hidden.id}`, { token: resident })).status).toBe(404);
    expect((await s.request('GET', '/api/ledger/entries?status=draft', { token: resident })).status).toBe(403);
    const staffView = await allEntries(grid, '&status=draft');
    expect(staffView.some((e) => e.id === hidden.id)).toBe(true);
    expect((await s.request('POST', `/api/ledger/entries/${hidden.id}/approve`, { token: resident, body: {} })).status).toBe(403);
    expect((await s.request('GET', '/api/ledger/entries.csv', { token: resident })).status).toBe(403);
  });
});

describe('bad input', () => {
  it('is rejected with a Chinese message and changes nothing', async () => {
    const count = async () => (await allEntries(admin)).length;
    const n = await count();
    const future = addDays(shanghaiDay(), 3);
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ amount: 12.5 }, 422],
      [{ amount: 0 }, 422],
      [{ amount: -100 }, 422],
      [{ amount: '100' }, 422],
      [{ amount: 1e13 }, 422],
      [{ kind: 'income', category: '保洁' }, 422],
      [{ category: '不存在' }, 422],
      [{ date: '2026-02-30' }, 422],
      [{ date: '2026/01/01' }, 422],
      [{ date: future }, 422],
      [{ description: '' }, 422],
      [{ description: '长'.repeat(501) }, 422],
      [{ unknownField: 1 }, 422],
      [{ vouchers: ['0123456789abcdef01234567'] }, 422],
      [{ vouchers: ['nothex'] }, 422],
    ];
    for (const [patch, status] of cases) {
      const r = await s.request('POST', '/api/ledger/entries', { token: caiwu, body: entry(patch) });
      expect([patch, r.status]).toEqual([patch, status]);
      expect(hasChinese(r.body.error.message)).toBe(true);
    }
    // A month whose statement is out is closed.
    const closed = await s.request('GET', '/api/ledger/statements', { token: admin });
    const lastClosed = closed.body.items[0].month;
    const r = await s.request('POST', '/api/ledger/entries', { token: caiwu, body: entry({ date: `${lastClosed}-15` }) });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/结账/);
    expect((await s.request('POST', '/api/ledger/entries/nothex/approve', { token: admin, body: {} })).status).toBe(422);
    expect((await s.request('POST', '/api/ledger/entries/0123456789abcdef01234567/approve', { token: admin, body: {} })).status).toBe(404);
    expect((await s.request('POST', '/api/ledger/entries/0123456789abcdef01234567/reverse', { token: admin, body: {} })).status).toBe(422);
    expect((await s.request('GET', '/api/ledger/statements/2026-13', { token: admin })).status).toBe(422);
    expect(await count()).toBe(n);
  });
});

describe('statements and export', () => {
  it('seeded statements reconcile with the published entries and chain month to month', async () => {
    const { body } = await s.request('GET', '/api/ledger/statements', { token: resident });
    expect(body.items.length).toBeGreaterThanOrEqual(2);
    const published = await allEntries(resident);
    const months = [...body.items].reverse();
    for (const [i, st] of months.entries()) {
      const inMonth = published.filter((e) => e.month === st.month);
      const sum = (kind: string) => inMonth.filter((e) => e.kind === kind).reduce((a, e) => a + e.amount, 0);
      expect(st.income.total).toBe(sum('income'));
      expect(st.expense.total).toBe(sum('expense'));
      expect(st.income.byCategory.reduce((a: number, c: any) => a + c.amount, 0)).toBe(st.income.total);
      expect(st.closingBalance).toBe(st.openingBalance + st.income.total - st.expense.total);
      const before = published.filter((e) => e.month < st.month).reduce((a, e) => a + (e.kind === 'income' ? e.amount : -e.amount), 0);
      expect(st.openingBalance).toBe(before);
      if (i > 0) expect(st.openingBalance).toBe(months[i - 1].closingBalance);
      expect(st.final).toBe(true);
    }
    const one = await s.request('GET', `/api/ledger/statements/${months[0].month}`, { token: resident });
    expect(one.body).toEqual(months[0]);
    // Residents cannot preview an open month; staff can.
    const cur = today.slice(0, 7);
    expect((await s.request('GET', `/api/ledger/statements/${cur}`, { token: resident })).status).toBe(404);
    const preview = await s.request('GET', `/api/ledger/statements/${cur}`, { token: admin });
    expect(preview.status).toBe(200);
    expect(preview.body.final).toBe(false);
  });

  it('staff export CSV with a UTF-8 BOM, yuan amounts and neutralised formulas', async () => {
    const d = await draft(caiwu, { description: '=HYPERLINK("http://x")', amount: 100_005 });
    const r = await fetch(`${s.url}/api/ledger/entries.csv`, { headers: { authorization: `Bearer ${admin}` } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/csv/);
    expect(r.headers.get('content-disposition')).toMatch(/attachment/);
    const buf = Buffer.from(await r.arrayBuffer());
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8').slice(1);
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toContain('"金额（元）"');
    const row = lines.find((l) => l.startsWith(`"${d.id}"`))!;
    expect(row).toContain('"1000.05"');
    expect(row).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(row).toContain('"待审核"');
    expect(lines.length - 1).toBe((await allEntries(admin)).length);
  });
});
