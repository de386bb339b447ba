// A small PDF content-stream tokenizer (ISO 32000-1 §7.8.2): enough to follow marked content
// (BDC/BMC/EMC), fonts (Tf), painting and text-showing operators in the streams pdfkit and
// LibreOffice write. Inline images (BI … EI) are skipped as a unit.

export type Operand =
  | { kind: 'name'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'string'; bytes: Uint8Array }
  | { kind: 'array'; items: Operand[] }
  | { kind: 'dict'; entries: Map<string, Operand> }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }

export interface Operation {
  operator: string
  operands: Operand[]
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20])
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25])

class Lexer {
  pos = 0
  constructor(readonly data: Uint8Array) {}

  private skipSpace(): void {
    const d = this.data
    while (this.pos < d.length) {
      const c = d[this.pos]!
      if (WHITESPACE.has(c)) this.pos++
      else if (c === 0x25) while (this.pos < d.length && d[this.pos] !== 0x0a && d[this.pos] !== 0x0d) this.pos++
      else break
    }
  }

  private regular(): string {
    const d = this.data
    const start = this.pos
    while (this.pos < d.length && !WHITESPACE.has(d[this.pos]!) && !DELIMITERS.has(d[this.pos]!)) this.pos++
    return Buffer.from(d.subarray(start, this.pos)).toString('latin1')
  }

  private literalString(): Uint8Array {
    const d = this.data
    const out: number[] = []
    let depth = 1
    this.pos++ // (
    while (this.pos < d.length) {
      const c = d[this.pos++]!
      if (c === 0x5c) {
        const n = d[this.pos++]!
        const simple: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c }
        if (n in simple) out.push(simple[n]!)
        else if (n >= 0x30 && n <= 0x37) {
          let octal = n - 0x30
          for (let k = 0; k < 2 && d[this.pos]! >= 0x30 && d[this.pos]! <= 0x37; k++) octal = octal * 8 + (d[this.pos++]! - 0x30)
          out.push(octal & 0xff)
        } else if (n === 0x0d) {
          if (d[this.pos] === 0x0a) this.pos++
        } else if (n !== 0x0a) out.push(n)
      } else if (c === 0x28) {
        depth++
        out.push(c)
      } else if (c === 0x29) {
        if (--depth === 0) break
        out.push(c)
      } else out.push(c)
    }
    return Uint8Array.from(out)
  }

  private hexString(): Uint8Array {
    const d = this.data
    this.pos++ // <
    let hex = ''
    while (this.pos < d.length && d[this.pos] !== 0x3e) {
      const c = d[this.pos++]!
      if (!WHITESPACE.has(c)) hex += String.fromCharCode(c)
    }
    this.pos++ // >
    if (hex.length % 2) hex += '0'
    return Uint8Array.from(Buffer.from(hex, 'hex'))
  }

  /** The next object or operator; undefined at the end. */
  next(): Operand | { kind: 'operator'; value: string } | { kind: 'close'; value: string } | undefined {
    this.skipSpace()
    const d = this.data
    if (this.pos >= d.length) return undefined
    const c = d[this.pos]!
    if (c === 0x2f) {
      this.pos++
      return { kind: 'name', value: this.regular().replace(/#([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))) }
    }
    if (c === 0x28) return { kind: 'string', bytes: this.literalString() }
    if (c === 0x3c && d[this.pos + 1] === 0x3c) {
      this.pos += 2
      const entries = new Map<string, Operand>()
      for (;;) {
        const key = this.next()
        if (!key || key.kind === 'close') break
        const value = this.next()
        if (key.kind === 'name' && value && value.kind !== 'close' && value.kind !== 'operator') entries.set(key.value, value)
      }
      return { kind: 'dict', entries }
    }
    if (c === 0x3c) return { kind: 'string', bytes: this.hexString() }
    if (c === 0x3e && d[this.pos + 1] === 0x3e) {
      this.pos += 2
      return { kind: 'close', value: '>>' }
    }
    if (c === 0x5b) {
      this.pos++
      const items: Operand[] = []
      for (;;) {
        const item = this.next()
        if (!item || item.kind === 'close') break
        if (item.kind !== 'operator') items.push(item)
      }
      return { kind: 'array', items }
    }
    if (c === 0x5d) {
      this.pos++
      return { kind: 'close', value: ']' }
    }
    if (DELIMITERS.has(c)) {
      this.pos++
      return this.next()
    }
    const word = this.regular()
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) return { kind: 'number', value: Number(word) }
    if (word === 'true' || word === 'false') return { kind: 'bool', value: word === 'true' }
    if (word === 'null') return { kind: 'null' }
    return { kind: 'operator', value: word }
  }

  /** After `ID`: skips the inline image's bytes up to `EI`. */
  skipInlineImage(): void {
    const d = this.data
    while (this.pos < d.length - 2) {
      if (WHITESPACE.has(d[this.pos]!) && d[this.pos + 1] === 0x45 && d[this.pos + 2] === 0x49) {
        this.pos += 3
        return
      }
      this.pos++
    }
    this.pos = d.length
  }
}

/** The operations of a decoded content stream, in order. */
export function parseContentStream(data: Uint8Array): Operation[] {
  const lexer = new Lexer(data)
  const ops: Operation[] = []
  let operands: Operand[] = []
  for (let token = lexer.next(); token; token = lexer.next()) {
    if (token.kind === 'operator') {
      if (token.value === 'ID') lexer.skipInlineImage()
      ops.push({ operator: token.value, operands })
      operands = []
    } else if (token.kind !== 'close') operands.push(token)
  }
  return ops
}

export const TEXT_SHOWING = new Set(['Tj', 'TJ', "'", '"'])
/** Operators that put marks on the page (paths painted, text, images, shadings). */
export const PAINTING = new Set([...TEXT_SHOWING, 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'S', 's', 'Do', 'sh'])

/** The string operands a text-showing operator draws (TJ's array holds strings and kerning). */
export function shownStrings(op: Operation): Uint8Array[] {
  const out: Uint8Array[] = []
  for (const operand of op.operands) {
    if (operand.kind === 'string') out.push(operand.bytes)
    else if (operand.kind === 'array') for (const item of operand.items) if (item.kind === 'string') out.push(item.bytes)
  }
  return out
}
