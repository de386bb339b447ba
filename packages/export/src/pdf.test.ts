import { beforeAll, describe, expect, it } from 'vitest'
import { exportPdf } from './pdf.js'
import { buildContent, fixtureBodies, fixtureInput, para, poppler, popplerRender, remissvarTemplate } from './testFixture.js'

function info(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(
    poppler('pdfinfo', bytes)
      .split('\n')
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, m[2]!.trim()]),
  )
}

/** The structure tree as poppler prints it: one element per line, indented by depth. */
function structTree(bytes: Uint8Array): string[] {
  return poppler('pdfinfo', bytes, ['-struct'])
    .split('\n')
    .filter((l) => l.trim().length > 0)
}

/** Renders one page (pdftoppm, PPM) and counts red-tinted pixels in its middle third. */
function tintedPixelsInMiddle(bytes: Uint8Array, page: number): number {
  const ppm = popplerRender(bytes, page)
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.toString('latin1', 0, 30))!
  const [width, height] = [Number(header[1]), Number(header[2])]
  const offset = header[0].length
  let count = 0
  for (let y = Math.floor(height / 3); y < Math.floor((2 * height) / 3); y++) {
    for (let x = 0; x < width; x++) {
      const i = offset + (y * width + x) * 3
      if (ppm[i]! - ppm[i + 1]! > 8) count++
    }
  }
  return count
}

describe('exportPdf', () => {
  let approved: Uint8Array
  let draft: Uint8Array
  beforeAll(async () => {
    approved = await exportPdf(fixtureInput({ status: 'godkand' }))
    draft = await exportPdf(fixtureInput({ status: 'utkast' }))
  })

  it('is a tagged PDF 1.7 with the document title', () => {
    const meta = info(approved)
    expect(meta.Tagged).toBe('yes')
    expect(meta['PDF version']).toBe('1.7')
    expect(meta.Title).toBe('Remiss av motion om att göra Stockholm till en stark aktör för frihet, humanism och global solidaritet')
    expect(meta.Subject).toBe('Tjänsteutlåtande – svar på remiss')
    // Catalog entries are not compressed: the language and "show the title, not the file name".
    const raw = Buffer.from(approved).toString('latin1')
    expect(raw).toContain('/Lang (sv-SE)')
    expect(raw).toMatch(/\/DisplayDocTitle true/)
  })

  it('embeds its fonts, and Swedish characters survive text extraction', () => {
    const fonts = poppler('pdffonts', approved).split('\n').slice(2).filter(Boolean)
    expect(fonts.length).toBeGreaterThan(0)
    for (const line of fonts) expect(line).toMatch(/\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/) // emb, sub
    const text = poppler('pdftotext', approved)
    for (const word of ['Enskede-Årsta-Vantörs', 'Äldreperspektiv', 'Östersjön', 'idé', 'Jämställdhetsanalys', 'Pilestål']) {
      expect(text).toContain(word)
    }
  })

  it('prints "Tjänsteutlåtande · Dnr … · Sida N (M)" on every page with the real page count', () => {
    const pages = Number(info(approved).Pages)
    expect(pages).toBeGreaterThanOrEqual(2)
    const perPage = poppler('pdftotext', approved).split('\f').filter((p) => p.trim())
    expect(perPage).toHaveLength(pages)
    perPage.forEach((page, i) => expect(page).toContain(`Tjänsteutlåtande · Dnr EÅV 2025/936 · Sida ${i + 1} (${pages})`))
  })

  it('tags headings, lists and the approval table in the structure tree', () => {
    const tree = structTree(approved)
    const tags = tree.map((l) => l.trim().split(/\s/)[0])
    expect(tags.filter((t) => t === 'H1')).toHaveLength(1)
    expect(tags.filter((t) => t === 'H2')).toHaveLength(11) // ten sections before the signatures + Bilagor
    for (const tag of ['Document', 'Sect', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD']) expect(tags).toContain(tag)
    expect(tags.filter((t) => t === 'TH')).toHaveLength(2)
    expect(tags.filter((t) => t === 'TR')).toHaveLength(3)

    const tagged = poppler('pdfinfo', approved, ['-struct-text'])
    expect(tagged).toContain('"Jämställdhetsanalys"')
    expect(tagged).toContain('"Anna Larsson, Avdelningschef"')
    // The running header is an artifact: in the page, not in the tagged content.
    expect(poppler('pdftotext', approved)).toContain('Sida 1 (')
    expect(tagged).not.toContain('Sida 1 (')
  })

  it('marks every page of a draft UTKAST (header and watermark, as artifacts) and never an approved one', () => {
    const pages = poppler('pdftotext', draft).split('\f').filter((p) => p.trim())
    expect(pages.length).toBeGreaterThanOrEqual(2)
    for (const page of pages) expect(page).toContain('UTKAST')
    // The diagonal watermark is not extracted as text: look for its tint in the middle of each page.
    pages.forEach((_, i) => {
      expect(tintedPixelsInMiddle(draft, i + 1), `page ${i + 1}`).toBeGreaterThan(500)
      expect(tintedPixelsInMiddle(approved, i + 1), `page ${i + 1}`).toBe(0)
    })
    expect(poppler('pdfinfo', draft, ['-struct-text'])).not.toContain('UTKAST')
    expect(poppler('pdftotext', approved)).not.toContain('UTKAST')
    expect(poppler('pdftotext', approved)).not.toMatch(/utkast/i)
  })

  it('counts pages correctly for a long document', async () => {
    const template = remissvarTemplate()
    const bodies = fixtureBodies(template)
    const sentence = 'Förvaltningen bedömer att förslaget behöver utredas vidare innan ett beslut kan fattas. '
    bodies.arendet = Array.from({ length: 60 }, (_, i) => para(`${i + 1}. ${sentence.repeat(4)}`))
    const bytes = await exportPdf({ ...fixtureInput(), content: buildContent(template, bodies, ['aldre']) })
    const pages = Number(info(bytes).Pages)
    expect(pages).toBeGreaterThan(5)
    const text = poppler('pdftotext', bytes)
    expect(text).toContain(`Sida ${pages} (${pages})`)
    expect(text).not.toContain(`Sida ${pages + 1} (`)
  })
})
