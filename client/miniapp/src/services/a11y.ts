// Role and accessible name for a tappable Taro View: the weapp's screen reader reads aria-role/aria-label, browsers role/aria-label.
type TapRole = 'button' | 'link' | 'checkbox' | 'radio' | 'switch' | 'img';

export interface TapA11y {
  role?: string;
  'aria-label'?: string;
  'aria-checked'?: boolean;
  'aria-disabled'?: boolean;
  tabIndex?: number;
  ariaRole?: string;
  ariaLabel?: string;
}

/**
 * Spread onto a clickable View. `label` names it when its text alone would not say what it does (e.g. "×");
 * `checked` for choices (chips, stars); `disabled` for buttons that ignore taps while busy.
 */
export function tappable(opts: { role?: TapRole; label?: string; checked?: boolean; disabled?: boolean } = {}): TapA11y {
  const role = opts.role ?? (opts.checked === undefined ? 'button' : 'radio');
  if (process.env.TARO_ENV === 'weapp') {
    return { ariaRole: role, ...(opts.label ? { ariaLabel: opts.label } : {}) };
  }
  return {
    role,
    // Keyboard users reach it with Tab like a real button.
    tabIndex: 0,
    ...(opts.label ? { 'aria-label': opts.label } : {}),
    ...(opts.checked === undefined ? {} : { 'aria-checked': opts.checked }),
    ...(opts.disabled ? { 'aria-disabled': true } : {}),
  };
}

/** Names a Taro form field (Input, Textarea, Switch): H5 puts nativeProps on the real element; the weapp reads ariaLabel. */
export function fieldName(label: string): { nativeProps?: Record<string, string>; ariaLabel?: string } {
  return process.env.TARO_ENV === 'weapp' ? { ariaLabel: label } : { nativeProps: { 'aria-label': label } };
}
