import { describe, expect, it } from 'vitest'
import { exportFileName } from './fileName.js'

describe('exportFileName', () => {
  it('names the file after Dnr, template and title, transliterating Swedish letters', () => {
    expect(exportFileName({ dnr: 'EÅV 2025/936', title: 'Pact of Free Cities – svar på remiss' }, 'remissvar', 'docx')).toBe(
      'EAV-2025-936-remissvar-pact-of-free-cities-svar-pa-remiss.docx',
    )
    expect(exportFileName({ dnr: 'SOF 2024/472', title: 'Ändrad öppettid för Älvsjö äldreboende' }, 'beslut', 'pdf')).toBe(
      'SOF-2024-472-beslut-andrad-oppettid-for-alvsjo-aldreboende.pdf',
    )
  })

  it('cannot traverse paths or smuggle separators, whatever the meta says', () => {
    const names = [
      exportFileName({ dnr: '../../etc/passwd', title: '..\\..\\windows\\system32' }, 'remissvar', 'md'),
      exportFileName({ dnr: '/', title: '../../../.ssh/id_rsa' }, '../x', 'html'),
      exportFileName({ dnr: '', title: '\u0000<script>:*?"|' }, 'remissvar', 'pdf'),
    ]
    for (const name of names) {
      expect(name).toMatch(/^[A-Za-z0-9-]+\.(md|html|pdf)$/)
      expect(name).not.toContain('..')
    }
    expect(names[2]).toBe('remissvar-script.pdf')
  })

  it('caps the length at a word boundary and still names an untitled document', () => {
    const long = exportFileName({ dnr: 'KS 2023/1159', title: 'ord '.repeat(100) }, 'remissvar', 'docx')
    expect(long.length).toBeLessThanOrEqual(100)
    expect(long).toMatch(/^KS-2023-1159-remissvar-ord(-ord)+\.docx$/)
    expect(exportFileName({ dnr: '', title: '' }, '', 'md')).toBe('tjansteutlatande.md')
  })

  it('never takes an extension from outside the four formats', () => {
    expect(exportFileName({ dnr: '', title: 'x' }, 'remissvar', 'exe' as never)).toBe('remissvar-x.bin')
  })
})
