/** Shared by the gate tests: a header the remissvar accepts, and review-room helpers. */
import * as Y from 'yjs'
import { writeMeta } from '@perspektiv/document'
import type { DocumentMeta } from '@perspektiv/model'
import { createThread, sectionFingerprint, setResolved, setVerdict, type Verdict } from '@perspektiv/review'
import { sectionText, typeInSection } from './harness.js'

/** Everything the remissvar template requires of the header (coverage C21–C25). */
export const FULL_META: Omit<DocumentMeta, 'title'> = {
  subtitle: 'Svar på remiss',
  dnr: 'EÅV 2025/936',
  namnd: 'Stadsdelsnämnden',
  meetingDate: '2025-03-20',
  deadline: '',
  forvaltning: 'Stadsdelsförvaltningen',
  avdelning: 'Avdelningen för stadsmiljö',
  handlaggare: { name: 'Anna Andersson', phone: '08-508 000 00' },
  date: '2025-03-01',
  signatories: [{ name: 'Bo Berg', title: 'Stadsdelsdirektör', forvaltning: 'Stadsdelsförvaltningen' }],
}

/** Writes the full header into a content Y.Doc, as the editor's header form does. */
export function fillHeader(doc: Y.Doc, overrides: Partial<DocumentMeta> = {}): void {
  writeMeta(doc, { ...FULL_META, ...overrides })
}

/** A reviewer's verdict on the perspective as it reads in `content` now. */
export function judge(review: Y.Doc, content: Y.Doc, key: string, verdict: Verdict['verdict'], by = { username: 'rita', name: 'Rita' }): void {
  setVerdict(review, key, {
    verdict,
    comment: verdict === 'komplettering' ? 'Beskriv konsekvenserna för barn i förskoleåldern.' : '',
    by,
    at: new Date().toISOString(),
    sectionFingerprint: sectionFingerprint(sectionText(content, key)),
  })
}

export function openThread(review: Y.Doc, id: string, sectionKey: string, by = { username: 'rita', name: 'Rita' }): void {
  createThread(review, {
    id,
    anchor: { start: 'AA==', end: 'AA==', quote: 'tjugofyra åtgärder', sectionKey },
    comment: { id: `${id}-c1`, author: by, text: 'Vilka åtgärder avses?', at: new Date().toISOString() },
  })
}

export function resolveThread(review: Y.Doc, id: string, by = { username: 'anna', name: 'Anna' }): void {
  setResolved(review, id, true, by, new Date().toISOString())
}

/** Substantive text per section: every perspective well over its 20 words. */
export const TEXT: Record<string, string> = {
  'forslag-till-beslut': 'Stadsdelsnämnden godkänner förvaltningens svar på remissen om parkerna.',
  sammanfattning: 'Förvaltningen ställer sig positiv till handlingsplanen men vill att ansvaret fördelas tydligare mellan förvaltningarna.',
  bakgrund: 'Kommunfullmäktige gav kommunstyrelsen i uppdrag att ta fram en samlad plan för trygghet i parker.',
  arendet: 'Handlingsplanen innehåller tjugofyra åtgärder inom belysning, skötsel, aktiviteter och samverkan med polisen.',
  beredning: 'Ärendet har beretts av avdelningen för stadsmiljö i samråd med pensionärsrådet och funktionshinderrådet.',
  synpunkter: 'Förvaltningen saknar en finansieringsmodell för de åtgärder som kräver nya driftmedel under vinterhalvåret.',
  avslutning: 'Förvaltningen föreslår att stadsdelsnämnden godkänner tjänsteutlåtandet som svar på remissen.',
  jamstalldhet:
    'Trygghetsmätningen visar att kvinnor oftare än män avstår från parker på kvällen, medan unga män oftare utsätts för våld. Belysning och bemannade aktiviteter bedöms minska skillnaderna mellan könen, och uppföljningen sker med könsuppdelad statistik per park.',
  barnratt:
    'Barn och unga använder lekplatser och bollplaner mest. Elever i årskurs fem pekade i dialoger ut mörka gångvägar som det största hindret för lek. Åtgärderna bedöms vara till barnens bästa enligt barnkonventionens artikel trettioett om lek och fritid.',
  tillganglighet:
    'Gångvägar med jämn beläggning, kontrastmarkeringar och vilplatser gör parkerna användbara för personer med nedsatt rörelse- eller synförmåga. Rådet för funktionshinderfrågor har lämnat synpunkter på belysningens placering och på skyltarnas läsbarhet vid entréerna.',
  aldre:
    'Äldre personer undviker ofta parker när det är mörkt och halt. Bättre belysning, fler bänkar med armstöd och vinterväghållning av gångstråken gör att äldre kan röra sig tryggt och självständigt i närmiljön under hela året.',
  'klimat-miljo':
    'Belysningen byts till armaturer med låg energiförbrukning och styrs efter behov. Skötseln gynnar den biologiska mångfalden genom ängsytor, och inga träd fälls för att öppna siktlinjer utan att nya planteras i samma park.',
}

/** Appends text to the first paragraph anywhere in a section (a list item's, too), as an editor would. */
export function write(doc: Y.Doc, key: string, text: string): void {
  const section = doc
    .getXmlFragment('default')
    .toArray()
    .find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.getAttribute('key') === key)
  if (!section) throw new Error(`no section ${key}`)
  let paragraph: Y.XmlElement | undefined
  for (const n of section.createTreeWalker((x) => x instanceof Y.XmlElement && x.nodeName === 'paragraph')) {
    paragraph = n as Y.XmlElement
    break
  }
  if (!paragraph) {
    typeInSection(doc, key, text)
    return
  }
  let t = paragraph.toArray().find((n): n is Y.XmlText => n instanceof Y.XmlText)
  if (!t) {
    t = new Y.XmlText()
    paragraph.insert(0, [t])
  }
  t.insert(t.length, text)
}
