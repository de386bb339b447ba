// Inline runs → the segments the PDF writer draws (faces, underline, strike, printed links).
import { isLineBreak, type Inline } from './blocks.js'
import type { FontFace } from './fonts.js'
import type { Segment } from './pdfStyle.js'

function faceOf(bold: boolean, italic: boolean): FontFace {
  if (bold && italic) return 'boldItalic'
  if (bold) return 'bold'
  if (italic) return 'italic'
  return 'regular'
}

/** Runs → drawable segments; line breaks become newlines, links show their address. */
export function segmentsOf(runs: Inline[], base: { bold?: boolean; italic?: boolean } = {}): Segment[] {
  const segments: Segment[] = []
  for (const run of runs) {
    if (isLineBreak(run)) {
      const last = segments[segments.length - 1]
      if (last) last.text += '\n'
      else segments.push({ text: '\n', face: faceOf(!!base.bold, !!base.italic), underline: false, strike: false })
      continue
    }
    // Printed output cannot be clicked: the address is written out, as in a printed letter.
    const text = run.href && run.href !== run.text.trim() ? `${run.text} (${run.href.replace(/^mailto:/, '')})` : run.text
    segments.push({
      text,
      face: faceOf(!!(run.bold || base.bold), !!(run.italic || base.italic)),
      underline: !!run.underline,
      strike: !!run.strike,
    })
  }
  return segments
}
