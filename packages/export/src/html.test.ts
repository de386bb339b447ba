import { describe, expect, it } from 'vitest'
import { exportHtml } from './html.js'
import { fixtureInput } from './testFixture.js'

describe('exportHtml', () => {
  it('renders the fixture TU as semantic HTML (snapshot)', async () => {
    await expect(exportHtml(fixtureInput())).toMatchFileSnapshot('./__snapshots__/remissvar-godkand.html')
  })

  it('is Swedish, with header, main, one h1, h2 per section and a table with column headers', () => {
    const html = exportHtml(fixtureInput())
    expect(html).toMatch(/^<!doctype html>\n<html lang="sv">/)
    expect(html.match(/<header>/g)).toHaveLength(1)
    expect(html.match(/<main>/g)).toHaveLength(1)
    expect(html.match(/<h1>/g)).toHaveLength(1)
    expect([...html.matchAll(/<h2 id="[^"]+">([^<]*)<\/h2>/g)].map((m) => m[1])).toContain('Klimat och miljö')
    expect(html).toContain('<th scope="col">Namn</th><th scope="col">Datum</th>')
    expect(html).toContain('<tr><td>Anna Larsson, Avdelningschef</td><td>2025-11-26</td></tr>')
    expect(html).toContain('<a href="https://start.stockholm/">stadens webbplats</a>')
    expect(html).not.toContain('UTKAST')
  })

  it('shows UTKAST on drafts', () => {
    expect(exportHtml(fixtureInput({ status: 'utkast' }))).toContain('<p class="draft" role="note">UTKAST</p>')
    expect(exportHtml(fixtureInput({ status: 'utkast' }))).toMatch(/<title>[^<]*UTKAST<\/title>/)
  })

  it('escapes markup in every meta field', () => {
    const html = exportHtml(
      fixtureInput({
        meta: {
          title: '<script>alert(1)</script>',
          subtitle: '<img src=x onerror=alert(2)>',
          namnd: '"><svg onload=alert(3)>',
          handlaggare: { name: "O'Brien & <b>Co</b>", phone: '08-1' },
          signatories: [{ name: '<iframe src="javascript:alert(4)">', title: 'Direktör', forvaltning: '' }],
        },
      }),
    )
    expect(html).not.toMatch(/<script>alert|<img|<svg|<iframe|<b>Co/)
    expect(html).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>')
    expect(html).toContain('&quot;&gt;&lt;svg onload=alert(3)&gt;')
    expect(html).toContain('<meta name="author" content="O&#39;Brien &amp; &lt;b&gt;Co&lt;/b&gt;">')
  })
})
