// Staff persistence, scoped by community (username lookups are global: one login per person), and their sign-in sessions.
import type { Connection, Model } from 'mongoose';
import { Types } from 'mongoose';
import { scoped } from '../../db/scope';
import { findOneLean, findOneLeanEach, findSorted } from '../../db/sql-find';
import { staffModel, type StaffDoc } from './staff.model';
import { staffSessionModel, type StaffSessionDoc } from './staff-session.model';

type TokenState = [Pick<StaffDoc, 'active' | 'tokenVersion' | 'mustChangePassword'> | null, StaffSessionDoc | null];
interface TokenCheck {
  id: string;
  sid: string;
  answer: Promise<TokenState>;
  resolve: (s: TokenState) => void;
  reject: (e: unknown) => void;
}
/** Checks per statement: two rows each; a burst larger than this is read in several statements. */
const MAX_CHECKS_PER_READ = 50;

export class StaffRepository {
  private readonly model: Model<StaffDoc>;
  private readonly sessions: Model<StaffSessionDoc>;
  /** Token checks asked in this turn and not yet sent, by account and session. */
  private readonly checksThisTurn = new Map<string, TokenCheck>();
  constructor(conn: Connection) {
    this.model = staffModel(conn);
    this.sessions = staffSessionModel(conn);
  }

  async create(doc: Omit<StaffDoc, '_id' | 'createdAt' | 'updatedAt' | 'active'>): Promise<StaffDoc> {
    const created = await this.model.create({ ...doc, active: true });
    return created.toObject();
  }

  byUsername(username: string) {
    return this.model.findOne({ username, active: true }).lean<StaffDoc>();
  }

  byId(communityId: string, id: string) {
    if (!Types.ObjectId.isValid(id)) return Promise.resolve(null);
    return findOneLean<StaffDoc>(this.model, scoped<StaffDoc>(communityId, { _id: new Types.ObjectId(id) }));
  }

  list(communityId: string) {
    // Read on every alert (its recipients) and ticket notification: PostgreSQL on the embedded engine (db/sql-find.ts).
    return findSorted<StaffDoc>(this.model, scoped<StaffDoc>(communityId, { active: true }), { sort: { _id: 1 } });
  }

  /** Every account, disabled ones included (the admin's account page). */
  listAll(communityId: string) {
    return findSorted<StaffDoc>(this.model, scoped<StaffDoc>(communityId), { sort: { _id: 1 } });
  }

  byRole(communityId: string, role: string) {
    return this.model.find(scoped<StaffDoc>(communityId, { active: true, roles: role })).lean<StaffDoc[]>();
  }

  /** Sets fields of one account; `revoke` also bumps its token version and ends every session. */
  async update(communityId: string, id: string, set: Partial<StaffDoc>, revoke = false): Promise<StaffDoc | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const doc = await this.model
      .findOneAndUpdate(scoped<StaffDoc>(communityId, { _id: new Types.ObjectId(id) }), { $set: set, ...(revoke ? { $inc: { tokenVersion: 1 } } : {}) }, { new: true })
      .lean<StaffDoc>();
    if (doc && revoke) await this.sessions.deleteMany({ staffId: id });
    return doc;
  }

  /** Counts one wrong password; locks the account once `lockAfter` are reached. Answers the new count. */
  async recordFailure(id: Types.ObjectId, now: Date, lockAfter: number, lockMs: number): Promise<StaffDoc | null> {
    const doc = await this.model.findOneAndUpdate({ _id: id }, { $inc: { failedLogins: 1 }, $set: { lastFailedAt: now } }, { new: true }).lean<StaffDoc>();
    if (doc && (doc.failedLogins ?? 0) >= lockAfter && !(doc.lockedUntil && doc.lockedUntil > now)) {
      await this.model.updateOne({ _id: id }, { $set: { lockedUntil: new Date(now.getTime() + lockMs) } });
    }
    return doc;
  }

  clearFailures(id: Types.ObjectId, passwordHash?: string) {
    return this.model.updateOne({ _id: id }, { $set: { failedLogins: 0, lastFailedAt: null, lockedUntil: null, ...(passwordHash ? { passwordHash } : {}) } });
  }

  createSession(s: Omit<StaffSessionDoc, 'createdAt' | 'updatedAt'>) {
    return this.sessions.create(s);
  }

  session(sid: string) {
    return findOneLean<StaffSessionDoc>(this.sessions, { _id: sid });
  }

  /**
   * The account's token state and the session (every staff request asks this). The checks asked in one turn of the event
   * loop are read together after the last of them arrived — one PostgreSQL statement for all of them on the embedded
   * engine (two rows per check; the same session asked twice is read once) — so each still sees every revocation
   * committed before it came in. In the tickets bench this check was the most frequent statement: one per request.
   */
  tokenCheck(id: string, sid: string): Promise<TokenState> {
    const key = `${id}|${sid}`;
    let check = this.checksThisTurn.get(key);
    if (!check) {
      if (!this.checksThisTurn.size) setImmediate(() => void this.readChecks());
      let resolve!: (s: TokenState) => void;
      let reject!: (e: unknown) => void;
      const answer = new Promise<TokenState>((res, rej) => ((resolve = res), (reject = rej)));
      check = { id, sid, answer, resolve, reject };
      this.checksThisTurn.set(key, check);
    }
    return check.answer;
  }

  private async readChecks(): Promise<void> {
    const checks = [...this.checksThisTurn.values()];
    this.checksThisTurn.clear();
    for (let i = 0; i < checks.length; i += MAX_CHECKS_PER_READ) {
      const chunk = checks.slice(i, i + MAX_CHECKS_PER_READ);
      try {
        const docs = await findOneLeanEach(
          chunk.flatMap((c) => [
            Types.ObjectId.isValid(c.id)
              ? { model: this.model, filter: { _id: new Types.ObjectId(c.id) }, select: ['active', 'tokenVersion', 'mustChangePassword'] }
              : { model: this.model, filter: { _id: { $in: [] } } },
            { model: this.sessions, filter: { _id: c.sid } },
          ]),
        );
        chunk.forEach((c, k) => c.resolve([docs[2 * k] as TokenState[0], docs[2 * k + 1] as StaffSessionDoc | null]));
      } catch (err) {
        for (const c of chunk) c.reject(err);
      }
    }
  }

  /** Moves a session to a new refresh secret, only if the caller held the current one (a copied token loses the race). */
  rotateSession(sid: string, oldHash: string, newHash: string, expiresAt: Date) {
    return this.sessions.findOneAndUpdate({ _id: sid, refreshHash: oldHash }, { $set: { refreshHash: newHash, expiresAt } }, { new: true }).lean<StaffSessionDoc>();
  }

  endSession(sid: string) {
    return this.sessions.deleteOne({ _id: sid });
  }
}
