// The documents the checkCoverage tests judge (check.test.ts, checkSections.test.ts): every
// text section filled, one assessment per perspective unless a test says otherwise.
import type { SectionedDocument, Template } from '@perspektiv/model'
import { loadTemplates } from '@perspektiv/model/load'
import type { checkCoverage } from './index.js'

const templates = loadTemplates()
export const remissvar = templates.get('remissvar') as Template
export const beslut = templates.get('beslut') as Template

export const ASSESSMENT =
  'Förslaget berör främst medarbetare i förvaltningen. Kvinnor är i majoritet bland personalen, och en ändrad ' +
  'schemaläggning påverkar deras möjlighet att kombinera arbete och familj mer än männens.'
export const MOTIVATION =
  'Ärendet är ett remissvar som inte fattar något beslut om verksamheten; analysen av effekterna för flickor och ' + 'pojkar görs i det senare beslutsärendet.'

/** One assessment per perspective: the same text in two perspectives is a copy (C20). */
export const ASSESSMENTS: Record<string, string> = {
  jamstalldhet:
    'Statistiken över besökare är uppdelad på kön och visar att kvinnor oftare än män använder tjänsten, så de längre ' +
    'öppettiderna gynnar främst kvinnor som arbetar dagtid.',
  barnratt:
    'Elevråden på tre skolor har tillfrågats. Barnen vill kunna gå till biblioteket efter skolan, vilket förslaget om ' + 'öppet till klockan sju gör möjligt.',
  tillganglighet:
    'Den nya entrén saknar trappsteg och får automatisk dörröppnare. Rådet för funktionshinderfrågor har granskat ' +
    'ritningarna och lämnat synpunkter som har tagits in.',
  aldre:
    'Pensionärsrådet påpekade att många äldre saknar bil. Hållplatsen flyttas därför närmare entrén och bänkar ställs ' +
    'ut längs gångvägen från parkeringen.',
  'klimat-miljo':
    'Lokalen värms med fjärrvärme och belysningen byts mot LED, vilket enligt fastighetsägarens beräkning minskar ' +
    'energianvändningen med en fjärdedel per år.',
}

export const BODY = 'Förvaltningen har gått igenom remissen och lämnar här sina synpunkter på förslaget i sin helhet.'

/** A document with every text section filled and the given perspective texts. */
export function doc(perspectives: Record<string, string | { text: string; notRelevant: boolean } | null>, other?: string): SectionedDocument {
  const sections: SectionedDocument['sections'] = []
  for (const s of remissvar.sections) {
    if (s.kind !== 'perspective') {
      sections.push({ key: s.key, heading: s.title, text: BODY })
      continue
    }
    const p = s.key in perspectives ? perspectives[s.key] : ASSESSMENTS[s.key]
    if (p === null || p === undefined) continue
    if (typeof p === 'string') sections.push({ key: s.key, heading: s.title, text: p })
    else sections.push({ key: s.key, heading: s.title, text: p.text, notRelevant: p.notRelevant })
  }
  return { sections, otherText: other }
}

export function perspective(report: ReturnType<typeof checkCoverage>, key: string) {
  const p = report.perspectives.find((x) => x.key === key)
  if (!p) throw new Error(`no perspective ${key}`)
  return p
}
