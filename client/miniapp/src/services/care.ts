// The resident's own care status (平安打卡) and the check-in call.
import type { CheckinDto, MyCareDto } from '@linli/contracts';
import { api } from './api';

export const myCare = () => api.get<MyCareDto>('/care/me');

export const checkIn = () => api.post<CheckinDto>('/care/checkins', {});
