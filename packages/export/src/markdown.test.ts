import { describe, expect, it } from 'vitest'
import { exportMarkdown, escapeMarkdown } from './markdown.js'
import { fixtureInput } from './testFixture.js'

describe('exportMarkdown', () => {
  it('renders the fixture TU as Markdown (snapshot)', async () => {
    await expect(exportMarkdown(fixtureInput())).toMatchFileSnapshot('./__snapshots__/remissvar-godkand.md')
  })

  it('has one # title, ## sections, numbered decisions and the approval table', () => {
    const md = exportMarkdown(fixtureInput())
    expect(md.match(/^# /gm)).toHaveLength(1)
    expect(md).toContain('\n## Äldreperspektiv\n\n**Bedöms ej relevant.** Remissvaret')
    expect(md).toContain('## Förvaltningens förslag till beslut\n\n1. Enskede-Årsta-Vantörs stadsdelsnämnd godkänner')
    expect(md).toContain(
      'Detta dokument har godkänts digitalt av följande personer:\n\n| Namn | Datum |\n| --- | --- |\n| Anna Larsson, Avdelningschef | 2025-11-26 |\n| Anders Carstorp, Stadsdelsdirektör | 2025-11-27 |\n',
    )
    expect(md).not.toContain('UTKAST')
    expect(exportMarkdown(fixtureInput({ status: 'utkast' }))).toMatch(/^> \*\*UTKAST\*\*/)
  })

  it('escapes Markdown and HTML in meta so nothing in it takes effect', () => {
    const md = exportMarkdown(
      fixtureInput({
        meta: {
          title: '<script>alert(1)</script>',
          subtitle: '**fet** [länk](javascript:alert(1)) _kursiv_ `kod`',
          namnd: '# Rubrik',
          handlaggare: { name: '- lista', phone: '08-1' },
          avdelning: '1. numrerad',
          signatories: [{ name: 'A | B', title: '> citat', forvaltning: '&lt;x&gt;' }],
        },
      }),
    )
    expect(md).toContain('# \\<script\\>alert(1)\\</script\\>\n')
    expect(md).not.toMatch(/(^|[^\\])<script/)
    expect(md).toContain('\\*\\*fet\\*\\* \\[länk\\](javascript:alert(1)) \\_kursiv\\_ \\`kod\\`')
    expect(md).toContain('\\# Rubrik')
    expect(md).toContain('\\- lista')
    expect(md).toContain('1\\. numrerad')
    expect(md).toContain('A \\| B')
    expect(md).toContain('\\> citat')
    expect(md).toContain('\\&lt;x\\&gt;')
  })

  it('leaves ordinary Swedish text readable', () => {
    expect(escapeMarkdown('Dnr EÅV 2025/936, möte 2026-01-22 (KS) & övrigt.')).toBe('Dnr EÅV 2025/936, möte 2026-01-22 (KS) & övrigt.')
  })
})
