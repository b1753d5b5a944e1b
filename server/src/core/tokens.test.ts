// Token checking: a verified JWT is remembered by digest, but expiry, forgery and the staff revocation check still hold on every use.
import jwt from 'jsonwebtoken';
import type { Principal } from '@linli/contracts';
import type { Config } from '../config';
import { TokenService } from './tokens';

const SECRET = 'tokens-test-secret-tokens-test-secret-000';
const config = { JWT_SECRET: SECRET, COMMUNITY_ID: 'c1', BOT_TOKEN: 'tokens-test-bot-token-0000', BOT_TOKENS: {}, JWT_TTL_SECONDS: 3600, STAFF_ACCESS_TTL_SECONDS: 1 } as unknown as Config;
const staff: Extract<Principal, { kind: 'staff' }> = { kind: 'staff', id: 's1', communityId: 'c1', roles: ['admin'], buildings: ['1'], name: '王' };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('a token verified once is answered again with its own copy; a forged twin and an expired token are refused', async () => {
  const tokens = new TokenService(config);
  const resident: Principal = { kind: 'resident', id: 'r1', communityId: 'c1', openid: 'o1', name: '李' };
  const token = tokens.sign(resident);
  expect(tokens.verify(token)).toEqual(resident);
  const again = tokens.verify(token)!;
  expect(again).toEqual(resident);
  // What one request does to its principal never reaches the next.
  (again as { name: string }).name = '改过';
  expect(tokens.verify(token)).toEqual(resident);
  // Same claims, another key: refused even though the genuine token is remembered.
  const forged = jwt.sign(resident, 'another-secret-another-secret-another-00', { algorithm: 'HS256', expiresIn: 3600 });
  expect(tokens.verify(forged)).toBeNull();
  // A staff access token lives STAFF_ACCESS_TTL_SECONDS (1 s here): remembered, then refused once it has expired.
  const access = tokens.signStaff(staff, { sid: 'sess', tv: 0 });
  expect(tokens.verify(access)).toEqual(staff);
  await wait(2100);
  expect(tokens.verify(access)).toBeNull();
});

it('the staff revocation check runs on every request, also for a remembered token', async () => {
  const tokens = new TokenService({ ...config, STAFF_ACCESS_TTL_SECONDS: 600 } as Config);
  const checks: string[] = [];
  let revoked = false;
  tokens.useStaffCheck(async (p, s) => {
    checks.push(`${p.id}:${s.sid}`);
    return { ok: !revoked };
  });
  const access = tokens.signStaff(staff, { sid: 'sess', tv: 0 });
  const first = await tokens.resolve(access);
  expect(first?.principal).toEqual(staff);
  if (first?.principal.kind === 'staff') first.principal.buildings.push('9');
  expect((await tokens.resolve(access))?.principal).toEqual(staff);
  revoked = true;
  expect(await tokens.resolve(access)).toBeNull();
  expect(checks).toEqual(['s1:sess', 's1:sess', 's1:sess']);
});

it('what is not shaped like a JWT (a device key) is refused without a verify; a JWT still is verified', () => {
  const tokens = new TokenService(config);
  const spy = jest.spyOn(jwt, 'verify');
  expect(tokens.verify('lk_9nB2x0cQm1Zt8d4Yp3Rk7sV6wL5aE0fG')).toBeNull();
  expect(tokens.verify('a.b')).toBeNull();
  expect(spy).not.toHaveBeenCalled();
  const resident: Principal = { kind: 'resident', id: 'r2', communityId: 'c1', openid: 'o2', name: '赵' };
  expect(tokens.verify(tokens.sign(resident))).toEqual(resident);
  expect(spy).toHaveBeenCalledTimes(1);
  spy.mockRestore();
});
