// Shared measures and types of the PDF renderer (pdf.ts, pdfPage.ts, pdfTable.ts).
import type { FontFace } from './fonts.js'

export type Doc = PDFKit.PDFDocument
export type Struct = PDFKit.PDFStructureElement

export const FACE_NAMES: Record<FontFace, string> = {
  regular: 'TU-Regular',
  bold: 'TU-Bold',
  italic: 'TU-Italic',
  boldItalic: 'TU-BoldItalic',
}

export const MARGIN = { top: 82, bottom: 62, left: 70, right: 70 }
export const BODY_SIZE = 10.5
/** With DejaVu Sans this equals Word's 1.1 line spacing (264 twips auto) used in the DOCX. */
export const LINE_GAP = 1.2
export const PARAGRAPH_GAP = 7

/** Where the next block goes: its left edge and width (lists and quotes indent). */
export interface Column {
  x: number
  width: number
}

export interface Segment {
  text: string
  face: FontFace
  underline: boolean
  strike: boolean
}

export const plainSegment = (text: string, face: FontFace = 'regular'): Segment => ({ text, face, underline: false, strike: false })

/** Sets an attribute object on a structure element (pdfkit has no option for `/A`). */
export function setAttributes(element: Struct, attributes: Record<string, string | number>): void {
  ;(element as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.A = attributes
}
