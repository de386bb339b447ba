// Reads a PDF's object graph with pdf-lib and its text with PDF.js (both from npm, no poppler):
// catalog, info and XMP, the structure tree with each element's text, fonts, and every
// page's content operations. Test-side only.
import {
  decodePDFRawStream,
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFObject,
} from 'pdf-lib'
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs'
import { parseContentStream, type Operation } from './contentStream.js'

export interface StructElement {
  role: string
  /** `/ID` of the element, when it has one. */
  id?: string
  /** Attributes from `/A` (all attribute objects merged), e.g. { O: 'Table', Scope: 'Column' }. */
  attributes: Record<string, unknown>
  /** `/Headers` attribute of a table cell. */
  headers?: string[]
  lang?: string
  alt?: string
  children: StructElement[]
  /** Marked-content references: page index (0-based) and MCID. */
  content: Array<{ page: number; mcid: number }>
  /** The text of its own and its descendants' marked content, in order. */
  text: string
}

export interface PdfFont {
  page: number
  resourceName: string
  subtype: string
  baseFont: string
  embedded: boolean
  hasToUnicode: boolean
  /** Identity-H/V two-byte codes (Type0 fonts); otherwise one byte per code. */
  twoByte: boolean
  /** Codes mapped by its ToUnicode CMap. */
  mapped: Set<number>
}

export interface PdfPage {
  index: number
  /** The page's text (PDF.js), lines joined by newlines. */
  text: string
  /** The text of each marked-content sequence with an MCID on this page. */
  mcidText: Map<number, string>
  operations: Operation[]
  fonts: Map<string, PdfFont>
}

export interface PdfFile {
  version: string
  pageCount: number
  info: Record<string, string>
  catalog: {
    lang?: string
    marked: boolean
    displayDocTitle: boolean
    hasStructTree: boolean
    hasOutputIntent: boolean
    roleMap: Record<string, string>
    idTree: Set<string>
    hasIdTree: boolean
  }
  trailerHasId: boolean
  xmp: string
  pages: PdfPage[]
  /** Children of the StructTreeRoot (normally one `Document`). */
  structure: StructElement[]
}

const N = (name: string) => PDFName.of(name)

function text(obj: PDFObject | undefined): string | undefined {
  if (obj instanceof PDFString || obj instanceof PDFHexString) return obj.decodeText()
  if (obj instanceof PDFName) return obj.decodeText()
  return undefined
}

function plain(obj: PDFObject | undefined, doc: PDFDocument): unknown {
  const v = obj instanceof PDFRef ? doc.context.lookup(obj) : obj
  if (v instanceof PDFName) return v.decodeText()
  if (v instanceof PDFNumber) return v.asNumber()
  if (v instanceof PDFBool) return v.asBoolean()
  if (v instanceof PDFString || v instanceof PDFHexString) return v.decodeText()
  if (v instanceof PDFArray) return v.asArray().map((x) => plain(x, doc))
  return undefined
}

function streamBytes(stream: PDFObject | undefined): Uint8Array {
  if (stream instanceof PDFRawStream) return decodePDFRawStream(stream).decode()
  if (stream instanceof PDFStream) return stream.getContents()
  return new Uint8Array()
}

/** Codes a ToUnicode CMap maps (bfchar and bfrange). */
function cmapCodes(cmap: string): Set<number> {
  const codes = new Set<number>()
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-f]+)>\s*<[0-9a-f]*>/gi)) codes.add(parseInt(m[1]!, 16))
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(<[0-9a-f]*>|\[[^\]]*\])/gi)) {
      for (let c = parseInt(m[1]!, 16); c <= parseInt(m[2]!, 16); c++) codes.add(c)
    }
  }
  return codes
}

function readFont(page: number, resourceName: string, font: PDFDict): PdfFont {
  const subtype = text(font.get(N('Subtype'))) ?? ''
  let descriptor = font.lookupMaybe(N('FontDescriptor'), PDFDict)
  if (subtype === 'Type0') {
    const descendant = font.lookupMaybe(N('DescendantFonts'), PDFArray)?.lookup(0, PDFDict)
    descriptor = descendant?.lookupMaybe(N('FontDescriptor'), PDFDict)
  }
  const embedded = !!descriptor && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor!.get(N(k)) !== undefined)
  const toUnicode = font.lookup(N('ToUnicode'))
  const encoding = text(font.get(N('Encoding'))) ?? ''
  return {
    page,
    resourceName,
    subtype,
    baseFont: text(font.get(N('BaseFont'))) ?? '',
    embedded,
    hasToUnicode: toUnicode instanceof PDFStream,
    twoByte: subtype === 'Type0' && /^Identity-[HV]$/.test(encoding),
    mapped: toUnicode instanceof PDFStream ? cmapCodes(Buffer.from(streamBytes(toUnicode)).toString('latin1')) : new Set(),
  }
}

function pageContent(contents: PDFObject | undefined, doc: PDFDocument): Uint8Array {
  const resolved = contents instanceof PDFRef ? doc.context.lookup(contents) : contents
  if (resolved instanceof PDFArray) {
    const parts = resolved.asArray().map((ref) => streamBytes(doc.context.lookup(ref)))
    return Buffer.concat(parts.map((p) => Buffer.concat([Buffer.from(p), Buffer.from('\n')])))
  }
  return streamBytes(resolved)
}

/** Text per page and per MCID, as PDF.js extracts it (what copy-paste and screen readers get). */
async function pdfjsText(bytes: Uint8Array): Promise<Array<{ text: string; mcid: Map<number, string> }>> {
  const task = pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false, verbosity: 0 })
  const doc = await task.promise
  try {
    const out: Array<{ text: string; mcid: Map<number, string> }> = []
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p)
      const content = await page.getTextContent({ includeMarkedContent: true })
      let all = ''
      const mcid = new Map<number, string>()
      const open: Array<number | null> = []
      for (const item of content.items) {
        if ('type' in item) {
          if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') {
            const m = /_mc(\d+)$/.exec(String((item as { id?: string }).id ?? ''))
            open.push(m ? Number(m[1]) : null)
          } else if (item.type === 'endMarkedContent') open.pop()
          continue
        }
        const piece = item.str + (item.hasEOL ? '\n' : '')
        all += piece
        const current = [...open].reverse().find((x) => x !== null)
        if (current !== undefined && current !== null) mcid.set(current, (mcid.get(current) ?? '') + piece)
      }
      out.push({ text: all, mcid })
    }
    return out
  } finally {
    await task.destroy()
  }
}

export async function readPdf(bytes: Uint8Array): Promise<PdfFile> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false })
  const header = /^%PDF-(\d\.\d)/.exec(Buffer.from(bytes.subarray(0, 16)).toString('latin1'))
  const catalog = doc.catalog
  const pageRefs = doc.getPages().map((p) => p.ref)
  const pageIndex = (ref: PDFObject | undefined) => (ref instanceof PDFRef ? pageRefs.findIndex((r) => r === ref || r.toString() === ref.toString()) : -1)
  const texts = await pdfjsText(bytes)

  const pages: PdfPage[] = doc.getPages().map((page, index) => {
    const fonts = new Map<string, PdfFont>()
    const fontDict = page.node.Resources()?.lookupMaybe(N('Font'), PDFDict)
    for (const [name, ref] of fontDict?.entries() ?? []) {
      const font = doc.context.lookup(ref)
      if (font instanceof PDFDict) fonts.set(name.decodeText(), readFont(index, name.decodeText(), font))
    }
    return {
      index,
      text: texts[index]?.text ?? '',
      mcidText: texts[index]?.mcid ?? new Map(),
      operations: parseContentStream(pageContent(page.node.get(N('Contents')), doc)),
      fonts,
    }
  })

  const infoRef = doc.context.trailerInfo.Info
  const infoDict = infoRef ? doc.context.lookup(infoRef) : undefined
  const info: Record<string, string> = {}
  if (infoDict instanceof PDFDict) for (const [k, v] of infoDict.entries()) info[k.decodeText()] = text(doc.context.lookup(v) ?? v) ?? ''

  const root = catalog.lookupMaybe(N('StructTreeRoot'), PDFDict)
  const roleMap: Record<string, string> = {}
  for (const [k, v] of root?.lookupMaybe(N('RoleMap'), PDFDict)?.entries() ?? []) roleMap[k.decodeText()] = text(v) ?? ''
  const idTree = new Set<string>()
  const collectIds = (node: PDFDict | undefined) => {
    if (!node) return
    const names = node.lookupMaybe(N('Names'), PDFArray)
    if (names) for (let i = 0; i < names.size(); i += 2) idTree.add(text(names.lookup(i)) ?? '')
    for (const kid of node.lookupMaybe(N('Kids'), PDFArray)?.asArray() ?? []) collectIds(doc.context.lookup(kid) as PDFDict)
  }
  const idTreeDict = root?.lookupMaybe(N('IDTree'), PDFDict)
  collectIds(idTreeDict)

  const element = (dict: PDFDict, inheritedPage: number): StructElement => {
    const pg = dict.get(N('Pg')) ? pageIndex(dict.get(N('Pg'))) : inheritedPage
    const attributes: Record<string, unknown> = {}
    const a = dict.lookup(N('A'))
    for (const obj of a instanceof PDFArray ? a.asArray().map((x) => doc.context.lookup(x) ?? x) : a ? [a] : []) {
      if (obj instanceof PDFDict) for (const [k, v] of obj.entries()) attributes[k.decodeText()] = plain(v, doc)
    }
    const el: StructElement = {
      role: text(dict.get(N('S'))) ?? '',
      id: text(dict.lookup(N('ID'))),
      attributes,
      headers: Array.isArray(attributes.Headers) ? (attributes.Headers as string[]) : undefined,
      lang: text(dict.lookup(N('Lang'))),
      alt: text(dict.lookup(N('Alt'))),
      children: [],
      content: [],
      text: '',
    }
    const k = dict.get(N('K'))
    const kids = k instanceof PDFArray ? k.asArray() : k ? [k] : []
    for (const kid of kids) {
      const resolved = kid instanceof PDFRef ? doc.context.lookup(kid) : kid
      if (resolved instanceof PDFNumber) el.content.push({ page: pg, mcid: resolved.asNumber() })
      else if (resolved instanceof PDFDict) {
        const type = text(resolved.get(N('Type')))
        if (type === 'MCR') {
          const mcid = resolved.lookup(N('MCID'))
          el.content.push({ page: resolved.get(N('Pg')) ? pageIndex(resolved.get(N('Pg'))) : pg, mcid: mcid instanceof PDFNumber ? mcid.asNumber() : -1 })
        } else if (type !== 'OBJR') el.children.push(element(resolved, pg))
      }
    }
    el.text = [...el.content.map((c) => pages[c.page]?.mcidText.get(c.mcid) ?? ''), ...el.children.map((c) => c.text)].join('')
    return el
  }
  const structure: StructElement[] = []
  const rootK = root?.get(N('K'))
  const rootKids = rootK instanceof PDFArray ? rootK.asArray() : rootK ? [rootK] : []
  for (const kid of rootKids) {
    const resolved = kid instanceof PDFRef ? doc.context.lookup(kid) : kid
    if (resolved instanceof PDFDict) structure.push(element(resolved, -1))
  }

  const markInfo = catalog.lookupMaybe(N('MarkInfo'), PDFDict)
  const viewer = catalog.lookupMaybe(N('ViewerPreferences'), PDFDict)
  const intents = catalog.lookupMaybe(N('OutputIntents'), PDFArray)
  return {
    version: header?.[1] ?? '',
    pageCount: pages.length,
    info,
    catalog: {
      lang: text(catalog.lookup(N('Lang'))),
      marked: markInfo?.lookup(N('Marked')) === PDFBool.True,
      displayDocTitle: viewer?.lookup(N('DisplayDocTitle')) === PDFBool.True,
      hasStructTree: !!root,
      hasOutputIntent: !!intents && intents.size() > 0,
      roleMap,
      idTree,
      hasIdTree: !!idTreeDict,
    },
    trailerHasId: !!doc.context.trailerInfo.ID,
    xmp: Buffer.from(streamBytes(catalog.lookup(N('Metadata')))).toString('utf8'),
    pages,
    structure,
  }
}

/** Every element of the tree in document order (depth first). */
export function walk(elements: StructElement[]): StructElement[] {
  return elements.flatMap((e) => [e, ...walk(e.children)])
}
