import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { Document, Packer, Paragraph } from 'docx'
import type { PMNode } from '@perspektiv/document'
import { docxLines } from './docx.js'
import { markWordChanges, takeWordChanges } from './trackedChanges.js'
import { PARAGRAPHS_BEFORE, paragraphChangesDocx, TRACKED_DATE as DATE, TRACKED_TEXT_BEFORE as EXPECTED_TEXT, trackedDocx } from './testing/trackedDocx.js'

/** The marked file's paragraph as content (what the importer makes of a line). */
async function asContent(bytes: Uint8Array): Promise<{ doc: PMNode; recorded: Awaited<ReturnType<typeof markWordChanges>>['changes'] }> {
  const marked = await markWordChanges(bytes)
  const line = (await docxLines('t.docx', marked.bytes)).find((l) => l.text.startsWith('Planen'))!
  const doc: PMNode = { type: 'doc', content: [{ type: 'section', content: [{ type: 'paragraph', content: [{ type: 'text', text: line.text }] }] }] }
  return { doc, recorded: marked.changes }
}

/** The paragraph text and what each change covers in it (offsets from the paragraph start, at position 2). */
function read(content: PMNode, changes: ReturnType<typeof takeWordChanges>['changes']) {
  const text = content.content![0]!.content![0]!.content![0]!.text!
  return { text, changes: changes.map((c) => ({ old: text.slice(c.from - 2, c.to - 2), text: c.text, author: c.author, date: c.date })) }
}

describe('[L20] Word tracked changes become suggestions, never text', () => {
  it('[L20] a file made with the docx package: the text as it was, each change where Word had it, with its author', async () => {
    const { doc, recorded } = await asContent(await trackedDocx())
    const { content, changes } = takeWordChanges(doc, recorded)
    expect(read(content, changes)).toEqual({
      text: EXPECTED_TEXT,
      changes: [
        { old: 'tjugofyra', text: 'tjugofem', author: 'Rita Granskare', date: DATE },
        { old: ' och några till', text: '', author: 'Alva Ek', date: DATE },
        { old: '', text: ', trygghet', author: 'Alva Ek', date: DATE },
      ],
    })
  })

  it('[L20] a file without tracked changes is read as before', async () => {
    const plain = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Planen har tjugofyra åtgärder.')] }] })))
    const marked = await markWordChanges(plain)
    expect(marked.changes).toEqual([])
    expect(marked.bytes).toBe(plain)
  })
})

describe('[L21] Word changes of paragraph marks: joins, splits, deletions across a paragraph end', () => {
  it('[L21] the paragraphs read as they were; a deletion across a paragraph end is one change per paragraph; the join and the split are named', async () => {
    const marked = await markWordChanges(await paragraphChangesDocx())
    const lines = (await docxLines('t.docx', marked.bytes)).map((l) => l.text).filter((t) => t !== '' && t !== 'Ärendet')
    const paragraphs = lines.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] }))
    const { content, changes, unplaced } = takeWordChanges({ type: 'doc', content: [{ type: 'section', content: paragraphs }] }, marked.changes)
    const texts = content.content![0]!.content!.map((p) => p.content![0]!.text!)
    expect(texts).toEqual(PARAGRAPHS_BEFORE)
    // Where each change is: its paragraph (the section opens at 0, paragraph i's text after the ones before it) and the words it covers.
    let at = 2
    const starts = texts.map((t) => {
      const start = at
      at += t.length + 2
      return start
    })
    const covered = (from: number, to: number) => {
      const i = starts.findLastIndex((start) => start <= from)
      return [i, texts[i]!.slice(from - starts[i]!, to - starts[i]!)]
    }
    expect(changes.map((c) => [...covered(c.from, c.to), c.text, c.author])).toEqual([
      [0, ' Den gäller till 2030.', '', 'Alva Ek'],
      [1, 'Belysningen byts ut', '', 'Alva Ek'],
      [2, 'bänkar', 'soffor', 'Rita Granskare'],
    ])
    expect(unplaced).toEqual([])
    expect(marked.marks).toEqual([
      { kind: 'join', author: 'Alva Ek', before: '…åtgärder. Den gäller till 2030.' },
      { kind: 'split', author: 'Rita Granskare', before: 'Skötseln sker på vintern.' },
    ])
  })

  it('[L21] a change the content never holds (here: in the header table) is answered as unplaced, not dropped', () => {
    const recorded = [{ kind: 'del' as const, text: '', old: 'HÄ 2025/118', author: 'Alva Ek', date: DATE }]
    const { changes, unplaced } = takeWordChanges({ type: 'doc', content: [{ type: 'section', content: [] }] }, recorded)
    expect(changes).toEqual([])
    expect(unplaced).toEqual(recorded)
  })
})

const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim()
if (!soffice) console.warn('\n[legacy] NOTICE: LibreOffice (soffice) not found — reading a LibreOffice-saved file with tracked changes (L20) is SKIPPED.\n')

describe.skipIf(!soffice)('[L20] a file LibreOffice saved with tracked changes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perspektiv-lo-tc-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('[L20] the changes survive LibreOffice (docx → odt → docx) and are read the same way', async () => {
    writeFileSync(join(dir, 'in.docx'), await trackedDocx())
    const convert = (file: string, to: string, out: string) =>
      execFileSync(
        soffice,
        [`-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--norestore', '--convert-to', to, '--outdir', out, file],
        {
          stdio: 'pipe',
          timeout: 150_000,
        },
      )
    convert(join(dir, 'in.docx'), 'odt', dir)
    const odt = readFileSync(join(dir, 'in.odt'))
    expect(odt.length).toBeGreaterThan(0)
    const back = join(dir, 'back')
    convert(join(dir, 'in.odt'), 'docx:MS Word 2007 XML', back)
    expect(existsSync(join(back, 'in.docx'))).toBe(true)
    const { doc, recorded } = await asContent(new Uint8Array(readFileSync(join(back, 'in.docx'))))
    const { content, changes } = takeWordChanges(doc, recorded)
    const seen = read(content, changes)
    expect(seen.text).toBe(EXPECTED_TEXT)
    expect(seen.changes.map((c) => [c.old, c.text, c.author])).toEqual([
      ['tjugofyra', 'tjugofem', 'Rita Granskare'],
      [' och några till', '', 'Alva Ek'],
      ['', ', trygghet', 'Alva Ek'],
    ])
  }, 300_000)
})
