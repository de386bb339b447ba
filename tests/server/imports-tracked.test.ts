/**
 * SRV-IMP5, review S9: a Word file with tracked changes imported through the real route
 * becomes a document whose content is the text as it was and whose review room holds the
 * changes as open suggestions by the importing user (the server's name for them, never one
 * from the file), the Word author kept as text. The content Y.Doc never gets the changes.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DeletedTextRun, Document, HeadingLevel, InsertedTextRun, Packer, Paragraph, TextRun } from 'docx'
import { listSuggestions } from '@perspektiv/review'
import { loadFromDisk, sectionText } from './harness.js'
import { serverWorld } from './world.js'

const w = serverWorld(['anna'])
const DATE = '2026-11-30T08:00:00Z'
let docId: string

async function trackedDocx(): Promise<Uint8Array<ArrayBuffer>> {
  const by = (id: number, author: string) => ({ id, author, date: DATE })
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: 'Ärendet', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({
            children: [
              new TextRun('Planen har '),
              new DeletedTextRun({ text: 'tjugofyra', ...by(1, 'Rita Granskare') }),
              new InsertedTextRun({ text: 'tjugofem', ...by(2, 'Rita Granskare') }),
              new TextRun(' åtgärder inom belysning'),
              new InsertedTextRun({ text: ', trygghet', ...by(3, 'Alva Ek') }),
              new TextRun(' och skötsel.'),
            ],
          }),
        ],
      },
    ],
  })
  return new Uint8Array(await Packer.toBuffer(doc)) as Uint8Array<ArrayBuffer>
}

beforeAll(async () => {
  const res = await fetch(`${w.server.url}/api/imports/documents?templateId=remissvar&fileName=plan.docx`, {
    method: 'POST',
    headers: { authorization: `Bearer ${w.t.anna}`, 'content-type': 'application/octet-stream' },
    body: await trackedDocx(),
  })
  expect(res.status).toBe(201)
  docId = ((await res.json()) as { id: string }).id
})

describe('import of a Word file with tracked changes (SRV-IMP5, review S9)', () => {
  it('[S9] the content is the text before the changes; the changes are open suggestions by the importing user, the Word author kept as text', async () => {
    const content = loadFromDisk(w.data.dir, docId)
    expect(sectionText(content, 'arendet')).toBe('Planen har tjugofyra åtgärder inom belysning och skötsel.')
    const suggestions = listSuggestions(loadFromDisk(w.data.dir, docId, 'review'))
    expect(suggestions.map((s) => [s.anchor.quote, s.text, s.author, s.state, s.note, s.anchor.sectionKey])).toEqual([
      ['tjugofyra', 'tjugofem', { username: 'anna', name: expect.any(String) }, 'open', 'Förslag från Word: Rita Granskare', 'arendet'],
      ['', ', trygghet', { username: 'anna', name: expect.any(String) }, 'open', 'Förslag från Word: Alva Ek', 'arendet'],
    ])
    const audit = await w.call('anna', 'GET', `/api/documents/${docId}/audit`)
    const created = (audit.body.entries as Array<{ action: string; actor: { username: string } | null }>).filter(
      (e) => e.action === 'review.suggestion.created',
    )
    expect(created.map((e) => e.actor?.username)).toEqual(['anna', 'anna'])
  })

  it('[S9] the suggestions apply where Word had them: coverage and export read them, the content Y.Doc stays as imported', async () => {
    const before = Y.encodeStateVector(loadFromDisk(w.data.dir, docId))
    const res = await fetch(`${w.server.url}/api/documents/${docId}/export?format=docx&suggestions=tracked`, {
      headers: { Authorization: `Bearer ${w.t.anna}` },
    })
    expect(res.status).toBe(200)
    expect((await w.call('anna', 'GET', `/api/documents/${docId}/coverage?suggestions=accepted`)).status).toBe(200)
    expect(Y.encodeStateVector(loadFromDisk(w.data.dir, docId))).toEqual(before)
    expect(sectionText(loadFromDisk(w.data.dir, docId), 'arendet')).toBe('Planen har tjugofyra åtgärder inom belysning och skötsel.')
  })
})
