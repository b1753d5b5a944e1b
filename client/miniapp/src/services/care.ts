// The resident's own care status (平安打卡), the check-in call, and her own stays away (外出登记).
import { addDays, shanghaiDay, type AbsenceReason, type CareAbsenceDto, type CheckinDto, type MyCareDto } from '@linli/contracts';
import { api } from './api';

export const myCare = () => api.get<MyCareDto>('/care/me');

export const checkIn = () => api.post<CheckinDto>('/care/checkins', {});

/** Away from today for `days` days (today included): no check-in is asked of her meanwhile. */
export const goAway = (reason: AbsenceReason, days: number) => {
  const from = shanghaiDay();
  return api.post<CareAbsenceDto>('/care/me/absences', { from, to: addDays(from, days - 1), reason });
};

/** Back early: her own entry only. */
export const comeBack = (id: string) => api.del<{ removed: true }>(`/care/me/absences/${id}`);
