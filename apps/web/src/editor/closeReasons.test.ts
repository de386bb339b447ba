import { describe, expect, it } from 'vitest'
import { closeReasonText } from './closeReasons.js'

describe('closeReasonText', () => {
  it('explains a quota close (4413) in Swedish, naming the part of the document', () => {
    expect(closeReasonText(4413, 'content')).toContain('storleksgräns')
    expect(closeReasonText(4413, 'content')).toContain('texten')
    expect(closeReasonText(4413, 'review')).toContain('kommentarerna')
  })

  it('tells apart a revoked role, a flood and anything else', () => {
    expect(closeReasonText(1008, 'content')).toContain('behörighet')
    expect(closeReasonText(4429, 'content')).toContain('för många förfrågningar')
    expect(closeReasonText(4400, 'review')).toBe('Servern stängde anslutningen. Ladda om sidan.')
  })
})
