// Shared by the two-node suites (PostgreSQL and Redis adapters): a staff token revoked on one node, refused on the other.
import type { TestServer } from './harness';

/**
 * Each token is first found valid on `other` twice (so that node has cached the check), then revoked on `revoker`; the
 * very next request on `other` must be refused. Answers the statuses seen, in order, for one expect() in the caller.
 */
export async function revokeAcrossNodes(revoker: TestServer, other: TestServer): Promise<Record<string, number[]>> {
  const me = (s: TestServer, token: string) => s.request('GET', '/api/me', { token }).then((r) => r.status);
  const seen: Record<string, number[]> = {};
  for (const how of ['logout', 'logout-all', 'refresh replayed'] as const) {
    const login = await revoker.request('POST', '/api/auth/staff/login', { body: { username: 'zhangli', password: 'linli-demo' } });
    let { token } = login.body as { token: string };
    const { refreshToken } = login.body as { refreshToken: string };
    if (how === 'refresh replayed') {
      // A stolen refresh token used after its owner renewed: the session ends, with the access token the owner got.
      token = (await revoker.request('POST', '/api/auth/staff/refresh', { body: { refreshToken } })).body.token;
    }
    const statuses = [await me(other, token), await me(other, token)];
    if (how === 'refresh replayed') statuses.push((await revoker.request('POST', '/api/auth/staff/refresh', { body: { refreshToken } })).status);
    else statuses.push((await revoker.request('POST', `/api/auth/${how}`, { token })).status);
    statuses.push(await me(other, token));
    seen[how] = statuses;
  }
  return seen;
}

export const REFUSED_AFTER_REVOCATION = { logout: [200, 200, 204, 401], 'logout-all': [200, 200, 204, 401], 'refresh replayed': [200, 200, 401, 401] };
