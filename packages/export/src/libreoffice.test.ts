// X-DOCX-6: the DOCX round trip through LibreOffice (Debian's libreoffice-writer-nogui, which
// .ci/run installs): converted headless to a tagged PDF, it opens, its headings are headings,
// "Sida N (M)" is right on every page, the signatures share a page with the closing sentence,
// and it breaks pages where our own PDF does.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportDocx } from './docx.js'
import { renderPdf } from './pdf.js'
import { CLOSING_SENTENCE, fixtureInput, META } from './testFixture.js'
import { assertValidPdf, readPdf, walk, type PdfFile } from './testing/index.js'

function findSoffice(): string | null {
  for (const name of [process.env.SOFFICE, 'soffice', 'libreoffice'].filter(Boolean) as string[]) {
    const found = spawnSync('sh', ['-c', `command -v "${name}"`], { encoding: 'utf8' }).stdout.trim()
    if (found) return found
  }
  return null
}

const soffice = findSoffice()
if (!soffice) {
  // Never silent: the run says what was not checked and how to get it checked.
  console.warn(
    '\n[export] NOTICE: LibreOffice (soffice) not found — the DOCX round-trip test (X-DOCX-6) is SKIPPED.\n' +
      '         Install it with: apt-get install -y libreoffice-writer-nogui   (or set SOFFICE=/path/to/soffice)\n',
  )
}

/** DOCX → tagged PDF with LibreOffice headless, in a private profile so parallel runs do not collide. */
function convert(docx: Uint8Array, dir: string): Uint8Array {
  const input = join(dir, 'tu.docx')
  writeFileSync(input, docx)
  const filter = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
  execFileSync(
    soffice!,
    [`-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', dir, input],
    {
      stdio: 'pipe',
      timeout: 150_000,
    },
  )
  const output = join(dir, 'tu.pdf')
  if (!existsSync(output)) throw new Error('LibreOffice wrote no PDF: it could not open the DOCX')
  return new Uint8Array(readFileSync(output))
}

/** Heading texts by page (0-based), from the structure tree. */
function headingsByPage(pdf: PdfFile, role: string): string[][] {
  const pages: string[][] = Array.from({ length: pdf.pageCount }, () => [])
  for (const el of walk(pdf.structure).filter((e) => e.role === role)) {
    const page = el.content[0]?.page ?? -1
    if (page >= 0) pages[page]!.push(el.text.replace(/\s+/g, ' ').trim())
  }
  return pages
}

describe.skipIf(!soffice)('DOCX opened by LibreOffice (X-DOCX-6)', () => {
  let dir: string
  let office: PdfFile
  let ours: PdfFile
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'perspektiv-lo-'))
    const input = fixtureInput({ status: 'godkand' })
    office = await readPdf(convert(await exportDocx(input), dir))
    const own = (await renderPdf(input)).bytes
    await assertValidPdf(own)
    ours = await readPdf(own)
  }, 180_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('opens and keeps every heading a heading (H1 title, H2 sections)', () => {
    expect(office.pageCount).toBeGreaterThan(0)
    const h1 = headingsByPage(office, 'H1').flat()
    const h2 = headingsByPage(office, 'H2').flat()
    expect(h1).toEqual([META.title])
    expect(h2).toEqual(headingsByPage(ours, 'H2').flat())
    expect(h2).toHaveLength(11)
  })

  it('prints "Sida N (M)" right on every page, and the title from page 2', () => {
    office.pages.forEach((page, i) => {
      expect(page.text).toContain(`Sida ${i + 1} (${office.pageCount})`)
      if (i > 0) expect(page.text.replace(/\s+/g, ' ')).toContain(META.title)
    })
  })

  it('keeps the signatures on the page of the closing sentence', () => {
    const names = META.signatories.map((s) => s.name)
    const page = office.pages.find((p) => p.text.includes(names[0]!))!
    for (const name of names) expect(page.text).toContain(name)
    expect(page.text.replace(/\s+/g, ' ')).toContain(CLOSING_SENTENCE.slice(0, 50))
  })

  it('breaks pages where our PDF does: the same sections start on the same pages', () => {
    expect(office.pageCount).toBe(ours.pageCount)
    expect(headingsByPage(office, 'H2')).toEqual(headingsByPage(ours, 'H2'))
  })
})
