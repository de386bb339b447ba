import { stripNonXmlChars } from '@perspektiv/model'
import { mapPrivateUse } from '@perspektiv/document'

const PRIVATE_USE = /[\ue000-\uf8ff]/gu

/**
 * [L18] Private-use characters to what they mean: Word's Symbol and Wingdings bullets and
 * signs to their Unicode twin (the map export and paste use, `mapPrivateUse`), so a bullet
 * at the start of a line becomes "•" and is read as a list item later; anything else in the
 * private-use area is dropped (no reader can know what it was, and a font draws a box).
 */
export function normalizeSymbols(text: string): string {
  // Characters no document can hold (model M2) go first, so they never leave a double space.
  return mapPrivateUse(stripNonXmlChars(text)).replace(PRIVATE_USE, '')
}

/** A line that opens with a bullet glyph (after normalising): "• Text", "▪ Text", "- Text". */
export const BULLET_ITEM = /^\s*(?:[-–•*·▪●◦■❑◆❖➢→➔✓]|\u2022)\s+(?=\S)/u
/** "1. Text", "2) Text". */
export const NUMBERED_ITEM = /^\s*(\d{1,2})[.)]\s+(?=\S)/u
