import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CONTENT_FRAGMENT } from '@perspektiv/document'
import { assertValidPdf, readPdf } from '@perspektiv/export/testing'
import { addMember, api, connect, connected, createDoc, waitFor } from './harness.js'
import { serverWorld } from './world.js'

const w = serverWorld(['anna', 'linn', 'olle'], {})
const { t } = w
let docId: string

beforeAll(async () => {
  docId = await createDoc(w.server.url, t.anna!, 'Svar på remiss om äldreomsorg')
  await addMember(w.server.url, t.anna!, docId, 'linn', 'reader')
  // An author types a sentence into Sammanfattning and sets the Dnr, through a stock provider.
  const client = connect(w.server.wsUrl, docId, t.anna!)
  await connected(client)
  const section = client.doc.getXmlFragment(CONTENT_FRAGMENT).toArray()[1] as Y.XmlElement
  const paragraph = section.toArray()[0] as Y.XmlElement
  client.doc.transact(() => {
    paragraph.insert(0, [new Y.XmlText('Förvaltningen välkomnar förslaget om trygghetsboenden.')])
    client.doc.getMap('meta').set('dnr', 'EÅV 2025/936')
    client.doc.getMap('meta').set('forvaltning', 'Enskede-Årsta-Vantörs stadsdelsförvaltning')
  })
  await waitFor(
    async () => (await api(w.server.url, 'GET', `/api/documents/${docId}`, { token: t.anna })).body.meta?.dnr === 'EÅV 2025/936',
    5_000,
    'dnr stored',
  )
  client.destroy()
})

async function download(format: string, token = t.linn) {
  const res = await fetch(`${w.server.url}/api/documents/${docId}/export?format=${format}`, { headers: { Authorization: `Bearer ${token}` } })
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) }
}

describe('export route', () => {
  it('any member (here a reader) downloads Markdown with the text typed live and a safe file name', async () => {
    const { res, bytes } = await download('md')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/markdown/)
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="EAV-2025-936-svar-pa-remiss-om-aldreomsorg\.md"/)
    const text = new TextDecoder().decode(bytes)
    expect(text).toContain('Förvaltningen välkomnar förslaget om trygghetsboenden.')
    expect(text).toContain('UTKAST')
  })

  it("DOCX and a valid PDF/UA + PDF/A with the Dnr, page numbers and the förvaltning's address (export X-PDF-1, X-LAY-1)", async () => {
    const docx = await download('docx')
    expect(docx.res.status).toBe(200)
    expect(docx.res.headers.get('content-disposition')).toMatch(/\.docx"/)
    expect(Buffer.from(docx.bytes.subarray(0, 2)).toString()).toBe('PK')

    const pdf = await download('pdf')
    expect(pdf.res.status).toBe(200)
    await assertValidPdf(pdf.bytes, 'the exported PDF')
    const read = await readPdf(pdf.bytes)
    expect(read.catalog.marked).toBe(true)
    const text = read.pages.map((p) => p.text).join('\n')
    expect(text).toContain('Dnr EÅV 2025/936')
    expect(text).toContain(`Sida 1 (${read.pageCount})`)
    // The server fills the header block from templates/organisation.yaml.
    expect(read.pages[0]!.text).toContain('Kungsklippan 6')
  })

  it('an unknown format is 400 naming the field; a non-member gets 403; no token 401', async () => {
    const bad = await download('exe')
    expect(bad.res.status).toBe(400)
    expect(new TextDecoder().decode(bad.bytes)).toContain('format')
    expect((await download('md', t.olle)).res.status).toBe(403)
    const anon = await fetch(`${w.server.url}/api/documents/${docId}/export?format=md`)
    expect(anon.status).toBe(401)
  })
})
