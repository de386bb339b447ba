// Word writes list bullets and symbols as private-use characters of the Symbol and Wingdings
// fonts (U+F0xx). Pasted into our editor they would print as empty boxes (.notdef) in any
// other font, so every export, the paste filter and the importer map the known ones to their Unicode
// meaning (export SPEC X-TXT-1).
const WORD_PRIVATE_USE: Record<number, string> = {
  0xf0b7: '•', // Symbol bullet
  0xf06c: '•', // Wingdings filled circle
  0xf0a7: '▪', // Wingdings small square
  0xf0a8: '◦',
  0xf06e: '■', // Wingdings filled square
  0xf071: '❑',
  0xf076: '❖',
  0xf0d8: '➢', // Wingdings arrowhead
  0xf0e0: '→',
  0xf0e8: '➔',
  0xf0fc: '✓', // Wingdings check mark
  0xf0fb: '✗',
  0xf02d: '–', // Symbol minus used as a dash
  0xf0b0: '°',
  0xf0b1: '±',
  0xf0b4: '×',
  0xf0a3: '≤',
  0xf0b3: '≥',
}

/** Replaces Word's private-use symbols with the characters they stand for. */
export function mapPrivateUse(text: string): string {
  if (!/[\uf000-\uf0ff]/.test(text)) return text
  return text.replace(/[\uf000-\uf0ff]/g, (c) => WORD_PRIVATE_USE[c.codePointAt(0)!] ?? c)
}
