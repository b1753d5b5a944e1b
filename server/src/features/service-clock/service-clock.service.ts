// Service deadlines per community: 签收 and 办结 for a category from a moment, on its clock (working calendar or day and night), scaled by SERVICE_CLOCK_SCALE.
import type { Connection } from 'mongoose';
import {
  addDays,
  DEFAULT_SERVICE_CLOCK,
  DEFAULT_SIGN_HOURS,
  DEFAULT_WORK_HOURS,
  TICKET_CATEGORIES,
  type ServiceCalendarDayDto,
  type ServiceClock,
  type ServiceRuleDto,
  type ServiceSettingsDto,
  type ServiceSettingsPatch,
  type TicketCategory,
} from '@linli/contracts';
import { AppError } from '../../core/errors';
import type { CommunitiesApi } from '../communities/community.service';
import { addServiceTime, workDay, type WorkCalendar } from './service-clock.calendar';
import type { ServiceSettingsDoc } from './service-clock.model';
import { ServiceSettingsRepository } from './service-clock.repository';

export interface Deadlines {
  signDueAt: Date;
  finishDueAt: Date;
  /** The service time allowed for each, after scaling (the ladder's fractions are of these). */
  signMs: number;
  finishMs: number;
}

/** What tickets use: the two deadlines of a new report, and service time added on a category's clock (ladder steps, extensions). */
export type ServiceClockApi = Pick<ServiceClockService, 'deadlines' | 'after' | 'rule' | 'serviceMs'>;

export class ServiceClockService {
  private readonly repo: ServiceSettingsRepository;
  // Only our own document (and the working calendar made from it) is cached: the 办结 hours are read from communities each time
  // (it caches, and forgets on its own edits).
  private readonly cache = new Map<string, { at: number; doc: ServiceSettingsDoc | null; cal: WorkCalendar }>();
  constructor(
    conn: Connection,
    private readonly communities: Pick<CommunitiesApi, 'slaHours'>,
    /** SERVICE_CLOCK_SCALE. */
    private readonly scale: number,
  ) {
    this.repo = new ServiceSettingsRepository(conn);
  }

  /** One calendar object per settings read: addServiceTime memoises its days on it. */
  private async entry(communityId: string): Promise<{ doc: ServiceSettingsDoc | null; cal: WorkCalendar }> {
    const hit = this.cache.get(communityId);
    if (hit && Date.now() - hit.at < 30_000) return hit;
    const doc = await this.repo.get(communityId);
    const cal: WorkCalendar = {
      workStart: doc?.workStart ?? DEFAULT_WORK_HOURS.start,
      workEnd: doc?.workEnd ?? DEFAULT_WORK_HOURS.end,
      holidays: [...(doc?.holidays ?? [])],
      workdays: [...(doc?.workdays ?? [])],
    };
    const e = { at: Date.now(), doc, cal };
    this.cache.set(communityId, e);
    return e;
  }

  /** The clock a category really runs on (a drill's scale runs every clock day and night). */
  private clockOf(doc: ServiceSettingsDoc | null, category: TicketCategory): ServiceClock {
    if (this.scale !== 1) return 'calendar';
    return (doc?.clock?.[category] as ServiceClock | undefined) ?? DEFAULT_SERVICE_CLOCK[category];
  }

  async settings(communityId: string): Promise<ServiceSettingsDto> {
    const { doc } = await this.entry(communityId);
    const rules = {} as Record<TicketCategory, ServiceRuleDto>;
    for (const c of TICKET_CATEGORIES) {
      rules[c] = {
        signHours: doc?.signHours?.[c] ?? DEFAULT_SIGN_HOURS[c],
        finishHours: await this.communities.slaHours(communityId, c),
        clock: (doc?.clock?.[c] as ServiceClock | undefined) ?? DEFAULT_SERVICE_CLOCK[c],
      };
    }
    return {
      communityId,
      rules,
      workStart: doc?.workStart ?? DEFAULT_WORK_HOURS.start,
      workEnd: doc?.workEnd ?? DEFAULT_WORK_HOURS.end,
      holidays: [...(doc?.holidays ?? [])].sort(),
      workdays: [...(doc?.workdays ?? [])].sort(),
      scale: this.scale,
    };
  }

  async update(communityId: string, patch: ServiceSettingsPatch): Promise<ServiceSettingsDto> {
    const current = await this.repo.get(communityId);
    const workStart = patch.workStart ?? current?.workStart ?? DEFAULT_WORK_HOURS.start;
    const workEnd = patch.workEnd ?? current?.workEnd ?? DEFAULT_WORK_HOURS.end;
    if (workStart >= workEnd) throw new AppError('VALIDATION', '下班时间应晚于上班时间', [{ path: 'workEnd', message: '下班时间应晚于上班时间' }]);
    const holidays = patch.holidays ?? current?.holidays ?? [];
    const workdays = patch.workdays ?? current?.workdays ?? [];
    if (holidays.some((d) => workdays.includes(d)))
      throw new AppError('VALIDATION', '同一天不能既是假日又是调休工作日', [{ path: 'workdays', message: '同一天不能既是假日又是调休工作日' }]);
    await this.repo.save(communityId, {
      signHours: { ...(current?.signHours ?? {}), ...(patch.signHours ?? {}) },
      clock: { ...(current?.clock ?? {}), ...(patch.clock ?? {}) },
      workStart,
      workEnd,
      holidays: [...new Set(holidays)],
      workdays: [...new Set(workdays)],
    });
    this.cache.delete(communityId);
    return this.settings(communityId);
  }

  /** A category's rule, with the clock it really runs on (one category's, not every category's as settings() builds). */
  async rule(communityId: string, category: TicketCategory): Promise<ServiceRuleDto> {
    const { doc } = await this.entry(communityId);
    return {
      signHours: doc?.signHours?.[category] ?? DEFAULT_SIGN_HOURS[category],
      finishHours: await this.communities.slaHours(communityId, category),
      clock: this.clockOf(doc, category),
    };
  }

  /** Hours of service time as scaled milliseconds (an extension of 2 h in a drill at scale 0.001 is 7.2 s). */
  serviceMs(hours: number): number {
    return hours * 3600_000 * this.scale;
  }

  /** `from` plus `ms` of (already scaled) service time on the category's clock. */
  async after(communityId: string, category: TicketCategory, from: Date, ms: number): Promise<Date> {
    const { doc, cal } = await this.entry(communityId);
    return addServiceTime(from, ms, this.clockOf(doc, category), cal);
  }

  async deadlines(communityId: string, category: TicketCategory, from: Date): Promise<Deadlines> {
    const r = await this.rule(communityId, category);
    const { cal } = await this.entry(communityId);
    const signMs = r.signHours * 3600_000 * this.scale;
    const finishMs = r.finishHours * 3600_000 * this.scale;
    return {
      signDueAt: addServiceTime(from, signMs, r.clock, cal),
      finishDueAt: addServiceTime(from, finishMs, r.clock, cal),
      signMs,
      finishMs,
    };
  }

  async calendar(communityId: string, from: string, to: string): Promise<ServiceCalendarDayDto[]> {
    const s = await this.settings(communityId);
    const out: ServiceCalendarDayDto[] = [];
    for (let d = from; d <= to && out.length < 400; d = addDays(d, 1)) out.push({ day: d, ...workDay(d, s) });
    if (out.length >= 400 && out[out.length - 1]!.day < to) throw new AppError('VALIDATION', '一次最多查询 400 天');
    return out;
  }
}
