/**
 * `POST /api/imports` and `POST /api/imports/documents` (apps/server API.md "Import",
 * SPEC SRV-IMP1–4): a real server, real SQLite, the real example files and a Word file
 * generated with the `docx` package.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportPreview } from '@perspektiv/model'
import { tuDocx } from '../../packages/legacy/src/testing/docxFixture.js'
import { PASSWORD, REPO_ROOT, seedUsers, startTestServer, tempDataDir, type TestServer } from './harness.js'

const SOF = readFileSync(join(REPO_ROOT, 'tests/fixtures/examples/sof-2024-472-remissvar-mr-programmet.txt'))
const data = tempDataDir()
let server: TestServer
let token = ''

beforeAll(async () => {
  await seedUsers(data.dir, ['anna'])
  server = await startTestServer(data.dir)
  const res = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'anna', password: PASSWORD }),
  })
  token = ((await res.json()) as { token: string }).token
})
afterAll(async () => {
  await server?.close()
  data.remove()
})

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}, auth = true) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { ...(auth ? { authorization: `Bearer ${token}` } : {}), ...headers }, body })

describe('POST /api/imports', () => {
  it('SRV-IMP2: previews the SOF example: header fields, sections, the closing sentence, what is left over, coverage', async () => {
    const res = await post('/api/imports?fileName=sof.txt', SOF, { 'content-type': 'application/octet-stream' })
    expect(res.status).toBe(200)
    const preview = (await res.json()) as ImportPreview
    const field = (f: string) => preview.fields.find((x) => x.field === f)?.value
    expect(preview.title).toBe('Remiss av Stockholms stads program för de mänskliga rättigheterna')
    expect(field('dnr')).toBe('SOF 2024/472')
    expect(field('subtitle')).toContain('KS 2023/1159')
    expect(field('namnd')).toBe('Socialnämnden')
    expect(field('meetingDate')).toBe('2024-09-24')
    expect(field('date')).toBe('2024-08-26')
    expect(field('signatories[1]')).toBe('Lina Blombergsson, Avdelningschef, Socialförvaltningen')
    expect(preview.missingFields).toContain('Telefon')
    const section = (k: string) => preview.sections.find((s) => s.key === k)!
    expect(section('avslutning').excerpt).toMatch(/^Socialförvaltningen föreslår att socialnämnden godkänner/)
    expect(section('bilagor').lists).toBe(1)
    expect(section('arendet').lists).toBeGreaterThanOrEqual(3)
    expect(section('jamstalldhet').words).toBe(0)
    expect(preview.coverage.perspectives.map((p) => p.status)).toEqual(Array(5).fill('missing'))
    expect(JSON.stringify(preview)).not.toMatch(/\uf0b7/u)
  })

  it('SRV-IMP1: authenticated only; an unreadable file and a file over the limit are refused with a message naming them', async () => {
    expect((await post('/api/imports?fileName=sof.txt', SOF, {}, false)).status).toBe(401)
    const bad = await post('/api/imports?fileName=trasig.docx', 'inte en zip', { 'content-type': 'application/octet-stream' })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe('trasig.docx: filen är inte ett Word-dokument (.docx).')
    const type = await post('/api/imports?fileName=bild.png', 'x')
    expect(((await type.json()) as { error: { message: string } }).error.message).toMatch(/filtypen ".png" stöds inte/)
    const big = await post('/api/imports?fileName=stor.txt', new Uint8Array(11 * 1024 * 1024).fill(65))
    expect(big.status).toBe(413)
    // The server keeps serving.
    expect((await post('/api/imports?fileName=sof.txt', SOF)).status).toBe(200)
  })
})

describe('POST /api/imports/documents', () => {
  it('SRV-IMP3: the server creates the document from a multipart Word upload, header and lists filled', async () => {
    const form = new FormData()
    form.set('file', new Blob([await tuDocx()]), 'forskoleplan.docx')
    const res = await post('/api/imports/documents?templateId=remissvar', form)
    expect(res.status).toBe(201)
    const detail = (await res.json()) as { id: string; title: string; meta: Record<string, unknown>; role: string }
    expect(detail.role).toBe('author')
    expect(detail.title).toBe('Remiss om ny förskoleplan')
    expect(detail.meta).toMatchObject({ dnr: 'HÄ 2025/118', namnd: 'Hägersten-Älvsjö stadsdelsnämnd', deadline: '2025-04-30' })
    const md = await (await fetch(`${server.url}/api/documents/${detail.id}/export?format=md`, { headers: { authorization: `Bearer ${token}` } })).text()
    expect(md).toMatch(/^1\. Stadsdelsnämnden godkänner/m)
    expect(md).toMatch(/^- fler legitimerade förskollärare$/m)
    expect(md).toMatch(/^2\. Utbildningsnämndens remissbrev$/m)
    expect(md).toContain('Förvaltningen föreslår att stadsdelsnämnden godkänner')
    // The Word table is a table in the document (its structure, not one paragraph per cell).
    const content = (await (
      await fetch(`${server.url}/api/documents/${detail.id}/versions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ label: 'Importerad' }),
      })
    ).json()) as { version: { id: number } }
    const version = (await (
      await fetch(`${server.url}/api/documents/${detail.id}/versions/${content.version.id}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { content: unknown }
    const json = JSON.stringify(version.content)
    expect(json).toContain('"type":"table"')
    expect(json).toMatch(/"tableHeader".*"Kön".*"tableCell".*"Flickor".*"49 %"/)
  })
})
