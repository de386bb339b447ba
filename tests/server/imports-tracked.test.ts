/**
 * SRV-IMP5, review S9: a Word file with tracked changes imported through the real route
 * becomes a document whose content is the text as it was and whose review room holds the
 * changes as open suggestions by the importing user (the server's name for them, never one
 * from the file), the Word author kept as text. The content Y.Doc never gets the changes.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { listSuggestions } from '@perspektiv/review'
import { sectionNodes, yDocToJSON } from '@perspektiv/document'
import { PARAGRAPHS_BEFORE, paragraphChangesDocx, TRACKED_TEXT_BEFORE, trackedDocx } from '../../packages/legacy/src/testing/trackedDocx.js'
import { loadFromDisk, REPO_ROOT, sectionText } from './harness.js'
import { serverWorld } from './world.js'

const w = serverWorld(['anna'])
let docId: string

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
    expect(sectionText(content, 'arendet')).toBe(TRACKED_TEXT_BEFORE)
    const suggestions = listSuggestions(loadFromDisk(w.data.dir, docId, 'review'))
    expect(suggestions.map((s) => [s.anchor.quote, s.text, s.author, s.state, s.note, s.anchor.sectionKey])).toEqual([
      ['tjugofyra', 'tjugofem', { username: 'anna', name: expect.any(String) }, 'open', 'Förslag från Word: Rita Granskare', 'arendet'],
      [' och några till', '', { username: 'anna', name: expect.any(String) }, 'open', 'Förslag från Word: Alva Ek', 'arendet'],
      ['', ', trygghet', { username: 'anna', name: expect.any(String) }, 'open', 'Förslag från Word: Alva Ek', 'arendet'],
    ])
    const audit = await w.call('anna', 'GET', `/api/documents/${docId}/audit`)
    const created = (audit.body.entries as Array<{ action: string; actor: { username: string } | null }>).filter(
      (e) => e.action === 'review.suggestion.created',
    )
    expect(created.map((e) => e.actor?.username)).toEqual(['anna', 'anna', 'anna'])
  })

  it('[S9] the suggestions apply where Word had them: coverage and export read them, the content Y.Doc stays as imported', async () => {
    const before = Y.encodeStateVector(loadFromDisk(w.data.dir, docId))
    const res = await fetch(`${w.server.url}/api/documents/${docId}/export?format=docx&suggestions=tracked`, {
      headers: { Authorization: `Bearer ${w.t.anna}` },
    })
    expect(res.status).toBe(200)
    expect((await w.call('anna', 'GET', `/api/documents/${docId}/coverage?suggestions=accepted`)).status).toBe(200)
    expect(Y.encodeStateVector(loadFromDisk(w.data.dir, docId))).toEqual(before)
    expect(sectionText(loadFromDisk(w.data.dir, docId), 'arendet')).toBe(TRACKED_TEXT_BEFORE)
  })
})

const SUGGESTED = [
  ['tjugofyra', 'tjugofem', 'Förslag från Word: Rita Granskare'],
  [' och några till', '', 'Förslag från Word: Alva Ek'],
  ['', ', trygghet', 'Förslag från Word: Alva Ek'],
]

describe('what else reads a Word file with tracked changes (SRV-IMP2, SRV-IMP5)', () => {
  it("[SRV-IMP5] the preview shows the text as it was: no change in it, none of the reader's markers", async () => {
    const res = await fetch(`${w.server.url}/api/imports?templateId=remissvar&fileName=plan.docx`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.t.anna}`, 'content-type': 'application/octet-stream' },
      body: await trackedDocx(),
    })
    expect(res.status).toBe(200)
    const preview = (await res.json()) as { sections: Array<{ key: string; excerpt: string; words: number }> }
    const arendet = preview.sections.find((s) => s.key === 'arendet')!
    expect(arendet.excerpt).toBe(TRACKED_TEXT_BEFORE)
    expect(arendet.words).toBe(TRACKED_TEXT_BEFORE.split(' ').length)
  })
})

describe('Word changes across paragraphs (legacy L21, SRV-IMP6)', () => {
  const send = async (path: string) =>
    fetch(`${w.server.url}/api/${path}?templateId=remissvar&fileName=stycken.docx`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.t.anna}`, 'content-type': 'application/octet-stream' },
      body: await paragraphChangesDocx(),
    })

  it('[SRV-IMP6] the preview names the join and the split it could not make suggestions of', async () => {
    const res = await send('imports')
    expect(res.status).toBe(200)
    const { warnings } = (await res.json()) as { warnings: string[] }
    expect(warnings).toContain(
      'Word-ändring av Alva Ek: att stycket som slutar ”…åtgärder. Den gäller till 2030.” slås ihop med nästa blev inget ändringsförslag (ett ändringsförslag håller sig inom ett stycke); det som raderades i varje stycke är egna förslag.',
    )
    expect(warnings).toContain(
      'Word-ändring av Rita Granskare: en ny styckebrytning efter ”Skötseln sker på vintern.” blev inget ändringsförslag (ett ändringsförslag håller sig inom ett stycke); styckena är importerade som det ena de var.',
    )
  })

  it('[SRV-IMP6] the document has the paragraphs as they were; the deletion across a paragraph end is one suggestion per paragraph', async () => {
    const res = await send('imports/documents')
    expect(res.status).toBe(201)
    const id = ((await res.json()) as { id: string }).id
    const arendet = sectionNodes(yDocToJSON(loadFromDisk(w.data.dir, id))).find((n) => n.attrs?.key === 'arendet')!
    expect(arendet.content!.map((p) => (p.content ?? []).map((t) => t.text).join(''))).toEqual(PARAGRAPHS_BEFORE)
    const suggestions = listSuggestions(loadFromDisk(w.data.dir, id, 'review'))
    expect(suggestions.map((s) => [s.anchor.quote, s.text, s.note])).toEqual([
      [' Den gäller till 2030.', '', 'Förslag från Word: Alva Ek'],
      ['Belysningen byts ut', '', 'Förslag från Word: Alva Ek'],
      ['bänkar', 'soffor', 'Förslag från Word: Rita Granskare'],
    ])
  })
})

// Last: the CLI's seconds leave the test client's kept-alive socket to the server's idle timeout.
describe('`perspektiv import` of a Word file with tracked changes (review S9)', () => {
  it('[S9] `perspektiv import` makes the same document: the text as it was, the changes open suggestions by --author', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perspektiv-tracked-'))
    try {
      writeFileSync(join(dir, 'plan.docx'), await trackedDocx())
      const run = spawnSync(process.execPath, ['apps/cli/bin/perspektiv.mjs', 'import', join(dir, 'plan.docx'), '--author', 'anna'], {
        cwd: REPO_ROOT,
        env: { ...process.env, DATA_DIR: w.data.dir },
        encoding: 'utf8',
      })
      expect(run.status, run.stderr).toBe(0)
      expect(run.stderr).toContain('Obs: 3 ändringsförslag från Word finns under ”Ändringsförslag”.')
      const id = run.stdout.trim()
      expect(sectionText(loadFromDisk(w.data.dir, id), 'arendet')).toBe(TRACKED_TEXT_BEFORE)
      const suggestions = listSuggestions(loadFromDisk(w.data.dir, id, 'review'))
      expect(suggestions.map((s) => [s.anchor.quote, s.text, s.note])).toEqual(SUGGESTED)
      expect(suggestions.every((s) => s.author.username === 'anna' && s.state === 'open')).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
