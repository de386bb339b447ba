import { bench, describe } from 'vitest'
import type { SectionedDocument, Template } from '@perspektiv/model'
import { loadTemplates } from '@perspektiv/model/load'
import { checkCoverage } from './index.js'

const template = loadTemplates().get('remissvar') as Template

const SENTENCES = [
  'Förvaltningen bedömer att förslaget stärker invånarnas möjligheter att delta i stadens verksamheter.',
  'Kostnaderna ryms inom nämndens budget för innevarande år och kräver inga ytterligare medel.',
  'Rådet för funktionshinderfrågor och pensionärsrådet har haft möjlighet att lämna synpunkter.',
  'Statistiken är uppdelad på kön och visar att kvinnor i högre grad än män använder tjänsten.',
  'Barn och unga berörs indirekt genom att föräldrarnas tillgång till service förbättras.',
]

/** About `words` words of running text, broken into PDF-like lines and paragraphs. */
function prose(words: number, seed: number): string {
  const out: string[] = []
  let n = 0
  for (let i = seed; n < words; i++) {
    const s = SENTENCES[i % SENTENCES.length]!
    out.push(i % 4 === 3 ? `${s}\n\n` : `${s}\n`)
    n += s.split(' ').length
  }
  return out.join('')
}

// A 20-page TU: about 10,000 words over the template's sections, plus front matter.
const doc: SectionedDocument = {
  sections: template.sections.map((s, i) => ({
    key: s.key,
    heading: s.title,
    text: prose(s.kind === 'perspective' ? 400 : 1100, i),
  })),
  otherText: `Handläggare\nAnna Andersson\nTelefon: 08-508 00 000\n\n${prose(300, 3)}`,
}

/** Each perspective in its own words: no copies, so copy detection compares every pair (C20). */
const OWN_WORDS: Record<string, string[]> = {
  jamstalldhet: [
    'Kvinnor arbetar oftare deltid i omsorgen och påverkas därför mer av de nya scheman som föreslås.',
    'Statistik per kön saknas för två av tre enheter.',
  ],
  barnratt: [
    'Elevråden har tillfrågats om öppettiderna och vill kunna besöka biblioteket efter skolan.',
    'Barnets bästa har vägts mot kostnaden för personal på kvällstid.',
  ],
  tillganglighet: [
    'Entrén byggs om utan trappsteg och hissen får talande knappar.',
    'Rådet för funktionshinderfrågor har granskat ritningarna i två omgångar.',
  ],
  aldre: ['Pensionärsrådet har pekat på att hållplatsen ligger långt från entrén.', 'Bänkar ställs ut längs gångvägen och belysningen förbättras.'],
  'klimat-miljo': ['Lokalen värms med fjärrvärme och belysningen byts mot lysdioder.', 'Resorna minskar när tjänsten också kan användas digitalt hemifrån.'],
}
function own(key: string, words: number): string {
  const pool = OWN_WORDS[key] ?? []
  const out: string[] = []
  for (let i = 0, n = 0; n < words; i++) {
    const s = pool[i % pool.length]!
    out.push(i % 4 === 3 ? `${s}\n\n` : `${s}\n`)
    n += s.split(' ').length
  }
  return out.join('')
}
const distinct: SectionedDocument = {
  ...doc,
  sections: doc.sections.map((s) => (s.key && s.key in OWN_WORDS ? { ...s, text: own(s.key, 400) } : s)),
}

describe('checkCoverage', () => {
  bench('20-page TU (~10,000 words)', () => {
    checkCoverage(template, doc)
  })
  bench('20-page TU, each perspective in its own words', () => {
    checkCoverage(template, distinct)
  })
})
