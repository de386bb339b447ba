// Reading the inline styles of clipboard HTML (Word, LibreOffice, Google Docs): only what
// carries meaning survives — bold, italic, underline, Symbol-font bullets, Word's list data.
import { mapPrivateUse } from '@perspektiv/document'

/** `style="a: b; c: d"` → { a: 'b', c: 'd' } (property names lower-case). */
export function styleMap(el: Element): Map<string, string> {
  const out = new Map<string, string>()
  for (const part of (el.getAttribute('style') ?? '').split(';')) {
    const i = part.indexOf(':')
    if (i < 0) continue
    out.set(
      part.slice(0, i).trim().toLowerCase(),
      part
        .slice(i + 1)
        .trim()
        .toLowerCase(),
    )
  }
  return out
}

export function isBoldWeight(value: string | undefined): boolean {
  if (!value) return false
  return value === 'bold' || value === 'bolder' || (/^\d+$/.test(value) && Number(value) >= 600)
}

/** Fonts whose letters stand for symbols (Word's bullets are "·" in Symbol, "§" in Wingdings). */
const SYMBOL_FONT = /\b(symbol|wingdings|webdings)\b/

/**
 * Text of a run in a symbol font → the Unicode it shows: the font's code points live at
 * U+F0xx, which `mapPrivateUse` knows (U+F0B7 → "•").
 */
export function symbolFontText(text: string, fontFamily: string | undefined): string {
  if (!fontFamily || !SYMBOL_FONT.test(fontFamily)) return text
  let out = ''
  for (const ch of text) {
    const cp = ch.codePointAt(0)!
    if (cp > 0x20 && cp <= 0xff) {
      const mapped = mapPrivateUse(String.fromCodePoint(0xf000 + cp))
      out += mapped.codePointAt(0)! >= 0xf000 ? ch : mapped
    } else out += ch
  }
  return out
}

export interface MsoList {
  level: number
}

/** `mso-list: l0 level2 lfo1` on a Word list paragraph. */
export function msoList(el: Element): MsoList | null {
  const value = styleMap(el).get('mso-list')
  if (!value || value === 'ignore' || value === 'none') return null
  const m = /l\d+\s+level(\d+)/.exec(value)
  if (!m) return null
  return { level: Math.max(1, Math.min(6, Number(m[1]))) }
}
