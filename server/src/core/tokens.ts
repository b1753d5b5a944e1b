// Token issuing and checking for HTTP and Socket.io: staff and resident JWTs, the bots' service tokens, and the staff revocation check.
import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Principal } from '@linli/contracts';
import type { Config } from '../config';

/** A staff access token also names its session and the account's token version, so both can be revoked. */
export interface StaffSessionClaims {
  sid: string;
  tv: number;
}
type Claims = Principal & Partial<StaffSessionClaims> & { iat?: number; exp?: number };

/** What the staff feature answers about a signed staff token: still valid, and whether a password change is due. */
export type StaffTokenCheck = (p: Extract<Principal, { kind: 'staff' }>, s: StaffSessionClaims) => Promise<{ ok: boolean; mustChangePassword?: boolean }>;

/**
 * What the screens feature answers about a big-screen token (prefix `scr_`): the read-only principal of its community,
 * or null when unknown or revoked. Looked up on every request, so a revoked screen is refused at once.
 */
export type ScreenTokenCheck = (token: string) => Promise<Extract<Principal, { kind: 'staff' }> | null>;
export const SCREEN_TOKEN_PREFIX = 'scr_';

export interface Resolved {
  principal: Principal;
  /** A big-screen token: only routes that declare a screen view answer it (http/routes.ts), and its socket joins the screen rooms only. */
  screen?: boolean;
  /** The staff session the token belongs to (staff tokens only). */
  session?: StaffSessionClaims;
  mustChangePassword?: boolean;
}

/** Verified JWTs remembered (by digest) so a busy client's token is checked once, not on every request. */
const VERIFIED_MAX = 10_000;

export class TokenService {
  private staffCheck: StaffTokenCheck | null = null;
  private screenCheck: ScreenTokenCheck | null = null;
  private readonly botTokens: [string, string][];
  /** [communityId, sha256 of its bot token], hashed once rather than on every request. */
  private readonly botTokenHashes: [string, Buffer][];
  /** The HMAC key made once: given the secret as a string, jsonwebtoken first tries it as a public key (an exception) on every verify — ~0.7 ms of CPU per request here. */
  private readonly verifyKey: crypto.KeyObject;
  /**
   * sha256(token) → its claims and expiry. jwt.verify (split, two base64 and JSON decodes, an HMAC) was ~2 % of the server's
   * CPU per ticket creation; a token's signature cannot change, so it is verified once and its expiry checked on each use.
   * Only signature and expiry are remembered: the staff revocation check (staffCheck) still reads the database every time.
   * Keyed by digest, so a look-up compares no token bytes; insertion order makes the oldest go first when full.
   */
  private readonly verified = new Map<string, { principal: Principal; session?: StaffSessionClaims; exp: number }>();
  constructor(private readonly config: Config) {
    this.verifyKey = crypto.createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
    // BOT_TOKEN serves the deployment's own community unless BOT_TOKENS names a token for it.
    const map = { [config.COMMUNITY_ID]: config.BOT_TOKEN, ...config.BOT_TOKENS };
    this.botTokens = Object.entries(map);
    this.botTokenHashes = this.botTokens.map(([c, t]) => [c, sha256(t)]);
  }

  /** The staff feature registers how to tell whether a staff token was revoked (core knows no feature). */
  useStaffCheck(check: StaffTokenCheck): void {
    this.staffCheck = check;
  }

  /** The screens feature registers how a big-screen token is looked up (core knows no feature). */
  useScreenCheck(check: ScreenTokenCheck): void {
    this.screenCheck = check;
  }

  sign(p: Principal): string {
    return jwt.sign(p, this.config.JWT_SECRET, { algorithm: 'HS256', expiresIn: this.config.JWT_TTL_SECONDS });
  }

  /** A short staff access token bound to a session and the account's token version. */
  signStaff(p: Extract<Principal, { kind: 'staff' }>, s: StaffSessionClaims): string {
    return jwt.sign({ ...p, ...s }, this.config.JWT_SECRET, { algorithm: 'HS256', expiresIn: this.config.STAFF_ACCESS_TTL_SECONDS });
  }

  /** The bot token of one community, for the server's own calls to its bot. */
  botTokenFor(communityId: string): string | undefined {
    return this.botTokens.find(([c]) => c === communityId)?.[1];
  }

  /**
   * Signature and expiry only (no revocation check): null when missing, expired or forged. A bot token acts for the
   * one community it was issued for; the hint is ignored.
   */
  verify(token: string | undefined | null, _communityHint?: string): Principal | null {
    return this.verifyClaims(token)?.principal ?? null;
  }

  /** verify() plus the staff revocation check: what HTTP requests and socket handshakes use. */
  async resolve(token: string | undefined | null): Promise<Resolved | null> {
    if (token?.startsWith(SCREEN_TOKEN_PREFIX)) {
      const principal = this.screenCheck ? await this.screenCheck(token) : null;
      return principal ? { principal, screen: true } : null;
    }
    const r = this.verifyClaims(token);
    if (!r || r.principal.kind !== 'staff') return r;
    // A staff token without a session is from before revocation existed (or forged with a leaked secret): refused.
    if (!r.session || !this.staffCheck) return null;
    const check = await this.staffCheck(r.principal, r.session);
    return check.ok ? { ...r, mustChangePassword: check.mustChangePassword } : null;
  }

  private verifyClaims(token: string | undefined | null): Resolved | null {
    if (!token) return null;
    const presented = sha256(token);
    for (const [communityId, botTokenHash] of this.botTokenHashes) {
      if (crypto.timingSafeEqual(presented, botTokenHash)) return { principal: { kind: 'bot', id: 'bot', communityId, name: '社区机器人' } };
    }
    const digest = presented.toString('base64');
    const known = this.verified.get(digest);
    if (known) {
      // jsonwebtoken's own rule: expired once the current second reaches exp.
      if (Math.floor(Date.now() / 1000) < known.exp) return { principal: copyOf(known.principal), session: known.session && { ...known.session } };
      this.verified.delete(digest);
      return null;
    }
    // Not a JWT at all (a device's `lk_…` key on the ingest webhook, every event): no verify, whose throw builds an error.
    if (!JWT_SHAPE.test(token)) return null;
    try {
      const c = jwt.verify(token, this.verifyKey, { algorithms: ['HS256'] }) as Claims;
      const { iat: _iat, exp, sid, tv, ...principal } = c;
      const session = typeof sid === 'string' && typeof tv === 'number' ? { sid, tv } : undefined;
      if (typeof exp === 'number') {
        if (this.verified.size >= VERIFIED_MAX) this.verified.delete(this.verified.keys().next().value!);
        this.verified.set(digest, { principal: copyOf(principal as Principal), session: session && { ...session }, exp });
      }
      return { principal: principal as Principal, session };
    } catch {
      return null;
    }
  }
}

/** Each request gets its own principal (roles and buildings included): a change to one must not reach the next. */
const copyOf = (p: Principal): Principal => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v])) as Principal;

/** header.payload.signature, each base64url: the only shape jwt.verify can accept. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Compared as digests: equal lengths for timingSafeEqual, and nothing about a token's length leaks. */
const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest();
