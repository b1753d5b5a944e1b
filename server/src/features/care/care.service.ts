// Care rules: who may read health data (and the audit of every read), daily check-in from four sources, the per-resident deadline timer that raises exactly one no_checkin alert.
import type { Connection } from 'mongoose';
import {
  CARE_TAGS,
  addDays,
  shanghaiDay,
  type CareOverviewDto,
  type CareProfileCreate,
  type CareProfileDto,
  type CareProfilePatch,
  type CheckinCreate,
  type CheckinDto,
  type CheckinSource,
  type MyCareDto,
  type Principal,
  type QuietHours,
} from '@linli/contracts';
import type { Scheduler, TimerJob } from '../../core/timers/scheduler';
import { decodeCursor, encodeCursor } from '../../db/scope';
import { buildingScope, coversBuilding, hasRole } from '@linli/contracts';
import { AppError, forbidden, notFound } from '../../core/errors';
import { alertDto } from '../alerts/alert.dto';
import type { AlertsApi } from '../alerts/alert.service';
import type { DevicesApi } from '../devices/device.service';
import type { ResidentsApi } from '../residents/resident.service';
import type { StaffApi } from '../staff/staff.service';
import type { CareDirectory, CareResident } from './care.directory';
import type { CareProfileDoc, CheckinEntry } from './care.model';
import { CareRepository } from './care.repository';
import { CareAbsenceRepository } from './care.absence.repository';
import { CareAbsences } from './care.absence.service';
import { deadlineAt, dueAt, nextDue, outOfQuiet, quietOf } from './care.calendar';

export { deadlineAt } from './care.calendar';

export const CHECKIN_TIMER_KIND = 'care.checkin-deadline';

/** The next deadline strictly after `now`: today's if still ahead, else tomorrow's. */
export function nextDeadline(deadline: string, now = new Date()): { day: string; at: Date } {
  const today = shanghaiDay(now);
  const at = deadlineAt(today, deadline);
  if (at.getTime() > now.getTime()) return { day: today, at };
  const tomorrow = addDays(today, 1);
  return { day: tomorrow, at: deadlineAt(tomorrow, deadline) };
}

const timerKey = (cid: string, rid: string, day: string) => `care-checkin:${cid}:${rid}:${day}`;

export interface CareDeps {
  scheduler: Scheduler;
  residents: ResidentsApi;
  staff: StaffApi;
  devices: DevicesApi;
  alerts: AlertsApi;
  /** Who may read health data, and the audit of each read (shared with alerting). */
  directory: CareDirectory;
  /** CARE_QUIET_HOURS: quiet hours of elders without their own (null: none). */
  defaultQuietHours: QuietHours | null;
}

export class CareService {
  private readonly repo: CareRepository;
  private readonly absenceRepo: CareAbsenceRepository;
  /** The absence calendar (its own routes; the deadline and the overview ask it). */
  readonly absences: CareAbsences;
  /** Residents whose wristband already checked them in today (so heartbeats cost nothing after the first). */
  private readonly heartbeatSeen = new Map<string, string>();

  constructor(
    conn: Connection,
    private readonly d: CareDeps,
  ) {
    this.repo = new CareRepository(conn);
    this.absenceRepo = new CareAbsenceRepository(conn);
    this.absences = new CareAbsences({ profiles: this.repo, absences: this.absenceRepo, residents: d.residents, alerts: d.alerts, directory: d.directory });
  }

  private quiet(p: CareProfileDoc) {
    return quietOf(p, this.d.defaultQuietHours);
  }

  /**
   * `at` itself, or the end of the elder's quiet hours when `at` falls inside them (her own, else the community's default).
   * Someone outside the care programme has none. Notifications ask this before a non-emergency message to the elder herself.
   */
  async outOfQuietHours(communityId: string, residentId: string, at: Date): Promise<Date> {
    const p = await this.repo.profile(communityId, residentId);
    return p ? outOfQuiet(at, this.quiet(p)) : at;
  }

  // ---- access rules ---------------------------------------------------------------------

  private canManage(p: Principal): boolean {
    return p.kind === 'staff' && hasRole(p, 'care');
  }

  private audit(p: Principal, action: 'read_health' | 'write_health', r: CareResident, via: string) {
    return this.d.directory.audit(p, action, r, via);
  }

  // ---- profiles -------------------------------------------------------------------------

  private async dto(p: Principal, doc: CareProfileDoc, r: CareResident, withHealth: boolean): Promise<CareProfileDto> {
    const devices = await this.d.devices.byWearers(doc.communityId, [doc.residentId]);
    let gridWorkerName: string | undefined;
    if (doc.gridWorkerId) gridWorkerName = (await this.d.staff.byId(doc.communityId, doc.gridWorkerId))?.name;
    return {
      residentId: doc.residentId,
      communityId: doc.communityId,
      name: r.name,
      building: r.building,
      unit: r.unit,
      room: r.room,
      tags: r.tags ?? [],
      livingSituation: doc.livingSituation,
      emergencyContacts: (doc.emergencyContacts ?? []).map((c) => ({ name: c.name, relation: c.relation, phone: c.phone })),
      gridWorkerId: doc.gridWorkerId,
      gridWorkerName,
      devices: devices.map((x) => ({ id: String(x._id), name: x.name, kind: x.kind })),
      checkinDeadline: doc.checkinDeadline,
      checkinEnabled: doc.checkinEnabled,
      quietHours: this.quiet(doc),
      health: withHealth ? (doc.health ?? { conditions: [], medications: [] }) : undefined,
      healthRedacted: !withHealth,
      createdAt: doc.createdAt.toISOString(),
      updatedAt: doc.updatedAt.toISOString(),
    };
  }

  private async checkGridWorker(communityId: string, id?: string) {
    if (!id) return;
    const s = await this.d.staff.get(communityId, id);
    if (!s.roles.includes('grid')) throw new AppError('VALIDATION', '责任网格员必须是网格员账号', [{ path: 'gridWorkerId', message: '不是网格员' }]);
  }

  async create(p: Principal, input: CareProfileCreate): Promise<CareProfileDto> {
    if (!this.canManage(p)) throw forbidden('只有关爱专员可以建立关爱档案');
    const r = await this.d.residents.get(p.communityId, input.residentId);
    if (!r.tags?.some((t) => (CARE_TAGS as readonly string[]).includes(t)))
      throw new AppError('VALIDATION', '只有标记为独居、空巢或高龄的居民可以加入关爱名单', [{ path: 'residentId', message: '居民无关爱标签' }]);
    await this.checkGridWorker(p.communityId, input.gridWorkerId);
    const doc = await this.repo.insertProfile({
      communityId: p.communityId,
      residentId: input.residentId,
      livingSituation: input.livingSituation,
      emergencyContacts: input.emergencyContacts,
      gridWorkerId: input.gridWorkerId,
      health: input.health,
      checkinDeadline: input.checkinDeadline,
      checkinEnabled: input.checkinEnabled,
      ...(input.quietHours ? { quietHours: input.quietHours } : {}),
      active: true,
    });
    if (!doc) throw new AppError('CONFLICT', '该居民已有关爱档案');
    if (input.health) await this.audit(p, 'write_health', r, 'POST /api/care/profiles');
    if (input.quietHours)
      await this.d.directory.audit(p, 'write_quiet_hours', r, 'POST /api/care/profiles', `免打扰 ${input.quietHours.start}–${input.quietHours.end}`);
    await this.armDeadline(doc);
    return this.dto(p, doc, r, true);
  }

  async update(p: Principal, residentId: string, patch: CareProfilePatch): Promise<CareProfileDto> {
    if (!this.canManage(p)) throw forbidden('只有关爱专员可以修改关爱档案');
    const current = await this.repo.profile(p.communityId, residentId);
    if (!current) throw notFound('关爱档案');
    const r = await this.d.residents.get(p.communityId, residentId);
    await this.checkGridWorker(p.communityId, patch.gridWorkerId);
    const updated = (await this.repo.updateProfile(p.communityId, residentId, { ...patch }))!;
    if (patch.health) await this.audit(p, 'write_health', r, `PATCH /api/care/profiles/${residentId}`);
    if (patch.quietHours) {
      const was = this.quiet(current);
      const before = was ? `${was.start}–${was.end}` : '无';
      await this.d.directory.audit(p, 'write_quiet_hours', r, `PATCH /api/care/profiles/${residentId}`, `免打扰 ${before} 改为 ${patch.quietHours.start}–${patch.quietHours.end}`);
    }
    if (patch.checkinDeadline !== undefined || patch.checkinEnabled !== undefined || patch.quietHours !== undefined) {
      await this.disarmDeadline(current);
      await this.armDeadline(updated);
    }
    return this.dto(p, updated, r, true);
  }

  /** One profile; health data only for those allowed, and each such read is written to the audit log. */
  async get(p: Principal, residentId: string, via: string): Promise<CareProfileDto> {
    if (p.kind !== 'staff') throw forbidden();
    const doc = await this.repo.profile(p.communityId, residentId);
    if (!doc) throw notFound('关爱档案');
    const r = await this.d.residents.get(p.communityId, residentId);
    if (!coversBuilding(p, r.building) && !hasRole(p, 'care')) throw notFound('关爱档案');
    const withHealth = hasRole(p, 'care') || (await this.d.directory.responsibleGrid(p, doc, r));
    if (withHealth) await this.audit(p, 'read_health', r, via);
    return this.dto(p, doc, r, withHealth);
  }

  /** The list never carries health data (open one profile for that). */
  async list(p: Principal, q: { building?: string; cursor?: string; limit: number }) {
    if (p.kind !== 'staff') throw forbidden();
    const scope = hasRole(p, 'care') ? null : buildingScope(p);
    const docs = await this.repo.listProfiles(p.communityId, { beforeId: decodeCursor(q.cursor), limit: q.limit });
    const residents = await this.residentsById(p.communityId, docs.map((d) => d.residentId));
    const items: CareProfileDto[] = [];
    for (const doc of docs) {
      const r = residents.get(doc.residentId);
      if (!r) continue;
      if (scope && !(r.building && scope.includes(r.building))) continue;
      if (q.building && r.building !== q.building) continue;
      items.push(await this.dto(p, doc, r, false));
    }
    return { items, nextCursor: docs.length === q.limit ? encodeCursor(String(docs[docs.length - 1]!._id)) : null };
  }

  private async residentsById(communityId: string, ids: string[]): Promise<Map<string, CareResident>> {
    const valid = ids.filter((id) => /^[0-9a-f]{24}$/.test(id));
    const list = valid.length ? await this.d.residents.byIds(communityId, valid) : [];
    return new Map(list.map((r) => [String(r._id), r]));
  }

  async auditLog(p: Principal, q: { residentId?: string; cursor?: string; limit: number }) {
    if (p.kind !== 'staff' || !p.roles.includes('admin')) throw forbidden('只有管理员可以查看访问记录');
    const items = await this.repo.listAudit(p.communityId, { residentId: q.residentId, beforeId: decodeCursor(q.cursor), limit: q.limit });
    return {
      items: items.map((a) => ({
        id: String(a._id),
        at: a.at.toISOString(),
        actor: a.actor,
        action: a.action,
        residentId: a.residentId,
        residentName: a.residentName,
        via: a.via,
        ...(a.detail ? { detail: a.detail } : {}),
      })),
      nextCursor: items.length === q.limit ? encodeCursor(String(items[items.length - 1]!._id)) : null,
    };
  }

  // ---- check-in -------------------------------------------------------------------------

  /** `POST /api/care/checkins`: who the resident is depends on who calls. */
  async checkinBy(p: Principal, input: CheckinCreate): Promise<CheckinDto> {
    let residentId: string;
    let source: CheckinSource;
    if (p.kind === 'resident') {
      if (input.residentId && input.residentId !== p.id) throw forbidden('只能为自己打卡');
      residentId = p.id;
      source = 'app';
    } else if (p.kind === 'bot') {
      source = 'bot';
      // Anyone can rename themselves 王奶奶: the bot checks in only the resident bound to the sender's contact id.
      if (input.residentId) throw forbidden('群聊打卡只能为绑定了微信的居民本人打卡');
      if (input.wechatId) {
        const match = await this.d.residents.contactOf(p.communityId, input.wechatId);
        if (!match) throw new AppError('NOT_FOUND', '该微信尚未绑定居民档案，请联系网格员获取绑定码');
        // 平安 says she herself is well: a family member's WeChat cannot say it for her (it would hide a missed check-in).
        if (match.relation !== 'self') throw forbidden('家属的微信不能代老人打卡，请老人本人发送「平安」');
        residentId = String(match.resident._id);
      } else if (input.wechatName) throw forbidden('仅凭微信昵称不能打卡，请先绑定微信');
      else throw new AppError('VALIDATION', '请提供居民的微信号', [{ path: 'wechatId', message: '必填' }]);
    } else {
      if (!input.residentId) throw new AppError('VALIDATION', '请选择居民', [{ path: 'residentId', message: '必填' }]);
      residentId = input.residentId;
      source = 'visit';
      const r = await this.d.residents.get(p.communityId, residentId);
      if (!coversBuilding(p, r.building) && !hasRole(p, 'care')) throw forbidden('不在您负责的楼栋');
    }
    const profile = await this.repo.profile(p.communityId, residentId);
    if (!profile) throw new AppError('NOT_FOUND', '该居民未加入关爱名单');
    const r = await this.d.residents.get(p.communityId, residentId);
    const by = { kind: p.kind, id: p.id, name: p.name };
    const { day, at, first } = await this.record(p.communityId, residentId, source, by, input.note);
    return { residentId, name: r.name, day, checkedInAt: at.toISOString(), source, first };
  }

  /** A wristband heartbeat: the first of the day checks the wearer in; the rest are free. */
  async onHeartbeat(e: { communityId: string; residentId: string; deviceId: string; at: Date }): Promise<void> {
    const day = shanghaiDay(e.at);
    const k = `${e.communityId}:${e.residentId}`;
    if (this.heartbeatSeen.get(k) === day) return;
    const profile = await this.repo.profile(e.communityId, e.residentId);
    if (!profile) return;
    const existing = await this.repo.checkin(e.communityId, e.residentId, day);
    if (!existing?.checkedInAt) await this.record(e.communityId, e.residentId, 'device', { kind: 'device', id: e.deviceId, name: '智能手环' });
    this.heartbeatSeen.set(k, day);
    if (this.heartbeatSeen.size > 100_000) this.heartbeatSeen.clear();
  }

  /** The elder answered "您今天还好吗" herself ("1" by SMS): her check-in, which also closes the no_checkin alert. */
  async onAnswered(e: { communityId: string; residentId: string; text: string; via: 'sms' | 'bot' }): Promise<void> {
    const profile = await this.repo.profile(e.communityId, e.residentId);
    if (!profile) return;
    const how = e.via === 'bot' ? '微信回复' : '短信回复';
    await this.record(e.communityId, e.residentId, e.via, { kind: 'resident', id: e.residentId, name: how }, `${how}「${e.text}」`);
  }

  private async record(communityId: string, residentId: string, source: CheckinSource, by: CheckinEntry['by'], note?: string) {
    const at = new Date();
    const day = shanghaiDay(at);
    const { doc, first } = await this.repo.addCheckin(communityId, residentId, day, { at, source, by, ...(note ? { note } : {}) });
    // Checked in after the deadline passed: the no_checkin alert has done its job.
    if (first && doc.missedAlertId) await this.d.alerts.resolveBySystem(communityId, doc.missedAlertId, '居民已平安打卡');
    return { day, at: doc.checkedInAt ?? at, first };
  }

  async mine(p: Principal): Promise<MyCareDto> {
    if (p.kind !== 'resident') throw forbidden();
    const day = shanghaiDay(new Date());
    const profile = await this.repo.profile(p.communityId, p.id);
    if (!profile) return { enrolled: false, day, checkedInToday: false, emergencyContacts: [] };
    const c = await this.repo.checkin(p.communityId, p.id, day);
    const absences = await this.absences.current(p.communityId, p.id);
    const away = absences.find((a) => a.from <= day && a.to >= day);
    return {
      enrolled: true,
      day,
      checkedInToday: !!c?.checkedInAt,
      checkedInAt: c?.checkedInAt?.toISOString(),
      checkinDeadline: profile.checkinDeadline,
      emergencyContacts: profile.emergencyContacts ?? [],
      absences,
      ...(away ? { awayToday: { reason: away.reason, from: away.from, to: away.to } } : {}),
    };
  }

  // ---- deadline timers ------------------------------------------------------------------

  /** The next check-in due: her deadline, or the end of her quiet hours when the deadline falls inside them. */
  private deadlineJob(profile: CareProfileDoc): TimerJob {
    const { day, at } = nextDue(profile.checkinDeadline, this.quiet(profile));
    return {
      key: timerKey(profile.communityId, profile.residentId, day),
      communityId: profile.communityId,
      kind: CHECKIN_TIMER_KIND,
      fireAt: at,
      payload: { residentId: profile.residentId, day },
    };
  }

  private async armDeadline(profile: CareProfileDoc): Promise<void> {
    if (!profile.active || !profile.checkinEnabled) return;
    await this.d.scheduler.schedule(this.deadlineJob(profile));
  }

  private async disarmDeadline(profile: CareProfileDoc): Promise<void> {
    const today = shanghaiDay(new Date());
    // Quiet hours can move a day's question past midnight: yesterday's and the day after tomorrow's keys may be armed too.
    for (const day of [addDays(today, -1), today, addDays(today, 1), addDays(today, 2)]) await this.d.scheduler.cancel(timerKey(profile.communityId, profile.residentId, day));
  }

  /** At every boot: each enrolled resident's next deadline, stored unless that timer already exists (so a boot never moves a deadline). */
  async pendingDeadlines(): Promise<Array<TimerJob & { persist: true }>> {
    return (await this.repo.allActive()).map((profile) => ({ ...this.deadlineJob(profile), persist: true as const }));
  }

  /** The deadline passed: no check-in today → exactly one no_checkin alert (the day's record and the alert's dedupe key both guard it). */
  async onDeadline(job: TimerJob): Promise<void> {
    const residentId = String(job.payload.residentId);
    const day = String(job.payload.day);
    const cid = job.communityId;
    const profile = await this.repo.profile(cid, residentId);
    if (!profile || !profile.checkinEnabled) return;
    const due = dueAt(day, profile.checkinDeadline, this.quiet(profile));
    // The deadline (or her quiet hours) moved later after this timer was armed: the new timer will decide.
    if (due.getTime() > Date.now() + 1000) return;
    try {
      // Away (住院、走亲戚 …) that day: nobody is asked and nothing is raised; the next day's timer is armed as usual.
      if (await this.absenceRepo.covering(cid, residentId, day)) return;
      const rec = await this.repo.markMissed(cid, residentId, day, new Date());
      if (rec.checkedInAt || rec.missedAlertId) return;
      const r = await this.d.residents.byId(cid, residentId);
      const home = r ? `${r.building ?? ''}${r.unit ?? ''}${r.room ?? ''}` : '';
      const { alert } = await this.d.alerts.raise({
        communityId: cid,
        type: 'no_checkin',
        source: 'system',
        dedupeKey: `${residentId}:no_checkin:${day}`,
        windowMs: null,
        at: new Date(),
        data: { day, deadline: profile.checkinDeadline },
        describe: async () => ({
          title: `${r?.name ?? '居民'}${home ? `（${home}）` : ''} 今日${profile.checkinDeadline}前未平安打卡`,
          subject: { residentId, name: r?.name ?? '未知居民', building: r?.building, unit: r?.unit, room: r?.room },
        }),
      });
      const after = await this.repo.setMissedAlert(cid, residentId, day, String(alert._id));
      // Checked in while the alert was being raised.
      if (after?.checkedInAt) await this.d.alerts.resolveBySystem(cid, String(alert._id), '居民已平安打卡');
    } finally {
      await this.armDeadline(profile);
    }
  }

  // ---- overview -------------------------------------------------------------------------

  async overview(p: Principal, q: { day?: string; building?: string }): Promise<CareOverviewDto> {
    if (p.kind !== 'staff') throw forbidden();
    const now = new Date();
    const day = q.day ?? shanghaiDay(now);
    const scope = hasRole(p, 'care') ? null : buildingScope(p);
    const profiles = await this.repo.listProfiles(p.communityId, { enabledOnly: true });
    const residents = await this.residentsById(p.communityId, profiles.map((x) => x.residentId));
    const checkins = new Map((await this.repo.checkinsOn(p.communityId, day)).map((c) => [c.residentId, c]));
    const away = new Map((await this.absenceRepo.coveringDay(p.communityId, day)).map((a) => [a.residentId, a]));
    const out: CareOverviewDto = { day, total: 0, checkedIn: [], missing: [], openAlerts: [] };
    const ids: string[] = [];
    for (const prof of profiles) {
      const r = residents.get(prof.residentId);
      if (!r) continue;
      if (scope && !(r.building && scope.includes(r.building))) continue;
      if (q.building && r.building !== q.building) continue;
      out.total++;
      ids.push(prof.residentId);
      const c = checkins.get(prof.residentId);
      if (c?.checkedInAt) out.checkedIn.push({ residentId: prof.residentId, name: r.name, building: r.building, at: c.checkedInAt.toISOString(), source: c.source ?? 'app' });
      else {
        const a = away.get(prof.residentId);
        const due = dueAt(day, prof.checkinDeadline, this.quiet(prof));
        out.missing.push({
          residentId: prof.residentId,
          name: r.name,
          building: r.building,
          deadline: prof.checkinDeadline,
          dueAt: due.toISOString(),
          // Away is not overdue: the panel shows 住院中 / 外出中 instead of 未打卡.
          overdue: !a && due.getTime() < now.getTime(),
          ...(a ? { absence: { reason: a.reason, from: a.from, to: a.to } } : {}),
        });
      }
    }
    const alerts = ids.length ? await this.d.alerts.openPersonal(p.communityId, ids) : [];
    out.openAlerts = alerts.map((a) => alertDto(a, 'broadcast'));
    return out;
  }
}
