// The absence calendar (住院、走亲戚、外出): who may see and change an elder's stays away (audited like health data), and what a new absence settles at once.
import {
  addDays,
  coversBuilding,
  hasRole,
  shanghaiDay,
  type CareAbsenceCreate,
  type CareAbsenceDto,
  type CareAbsencePatch,
  type Principal,
} from '@linli/contracts';
import { AppError, forbidden, notFound } from '../../core/errors';
import type { AlertsApi } from '../alerts/alert.service';
import type { ResidentsApi } from '../residents/resident.service';
import type { CareDirectory, CareResident } from './care.directory';
import type { CareAbsenceDoc, CareAbsenceRepository } from './care.absence.repository';
import type { CareProfileDoc } from './care.model';
import type { CareRepository } from './care.repository';

export function absenceDto(a: CareAbsenceDoc): CareAbsenceDto {
  return {
    id: String(a._id),
    residentId: a.residentId,
    from: a.from,
    to: a.to,
    reason: a.reason,
    ...(a.note ? { note: a.note } : {}),
    createdBy: a.createdBy,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

const describe = (a: { from: string; to: string; reason: string; note?: string }) => `${a.reason} ${a.from}至${a.to}${a.note ? `（${a.note}）` : ''}`;

/** An absence may start at most this far back (a stay entered late) — older history is not for rewriting. */
const PAST_DAYS = 31;

export interface AbsenceDeps {
  profiles: CareRepository;
  absences: CareAbsenceRepository;
  residents: ResidentsApi;
  alerts: AlertsApi;
  directory: CareDirectory;
}

export class CareAbsences {
  constructor(private readonly d: AbsenceDeps) {}

  /** Staff who can see her profile: care staff, and staff covering her building. */
  private async visible(p: Principal, residentId: string): Promise<{ profile: CareProfileDoc; r: CareResident }> {
    if (p.kind !== 'staff') throw forbidden();
    const profile = await this.d.profiles.profile(p.communityId, residentId);
    if (!profile) throw notFound('关爱档案');
    const r = await this.d.residents.get(p.communityId, residentId);
    if (!coversBuilding(p, r.building) && !hasRole(p, 'care')) throw notFound('关爱档案');
    return { profile, r };
  }

  /** Care staff, or her responsible grid worker (who hears first that she went into hospital). */
  private async manageable(p: Principal, residentId: string) {
    const v = await this.visible(p, residentId);
    if (p.kind !== 'staff') throw forbidden();
    if (!hasRole(p, 'care') && !(await this.d.directory.responsibleGrid(p, v.profile, v.r))) throw forbidden('只有关爱专员或责任网格员可以登记外出');
    return v;
  }

  private checkStart(from: string) {
    if (from < addDays(shanghaiDay(), -PAST_DAYS))
      throw new AppError('VALIDATION', `开始日期不能早于 ${PAST_DAYS} 天前`, [{ path: 'from', message: `开始日期不能早于 ${PAST_DAYS} 天前` }]);
  }

  async list(p: Principal, residentId: string): Promise<CareAbsenceDto[]> {
    await this.visible(p, residentId);
    return (await this.d.absences.ofResident(p.communityId, residentId)).map(absenceDto);
  }

  async add(p: Principal, residentId: string, input: CareAbsenceCreate): Promise<CareAbsenceDto> {
    const { r } = await this.manageable(p, residentId);
    this.checkStart(input.from);
    const doc = await this.d.absences.insert({
      communityId: p.communityId,
      residentId,
      from: input.from,
      to: input.to,
      reason: input.reason,
      ...(input.note ? { note: input.note } : {}),
      createdBy: { kind: p.kind, id: p.id, name: p.name },
    });
    await this.d.directory.audit(p, 'write_absence', r, `POST /api/care/profiles/${residentId}/absences`, `登记${describe(doc)}`);
    await this.settleToday(doc, r);
    return absenceDto(doc);
  }

  async edit(p: Principal, residentId: string, id: string, patch: CareAbsencePatch): Promise<CareAbsenceDto> {
    const { r } = await this.manageable(p, residentId);
    const current = await this.d.absences.byId(p.communityId, residentId, id);
    if (!current) throw notFound('外出记录');
    const from = patch.from ?? current.from;
    const to = patch.to ?? current.to;
    if (to < from) throw new AppError('VALIDATION', '结束日期不能早于开始日期', [{ path: 'to', message: '结束日期不能早于开始日期' }]);
    if (patch.from) this.checkStart(patch.from);
    const set: Partial<CareAbsenceDoc> = {};
    if (patch.from) set.from = patch.from;
    if (patch.to) set.to = patch.to;
    if (patch.reason) set.reason = patch.reason;
    if (patch.note) set.note = patch.note;
    const updated = await this.d.absences.update(p.communityId, residentId, id, set, patch.note === null ? ['note'] : []);
    if (!updated) throw notFound('外出记录');
    await this.d.directory.audit(p, 'write_absence', r, `PATCH /api/care/profiles/${residentId}/absences/${id}`, `修改为${describe(updated)}（原为${describe(current)}）`);
    await this.settleToday(updated, r);
    return absenceDto(updated);
  }

  async remove(p: Principal, residentId: string, id: string): Promise<{ removed: true }> {
    const { r } = await this.manageable(p, residentId);
    const gone = await this.d.absences.remove(p.communityId, residentId, id);
    if (!gone) throw notFound('外出记录');
    await this.d.directory.audit(p, 'write_absence', r, `DELETE /api/care/profiles/${residentId}/absences/${id}`, `删除${describe(gone)}`);
    return { removed: true };
  }

  // ---- her own, from the mini-program ----------------------------------------------------

  /** Her stays away that have not ended (today's first). */
  async current(communityId: string, residentId: string): Promise<CareAbsenceDto[]> {
    const today = shanghaiDay();
    return (await this.d.absences.ofResident(communityId, residentId)).filter((a) => a.to >= today).reverse().map(absenceDto);
  }

  /** An enrolled resident tells us she will be away (a stay that starts before today is for staff to enter). */
  async addOwn(p: Principal, input: CareAbsenceCreate): Promise<CareAbsenceDto> {
    if (p.kind !== 'resident') throw forbidden('仅居民本人可以登记');
    const profile = await this.d.profiles.profile(p.communityId, p.id);
    if (!profile) throw new AppError('NOT_FOUND', '您尚未加入关爱名单');
    if (input.from < shanghaiDay())
      throw new AppError('VALIDATION', '开始日期不能早于今天', [{ path: 'from', message: '开始日期不能早于今天' }]);
    const r = await this.d.residents.get(p.communityId, p.id);
    const doc = await this.d.absences.insert({
      communityId: p.communityId,
      residentId: p.id,
      from: input.from,
      to: input.to,
      reason: input.reason,
      ...(input.note ? { note: input.note } : {}),
      createdBy: { kind: 'resident', id: p.id, name: r.name },
    });
    await this.d.directory.audit(p, 'write_absence', r, 'POST /api/care/me/absences', `本人登记${describe(doc)}`);
    await this.settleToday(doc, r);
    return absenceDto(doc);
  }

  /** She comes back early: only her own entries. */
  async removeOwn(p: Principal, id: string): Promise<{ removed: true }> {
    if (p.kind !== 'resident') throw forbidden('仅居民本人可以取消');
    const gone = await this.d.absences.remove(p.communityId, p.id, id);
    if (!gone) throw notFound('外出记录');
    const r = await this.d.residents.get(p.communityId, p.id);
    await this.d.directory.audit(p, 'write_absence', r, `DELETE /api/care/me/absences/${id}`, `本人取消${describe(gone)}`);
    return { removed: true };
  }

  /** Entered after today's missed-check-in alert went out: that alert is answered (she is away, nobody needs to go and look). */
  private async settleToday(a: CareAbsenceDoc, r: CareResident): Promise<void> {
    const today = shanghaiDay();
    if (a.from > today || a.to < today) return;
    const rec = await this.d.profiles.checkin(a.communityId, a.residentId, today);
    if (rec?.missedAlertId && !rec.checkedInAt)
      await this.d.alerts.resolveBySystem(a.communityId, rec.missedAlertId, `${r.name}${a.reason === '住院' ? '住院中' : '外出中'}（${a.from}至${a.to}），今日无需打卡`);
  }
}
