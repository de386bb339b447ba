import { describe, expect, it } from 'vitest'
import { exportFileName } from './fileName.js'

describe('exportFileName (X-LAY-8)', () => {
  it('names the file "<dnr>-<title-slug>", transliterating Swedish letters and not repeating the template', () => {
    expect(exportFileName({ dnr: 'EÅV 2025/936', title: 'Remissvar – Pact of Free Cities' }, 'docx')).toBe('EAV-2025-936-remissvar-pact-of-free-cities.docx')
    expect(exportFileName({ dnr: 'SOF 2024/472', title: 'Ändrad öppettid för Älvsjö äldreboende' }, 'pdf')).toBe(
      'SOF-2024-472-andrad-oppettid-for-alvsjo-aldreboende.pdf',
    )
  })

  it('cannot traverse paths or smuggle separators, whatever the meta says', () => {
    const names = [
      exportFileName({ dnr: '../../etc/passwd', title: '..\\..\\windows\\system32' }, 'md'),
      exportFileName({ dnr: '/', title: '../../../.ssh/id_rsa' }, 'html'),
      exportFileName({ dnr: '', title: '\u0000<script>:*?"|' }, 'pdf'),
    ]
    for (const name of names) {
      expect(name).toMatch(/^[A-Za-z0-9-]+\.(md|html|pdf)$/)
      expect(name).not.toContain('..')
    }
    expect(names[2]).toBe('script.pdf')
  })

  it('caps the length at a word boundary and still names an untitled document', () => {
    const long = exportFileName({ dnr: 'KS 2023/1159', title: 'ord '.repeat(100) }, 'docx')
    expect(long.length).toBeLessThanOrEqual(100)
    expect(long).toMatch(/^KS-2023-1159-ord(-ord)+\.docx$/)
    expect(exportFileName({ dnr: '', title: '' }, 'md')).toBe('tjansteutlatande.md')
  })

  it('never takes an extension from outside the four formats', () => {
    expect(exportFileName({ dnr: '', title: 'x' }, 'exe' as never)).toBe('x.bin')
  })
})
