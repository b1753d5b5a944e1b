// Every ledger-entry status × action of LEDGER_ENTRY_TRANSITIONS over real HTTP: illegal moves are refused and change nothing.
import { LEDGER_ENTRY_ACTIONS, LEDGER_ENTRY_TRANSITIONS, LEDGER_STATUSES, shanghaiDay, type LedgerEntryAction, type LedgerStatus } from '@linli/contracts';
import { startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
let admin: string;
let caiwu: string;

beforeAll(async () => {
  s = await startTestServer();
  [admin, caiwu] = await Promise.all([s.loginStaff(), s.loginStaff('caiwu')]);
});
afterAll(() => s.close());

const BODY: Record<LedgerEntryAction, Record<string, unknown>> = { approve: {}, reject: { reason: '金额有误' }, reverse: { reason: '重复登记' } };

/** A draft by 财务, then moved by the administrator (the second pair of eyes) into `status` with the table's own move. */
async function entryIn(status: LedgerStatus): Promise<string> {
  const r = await s.request('POST', '/api/ledger/entries', {
    token: caiwu,
    body: { kind: 'expense', category: '保洁', amount: 1000, date: shanghaiDay(), description: `状态 ${status}` },
  });
  expect(r.status).toBe(201);
  const via = LEDGER_ENTRY_ACTIONS.find((a) => LEDGER_ENTRY_TRANSITIONS[a].to === status && LEDGER_ENTRY_TRANSITIONS[a].from.includes('draft'));
  if (status !== 'draft') {
    const m = await s.request('POST', `/api/ledger/entries/${r.body.id}/${via}`, { token: admin, body: BODY[via!] });
    expect(m.status).toBe(200);
  }
  return r.body.id;
}

const get = async (id: string) => (await s.request('GET', `/api/ledger/entries/${id}`, { token: admin })).body;

describe('ledger entry transition table', () => {
  const cases: Array<[LedgerStatus, LedgerEntryAction]> = [];
  for (const st of LEDGER_STATUSES) for (const a of LEDGER_ENTRY_ACTIONS) cases.push([st, a]);

  it.each(cases)('from %s, %s', async (status, action) => {
    const id = await entryIn(status);
    const before = await get(id);
    const rule = LEDGER_ENTRY_TRANSITIONS[action];
    const r = await s.request('POST', `/api/ledger/entries/${id}/${action}`, { token: admin, body: BODY[action] });
    const after = await get(id);
    if (rule.from.includes(status)) {
      expect(r.status).toBe(action === 'reverse' ? 201 : 200);
      expect(after.status).toBe(rule.to ?? status);
    } else {
      expect(r.status).toBe(409);
      expect(r.body.error.details.status).toBe(status);
      expect(after).toEqual(before);
    }
  });
});
