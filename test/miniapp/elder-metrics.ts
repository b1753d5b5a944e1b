// Measures the MIIT elder-friendly numbers in the live DOM of the page on screen: text size, line height, contrast, touch targets.
import type { Page } from 'playwright-core';

export const ELDER = { minFontPx: 18, minTargetPx: 60, minLineHeight: 1.3, minContrast: 4.5 };

/**
 * Everything on screen that breaks a number, as readable strings (empty = all good). The scope is the visible page,
 * Taro's title bar and tab bar; earlier pages stay mounted but hidden and are skipped.
 */
export function elderViolations(page: Page): Promise<string[]> {
  return page.evaluate((limits) => {
    const out: string[] = [];
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      const s = getComputedStyle(el);
      return s.visibility !== 'hidden' && s.display !== 'none' && ((el as HTMLElement).offsetParent !== null || s.position === 'fixed');
    };
    const roots = [
      ...[...document.querySelectorAll('.page')].filter(visible),
      ...[...document.querySelectorAll('#taro-navigation-bar, .weui-tabbar')].filter(visible),
    ];
    const name = (el: Element) => {
      const id = el.getAttribute('data-testid');
      const text = (el.textContent ?? '').trim().slice(0, 16);
      return `${el.tagName.toLowerCase()}${id ? `[${id}]` : ''}.${String(el.className).split(' ')[0]} "${text}"`;
    };
    const rgba = (c: string) => {
      const m = c.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
      return { r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1 };
    };
    const lum = ({ r, g, b }: { r: number; g: number; b: number }) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    // The colour behind an element: the first opaque-ish background up the tree (white if none).
    const backdrop = (el: Element | null) => {
      for (; el; el = el.parentElement) {
        const bg = rgba(getComputedStyle(el).backgroundColor);
        if (bg.a >= 0.5) return bg;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    const contrast = (el: Element) => {
      const fg = rgba(getComputedStyle(el).color);
      const bg = backdrop(el);
      // Blend a translucent text colour over its background.
      const mix = { r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a) };
      const [hi, lo] = [lum(mix), lum(bg)].sort((a, b) => b - a);
      return (hi + 0.05) / (lo + 0.05);
    };
    for (const root of roots) {
      for (const el of [root, ...root.querySelectorAll('*')]) {
        if (!visible(el) || el.closest('[aria-hidden="true"], svg')) continue;
        const s = getComputedStyle(el);
        const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
        const field = el.matches('input:not([type=checkbox]):not([type=radio]), textarea');
        if (ownText || field) {
          const font = parseFloat(s.fontSize);
          if (font < limits.minFontPx) out.push(`text ${font}px: ${name(el)}`);
          const lh = s.lineHeight === 'normal' ? font * 1.2 : parseFloat(s.lineHeight);
          // A field's single line is centred in its box; its line height is not line spacing.
          if (!field && lh / font < limits.minLineHeight - 0.001) out.push(`line height ${(lh / font).toFixed(2)}: ${name(el)}`);
          const ratio = contrast(el);
          if (ratio < limits.minContrast) out.push(`contrast ${ratio.toFixed(2)}: ${name(el)}`);
        }
        if (field && (el as HTMLInputElement).placeholder) {
          const ph = parseFloat(getComputedStyle(el, '::placeholder').fontSize);
          if (ph < limits.minFontPx) out.push(`placeholder ${ph}px: ${name(el)}`);
        }
        if (el.matches('[role=button], [role=switch], [role=tab], [role=checkbox], [role=radio], button, a[href], input, textarea, .weui-tabbar__item, .taro-navigation-bar-back')) {
          const r = el.getBoundingClientRect();
          if (r.width < limits.minTargetPx - 0.5 || r.height < limits.minTargetPx - 0.5) {
            out.push(`target ${Math.round(r.width)}×${Math.round(r.height)}: ${name(el)}`);
          }
        }
      }
    }
    return [...new Set(out)];
  }, ELDER);
}

/** Clickable Taro views without a role or an accessible name (a screen reader would say nothing useful). */
export function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll('.page [data-testid]')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || (el as HTMLElement).offsetParent === null) continue;
      const clickable = el.classList.contains('btn') || el.classList.contains('chip') || el.classList.contains('hero') || el.classList.contains('shortcut');
      if (!clickable) continue;
      const role = el.getAttribute('role');
      const label = el.getAttribute('aria-label') ?? (el.textContent ?? '').trim();
      if (!role || !label) out.push(`${el.getAttribute('data-testid')} role=${role} name="${label}"`);
    }
    return out;
  });
}
