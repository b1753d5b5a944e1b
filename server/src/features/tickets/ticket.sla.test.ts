// SLA timers across a restart: tickets survive, a deadline that passed while the server was down fires once.
import { nextEvent, startTestServer, type TestServer } from '../../test-support/harness';

let s: TestServer;
afterAll(() => s.close());

it('escalates an overdue ticket exactly once, also when the deadline passed while the server was down', async () => {
  s = await startTestServer();
  let admin = await s.loginStaff();
  // 电梯 SLA 3.6 s, 燃气 1.8 s (fractions of an hour), set through the admin API.
  const sla = await s.request('PATCH', '/api/community/sla', { token: admin, body: { 电梯: 0.001, 燃气: 0.0005 } });
  expect(sla.status).toBe(200);
  const create = (category: string, description: string) =>
    s.request('POST', '/api/tickets', { token: admin, body: { category, description, channel: 'desk', reporter: { name: '李建国' } } });

  // 1. Escalation while running: staff are told over the socket.
  const staffSock = await s.socket(admin);
  const live = (await create('燃气', '楼道有燃气味')).body;
  const escalated = await nextEvent(staffSock, 'ticket:updated', 10_000, (t: any) => t.id === live.id && !!t.escalatedAt);
  expect(escalated.timeline.filter((e: any) => e.kind === 'escalated')).toHaveLength(1);
  expect(escalated.overdue).toBe(true);

  // 2. A ticket that is resolved in time is never escalated.
  const quick = (await create('电梯', '电梯按钮失灵')).body;
  for (const action of ['accept', 'start', 'resolve'])
    await s.request('POST', `/api/tickets/${quick.id}/transition`, { token: admin, body: { action } });

  // 3. A ticket whose deadline passes while the server is down.
  const pending = (await create('电梯', '3号楼电梯困人')).body;
  await s.close();
  await new Promise((r) => setTimeout(r, 4500)); // past the 3.6 s deadline, server down
  s = await s.restart();
  admin = await s.loginStaff();

  const waitFor = async (id: string) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const t = await s.request('GET', `/api/tickets/${id}`, { token: admin });
      if (t.body.escalatedAt || Date.now() > deadline) return t.body;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const after = await waitFor(pending.id);
  expect(after.escalatedAt).toBeDefined();
  expect(after.no).toBe(pending.no); // the ticket itself survived the restart

  // Give any duplicate firing (re-armed timer, sweep) time to happen, then count.
  await new Promise((r) => setTimeout(r, 1500));
  const final = await s.request('GET', `/api/tickets/${pending.id}`, { token: admin });
  expect(final.body.timeline.filter((e: any) => e.kind === 'escalated')).toHaveLength(1);
  const liveFinal = await s.request('GET', `/api/tickets/${live.id}`, { token: admin });
  expect(liveFinal.body.timeline.filter((e: any) => e.kind === 'escalated')).toHaveLength(1);
  const quickFinal = await s.request('GET', `/api/tickets/${quick.id}`, { token: admin });
  expect(quickFinal.body.escalatedAt).toBeUndefined();
});
