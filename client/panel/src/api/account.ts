// Staff account calls: own password, logout, sign out everywhere, and the admin's account operations.
import type { StaffAccountDto, StaffSessionDto } from '@linli/contracts';
import { get, post } from './http';

export const accountApi = {
  changePassword: (currentPassword: string, newPassword: string) => post<StaffSessionDto>('/api/auth/password', { currentPassword, newPassword }),
  logout: () => post<void>('/api/auth/logout'),
  logoutAll: () => post<void>('/api/auth/logout-all'),
  accounts: () => get<{ items: StaffAccountDto[] }>('/api/staff/accounts'),
  resetPassword: (id: string, password: string) => post<StaffAccountDto>(`/api/staff/${id}/password`, { password }),
  disable: (id: string) => post<StaffAccountDto>(`/api/staff/${id}/disable`),
  enable: (id: string) => post<StaffAccountDto>(`/api/staff/${id}/enable`),
  unlock: (id: string) => post<StaffAccountDto>(`/api/staff/${id}/unlock`),
  logoutEverywhere: (id: string) => post<void>(`/api/staff/${id}/logout-all`),
};
