// Every legal and illegal move of the transition table, for staff and for the reporter, over real HTTP.
import { TICKET_ACTIONS, TICKET_STATUSES, TICKET_TRANSITIONS, legalActions, type TicketAction, type TicketStatus } from '@linli/contracts';
import { startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
let admin: string;
let reporter: { token: string; resident: any };
let assigneeId: string;

const PATHS: Record<TicketStatus, TicketAction[]> = {
  submitted: [],
  accepted: ['accept'],
  assigned: ['assign'],
  in_progress: ['accept', 'start'],
  resolved: ['accept', 'start', 'resolve'],
  closed: ['accept', 'start', 'resolve', 'close'],
  cancelled: ['cancel'],
};

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.loginStaff();
  reporter = await s.loginResident('demo-resident');
  const staff = await s.request('GET', '/api/staff', { token: admin });
  assigneeId = staff.body.items.find((x: any) => x.username === 'zhangli').id;
});
afterAll(() => s.close());

async function ticketIn(status: TicketStatus): Promise<string> {
  const r = await s.request('POST', '/api/tickets', {
    token: admin,
    body: { category: '公共设施', description: `状态 ${status}`, channel: 'desk', reporter: { name: '刘芳', residentId: reporter.resident.id } },
  });
  expect(r.status).toBe(201);
  for (const action of PATHS[status]) {
    const t = await s.request('POST', `/api/tickets/${r.body.id}/transition`, {
      token: admin,
      body: { action, ...(action === 'assign' ? { assigneeId } : {}) },
    });
    expect(t.status).toBe(200);
  }
  return r.body.id;
}

describe('transition table', () => {
  const cases: Array<[TicketStatus, TicketAction, 'staff' | 'reporter']> = [];
  for (const st of TICKET_STATUSES) for (const a of TICKET_ACTIONS) for (const who of ['staff', 'reporter'] as const) cases.push([st, a, who]);

  it.each(cases)('from %s, %s by %s', async (status, action, who) => {
    const id = await ticketIn(status);
    const token = who === 'staff' ? admin : reporter.token;
    const rule = TICKET_TRANSITIONS[action];
    const r = await s.request('POST', `/api/tickets/${id}/transition`, {
      token,
      body: { action, ...(action === 'assign' ? { assigneeId } : {}), note: '测试' },
    });
    const after = await s.request('GET', `/api/tickets/${id}`, { token: admin });
    if (!rule.by.includes(who)) {
      expect(r.status).toBe(403);
      expect(after.body.status).toBe(status);
    } else if (!rule.from.includes(status)) {
      expect(r.status).toBe(409);
      expect(r.body.error.details.status).toBe(status);
      expect(after.body.status).toBe(status);
    } else {
      expect(r.status).toBe(200);
      expect(r.body.status).toBe(rule.to);
      const last = after.body.timeline[after.body.timeline.length - 1];
      expect([last.from, last.to, last.note]).toEqual([status, rule.to, '测试']);
    }
  });

  it('legalActions() agrees with the table the server enforces', () => {
    expect(legalActions('submitted', 'staff')).toEqual(['accept', 'assign', 'cancel']);
    expect(legalActions('submitted', 'reporter')).toEqual(['cancel']);
    expect(legalActions('resolved', 'reporter')).toEqual(['close', 'reopen']);
    expect(legalActions('in_progress', 'reporter')).toEqual([]);
  });
});

describe('rules around the table', () => {
  it('two staff acting at once: exactly one wins, the others get 409 naming the status', async () => {
    const id = await ticketIn('submitted');
    const tokens = await Promise.all([s.loginStaff('admin'), s.loginStaff('zhangli'), s.loginStaff('wanggang')]);
    const results = await Promise.all(
      Array.from({ length: 9 }, (_, i) => s.request('POST', `/api/tickets/${id}/transition`, { token: tokens[i % 3]!, body: { action: 'accept' } })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const lost = results.filter((r) => r.status === 409);
    expect(lost).toHaveLength(8);
    expect(lost.every((r) => r.body.error.details.status === 'accepted')).toBe(true);
    const t = await s.request('GET', `/api/tickets/${id}`, { token: admin });
    expect(t.body.timeline.filter((e: any) => e.kind === 'accepted')).toHaveLength(1);
  });

  it('assigning needs an existing staff member of the community', async () => {
    const id = await ticketIn('accepted');
    const missing = await s.request('POST', `/api/tickets/${id}/transition`, { token: admin, body: { action: 'assign' } });
    expect(missing.status).toBe(422);
    const ghost = await s.request('POST', `/api/tickets/${id}/transition`, {
      token: admin,
      body: { action: 'assign', assigneeId: '0123456789abcdef01234567' },
    });
    expect(ghost.status).toBe(404);
    const ok = await s.request('POST', `/api/tickets/${id}/transition`, { token: admin, body: { action: 'assign', assigneeId } });
    expect(ok.body.assigneeName).toBe('张丽（社区工作者）');
  });

  it('reopen is refused more than 7 days after resolution', async () => {
    const id = await ticketIn('resolved');
    await s.app.conn.models.Ticket!.updateOne({ _id: id }, { $set: { resolvedAt: new Date(Date.now() - 8 * 24 * 3600_000) } });
    const r = await s.request('POST', `/api/tickets/${id}/transition`, { token: reporter.token, body: { action: 'reopen' } });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/7 天/);
  });

  it('rating: reporter only, after resolution, once', async () => {
    const open = await ticketIn('in_progress');
    expect((await s.request('POST', `/api/tickets/${open}/rating`, { token: reporter.token, body: { score: 5 } })).status).toBe(409);
    const id = await ticketIn('resolved');
    expect((await s.request('POST', `/api/tickets/${id}/rating`, { token: admin, body: { score: 5 } })).status).toBe(403);
    expect((await s.request('POST', `/api/tickets/${id}/rating`, { token: reporter.token, body: { score: 6 } })).status).toBe(422);
    const first = await s.request('POST', `/api/tickets/${id}/rating`, { token: reporter.token, body: { score: 4, comment: '挺快的' } });
    expect(first.status).toBe(200);
    expect(first.body.rating).toEqual({ score: 4, comment: '挺快的' });
    expect((await s.request('POST', `/api/tickets/${id}/rating`, { token: reporter.token, body: { score: 1 } })).status).toBe(409);
  });

  it('urging (催单) is recorded once per 10 minutes and only on open tickets', async () => {
    const id = await ticketIn('accepted');
    const first = await s.request('POST', `/api/tickets/${id}/urge`, { token: reporter.token });
    expect(first.status).toBe(200);
    expect(first.body.urgeCount).toBe(1);
    const again = await s.request('POST', `/api/tickets/${id}/urge`, { token: reporter.token });
    expect(again.status).toBe(429);
    const done = await ticketIn('closed');
    expect((await s.request('POST', `/api/tickets/${done}/urge`, { token: reporter.token })).status).toBe(409);
    expect((await s.request('POST', `/api/tickets/${id}/urge`, { token: admin })).status).toBe(403);
  });
});
