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
  // Only our own document is cached: the 办结 hours are read from communities each time (it caches, and forgets on its own edits).
  private readonly cache = new Map<string, { at: number; doc: ServiceSettingsDoc | null }>();
  constructor(
    conn: Connection,
    private readonly communities: Pick<CommunitiesApi, 'slaHours'>,
    /** SERVICE_CLOCK_SCALE. */
    private readonly scale: number,
  ) {
    this.repo = new ServiceSettingsRepository(conn);
  }

  private async doc(communityId: string): Promise<ServiceSettingsDoc | null> {
    const hit = this.cache.get(communityId);
    if (hit && Date.now() - hit.at < 30_000) return hit.doc;
    const doc = await this.repo.get(communityId);
    this.cache.set(communityId, { at: Date.now(), doc });
    return doc;
  }

  async settings(communityId: string): Promise<ServiceSettingsDto> {
    const doc = await this.doc(communityId);
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

  private calendarOf(s: ServiceSettingsDto): WorkCalendar {
    return { workStart: s.workStart, workEnd: s.workEnd, holidays: s.holidays, workdays: s.workdays };
  }

  /** A category's rule, with the clock it really runs on (a drill's scale runs every clock day and night). */
  async rule(communityId: string, category: TicketCategory): Promise<ServiceRuleDto> {
    const r = (await this.settings(communityId)).rules[category];
    return this.scale === 1 ? r : { ...r, clock: 'calendar' };
  }

  /** Hours of service time as scaled milliseconds (an extension of 2 h in a drill at scale 0.001 is 7.2 s). */
  serviceMs(hours: number): number {
    return hours * 3600_000 * this.scale;
  }

  /** `from` plus `ms` of (already scaled) service time on the category's clock. */
  async after(communityId: string, category: TicketCategory, from: Date, ms: number): Promise<Date> {
    const s = await this.settings(communityId);
    return addServiceTime(from, ms, (await this.rule(communityId, category)).clock, this.calendarOf(s));
  }

  async deadlines(communityId: string, category: TicketCategory, from: Date): Promise<Deadlines> {
    const r = await this.rule(communityId, category);
    const signMs = r.signHours * 3600_000 * this.scale;
    const finishMs = r.finishHours * 3600_000 * this.scale;
    return {
      signDueAt: await this.after(communityId, category, from, signMs),
      finishDueAt: await this.after(communityId, category, from, finishMs),
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
