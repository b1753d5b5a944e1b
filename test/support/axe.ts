// axe-core in the browser suites: every critical or serious WCAG rule violation on the page as one readable list, for any suite (panel, H5).
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  /** CSS selectors of up to three offending nodes, and how many there were. */
  nodes: string[];
  count: number;
  /** axe's explanation for the first node (e.g. the measured contrast ratio and colours). */
  why: string;
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules plus axe's best practices) on the page as it is now and returns the
 * critical and serious findings. `exclude` takes selectors of parts that are not ours to fix (e.g. a third-party widget).
 */
export async function seriousA11yViolations(page: Page, exclude: string[] = []): Promise<AxeFinding[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  for (const sel of exclude) builder = builder.exclude(sel);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => ({
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
      count: v.nodes.length,
      why: (v.nodes[0]?.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
    }));
}

/** One line per finding, for a failure message that says where to look: `[serious] color-contrast ×3 — … @ .ant-tag`. */
export function formatA11y(where: string, findings: AxeFinding[]): string {
  return findings.map((f) => `${where}: [${f.impact}] ${f.rule} ×${f.count} — ${f.help} @ ${f.nodes.join(' | ')} (${f.why})`).join('\n');
}

/** Fails with the readable list if the page has any critical or serious axe finding. */
export async function expectNoSeriousA11yViolations(page: Page, where: string, exclude: string[] = []): Promise<void> {
  const findings = await seriousA11yViolations(page, exclude);
  if (findings.length) throw new Error(`axe-core found critical/serious violations\n${formatA11y(where, findings)}`);
}
