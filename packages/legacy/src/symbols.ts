import { stripNonXmlChars } from '@perspektiv/model'

/**
 * Word's Symbol and Wingdings bullets live in Unicode's private-use area (U+F0B7 is
 * Symbol's "•"): PDF extraction and mammoth pass them through, and a font without them draws
 * an empty box. What each one means in those fonts (SPEC L18).
 */
const SYMBOL_FONT: Record<number, string> = {
  0xf0b7: '•',
  0xf0a7: '▪',
  0xf0a8: '▪',
  0xf06e: '▪',
  0xf071: '▪',
  0xf075: '◆',
  0xf076: '❖',
  0xf0d8: '➢',
  0xf0e0: '→',
  0xf0e8: '➔',
  0xf0fc: '✓',
  0xf02d: '–',
  0xf0b0: '°',
}

const PRIVATE_USE = /[\ue000-\uf8ff]/gu

/**
 * Private-use characters to what they mean: a bullet at the start of a line becomes "•"
 * (read as a list item later), a known Symbol glyph elsewhere its Unicode twin; anything
 * else in the private-use area is dropped (no reader can know what it was).
 */
export function normalizeSymbols(text: string): string {
  // Characters no document can hold (model M2) go first, so they never leave a double space.
  return stripNonXmlChars(text).replace(PRIVATE_USE, (ch) => SYMBOL_FONT[ch.codePointAt(0) ?? 0] ?? '')
}

/** A line that opens with a bullet glyph (after normalising): "• Text", "▪ Text", "- Text". */
export const BULLET_ITEM = /^\s*(?:[-–•*·▪●◆❖➢→➔✓]|\u2022)\s+(?=\S)/u
/** "1. Text", "2) Text". */
export const NUMBERED_ITEM = /^\s*(\d{1,2})[.)]\s+(?=\S)/u
