// Elder-friendly mode (适老化): the resident's own choice, or on by default for residents tagged 高龄.
import Taro from '@tarojs/taro';
import { createStore } from './create-store';
import type { Me } from './session';

const KEY = 'linli.elderMode';

function loadChoice(): boolean | null {
  try {
    const v = Taro.getStorageSync(KEY);
    return typeof v === 'boolean' ? v : null;
  } catch {
    return null;
  }
}

/** null = the resident never chose; the default then follows their tags. */
export const elderChoice = createStore<boolean | null>(loadChoice());

export function elderDefault(resident: Pick<Me, 'tags'> | null | undefined): boolean {
  return !!resident?.tags?.includes('高龄');
}

export function isElderMode(choice: boolean | null, resident: Pick<Me, 'tags'> | null | undefined): boolean {
  return choice ?? elderDefault(resident);
}

export function setElderMode(on: boolean): void {
  elderChoice.set(on);
  try {
    Taro.setStorageSync(KEY, on);
  } catch {
    /* in-memory only */
  }
}
