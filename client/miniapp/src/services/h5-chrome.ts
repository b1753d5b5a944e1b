// H5 only: Taro draws the title bar and tab bar itself; give their buttons names and let CSS know when elder mode is on.

/** Marks the document for elder-mode CSS outside the page (title bar, tab bar), and names Taro's bare title-bar buttons. */
export function syncH5Chrome(elder: boolean): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
  document.documentElement.classList.toggle('elder-mode', elder);
  const name = (selector: string, label: string) => {
    document.querySelectorAll(selector).forEach((el) => {
      el.setAttribute('role', 'button');
      el.setAttribute('aria-label', label);
      el.setAttribute('tabindex', '0');
      // Its icon is decoration: the label says it.
      el.querySelector('svg')?.setAttribute('aria-hidden', 'true');
    });
  };
  name('.taro-navigation-bar-back', '返回');
  name('.taro-navigation-bar-home', '回到首页');
}
