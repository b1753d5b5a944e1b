// The logged-in resident and their token, persisted in Taro storage so a relaunch stays logged in.
import Taro from '@tarojs/taro';
import type { ResidentDto } from '@linli/contracts';
import { createStore } from './create-store';

export type Me = ResidentDto & { verified?: boolean };

export interface Session {
  token: string | null;
  resident: Me | null;
}

const KEY = 'linli.session';

function load(): Session {
  try {
    const s = Taro.getStorageSync(KEY) as Session | '';
    if (s && typeof s === 'object' && s.token) return s;
  } catch {
    /* storage unavailable: start logged out */
  }
  return { token: null, resident: null };
}

export const session = createStore<Session>(load());

export function saveSession(s: Session): void {
  session.set(s);
  try {
    if (s.token) Taro.setStorageSync(KEY, s);
    else Taro.removeStorageSync(KEY);
  } catch {
    /* keep the in-memory session */
  }
}

export function clearSession(): void {
  saveSession({ token: null, resident: null });
}
