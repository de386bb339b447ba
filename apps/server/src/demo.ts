import type { Role, Template } from '@perspektiv/model'
import { initialDocument, sectionAttrs, type PMNode } from '@perspektiv/document'
import { createDocument } from './documents.js'
import type { DocumentStore } from './storage/documentStore.js'
import type { UserStore } from './storage/users.js'
import type { Awaitable } from './storage/awaitable.js'

export const DEMO_PASSWORD = 'demo'

export const DEMO_USERS: Array<{ username: string; name: string; title: string; role: Role; admin?: boolean }> = [
  { username: 'anna', name: 'Anna Andersson', title: 'Handläggare', role: 'author', admin: true },
  { username: 'erik', name: 'Erik Ek', title: 'Utredare', role: 'author' },
  { username: 'rita', name: 'Rita Rasmussen', title: 'Kvalitetsgranskare', role: 'reviewer' },
  { username: 'alva', name: 'Alva Almqvist', title: 'Avdelningschef', role: 'approver' },
  { username: 'stefan', name: 'Stefan Strand', title: 'Stadsdelsdirektör', role: 'approver' },
  { username: 'linn', name: 'Linn Lind', title: 'Nämndsekreterare', role: 'reader' },
]

const p = (text: string): PMNode => ({ type: 'paragraph', content: [{ type: 'text', text }] })
const list = (items: string[]): PMNode => ({
  type: 'orderedList',
  attrs: { start: 1 },
  content: items.map((t) => ({ type: 'listItem', content: [p(t)] })),
})

/**
 * The example remissvar: most sections written, two perspectives assessed, one marked not
 * relevant with a motivation, one too short and one still empty — so the live coverage
 * panel has something to show.
 */
const DEMO_CONTENT: Record<string, { body: PMNode[]; notRelevant?: boolean }> = {
  'forslag-till-beslut': {
    body: [list(['Stadsdelsnämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.', 'Stadsdelsnämnden justerar beslutet omedelbart.'])],
  },
  sammanfattning: {
    body: [
      p(
        'Kommunstyrelsen har skickat förslaget till handlingsplan för trygga och tillgängliga parker 2026–2029 på remiss till stadsdelsnämnderna. Planen samlar stadens åtgärder för belysning, skötsel och aktiviteter i parker och på lekplatser.',
      ),
      p(
        'Förvaltningen ställer sig positiv till förslaget men vill att planen tydligare fördelar ansvaret mellan fackförvaltningar och stadsdelsförvaltningar och att uppföljningen görs per stadsdelsområde.',
      ),
    ],
  },
  bakgrund: {
    body: [
      p(
        'I stadens budget för 2025 gav kommunfullmäktige kommunstyrelsen i uppdrag att ta fram en samlad plan för tryggheten i stadens parker. Trygghetsmätningen 2024 visade att var tredje kvinna i stadsdelsområdet undviker parker efter mörkrets inbrott.',
      ),
    ],
  },
  arendet: {
    body: [
      p(
        'Handlingsplanen innehåller 24 åtgärder inom fyra områden: belysning och siktlinjer, skötsel och städning, aktiviteter och närvaro samt samverkan med polis och civilsamhälle. Stadsdelsnämnderna föreslås ansvara för elva av åtgärderna.',
      ),
    ],
  },
  beredning: {
    body: [
      p(
        'Ärendet har beretts av avdelningen för stadsmiljö i samråd med avdelningen för äldreomsorg. Pensionärsrådet och rådet för funktionshinderfrågor har fått förslaget för kännedom och lämnar synpunkter vid sitt sammanträde i februari.',
      ),
    ],
  },
  synpunkter: {
    body: [
      p(
        'Förvaltningen delar bilden att trygghet i parkerna är en förutsättning för att alla invånare ska kunna använda dem. Åtgärderna om belysning och siktlinjer kan genomföras inom ordinarie reinvesteringsbudget.',
      ),
      p(
        'Förvaltningen saknar en beskrivning av hur åtgärderna ska finansieras när de kräver nya driftmedel, till exempel kvällsaktiviteter under vinterhalvåret. Förvaltningen föreslår att planen kompletteras med en finansieringsmodell innan den antas.',
      ),
    ],
  },
  jamstalldhet: {
    body: [
      p(
        'Trygghetsmätningen visar att kvinnor i högre grad än män avstår från att vistas i parker kvällstid, medan unga män oftare utsätts för våld i offentlig miljö. Förslagen om belysning, öppna siktlinjer och bemannade aktiviteter bedöms minska skillnaderna i hur kvinnor och män kan använda parkerna. Förvaltningen föreslår att planen följs upp med könsuppdelad statistik per park.',
      ),
    ],
  },
  barnratt: {
    body: [
      p(
        'Barn och unga är de största användarna av stadsdelsområdets lekplatser och bollplaner. Enligt barnkonventionens artikel 31 har barn rätt till lek och fritid. Förvaltningen har under hösten genomfört dialoger med elever i årskurs 5 på två skolor, som pekade ut mörka gångvägar som det största hindret. Planens åtgärder bedöms vara till barnens bästa.',
      ),
    ],
  },
  tillganglighet: { body: [p('Ska kompletteras.')] },
  aldre: { body: [p('')] },
  'klimat-miljo': {
    notRelevant: true,
    body: [
      p(
        'Ärendet är ett remissvar som inte i sig beslutar om några åtgärder. Klimat- och miljöpåverkan av ny belysning, till exempel energianvändning och ljusföroreningar för fåglar och fladdermöss, bedöms i de kommande genomförandebesluten.',
      ),
    ],
  },
  avslutning: {
    body: [p('Förvaltningen föreslår att stadsdelsnämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.')],
  },
  bilagor: { body: [list(['Remiss av handlingsplan för trygga och tillgängliga parker 2026–2029'])] },
}

function demoContent(template: Template): PMNode {
  const skeleton = initialDocument(template)
  return {
    ...skeleton,
    content: (skeleton.content ?? []).map((section) => {
      const fill = DEMO_CONTENT[sectionAttrs(section).key]
      if (!fill) return section
      const body = fill.body.map((b) => (b.type === 'paragraph' && b.content?.[0]?.text === '' ? { type: 'paragraph' } : b))
      return { ...section, attrs: { ...section.attrs, notRelevant: fill.notRelevant === true }, content: body }
    }),
  }
}

/**
 * On an empty database: the demo users (password "demo") and one example remissvar with
 * all of them as members. Returns false (and does nothing) when users already exist.
 */
export async function seedDemo(users: Awaitable<UserStore>, store: DocumentStore, templates: Map<string, Template>): Promise<boolean> {
  if ((await users.count()) > 0) return false
  const template = templates.get('remissvar')
  if (!template) throw new Error('the demo needs the "remissvar" template')
  const created = []
  for (const u of DEMO_USERS) {
    created.push({ user: await users.add({ ...u, password: DEMO_PASSWORD }), role: u.role })
  }
  const anna = created[0]!.user
  await createDocument(store, template, {
    title: 'Svar på remiss om handlingsplan för trygga och tillgängliga parker 2026–2029',
    meta: {
      dnr: 'EÅV 2026/112',
      subtitle: 'Svar på remiss från kommunstyrelsen, dnr KS 2025/2231',
      namnd: 'Enskede-Årsta-Vantörs stadsdelsnämnd',
      meetingDate: '2026-02-19',
      forvaltning: 'Enskede-Årsta-Vantörs stadsdelsförvaltning',
      avdelning: 'Avdelningen för stadsmiljö',
      handlaggare: { name: anna.name, phone: '08-508 14 000' },
      date: '2026-01-28',
      signatories: [
        { name: 'Stefan Strand', title: 'Stadsdelsdirektör', forvaltning: 'Enskede-Årsta-Vantörs stadsdelsförvaltning' },
        { name: 'Alva Almqvist', title: 'Avdelningschef', forvaltning: 'Enskede-Årsta-Vantörs stadsdelsförvaltning' },
      ],
    },
    content: demoContent(template),
    createdBy: anna.id,
    members: created.map((c) => ({ userId: c.user.id, role: c.role })),
  })
  return true
}
