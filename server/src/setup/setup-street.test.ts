// setupStreet (npm run setup --street-id …): a community joins the street once, the street account is made once and reads only its street.
import { startTestServer, type TestServer } from '../test-support/harness';
import { setupStreet } from './setup-street';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

it('adds communities to a street run by run, makes its account once, and refuses to turn another account into it', async () => {
  const svc = { conn: s.app.conn, communities: s.app.services.communities, staff: s.app.services.staff };
  await s.app.services.communities.ensure({ _id: 'xiguan', name: '西关社区', ticketPrefix: 'XG' });
  await s.app.services.communities.ensure({ _id: 'nanyuan', name: '南苑社区', ticketPrefix: 'NY' });
  const account = { username: 'xigj-jd', password: 'street-setup-2026', name: '西关街道' };
  const first = await setupStreet(svc, { streetId: 'xiguan-jiedao', streetName: '西关街道', communityId: 'xiguan', account });
  expect(first).toMatchObject({ communities: ['xiguan'], account: 'created' });
  const again = await setupStreet(svc, { streetId: 'xiguan-jiedao', streetName: '西关街道', communityId: 'xiguan', account: { ...account, password: 'another-pass-2026' } });
  expect(again).toMatchObject({ communities: ['xiguan'], account: 'exists' });
  expect((await setupStreet(svc, { streetId: 'xiguan-jiedao', streetName: '西关街道', communityId: 'nanyuan' })).communities).toEqual(['xiguan', 'nanyuan']);
  // The password of the first run stands; the account reads both communities of its street and nothing of the demo community's.
  const token = await s.loginStaff('xigj-jd', 'street-setup-2026');
  const street = await s.request('GET', '/api/street', { token });
  expect(street.body.communities.map((c: any) => c.name)).toEqual(['西关社区', '南苑社区']);
  expect((await s.request('GET', '/api/residents', { token })).status).toBe(403);
  // An existing community account of that name is an error, not a promotion; an unknown community is refused.
  await expect(setupStreet(svc, { streetId: 'xiguan-jiedao', streetName: '西关街道', communityId: s.communityId, account: { ...account, username: 'wanggang' } })).rejects.toThrow(/not the account of street/);
  await expect(setupStreet(svc, { streetId: 'xiguan-jiedao', streetName: '西关街道', communityId: 'nowhere' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  expect((await s.request('GET', '/api/street', { token })).body.communities.map((c: any) => c.id)).toEqual(['xiguan', 'nanyuan']);
});
