// The signed-in staff member's token and profile, kept in localStorage so a reload stays signed in.
import type { StaffDto } from '@linli/contracts';

const TOKEN_KEY = 'linli.panel.token';
const USER_KEY = 'linli.panel.user';
const FLASH_KEY = 'linli.panel.flash';

export const session = {
  token(): string | null {
    return localStorage.getItem(TOKEN_KEY);
  },
  user(): StaffDto | null {
    const raw = localStorage.getItem(USER_KEY);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as StaffDto;
    } catch {
      return null;
    }
  },
  save(token: string, user: StaffDto): void {
    localStorage.setItem(TOKEN_KEY, token);
    localStorage.setItem(USER_KEY, JSON.stringify(user));
  },
  clear(flash?: string): void {
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(USER_KEY);
    if (flash) sessionStorage.setItem(FLASH_KEY, flash);
  },
  /** A message for the login page (e.g. why the session ended), read once. */
  takeFlash(): string | null {
    const m = sessionStorage.getItem(FLASH_KEY);
    sessionStorage.removeItem(FLASH_KEY);
    return m;
  },
};
