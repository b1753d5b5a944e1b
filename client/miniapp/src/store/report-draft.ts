// Keeps the typed part of an unsent report (category, description, location) across app restarts; photos and voice are session files.
import Taro from '@tarojs/taro';
import type { ReportDraft } from '../services/report-submit';

const KEY = 'linli.reportDraft';
type Saved = Pick<ReportDraft, 'category' | 'description' | 'location'>;

export function loadDraftText(): Saved | null {
  try {
    const v = Taro.getStorageSync(KEY) as Saved | '';
    return v && typeof v === 'object' ? v : null;
  } catch {
    return null;
  }
}

export function saveDraftText(d: ReportDraft): void {
  try {
    if (!d.category && !d.description.trim()) Taro.removeStorageSync(KEY);
    else Taro.setStorageSync(KEY, { category: d.category, description: d.description, location: d.location });
  } catch {
    /* storage full or unavailable: the in-memory draft still stands */
  }
}

export function clearDraftText(): void {
  try {
    Taro.removeStorageSync(KEY);
  } catch {
    /* nothing to clear */
  }
}
