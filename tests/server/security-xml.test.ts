/**
 * Issue 22 item 7: characters XML 1.0 cannot carry (U+FFFE, U+FFFF, C0 controls) made the
 * DOCX unopenable. They are stripped where text comes in (API bodies, meta, import) and
 * where it goes out (every export, for text typed into the Y.Doc by a client). Every part
 * of the DOCX is read with a strict, conformant XML parser (saxes).
 */
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import JSZip from 'jszip'
import { SaxesParser } from 'saxes'
import { CONTENT_FRAGMENT, nodeText, sectionNodes, yDocToJSON } from '@perspektiv/document'
import { assertValidPdf } from '@perspektiv/export/testing'
import { api, connect, connected, loadFromDisk, REPO_ROOT, seedUsers, signIn, startTestServer, tempDataDir, waitFor, type TestServer } from './harness.js'

/** Not allowed anywhere in XML 1.0, not even as character references. */
const NON_XML = '\uFFFE\uFFFF\u0001\u0008\u000B\u001B'
const HAS_NON_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/

let data: ReturnType<typeof tempDataDir>
let server: TestServer
let anna: string

beforeAll(async () => {
  data = tempDataDir()
  await seedUsers(data.dir, ['anna'])
  server = await startTestServer(data.dir)
  anna = await signIn(server.url, 'anna')
})
afterAll(async () => {
  await server?.close()
  data?.remove()
})

/** Every XML part of a DOCX, parsed strictly: the errors, and the text of word/document.xml. */
async function readDocx(bytes: Uint8Array): Promise<{ errors: string[]; parts: number; bodyText: string; coreXml: string }> {
  const zip = await JSZip.loadAsync(bytes)
  const errors: string[] = []
  let parts = 0
  let bodyText = ''
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir || !/\.(xml|rels)$/.test(name)) continue
    parts++
    const xml = await entry.async('string')
    const parser = new SaxesParser()
    parser.on('error', (err) => errors.push(`${name}: ${err.message}`))
    if (name === 'word/document.xml') parser.on('text', (t) => (bodyText += t))
    parser.write(xml).close()
  }
  const coreXml = (await zip.file('docProps/core.xml')?.async('string')) ?? ''
  return { errors, parts, bodyText, coreXml }
}

async function exportAs(id: string, format: string): Promise<Uint8Array> {
  const res = await fetch(`${server.url}/api/documents/${id}/export?format=${format}`, { headers: { Authorization: `Bearer ${anna}` } })
  expect(res.status, format).toBe(200)
  return new Uint8Array(await res.arrayBuffer())
}

describe('characters XML cannot carry', () => {
  it('the strict parser used here does refuse them (so the assertions below can fail)', () => {
    const errors: string[] = []
    const parser = new SaxesParser()
    parser.on('error', (err) => errors.push(err.message))
    parser.write(`<t>Bygglov\uFFFE\uFFFF</t>`).close()
    expect(errors.length).toBeGreaterThan(0)
  })

  it('a title and meta fields holding them are accepted without them through the API', async () => {
    const res = await api(server.url, 'POST', '/api/documents', {
      token: anna,
      body: {
        templateId: 'remissvar',
        title: `Bygglov${NON_XML} för förskola`,
        meta: { subtitle: `Under${NON_XML}rubrik`, handlaggare: { name: `Anna\u0007 Andersson`, phone: '08-123\uFFFF 45' } },
      },
    })
    expect(res.status).toBe(201)
    const doc = await api(server.url, 'GET', `/api/documents/${res.body.id}`, { token: anna })
    expect(doc.body.title).toBe('Bygglov för förskola')
    expect(doc.body.meta).toMatchObject({ title: 'Bygglov för förskola', subtitle: 'Underrubrik', handlaggare: { name: 'Anna Andersson', phone: '08-123 45' } })

    const docx = await readDocx(await exportAs(res.body.id, 'docx'))
    expect(docx.parts).toBeGreaterThan(3)
    expect(docx.errors).toEqual([])
    expect(docx.bodyText).toContain('Bygglov för förskola')
    expect(docx.coreXml).toContain('Bygglov för förskola')
  })

  it('a version label holding them is stored without them', async () => {
    const created = await api(server.url, 'POST', '/api/documents', { token: anna, body: { templateId: 'remissvar', title: 'Versioner' } })
    const res = await api(server.url, 'POST', `/api/documents/${created.body.id}/versions`, { token: anna, body: { label: `Före${NON_XML} mötet` } })
    expect(res.status).toBe(201)
    expect(res.body.version.label).toBe('Före mötet')
  })

  it('a title of nothing but them is refused as empty, naming the field', async () => {
    const res = await api(server.url, 'POST', '/api/documents', { token: anna, body: { templateId: 'remissvar', title: '\uFFFE\uFFFF' } })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body.error)).toContain('title')
  })

  it('text a client writes into the Y.Doc (content and meta) holding them: every export strips them', async () => {
    const created = await api(server.url, 'POST', '/api/documents', { token: anna, body: { templateId: 'remissvar', title: 'Ren titel' } })
    const id = created.body.id as string
    const client = connect(server.wsUrl, id, anna)
    try {
      await connected(client)
      // A stock client bypasses the web app's form: what it writes is stored as sent.
      const section = client.doc.getXmlFragment(CONTENT_FRAGMENT).toArray()[1] as Y.XmlElement
      const paragraph = section.toArray()[0] as Y.XmlElement
      client.doc.transact(() => {
        paragraph.insert(0, [new Y.XmlText(`Förvaltningen${NON_XML} tillstyrker förslaget.`)])
        client.doc.getMap('meta').set('title', `Titel med\uFFFF fel`)
        client.doc.getMap('meta').set('signatories', [{ name: `Stina\uFFFE Ström`, title: 'Chef\u0001', forvaltning: '' }])
      })
      await waitFor(
        async () => (await api(server.url, 'GET', `/api/documents/${id}`, { token: anna })).body.meta?.title === 'Titel med fel',
        5_000,
        'meta stored',
      )
    } finally {
      client.destroy()
    }

    const docx = await readDocx(await exportAs(id, 'docx'))
    expect(docx.errors).toEqual([])
    expect(docx.bodyText).toContain('Förvaltningen tillstyrker förslaget.')
    expect(docx.bodyText).toContain('Stina Ström')
    expect(docx.coreXml).toContain('Titel med fel')
    for (const format of ['html', 'md']) {
      const text = new TextDecoder().decode(await exportAs(id, format))
      expect(text, format).toContain('Förvaltningen tillstyrker förslaget.')
      expect(text, format).not.toMatch(HAS_NON_XML)
    }
    // Export X-PDF-5: the PDF stays valid PDF/UA + PDF/A (well-formed XMP) with such a title.
    await assertValidPdf(await exportAs(id, 'pdf'), 'the PDF of a document typed with non-XML characters')
  })

  it('perspektiv import and users add: a legacy file, a title, a name holding them are stored without them', async () => {
    const file = join(data.dir, 'gammalt.txt')
    writeFileSync(file, `Sammanfattning\n\nFörvaltningen${NON_XML} föreslår att nämnden godkänner svaret.\n`)
    const run = spawnSync(process.execPath, ['apps/cli/bin/perspektiv.mjs', 'import', file, '--author', 'anna', '--title', `Import\uFFFE titel`], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: data.dir },
      encoding: 'utf8',
    })
    const users = spawnSync(
      process.execPath,
      ['apps/cli/bin/perspektiv.mjs', 'users', 'add', 'stina', '--name', `Stina\uFFFE Ström`, '--title', `Chef\uFFFF`],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, DATA_DIR: data.dir },
        input: 'ett långt lösenord\n',
        encoding: 'utf8',
      },
    )
    expect(users.status).toBe(0)
    expect(users.stdout).toContain('Stina Ström')
    expect(run.stderr).not.toMatch(/Error/)
    expect(run.status).toBe(0)
    const id = run.stdout.trim()
    const ydoc = loadFromDisk(data.dir, id)
    try {
      const texts = sectionNodes(yDocToJSON(ydoc)).map(nodeText).join('\n')
      expect(texts).toContain('Förvaltningen föreslår att nämnden godkänner svaret.')
      expect(texts).not.toMatch(HAS_NON_XML)
      expect(ydoc.getMap('meta').toJSON().title).toBe('Import titel')
    } finally {
      ydoc.destroy()
    }
  }, 60_000)
})
