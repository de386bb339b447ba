/**
 * A complete remissvar for the browser tests of approval (gate.spec.ts,
 * approval-integrity.spec.ts): anna writes it with its header through a stock provider.
 */
import { expect } from '@playwright/test'
import * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import { createDocument, signedInApi, type MemberRole } from './session.js'
import { stockProvider, writeSections } from './stockClient.js'

export const QUOTE = 'tjugofyra åtgärder'
export const TEXT: Record<string, string> = {
  'forslag-till-beslut': 'Stadsdelsnämnden godkänner förvaltningens svar på remissen om parkerna.',
  sammanfattning: 'Förvaltningen ställer sig positiv till planen men vill att ansvaret fördelas tydligare mellan förvaltningarna.',
  arendet: `Handlingsplanen innehåller ${QUOTE} inom belysning, skötsel, aktiviteter och samverkan med polisen.`,
  beredning: 'Ärendet har beretts av avdelningen för stadsmiljö i samråd med pensionärsrådet och funktionshinderrådet.',
  synpunkter: 'Förvaltningen saknar en finansieringsmodell för de åtgärder som kräver nya driftmedel under vinterhalvåret.',
  avslutning: 'Förvaltningen föreslår att stadsdelsnämnden godkänner tjänsteutlåtandet som svar på remissen.',
  jamstalldhet:
    'Trygghetsmätningen visar att kvinnor oftare än män avstår från parker på kvällen, medan unga män oftare utsätts för våld. Belysning och bemannade aktiviteter bedöms minska skillnaderna mellan könen.',
  barnratt:
    'Barn och unga använder lekplatser och bollplaner mest, och elever i årskurs fem pekade i dialoger ut mörka gångvägar som det största hindret för lek. Åtgärderna bedöms vara till barnens bästa.',
  tillganglighet:
    'Gångvägar med jämn beläggning, kontrastmarkeringar och vilplatser gör parkerna användbara för personer med nedsatt rörelse- eller synförmåga, enligt rådet för funktionshinderfrågor.',
  aldre:
    'Äldre undviker ofta parker när det är mörkt och halt. Bättre belysning, fler bänkar med armstöd och vinterväghållning gör att äldre kan röra sig tryggt och självständigt under hela året.',
  'klimat-miljo':
    'Belysningen byts till armaturer med låg energiförbrukning som styrs efter behov. Skötseln gynnar den biologiska mångfalden genom ängsytor, och inga träd fälls utan att nya planteras i samma park.',
}
export const SIGNATORY = { name: 'Stefan Strand', title: 'Stadsdelsdirektör', forvaltning: '' }
const HEADER = {
  dnr: 'EÅV 2026/13',
  namnd: 'Enskede-Årsta-Vantörs stadsdelsnämnd',
  meetingDate: '2026-03-19',
  forvaltning: 'Enskede-Årsta-Vantörs stadsdelsförvaltning',
  handlaggare: { name: 'Anna Andersson', phone: '08-508 000 00' },
  date: '2026-03-01',
  signatories: [SIGNATORY],
}

export type Author = { id: string; doc: Y.Doc; provider: WebsocketProvider; close(): void }

/** anna writes a complete remissvar with its header through a stock provider; `members` (default: rita reviews, alva approves). */
export async function writtenDocument(
  baseURL: string,
  title: string,
  send: boolean,
  members: ReadonlyArray<readonly [string, MemberRole]> = [
    ['rita', 'reviewer'],
    ['alva', 'approver'],
  ],
): Promise<Author> {
  const session = await signedInApi(baseURL)
  const { api, token, headers } = session
  const id = await createDocument(session, title, HEADER, members)
  const doc = new Y.Doc()
  const provider = await stockProvider(baseURL, id, doc, token)
  writeSections(doc, TEXT)
  // The server has it all once the gate says so.
  await expect.poll(async () => (await (await api.get(`/api/documents/${id}/coverage`, { headers })).json()).ready).toBe(true)
  if (send) expect((await api.post(`/api/documents/${id}/status`, { headers, data: { to: 'granskning' } })).ok()).toBe(true)
  await api.dispose()
  return { id, doc, provider, close: () => provider.destroy() }
}
