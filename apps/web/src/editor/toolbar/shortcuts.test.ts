import { describe, expect, it } from 'vitest'
import { ariaShortcut, nextFocus, shortcutLabel } from './shortcuts.js'
import { parseLinkInput } from './link.js'

describe('toolbar shortcuts and focus', () => {
  it('[T1] shows shortcuts with Swedish key names, and Mac symbols on a Mac', () => {
    expect(shortcutLabel('Mod-b', false)).toBe('Ctrl+B')
    expect(shortcutLabel('Mod-Shift-8', false)).toBe('Ctrl+Skift+8')
    expect(shortcutLabel('Mod-Alt-3', true)).toBe('⌘⌥3')
    expect(shortcutLabel('Shift-Tab', false)).toBe('Skift+Tab')
    expect(shortcutLabel('Mod-Backslash', false)).toBe('Ctrl+\\')
    expect(ariaShortcut('Mod-Shift-7', false)).toBe('Control+Shift+7')
    expect(ariaShortcut('Mod-k', true)).toBe('Meta+K')
  })

  it('[T1] arrow keys wrap around, Home and End go to the ends, other keys are left alone', () => {
    expect(nextFocus(0, 'ArrowRight', 4)).toBe(1)
    expect(nextFocus(3, 'ArrowRight', 4)).toBe(0)
    expect(nextFocus(0, 'ArrowLeft', 4)).toBe(3)
    expect(nextFocus(2, 'Home', 4)).toBe(0)
    expect(nextFocus(0, 'End', 4)).toBe(3)
    expect(nextFocus(1, 'a', 4)).toBeNull()
  })

  it('[T1] link addresses: https:// is added, e-mail becomes mailto:, unsafe or broken ones are refused in Swedish', () => {
    expect(parseLinkInput('start.stockholm')).toEqual({ ok: true, href: 'https://start.stockholm' })
    expect(parseLinkInput('registrator@stockholm.se')).toEqual({ ok: true, href: 'mailto:registrator@stockholm.se' })
    expect(parseLinkInput(' https://skr.se/ ')).toEqual({ ok: true, href: 'https://skr.se/' })
    expect(parseLinkInput('javascript:alert(1)')).toEqual({ ok: false, error: 'Adressen måste börja med https://, http:// eller mailto:.' })
    expect(parseLinkInput('')).toMatchObject({ ok: false })
    expect(parseLinkInput('stadens webbplats')).toEqual({ ok: false, error: 'En adress kan inte innehålla mellanslag.' })
    expect(parseLinkInput('intranat')).toEqual({ ok: false, error: 'Adressen saknar en domän, till exempel start.stockholm.' })
  })
})
