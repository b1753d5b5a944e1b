// Brand colours and density of the staff panel; text and tag colours darkened to WCAG AA contrast (≥ 4.5:1).
import type { ThemeConfig } from 'antd';

export const BRAND = '#1668dc';

// antd's defaults put secondary text at rgba(0,0,0,.45) (3.36:1 on white) and tag text at palette shade 6/7 on shade 1
// (e.g. success #52c41a on #f6ffed, 2.2:1). Community workers read these all day, often on poor office screens.
const AA_TEXT = {
  colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
  colorTextDescription: 'rgba(0, 0, 0, 0.62)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
  // Also empty-list text and the addon of a disabled input, which axe (rightly) still has people read.
  colorTextDisabled: 'rgba(0, 0, 0, 0.56)',
  // Links default to #1677ff (4.1:1); danger buttons and error text to #ff4d4f (3.3:1).
  colorLink: '#0958d9',
  colorError: '#cf1322',
};

// Tags only: shade 8 (or 9 for the yellows) of each palette as text on the shade-1 background passes 4.5:1.
const AA_TAG = {
  colorSuccess: '#237804',
  colorWarning: '#ad4e00',
  colorError: '#cf1322',
  colorInfo: '#0958d9',
  green7: '#237804',
  lime7: '#3f6600',
  cyan7: '#006d75',
  orange7: '#ad4e00',
  gold7: '#874d00',
  yellow7: '#614700',
  volcano7: '#ad2102',
  magenta7: '#9e1068',
};

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND,
    borderRadius: 8,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif',
    ...AA_TEXT,
  },
  components: {
    Layout: { siderBg: '#0f1f3d', headerBg: '#ffffff', bodyBg: '#f3f5f9' },
    Menu: { darkItemBg: '#0f1f3d', darkSubMenuItemBg: '#0b1830', darkItemSelectedBg: BRAND },
    Tag: AA_TAG,
  },
};
