// axe-core (the accessibility engine behind Lighthouse and the browsers' own audits) run in a Playwright page.
// Its source is evaluated as a string through the DevTools protocol, which an extension page's CSP does not govern
// (a <script> tag would be refused). The rule set is WCAG 2.1 A and AA plus axe's best practices.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** Each failing node: its CSS path (with shadow-root steps) and axe's summary of what is wrong. */
  nodes: { target: string; summary: string }[];
}

export interface AxeOptions {
  /** Only this part of the page (a CSS selector), e.g. the in-page control on a platform's page. */
  include?: string;
  /** Rule ids left out, each with the reason in the caller. */
  disableRules?: string[];
}

/** Runs axe in `page` and returns its violations (an empty list is a pass). */
export async function axeViolations(page: Page | Frame, options: AxeOptions = {}): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async ({ include, disableRules }) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const context = include ? { include: [[include]] } : document;
    const rules = Object.fromEntries((disableRules ?? []).map((id) => [id, { enabled: false }]));
    const result = await axe.run(context, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      rules,
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: JSON.stringify(n.target), summary: n.failureSummary ?? '' })),
    }));
  }, { include: options.include, disableRules: options.disableRules ?? [] });
}

/** Violations as readable lines, for an assertion message that says what to fix. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${v.nodes.map((n) => `  ${n.target}: ${n.summary.replace(/\s+/g, ' ')}`).join('\n')}`)
    .join('\n');
}
