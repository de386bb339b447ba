import { describe, expect, it } from 'vitest'
import { toBlocks } from './blocks.js'
import { markdownLines, textLines } from './lines.js'

describe('[L16] blocks', () => {
  it('Markdown lists keep their kind: "-" bulleted, "1." numbered', () => {
    expect(toBlocks(markdownLines('Inledning:\n\n- ett\n- två\n\n1. första\n2. andra\n'))).toEqual([
      { type: 'paragraph', text: 'Inledning:' },
      { type: 'list', ordered: false, items: ['ett', 'två'] },
      { type: 'list', ordered: true, items: ['första', 'andra'] },
    ])
  })

  it('[L18] PDF text: a Symbol bullet opens an item, a lower-case line after a blank line continues it, a hyphenated word is joined', () => {
    const text =
      'Handlingsplaner för:\n\n\uf0b7 Att motverka rasism\n\uf0b7 Lika rättigheter oavsett sexuell läggning,\n\nkönsidentitet och könsuttryck\n\nDärför kommer MR-\nprogrammet att följas upp.'
    expect(toBlocks(textLines(text))).toEqual([
      { type: 'paragraph', text: 'Handlingsplaner för:' },
      { type: 'list', ordered: false, items: ['Att motverka rasism', 'Lika rättigheter oavsett sexuell läggning, könsidentitet och könsuttryck'] },
      { type: 'paragraph', text: 'Därför kommer MR-programmet att följas upp.' },
    ])
  })
})
