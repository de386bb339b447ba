/**
 * Issue #12, the provenance build of the y-tiptap patch: a repair moves my letters behind (or
 * before) the live copy of the character they were typed next to, when another author's split
 * or join took that character away without knowing my letters. When the author of the split
 * already had my letters and left them where they were, the split put them apart on purpose
 * and no repair may undo it (SPEC WEB-E4). Found in the browser: typing at a paragraph's start,
 * then Enter (or Shift+Enter) right after the typed words — the next remote edit pulled the
 * words over into the new paragraph.
 */
import { describe, expect, it } from 'vitest'
import { deliver, pair } from './yTiptapHarness.js'

describe('y-tiptap patch: a split made by an author who had my letters is kept', () => {
  it('my words typed at a paragraph start stay when I press Enter right after them and the other author types', () => {
    const [anna, erik] = pair(['Kvinnor reser.'])
    erik.caretAfter(0, 'reser.')
    anna.caretAfter(0, '')
    anna.type('Enligt: ')
    deliver(anna, erik)
    anna.enter()
    deliver(anna, erik)
    erik.type(' Slut.')
    deliver(erik, anna)
    expect(anna.paragraphs()).toEqual(['Enligt: ', 'Kvinnor reser. Slut.'])
    expect(erik.paragraphs()).toEqual(anna.paragraphs())
    anna.type('Kort')
    deliver(anna, erik)
    expect(erik.paragraphs()).toEqual(['Enligt: ', 'KortKvinnor reser. Slut.'])
  })

  it('my words typed at a paragraph start stay when the other author, who has them, presses Enter right after them', () => {
    const [anna, erik] = pair(['Kvinnor reser.'])
    anna.caretAfter(0, '')
    anna.type('Enligt: ')
    deliver(anna, erik)
    erik.caretAfter(0, 'Enligt: ')
    erik.enter()
    deliver(erik, anna)
    anna.type('enkäten ')
    deliver(anna, erik)
    expect(anna.paragraphs()).toEqual(['Enligt: enkäten ', 'Kvinnor reser.'])
    expect(erik.paragraphs()).toEqual(anna.paragraphs())
  })
})
