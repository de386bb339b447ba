// Test fixtures only (not exported from index.ts): a remissvar built the way the server builds
// documents (template → Y.Doc → ProseMirror JSON), filled with Swedish text.
import { documentMetaSchema, type DocumentMeta, type DocumentStatus, type Template } from '@perspektiv/model'
import { DEFAULT_TEMPLATES_DIR, loadOrganisation, loadTemplates } from '@perspektiv/model/load'
import { createDocumentYDoc, initialDocument, yDocToJSON, type PMNode } from '@perspektiv/document'
import JSZip from 'jszip'
import type { ExportApproval, ExportInput } from './input.js'
import { readPdf } from './testing/index.js'

export function remissvarTemplate(): Template {
  const template = loadTemplates().get('remissvar')
  if (!template) throw new Error('templates/remissvar.yaml is missing')
  return template
}

export const para = (...texts: Array<string | PMNode>): PMNode => ({
  type: 'paragraph',
  content: texts.map((t) => (typeof t === 'string' ? { type: 'text', text: t } : t)),
})
export const bold = (text: string): PMNode => ({ type: 'text', text, marks: [{ type: 'bold' }] })
export const link = (text: string, href: string): PMNode => ({ type: 'text', text, marks: [{ type: 'link', attrs: { href } }] })
export const ordered = (...items: string[]): PMNode => ({
  type: 'orderedList',
  attrs: { start: 1 },
  content: items.map((t) => ({ type: 'listItem', content: [para(t)] })),
})
export const bullets = (...items: string[]): PMNode => ({
  type: 'bulletList',
  content: items.map((t) => ({ type: 'listItem', content: [para(t)] })),
})

export const META: DocumentMeta = documentMetaSchema.parse({
  title: 'Remiss av motion om att göra Stockholm till en stark aktör för frihet, humanism och global solidaritet',
  dnr: 'EÅV 2025/936',
  subtitle: 'Svar på remiss från kommunstyrelsen, dnr KS 2025/1306',
  namnd: 'Enskede-Årsta-Vantörs stadsdelsnämnd',
  meetingDate: '2026-01-22',
  forvaltning: 'Enskede-Årsta-Vantörs stadsdelsförvaltning',
  avdelning: 'Avdelning ekonomi och lokaler',
  handlaggare: { name: 'Ewa Jungstedt Pilestål', phone: '08-508 205 81' },
  date: '2025-11-27',
  signatories: [
    { name: 'Anders Carstorp', title: 'Stadsdelsdirektör', forvaltning: 'Enskede-Årsta-Vantörs stadsdelsförvaltning' },
    { name: 'Anna Larsson', title: 'Avdelningschef', forvaltning: 'Enskede-Årsta-Vantörs stadsdelsförvaltning' },
  ],
})

export const APPROVALS: ExportApproval[] = [
  { name: 'Anna Larsson', title: 'Avdelningschef', approvedAt: '2025-11-26T09:12:00Z' },
  // 23:30 UTC is already the next day in Stockholm.
  { name: 'Anders Carstorp', title: 'Stadsdelsdirektör', approvedAt: '2025-11-26T23:30:00Z' },
]

export const NOT_RELEVANT_MOTIVATION =
  'Remissvaret fattar inget beslut som påverkar äldre invånare; analysen av äldres situation hör hemma i det senare beslutet om ett eventuellt medlemskap.'

export const CLOSING_SENTENCE = 'Förvaltningen föreslår att stadsdelsnämnden godkänner tjänsteutlåtandet som svar på remissen.'

/** The repository's organisation profile (templates/organisation.yaml). */
export function organisation() {
  const profile = loadOrganisation(DEFAULT_TEMPLATES_DIR)
  if (!profile) throw new Error('templates/organisation.yaml is missing')
  return profile
}

/** Section bodies of the fixture: every required section filled, `bakgrund` left empty. */
export function fixtureBodies(template: Template): Record<string, PMNode[]> {
  const guidance = template.sections.find((s) => s.key === 'jamstalldhet')!
  return {
    'forslag-till-beslut': [
      ordered('Enskede-Årsta-Vantörs stadsdelsnämnd godkänner förvaltningens tjänsteutlåtande som svar på remissen.', 'Paragrafen justeras omedelbart.'),
    ],
    sammanfattning: [
      para('Kommunstyrelsen har remitterat en motion om att göra Stockholm till en stark aktör för frihet, humanism och global solidaritet.'),
      { type: 'paragraph' },
      para(
        'Förvaltningen föreslår att nämnden ',
        bold('godkänner'),
        ' tjänsteutlåtandet. Läs mer på ',
        link('stadens webbplats', 'https://start.stockholm/'),
        '.',
      ),
    ],
    bakgrund: [{ type: 'paragraph' }],
    arendet: [
      para('Motionären hänvisar till Pact of Free Cities. I motionen redogörs för två deklarationer:'),
      bullets('Bratislava-deklarationen (2024) om det öppna samhället.', 'Tirana-deklarationen (2025) om städernas roll vid kriser.'),
    ],
    beredning: [para('Ärendet har beretts av Avdelning ekonomi och lokaler. Pensionärsrådet och rådet för funktionshinderfrågor har fått lämna synpunkter.')],
    synpunkter: [
      para(
        'Stadsdelsförvaltningen ser fördelar med förslaget men också kostnader för administration och möten som behöver utredas. Åtaganden ska prövas mot Miljöprogram 2030.',
      ),
    ],
    jamstalldhet: [
      // A guiding question pasted into the text must not reach the export.
      para(guidance.guidingQuestions![0]!),
      para(
        'En jämställdhetsanalys enligt SKR:s metod kräver en kartläggning av hur deltagandet påverkar kvinnors och mäns makt och resurser, till exempel representation i delegationer.',
      ),
    ],
    barnratt: [
      para(
        'Barnkonventionens grundprinciper – icke-diskriminering, barnets bästa, rätt till liv och utveckling samt delaktighet – ska vägas in i en eventuell utredning om medlemskap.',
      ),
    ],
    tillganglighet: [
      para(
        'Aktiviteter inom nätverket behöver planeras så att personer med funktionsnedsättning kan delta på lika villkor, i linje med programmet för tillgänglighet och delaktighet 2024–2029.',
      ),
    ],
    aldre: [para(NOT_RELEVANT_MOTIVATION)],
    'klimat-miljo': [
      para(
        'Resor till fysiska möten ger utsläpp av växthusgaser; en idé är digitala möten. Varje åtagande ska prövas mot Miljöprogram 2030, klimatbudgeten och hänsynen till Östersjön.',
      ),
    ],
    avslutning: [para(CLOSING_SENTENCE)],
    bilagor: [ordered('Motion om att göra Stockholm till en stark aktör för frihet, humanism och global solidaritet')],
  }
}

/** Builds the document through a real Y.Doc, as the server stores it. */
export function buildContent(template: Template, bodies: Record<string, PMNode[]>, notRelevant: string[] = []): PMNode {
  const skeleton = initialDocument(template)
  const content: PMNode = {
    ...skeleton,
    content: (skeleton.content ?? []).map((section) => {
      const key = String(section.attrs?.key)
      return {
        ...section,
        attrs: { ...section.attrs, notRelevant: notRelevant.includes(key) },
        content: bodies[key] ?? section.content,
      }
    }),
  }
  return yDocToJSON(createDocumentYDoc(template, META, content))
}

export function fixtureInput(overrides: { status?: DocumentStatus; meta?: Partial<DocumentMeta>; approvals?: ExportApproval[] } = {}): ExportInput {
  const template = remissvarTemplate()
  const status = overrides.status ?? 'godkand'
  return {
    content: buildContent(template, fixtureBodies(template), ['aldre']),
    meta: { ...META, ...overrides.meta },
    template,
    status,
    approvals: overrides.approvals ?? (status === 'godkand' ? APPROVALS : []),
    organisation: organisation(),
    generatedAt: new Date('2025-11-27T10:00:00Z'),
  }
}

/** The XML parts of a .docx, by path. */
export async function docxParts(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes)
  const parts: Record<string, string> = {}
  for (const [path, file] of Object.entries(zip.files)) {
    if (!file.dir && /\.(xml|rels)$/.test(path)) parts[path] = await file.async('string')
  }
  return parts
}

const XML_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" }

/** The visible text of WordprocessingML, one line per paragraph. */
export function wordText(xml: string): string {
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&(amp|lt|gt|quot|apos);/g, (e) => XML_ENTITIES[e]!)
}

/** The text of an export in any format, whitespace collapsed (PDF lines are wrapped). */
export async function exportedText(format: 'docx' | 'pdf' | 'html' | 'md', bytes: Uint8Array): Promise<string> {
  let text: string
  if (format === 'pdf') text = (await readPdf(bytes)).pages.map((p) => p.text).join('\n')
  else if (format === 'docx') {
    const parts = await docxParts(bytes)
    text = Object.entries(parts)
      .filter(([path]) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(path))
      .map(([, xml]) => wordText(xml))
      .join('\n')
  } else text = new TextDecoder().decode(bytes)
  return text.replace(/\s+/g, ' ')
}
