import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'

/** Impacts that fail a browser test (issue #23: moderate too, not only serious and critical). */
const FAILING = new Set(['moderate', 'serious', 'critical'])

/**
 * axe (WCAG 2.1 A/AA and best practice) on the page, or on the part `include` selects: every
 * violation of moderate impact or worse, one line each, so `toEqual([])` names what is wrong.
 */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
  if (include) builder = builder.include(include)
  const results = await builder.analyze()
  return results.violations
    .filter((v) => FAILING.has(v.impact ?? ''))
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}
