// Big-screen token calls (admins): list, create (the token and its URL come back once), revoke.
import type { ScreenTokenCreatedDto, ScreenTokenDto } from '@linli/contracts';
import { get, post } from './http';

export const screensApi = {
  list: () => get<{ items: ScreenTokenDto[] }>('/api/screen-tokens'),
  create: (name: string) => post<ScreenTokenCreatedDto>('/api/screen-tokens', { name }),
  revoke: (id: string) => post<ScreenTokenDto>(`/api/screen-tokens/${id}/revoke`),
};
