// Staff persistence, scoped by community (username lookups are global: one login per person), and their sign-in sessions.
import type { Connection, Model } from 'mongoose';
import { Types } from 'mongoose';
import { scoped } from '../../db/scope';
import { findOneLean, findOneLeanEach, findSorted } from '../../db/sql-find';
import { staffModel, type StaffDoc } from './staff.model';
import { staffSessionModel, type StaffSessionDoc } from './staff-session.model';

type TokenState = [Pick<StaffDoc, 'active' | 'tokenVersion' | 'mustChangePassword'> | null, StaffSessionDoc | null];

export class StaffRepository {
  private readonly model: Model<StaffDoc>;
  private readonly sessions: Model<StaffSessionDoc>;
  /** Token checks asked in this turn and not yet sent, by account and session. */
  private readonly checksThisTurn = new Map<string, Promise<TokenState>>();
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
   * The account's token state and the session, read together (one PostgreSQL statement on the embedded engine). Every
   * staff request asks this; the requests of one session that arrive in the same turn of the event loop share one read,
   * sent after the last of them arrived — so each still sees every revocation committed before it came in. (In the
   * tickets bench the check was the most frequent statement: more than one per created ticket.)
   */
  tokenCheck(id: string, sid: string): Promise<TokenState> {
    const key = `${id}|${sid}`;
    let read = this.checksThisTurn.get(key);
    if (!read) {
      read = new Promise<void>((r) => setImmediate(r)).then(() => {
        this.checksThisTurn.delete(key);
        return this.readTokenState(id, sid);
      });
      this.checksThisTurn.set(key, read);
    }
    return read;
  }

  private async readTokenState(id: string, sid: string): Promise<TokenState> {
    if (!Types.ObjectId.isValid(id)) return [null, await this.session(sid)];
    const [state, sess] = await findOneLeanEach([
      { model: this.model, filter: { _id: new Types.ObjectId(id) }, select: ['active', 'tokenVersion', 'mustChangePassword'] },
      { model: this.sessions, filter: { _id: sid } },
    ]);
    return [state as TokenState[0], sess as StaffSessionDoc | null];
  }

  /** Moves a session to a new refresh secret, only if the caller held the current one (a copied token loses the race). */
  rotateSession(sid: string, oldHash: string, newHash: string, expiresAt: Date) {
    return this.sessions.findOneAndUpdate({ _id: sid, refreshHash: oldHash }, { $set: { refreshHash: newHash, expiresAt } }, { new: true }).lean<StaffSessionDoc>();
  }

  endSession(sid: string) {
    return this.sessions.deleteOne({ _id: sid });
  }
}
