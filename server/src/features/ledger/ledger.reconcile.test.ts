// Property test: random drafts, approvals, rejections and reversals (seeded PRNG); every statement equals the sum of its entries.
import { LEDGER_CATEGORIES, addMonths, shanghaiDay, shanghaiMonth } from '@linli/contracts';
import { startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ seed: false });
});
afterAll(() => s.close());

/** mulberry32: small, fast, reproducible. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T,>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

interface Model {
  id: string;
  kind: 'income' | 'expense';
  category: string;
  amount: number;
  date: string;
  month: string;
  status: 'draft' | 'published' | 'rejected';
  drafter: number;
  reversesId?: string;
  reversed?: boolean;
  pendingReversal?: boolean;
}

async function community(tag: string) {
  const cid = `recon-${tag}`;
  const svc = s.app.services;
  await svc.communities.ensure({ _id: cid, name: `对账${tag}`, ticketPrefix: 'RC' });
  await svc.staff.create(cid, { username: `cw-${tag}`, password: 'linli-demo', name: `财务甲${tag}`, roles: ['finance'] });
  await svc.staff.create(cid, { username: `boss-${tag}`, password: 'linli-demo', name: `主任乙${tag}`, roles: ['admin'] });
  return [await s.loginStaff(`cw-${tag}`), await s.loginStaff(`boss-${tag}`)] as const;
}

async function runSeed(seed: number, ops: number) {
  const rnd = prng(seed);
  const tokens = await community(String(seed));
  const today = shanghaiDay();
  const current = shanghaiMonth();
  const months = [-5, -4, -3, -2, -1, 0].map((k) => addMonths(current, k));
  const entries: Model[] = [];
  const randomDate = (min = `${months[0]}-01`) => {
    for (;;) {
      const m = rnd.pick(months);
      const d = `${m}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
      if (d <= today && d >= min) return d;
    }
  };
  const call = (who: number, method: string, path: string, body: unknown) => s.request(method, path, { token: tokens[who], body });

  for (let i = 0; i < ops; i++) {
    const roll = rnd.next();
    const drafts = entries.filter((e) => e.status === 'draft');
    const reversible = entries.filter((e) => e.status === 'published' && !e.reversesId && !e.reversed && !e.pendingReversal);
    if (roll < 0.4 || (!drafts.length && !reversible.length)) {
      const kind = rnd.pick(['income', 'expense'] as const);
      const category = rnd.pick(LEDGER_CATEGORIES[kind]);
      // Mix of tiny and large amounts (up to 1 千万元) so carries across fen/yuan boundaries get exercised.
      const amount = rnd.next() < 0.3 ? rnd.int(1, 999) : rnd.int(1, 1_000_000_000);
      const date = randomDate();
      const drafter = rnd.int(0, 1);
      const r = await call(drafter, 'POST', '/api/ledger/entries', { kind, category, amount, date, description: `随机账目 ${i}` });
      expect(r.status).toBe(201);
      entries.push({ id: r.body.id, kind, category, amount, date, month: date.slice(0, 7), status: 'draft', drafter });
    } else if (roll < 0.75 && drafts.length) {
      const e = rnd.pick(drafts);
      const r = await call(1 - e.drafter, 'POST', `/api/ledger/entries/${e.id}/approve`, {});
      expect(r.status).toBe(200);
      e.status = 'published';
      if (e.reversesId) {
        const o = entries.find((x) => x.id === e.reversesId)!;
        o.reversed = true;
        o.pendingReversal = false;
      }
    } else if (roll < 0.82 && drafts.length) {
      const e = rnd.pick(drafts);
      const r = await call(rnd.int(0, 1), 'POST', `/api/ledger/entries/${e.id}/reject`, { reason: '随机退回' });
      expect(r.status).toBe(200);
      e.status = 'rejected';
      if (e.reversesId) entries.find((x) => x.id === e.reversesId)!.pendingReversal = false;
    } else if (reversible.length) {
      const o = rnd.pick(reversible);
      const date = randomDate(o.date);
      const drafter = rnd.int(0, 1);
      const r = await call(drafter, 'POST', `/api/ledger/entries/${o.id}/reverse`, { reason: '随机冲销', date });
      expect(r.status).toBe(201);
      expect(r.body.amount).toBe(-o.amount);
      o.pendingReversal = true;
      entries.push({ id: r.body.id, kind: o.kind, category: o.category, amount: -o.amount, date, month: date.slice(0, 7), status: 'draft', drafter, reversesId: o.id });
    }
  }

  // Close every past month in order (what the timer does on each 1st), then check each statement against the model.
  const statements: any[] = [];
  for (const m of months.slice(0, -1)) {
    const r = await call(0, 'POST', `/api/ledger/statements/${m}/generate`, {});
    expect(r.status).toBe(201);
    statements.push(r.body);
  }
  const published = entries.filter((e) => e.status === 'published');
  const signed = (e: Model) => (e.kind === 'income' ? e.amount : -e.amount);
  for (const [i, st] of statements.entries()) {
    const m = months[i]!;
    const inMonth = published.filter((e) => e.month === m);
    const byCat = (kind: string) => {
      const map: Record<string, number> = {};
      for (const e of inMonth.filter((x) => x.kind === kind)) map[e.category] = (map[e.category] ?? 0) + e.amount;
      return map;
    };
    const got = (list: any[]) => Object.fromEntries(list.map((c) => [c.category, c.amount]));
    expect(got(st.income.byCategory)).toEqual(byCat('income'));
    expect(got(st.expense.byCategory)).toEqual(byCat('expense'));
    expect(st.income.total).toBe(inMonth.filter((e) => e.kind === 'income').reduce((a, e) => a + e.amount, 0));
    expect(st.expense.total).toBe(inMonth.filter((e) => e.kind === 'expense').reduce((a, e) => a + e.amount, 0));
    expect(st.openingBalance).toBe(published.filter((e) => e.month < m).reduce((a, e) => a + signed(e), 0));
    expect(st.closingBalance).toBe(st.openingBalance + st.income.total - st.expense.total);
    expect(st.entryCount).toBe(inMonth.length);
    if (i > 0) expect(st.openingBalance).toBe(statements[i - 1].closingBalance);
    for (const v of [st.openingBalance, st.closingBalance, st.income.total, st.expense.total]) expect(Number.isInteger(v)).toBe(true);
  }
  // A reversed pair nets to zero in every category: the closing balance equals the sum of unreversed originals.
  const last = statements[statements.length - 1];
  const closedPublished = published.filter((e) => e.month <= months[months.length - 2]!);
  expect(last.closingBalance).toBe(closedPublished.reduce((a, e) => a + signed(e), 0));

  // Closed months stay closed: a leftover draft from them cannot be published, and re-generation changes nothing.
  const stale = entries.find((e) => e.status === 'draft' && e.month < current);
  if (stale) expect((await call(1 - stale.drafter, 'POST', `/api/ledger/entries/${stale.id}/approve`, {})).status).toBe(409);
  for (const [i, m] of months.slice(0, -1).entries()) {
    const again = await call(1, 'POST', `/api/ledger/statements/${m}/generate`, {});
    expect(again.status).toBe(200);
    expect({ ...again.body, generatedAt: 0 }).toEqual({ ...statements[i], generatedAt: 0 });
  }
  return { entries: entries.length, published: published.length, reversals: published.filter((e) => e.reversesId).length };
}

describe('reconciliation', () => {
  it.each([[20260301], [7], [424242]])('seed %i: statements equal the sum of published entries', async (seed) => {
    const r = await runSeed(seed, 70);
    expect(r.published).toBeGreaterThan(10);
    expect(r.reversals).toBeGreaterThan(0);
  });
});
