import type { CheckerStatus, DocumentStatus, PerspectiveCoverage, Role, Template } from '@perspektiv/model'
import { checkerStatus as statusOf } from '@perspektiv/coverage'
import { VERDICT_LABELS, type Verdict } from '@perspektiv/review'

/**
 * The glossary of the UI (issue #23): one Swedish term per concept, and no concept with two
 * terms. Components take every status, verdict and role label from here; `copy.test.ts`
 * fails when a component spells one of these terms (or a retired synonym) itself. The table
 * in apps/web/README.md mirrors this file.
 */

/** The document's status (the step bar, the dashboard, versions, the event log). */
export const STATUS_LABEL: Record<DocumentStatus, string> = {
  utkast: 'Utkast',
  granskning: 'Granskning',
  godkand: 'Godkänd',
}

/** A person's role in one document. */
export const ROLE_LABEL: Record<Role, string> = {
  author: 'Författare',
  reviewer: 'Granskare',
  approver: 'Godkännare',
  reader: 'Läsare',
}

/**
 * The checker's status of a perspective, as users read it. "Ej påbörjad" is the checker's
 * `incomplete` for a section nobody has written in yet (its only problem is that it is empty).
 */

/** Checker status: text, symbol and a CSS modifier, so colour is never the only signal. */
export const CHECKER_STATUS: Record<CheckerStatus, { label: string; icon: string; className: string }> = {
  'not-started': { label: 'Ej påbörjad', icon: '○', className: 'status--not-started' },
  incomplete: { label: 'Ofullständig', icon: '!', className: 'status--incomplete' },
  covered: { label: 'Bedömd', icon: '✓', className: 'status--covered' },
  'not-relevant': { label: 'Ej relevant, motiverat', icon: '–', className: 'status--not-relevant' },
  missing: { label: 'Saknas', icon: '✗', className: 'status--missing' },
}

/** The status a user sees for one perspective of a CoverageReport (coverage C27). */
export const checkerStatus = (p: Pick<PerspectiveCoverage, 'status' | 'words' | 'problems'>): CheckerStatus => statusOf(p)

/** The problems worth listing under a status: none when the status already says it all. */
export function statusProblems(p: Pick<PerspectiveCoverage, 'status' | 'words' | 'problems'>): string[] {
  const s = checkerStatus(p)
  return s === 'incomplete' || s === 'missing' ? p.problems : []
}

/** The switch on a perspective: the author judges it not relevant (and then motivates why). */
export const NOT_RELEVANT = 'Ej relevant'

/**
 * The reviewer's verdict ("omdöme") on a perspective: Godtas / Behöver kompletteras. Shared
 * with the server's notifications (`@perspektiv/review`), so the bell says the same.
 */
export const VERDICT_LABEL: Record<Verdict['verdict'], string> = VERDICT_LABELS

/** The reviewer's act of giving a verdict: never "bedöm", which is the checker's word. */
export const VERDICT_COPY = {
  noun: 'Omdöme',
  give: 'Ge omdöme',
  change: 'Ändra omdöme',
  save: 'Spara omdöme',
  legend: (title: string) => `Ditt omdöme om ${title}`,
  choose: `Välj ${VERDICT_LABELS.godkand} eller ${VERDICT_LABELS.komplettering}.`,
  outdated: 'Inaktuellt – avsnittet har ändrats sedan omdömet gavs',
} as const

/** A verdict's state as the approver's checklist lists it. */
export const VERDICT_STATE: Record<'godkand' | 'komplettering' | 'outdated' | 'none', string> = {
  godkand: VERDICT_LABELS.godkand,
  komplettering: VERDICT_LABELS.komplettering,
  outdated: 'Omdömet är inaktuellt: texten har ändrats efteråt',
  none: 'Inget omdöme',
}

/** Checklist items (refused send, approval): words for screen readers beside ✓ and ✗. */
export const CHECKLIST = { done: 'Klart: ', missing: 'Saknas: ' } as const

/** Text left from the template or from Word's own prompts ("Klicka här för att ange text"). */
export const placeholdersLeft = (texts: string[]) => `Platshållartext finns kvar: ${texts.map((t) => `”${t}”`).join(', ')}`

/** "3 av 5 perspektiv är hanterade": the count comes from the template, never a fixed word. */
export function perspectiveSummary(done: number, template: Pick<Template, 'sections'>): string {
  const total = template.sections.filter((s) => s.kind === 'perspective').length
  return done >= total ? `Alla ${total} perspektiv är hanterade.` : `${done} av ${total} perspektiv är hanterade.`
}

/** "1 av 2 trådar är öppna". */
export function threadSummary(open: number, total: number): string {
  if (open === 0) return total === 1 ? 'Tråden är löst.' : `Alla ${total} trådar är lösta.`
  return total === 1 ? '1 av 1 tråd är öppen.' : `${open} av ${total} trådar är öppna.`
}
