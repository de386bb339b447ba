// Run: pnpm exec vitest bench --run packages/export
// Goal (issue #6): a 20-page TU of ~10,000 words exports as DOCX in ≤ 300 ms and PDF in ≤ 1 s.
import { bench, describe } from 'vitest'
import type { PMNode } from '@perspektiv/document'
import { exportDocx } from './docx.js'
import { exportPdf } from './pdf.js'
import { exportHtml } from './html.js'
import { exportMarkdown } from './markdown.js'
import { buildContent, bullets, fixtureBodies, fixtureInput, para, remissvarTemplate } from './testFixture.js'

const SENTENCES = [
  'Stadsdelsförvaltningen bedömer att förslaget påverkar verksamheten inom äldreomsorgen och förskolan.',
  'Kostnaderna för administration, resor och sekretariat behöver utredas innan ett åtagande görs.',
  'Jämställdhetsanalysen visar att kvinnor och män använder stadens service på olika sätt.',
  'Barn och unga i stadsdelen har fått lämna synpunkter genom skolornas elevråd.',
  'Lokalerna ska vara tillgängliga för personer med funktionsnedsättning enligt stadens program.',
]

function paragraphOfWords(words: number, seed: number): PMNode {
  const out: string[] = []
  let count = 0
  for (let i = seed; count < words; i++) {
    const sentence = SENTENCES[i % SENTENCES.length]!
    out.push(sentence)
    count += sentence.split(' ').length
  }
  return para(out.join(' '))
}

/** ~10,000 words over the text sections and perspectives: about 20 A4 pages as a TU. */
function largeInput() {
  const template = remissvarTemplate()
  const bodies = fixtureBodies(template)
  const keys = ['sammanfattning', 'bakgrund', 'arendet', 'beredning', 'synpunkter', 'jamstalldhet', 'barnratt', 'tillganglighet', 'klimat-miljo']
  let words = 0
  keys.forEach((key, k) => {
    const blocks: PMNode[] = []
    for (let i = 0; i < 20; i++) {
      blocks.push(paragraphOfWords(55, k + i))
      words += 55
    }
    blocks.push(bullets(...SENTENCES))
    bodies[key] = blocks
  })
  if (words < 9_500) throw new Error(`bench document too small: ${words} words`)
  return { ...fixtureInput(), content: buildContent(template, bodies, ['aldre']) }
}

const input = largeInput()

describe('export a 20-page TU (~10,000 words)', () => {
  bench('docx (goal ≤ 300 ms)', async () => {
    await exportDocx(input)
  })
  bench('pdf (goal ≤ 1 s)', async () => {
    await exportPdf(input)
  })
  bench('html', () => {
    exportHtml(input)
  })
  bench('md', () => {
    exportMarkdown(input)
  })
})
