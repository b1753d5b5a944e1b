// The signed-in staff member's session: a 30-minute access token, the refresh token that renews it, and the profile.
import type { StaffDto, StaffSessionDto } from '@linli/contracts';

const TOKEN_KEY = 'linli.panel.token';
const REFRESH_KEY = 'linli.panel.refresh';
const EXPIRES_KEY = 'linli.panel.expires';
const USER_KEY = 'linli.panel.user';
const MUST_CHANGE_KEY = 'linli.panel.mustChangePassword';
const FLASH_KEY = 'linli.panel.flash';

// Kept in localStorage so a reload stays signed in; the access token is short-lived and every token can be revoked
// by the server (logout, password change, "sign out everywhere"), which bounds what a stolen copy is worth.
export const session = {
  token(): string | null {
    return localStorage.getItem(TOKEN_KEY);
  },
  refreshToken(): string | null {
    return localStorage.getItem(REFRESH_KEY);
  },
  /** Milliseconds until the access token expires (negative once it has). */
  msLeft(): number {
    return Number(localStorage.getItem(EXPIRES_KEY) ?? 0) - Date.now();
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
  /** An admin set this password: the change-password page comes first. */
  mustChangePassword(): boolean {
    return localStorage.getItem(MUST_CHANGE_KEY) === '1';
  },
  save(s: StaffSessionDto): void {
    localStorage.setItem(TOKEN_KEY, s.token);
    localStorage.setItem(REFRESH_KEY, s.refreshToken);
    localStorage.setItem(EXPIRES_KEY, String(Date.now() + s.expiresIn * 1000));
    localStorage.setItem(USER_KEY, JSON.stringify(s.user));
    localStorage.setItem(MUST_CHANGE_KEY, s.mustChangePassword ? '1' : '0');
  },
  clear(flash?: string): void {
    for (const k of [TOKEN_KEY, REFRESH_KEY, EXPIRES_KEY, USER_KEY, MUST_CHANGE_KEY]) localStorage.removeItem(k);
    if (flash) sessionStorage.setItem(FLASH_KEY, flash);
  },
  /** A message for the login page (e.g. why the session ended), read once. */
  takeFlash(): string | null {
    const m = sessionStorage.getItem(FLASH_KEY);
    sessionStorage.removeItem(FLASH_KEY);
    return m;
  },
};
