// Elder-friendly mode (适老化): the resident's own choice, or on by default for residents tagged 高龄 or with WeChat's large type.
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

/** WeChat's 字体大小 at or above this (px; the standard is 16–17) means the person enlarged it, or turned on 关怀模式. */
export const LARGE_SYSTEM_FONT_PX = 20;

/** The font size the person chose in WeChat (设置 → 通用 → 字体大小, or 关怀模式), in px; null outside the mini-program. */
export function systemFontPx(): number | null {
  if (process.env.TARO_ENV !== 'weapp') return null;
  try {
    const info = (Taro.getAppBaseInfo?.() ?? Taro.getSystemInfoSync()) as { fontSizeSetting?: number };
    return typeof info.fontSizeSetting === 'number' ? info.fontSizeSetting : null;
  } catch {
    return null;
  }
}

export function elderDefault(resident: Pick<Me, 'tags'> | null | undefined, fontPx: number | null = systemFontPx()): boolean {
  return !!resident?.tags?.includes('高龄') || (fontPx ?? 0) >= LARGE_SYSTEM_FONT_PX;
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
