import { beforeAll, describe, expect, it } from 'vitest'
import { exportDocument, CONTENT_TYPES, type ExportedFile } from './exportDocument.js'
import { ExportError, type ExportFormat } from './input.js'
import { buildContent, CLOSING_SENTENCE, exportedText, fixtureBodies, fixtureInput, NOT_RELEVANT_MOTIVATION, para, remissvarTemplate } from './testFixture.js'
import { assertValidPdf, readPdf, walk } from './testing/index.js'

const FORMATS: ExportFormat[] = ['docx', 'pdf', 'html', 'md']

describe('exportDocument', () => {
  const approved = new Map<ExportFormat, string>()
  const drafts = new Map<ExportFormat, string>()
  const files = new Map<ExportFormat, ExportedFile>()
  beforeAll(async () => {
    for (const format of FORMATS) {
      const file = await exportDocument(fixtureInput({ status: 'godkand' }), format)
      const draft = await exportDocument(fixtureInput({ status: 'utkast' }), format)
      if (format === 'pdf') for (const f of [file, draft]) await assertValidPdf(f.bytes)
      files.set(format, file)
      approved.set(format, await exportedText(format, file.bytes))
      drafts.set(format, await exportedText(format, draft.bytes))
    }
  })

  it('X-LAY-8: returns the bytes with content type and a file name "<dnr>-<title-slug>.<ext>"', () => {
    for (const format of FORMATS) {
      const file = files.get(format)!
      expect(file.contentType).toBe(CONTENT_TYPES[format])
      expect(file.fileName).toBe(`EAV-2025-936-remiss-av-motion-om-att-gora-stockholm-till-en-stark-aktor.${format}`)
      expect(file.bytes.byteLength).toBeGreaterThan(1000)
    }
    expect(Buffer.from(files.get('pdf')!.bytes.subarray(0, 5)).toString()).toBe('%PDF-')
    expect(Buffer.from(files.get('docx')!.bytes.subarray(0, 2)).toString()).toBe('PK')
  })

  it.each(FORMATS)('%s: never exports placeholders or guiding questions', (format) => {
    const text = approved.get(format)!
    for (const section of remissvarTemplate().sections) {
      for (const guidance of [section.placeholder, section.help, ...(section.guidingQuestions ?? [])]) {
        if (guidance) expect(text, `${section.key}: ${guidance}`).not.toContain(guidance.replace(/\s+/g, ' '))
      }
    }
  })

  it.each(FORMATS)('%s: prints the not-relevant motivation and leaves out the empty optional section', (format) => {
    const text = approved.get(format)!
    expect(text).toContain('Äldreperspektiv')
    expect(text).toContain('Bedöms ej relevant.')
    expect(text).toContain(NOT_RELEVANT_MOTIVATION.slice(0, 60))
    expect(text).not.toMatch(/\bBakgrund\b/)
  })

  it.each(FORMATS)('%s: marks drafts UTKAST and approved documents never', (format) => {
    expect(drafts.get(format)).toContain('UTKAST')
    expect(approved.get(format)).not.toContain('UTKAST')
    expect(approved.get(format)).toContain('Detta dokument har godkänts digitalt av följande personer')
    expect(drafts.get(format)).not.toContain('Detta dokument har godkänts digitalt')
  })

  it.each(FORMATS)('%s: keeps the Dnr and Swedish characters', (format) => {
    const text = approved.get(format)!
    expect(text).toContain('Dnr EÅV 2025/936')
    for (const word of ['Årsta', 'Äldreperspektiv', 'Östersjön', 'idé', 'Pilestål']) expect(text).toContain(word)
  })

  it.each(FORMATS)('%s: X-LAY-5 prints the closing sentence once, after the perspectives and before the signatures', (format) => {
    const text = approved.get(format)!
    const at = text.indexOf(CLOSING_SENTENCE)
    expect(at).toBeGreaterThan(text.indexOf('Klimat och miljö'))
    expect(at).toBeLessThan(text.indexOf('Anders Carstorp'))
    expect(text.indexOf(CLOSING_SENTENCE, at + 1)).toBe(-1)
  })

  it('refuses an unknown format and a malformed input, naming what is wrong', async () => {
    await expect(exportDocument(fixtureInput(), 'rtf')).rejects.toThrow(new ExportError('format: must be one of docx, pdf, html, md (got "rtf")'))
    await expect(exportDocument({ ...fixtureInput(), status: 'klar' as never }, 'md')).rejects.toThrow(/^status: /)
    await expect(exportDocument({ ...fixtureInput(), approvals: [{ name: 'A', title: 'B', approvedAt: 'igår' }] }, 'md')).rejects.toThrow(
      'approvals.0.approvedAt: must be an ISO 8601 date-time',
    )
    await expect(exportDocument({ ...fixtureInput(), content: { type: 'paragraph' } }, 'md')).rejects.toThrow(/^content: /)
  })
})

describe('exportDocument with rich content', () => {
  const template = remissvarTemplate()
  const bodies = fixtureBodies(template)
  bodies.arendet = [
    { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Motionens förslag' }] },
    para('Första raden', { type: 'hardBreak' }, 'andra raden efter radbrytning'),
    {
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          content: [para('Yttre punkt'), { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [para('Inre punkt tre')] }] }],
        },
      ],
    },
    { type: 'blockquote', content: [para('Citat ur motionen om frihet och humanism.')] },
    { type: 'heading', attrs: { level: 4 }, content: [{ type: 'text', text: 'Delrubrik fyra' }] },
  ]
  const input = () => ({ ...fixtureInput(), content: buildContent(template, bodies, ['aldre']) })

  it.each(FORMATS)('%s: keeps sub-headings, line breaks, nested lists and quotes', async (format) => {
    const text = await exportedText(format, (await exportDocument(input(), format)).bytes)
    for (const expected of [
      'Motionens förslag',
      'Första raden',
      'andra raden efter radbrytning',
      'Yttre punkt',
      'Inre punkt tre',
      'Citat ur motionen',
      'Delrubrik fyra',
    ]) {
      expect(text).toContain(expected)
    }
  })

  it('nests the inner list inside the outer list item in the PDF structure tree, and numbers it from 3', async () => {
    const bytes = (await exportDocument(input(), 'pdf')).bytes
    await assertValidPdf(bytes)
    const pdf = await readPdf(bytes)
    const all = walk(pdf.structure)
    const nested = all.filter((e) => e.role === 'LBody').flatMap((body) => body.children.filter((c) => c.role === 'L'))
    expect(nested).toHaveLength(1)
    expect(nested[0]!.text).toMatch(/3\.\s*Inre punkt tre/)
    const roles = all.map((e) => e.role)
    for (const role of ['H3', 'H4', 'BlockQuote']) expect(roles).toContain(role)
    expect(pdf.pages.map((p) => p.text).join('\n')).toMatch(/3\.\s+Inre punkt tre/)
  })
})
