// Staff accounts: creation by admins, password login with throttling, sessions (access + refresh tokens, revocation), account care.
import crypto from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Principal, StaffAccountDto, StaffCreate, StaffDto, StaffSessionDto } from '@linli/contracts';
import { isDuplicateKey } from '../../db/connection';
import { AppError, notFound } from '../../core/errors';
import type { StaffSessionClaims, TokenService } from '../../core/tokens';
import { LOGIN_POLICY, loginDelaySeconds } from './login-policy';
import { checkPasswordPolicy, PasswordHasher } from './password';
import { PhantomFailures } from './phantom-failures';
import { StaffRepository } from './staff.repository';
import type { StaffDoc } from './staff.model';
import { TokenCheckCache, type TokenDrop } from './staff.token-cache';

// Other features name staff accounts by this type, imported from here: the model file stays private to this feature.
export type { StaffDoc } from './staff.model';

export function staffDto(s: StaffDoc): StaffDto {
  return {
    id: String(s._id),
    communityId: s.communityId,
    username: s.username,
    name: s.name,
    roles: s.roles,
    buildings: s.buildings ?? [],
    ...(s.streetId ? { streetId: s.streetId } : {}),
  };
}

function accountDto(s: StaffDoc, now: Date): StaffAccountDto {
  return {
    ...staffDto(s),
    active: s.active,
    lockedUntil: s.lockedUntil && s.lockedUntil > now ? s.lockedUntil.toISOString() : null,
    failedLogins: s.failedLogins ?? 0,
    mustChangePassword: !!s.mustChangePassword,
  };
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('base64url');
const expired = () => new AppError('UNAUTHORIZED', '登录已过期，请重新登录');

export interface StaffServiceOptions {
  tokens: TokenService;
  /** log2 of scrypt's N (17 in production; only tests lower it). */
  scryptLogN?: number;
  accessTtlSeconds: number;
  sessionTtlSeconds: number;
  /** Called after an account's tokens were revoked, to end its live sockets. */
  onRevoked?: (staffId: string) => void;
  /**
   * Tells the other server nodes to drop what they cached of a revoked session; settles once they did, or after
   * `entriesLiveMs` at most (by then no entry from before the revocation is left on any node).
   */
  dropElsewhere?: (d: TokenDrop, entriesLiveMs: number) => Promise<void>;
}

/** Long enough that a burst on one session reads the database once, short enough to bound a change made behind the server's back. */
const TOKEN_CHECK_CACHE_MS = 1000;

/** What other features may ask about staff accounts (never the repository). */
export type StaffApi = Pick<StaffService, 'get' | 'byId' | 'list' | 'active'>;

export class StaffService {
  private readonly repo: StaffRepository;
  private readonly hasher: PasswordHasher;
  private readonly phantoms = new PhantomFailures();
  private readonly checks: TokenCheckCache;
  constructor(
    conn: Connection,
    private readonly opts: StaffServiceOptions,
  ) {
    this.repo = new StaffRepository(conn);
    this.hasher = new PasswordHasher(opts.scryptLogN);
    this.checks = new TokenCheckCache(TOKEN_CHECK_CACHE_MS);
    opts.tokens.useStaffCheck((p, s) => this.checkToken(p, s));
  }

  /**
   * Creates an account; one created by an admin for someone else starts with a password its holder must change.
   * A street (街道) account holds the street role alone and names its street (setup makes it; the admin route cannot).
   */
  async create(communityId: string, input: StaffCreate, o: { mustChangePassword?: boolean; streetId?: string } = {}): Promise<StaffDto> {
    if (input.roles.includes('street') !== !!o.streetId || (o.streetId && input.roles.length !== 1))
      throw new AppError('VALIDATION', '街道账号只能有“街道”一个角色，并且必须属于一个街道', [{ path: 'roles', message: '街道账号只能有“街道”一个角色' }]);
    checkPasswordPolicy(input.password, input.username);
    try {
      const doc = await this.repo.create({
        communityId,
        username: input.username,
        passwordHash: await this.hasher.hash(input.password),
        name: input.name,
        roles: input.roles,
        buildings: input.buildings ?? [],
        ...(o.streetId ? { streetId: o.streetId } : {}),
        phone: input.phone,
        mustChangePassword: o.mustChangePassword ?? false,
      });
      return staffDto(doc);
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('CONFLICT', '用户名已存在');
      throw err;
    }
  }

  /** Checks a password under the per-account throttle; null for a wrong password or unknown user (throws while delayed or locked). */
  async authenticate(username: string, password: string): Promise<StaffDoc | null> {
    const s = await this.repo.byUsername(username);
    const now = new Date();
    // A name that is no account is throttled and locked exactly like a real one, so the answers reveal nothing.
    const state = s ?? this.phantoms.get(username);
    if (state?.lockedUntil && state.lockedUntil > now) {
      const minutes = Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 60_000);
      throw new AppError('RATE_LIMITED', `密码错误次数过多，账号已临时锁定，请 ${minutes} 分钟后再试或联系管理员解锁`);
    }
    const failures = state?.failedLogins ?? 0;
    const wait = loginDelaySeconds(failures) * 1000 - (now.getTime() - (state?.lastFailedAt?.getTime() ?? 0));
    if (failures > 0 && wait > 0) throw new AppError('RATE_LIMITED', `密码错误次数过多，请 ${Math.ceil(wait / 1000)} 秒后再试`);
    const ok = await this.hasher.verify(password, s?.passwordHash ?? (await this.hasher.dummyHash()));
    if (!s) {
      this.phantoms.fail(username, now);
      return null;
    }
    if (!ok) {
      await this.repo.recordFailure(s._id, now, LOGIN_POLICY.LOCK_AFTER, LOGIN_POLICY.LOCK_MS);
      return null;
    }
    // Hashes made at an older, cheaper cost are replaced now that we hold the password.
    const rehash = this.hasher.needsRehash(s.passwordHash) ? await this.hasher.hash(password) : undefined;
    if (rehash || failures > 0 || s.lockedUntil) await this.repo.clearFailures(s._id, rehash);
    return s;
  }

  /** Starts a session for a signed-in account: a short access token and a refresh token. */
  async startSession(s: StaffDoc): Promise<StaffSessionDto> {
    const sid = crypto.randomBytes(16).toString('base64url');
    const secret = crypto.randomBytes(32).toString('base64url');
    const tv = s.tokenVersion ?? 0;
    await this.repo.createSession({
      _id: sid,
      communityId: s.communityId,
      staffId: String(s._id),
      refreshHash: sha256(secret),
      tokenVersion: tv,
      expiresAt: new Date(Date.now() + this.opts.sessionTtlSeconds * 1000),
    });
    return this.sessionDto(s, sid, secret, tv);
  }

  private sessionDto(s: StaffDoc, sid: string, secret: string, tv: number): StaffSessionDto {
    const user = staffDto(s);
    const p: Extract<Principal, { kind: 'staff' }> = {
      kind: 'staff', id: user.id, communityId: user.communityId, roles: user.roles, buildings: user.buildings, name: user.name,
      ...(user.streetId ? { streetId: user.streetId } : {}),
    };
    return {
      token: this.opts.tokens.signStaff(p, { sid, tv }),
      refreshToken: `${sid}.${secret}`,
      expiresIn: this.opts.accessTtlSeconds,
      user,
      mustChangePassword: !!s.mustChangePassword,
    };
  }

  /** Renews an access token; the refresh token is single-use (rotated), and a reused one ends its session. */
  async refresh(refreshToken: string): Promise<StaffSessionDto> {
    const [sid, secret] = refreshToken.split('.');
    if (!sid || !secret) throw expired();
    const sess = await this.repo.session(sid);
    if (!sess || sess.expiresAt <= new Date()) throw expired();
    if (sha256(secret) !== sess.refreshHash) {
      await this.repo.endSession(sid);
      await this.revoked({ sid });
      throw expired();
    }
    const s = await this.repo.byId(sess.communityId, sess.staffId);
    if (!s || !s.active || (s.tokenVersion ?? 0) !== sess.tokenVersion) {
      await this.repo.endSession(sid);
      await this.revoked({ sid });
      throw expired();
    }
    const next = crypto.randomBytes(32).toString('base64url');
    const rotated = await this.repo.rotateSession(sid, sess.refreshHash, sha256(next), new Date(Date.now() + this.opts.sessionTtlSeconds * 1000));
    if (!rotated) throw expired();
    return this.sessionDto(s, sid, next, sess.tokenVersion);
  }

  /**
   * The revocation check behind every staff request and socket handshake. In the tickets bench its read was one of two
   * round trips per created ticket; a session found valid is trusted for TOKEN_CHECK_CACHE_MS unless revoked meanwhile.
   */
  private async checkToken(p: Extract<Principal, { kind: 'staff' }>, c: StaffSessionClaims) {
    const hit = this.checks.get(p.id, c.sid, c.tv);
    if (hit) return { ok: true, mustChangePassword: hit.mustChangePassword };
    const start = this.checks.begin();
    const [state, sess] = await this.repo.tokenCheck(p.id, c.sid);
    const ok = !!state?.active && (state.tokenVersion ?? 0) === c.tv && !!sess && sess.staffId === p.id && sess.expiresAt > new Date();
    const mustChangePassword = !!state?.mustChangePassword;
    if (ok) this.checks.put(start, c.sid, { staffId: p.id, tv: c.tv, mustChangePassword, sessionEndsAt: sess.expiresAt });
    return { ok, mustChangePassword };
  }

  /** A peer node revoked these tokens: forget that they were valid. */
  dropCached(d: TokenDrop): void {
    this.checks.drop(d);
  }

  /** After the database change: no node answers from its cache for these tokens once this settles. */
  private async revoked(d: TokenDrop): Promise<void> {
    this.checks.drop(d);
    await this.opts.dropElsewhere?.(d, this.checks.ttlMs);
  }

  async logout(sid: string): Promise<void> {
    await this.repo.endSession(sid);
    await this.revoked({ sid });
  }

  /** Ends every session of the account (all devices): bumps its token version. */
  async logoutEverywhere(communityId: string, id: string): Promise<void> {
    if (!(await this.repo.update(communityId, id, {}, true))) throw notFound('工作人员');
    await this.revoked({ staffId: id });
    this.opts.onRevoked?.(id);
  }

  /** The holder changes the password: every other session ends, this device gets a fresh one. */
  async changePassword(p: Extract<Principal, { kind: 'staff' }>, current: string, next: string): Promise<StaffSessionDto> {
    const s = await this.get(p.communityId, p.id);
    if (!(await this.hasher.verify(current, s.passwordHash)))
      throw new AppError('VALIDATION', '当前密码不正确', [{ path: 'currentPassword', message: '当前密码不正确' }]);
    checkPasswordPolicy(next, s.username);
    if (current === next) throw new AppError('VALIDATION', '新密码不能与当前密码相同', [{ path: 'newPassword', message: '新密码不能与当前密码相同' }]);
    const updated = await this.repo.update(p.communityId, p.id, { passwordHash: await this.hasher.hash(next), mustChangePassword: false }, true);
    if (!updated) throw notFound('工作人员');
    await this.revoked({ staffId: p.id });
    this.opts.onRevoked?.(p.id);
    return this.startSession(updated);
  }

  /** An admin sets a temporary password (its holder must change it), unlocking the account and ending its sessions. */
  async resetPassword(communityId: string, id: string, password: string): Promise<StaffAccountDto> {
    const s = await this.byId(communityId, id);
    if (!s) throw notFound('工作人员');
    // A community admin who set a street account's password could read every community of the street through it.
    if (s.roles.includes('street')) throw new AppError('FORBIDDEN', '街道账号的密码由部署运维人员通过 setup 重置');
    checkPasswordPolicy(password, s.username);
    const updated = await this.repo.update(
      communityId, id,
      { passwordHash: await this.hasher.hash(password), mustChangePassword: true, failedLogins: 0, lastFailedAt: null, lockedUntil: null },
      true,
    );
    await this.revoked({ staffId: id });
    this.opts.onRevoked?.(id);
    return accountDto(updated!, new Date());
  }

  async setActive(admin: { communityId: string; id: string }, id: string, active: boolean): Promise<StaffAccountDto> {
    if (!active && id === admin.id) throw new AppError('VALIDATION', '不能停用自己的账号');
    const updated = await this.repo.update(admin.communityId, id, { active }, !active);
    if (!updated) throw notFound('工作人员');
    if (!active) {
      await this.revoked({ staffId: id });
      this.opts.onRevoked?.(id);
    }
    return accountDto(updated, new Date());
  }

  async unlock(communityId: string, id: string): Promise<StaffAccountDto> {
    const updated = await this.repo.update(communityId, id, { failedLogins: 0, lastFailedAt: null, lockedUntil: null });
    if (!updated) throw notFound('工作人员');
    return accountDto(updated, new Date());
  }

  async accounts(communityId: string): Promise<StaffAccountDto[]> {
    const now = new Date();
    return (await this.repo.listAll(communityId)).map((s) => accountDto(s, now));
  }

  /** The community's working staff (assignee pickers, names): a street account is no one's colleague to assign. */
  async list(communityId: string): Promise<StaffDto[]> {
    return (await this.repo.list(communityId)).filter((s) => !s.roles.includes('street')).map(staffDto);
  }

  async get(communityId: string, id: string): Promise<StaffDoc> {
    const s = await this.repo.byId(communityId, id);
    if (!s || !s.active) throw notFound('工作人员');
    return s;
  }

  /** One account (active or not), or null: for showing a name that may belong to someone who has left. */
  byId(communityId: string, id: string): Promise<StaffDoc | null> {
    return this.repo.byId(communityId, id);
  }

  /** Active accounts with their contact fields, for choosing whom to tell (never a street account: it can act on nothing it is told). */
  async active(communityId: string): Promise<StaffDoc[]> {
    return (await this.repo.list(communityId)).filter((s) => !s.roles.includes('street'));
  }
}
