import { describe, expect, it } from 'vitest'
import { stripNonXmlChars, xmlSafeDeep, xmlSafeString } from './xmlSafe.js'
import { documentMetaSchema } from './meta.js'
import { createDocumentBodySchema } from './api.js'

describe('characters XML 1.0 cannot carry', () => {
  it('[M2] strips C0 controls except tab/LF/CR, lone surrogates, U+FFFE and U+FFFF', () => {
    expect(stripNonXmlChars('a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\uFFFEh\uFFFFi')).toBe('abcdefghi')
    expect(stripNonXmlChars('lone \uD800high and \uDC00low')).toBe('lone high and low')
    expect(stripNonXmlChars('reversed \uDC00\uD800 pair')).toBe('reversed  pair')
  })

  it('[M2] keeps everything else: tab, newlines, Swedish, emoji (a real surrogate pair), U+FFFD, private use', () => {
    const fine = 'Tab\there\nLF\r\nCR åäö ÅÄÖ é – “citat” 😀 \uFFFD \uF0B7 \u007F \u0085 \u{10FFFD}'
    expect(stripNonXmlChars(fine)).toBe(fine)
  })

  it('[M2] xmlSafeDeep cleans strings (values and keys) in nested data, returns clean data as the same objects', () => {
    const clean = { type: 'doc', content: [{ type: 'text', text: 'Förslag' }], when: new Date(0) }
    expect(xmlSafeDeep(clean)).toBe(clean)
    const dirty = { type: 'doc', content: [{ type: 'text', text: 'För\uFFFEslag' }, clean], 'k\uFFFF': 1, when: clean.when, n: null }
    const safe = xmlSafeDeep(dirty)
    expect(safe).toEqual({ type: 'doc', content: [{ type: 'text', text: 'Förslag' }, clean], k: 1, when: clean.when, n: null })
    expect(safe.content[1]).toBe(clean)
    expect(safe.when).toBe(clean.when)
    // The input itself is left alone.
    expect((dirty.content[0] as { text: string }).text).toBe('För\uFFFEslag')
  })

  it('[M2] the meta schema and the create body strip before trimming and length checks', () => {
    expect(documentMetaSchema.parse({ title: ' \uFFFFTitel\uFFFE ', subtitle: 'a\u0001b' })).toMatchObject({ title: 'Titel', subtitle: 'ab' })
    expect(createDocumentBodySchema.safeParse({ templateId: 'remissvar', title: '\uFFFE' }).success).toBe(false)
    expect(xmlSafeString().max(3).parse('ab\uFFFF\uFFFF\uFFFFc')).toBe('abc')
  })
})
