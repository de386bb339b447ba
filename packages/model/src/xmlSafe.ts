import { z } from 'zod'

/**
 * Characters XML 1.0 does not allow anywhere, not even escaped (its `Char` production): C0
 * controls other than tab, LF and CR; lone surrogates (half of a UTF-16 pair); U+FFFE and
 * U+FFFF. One of them in a DOCX part makes Word and LibreOffice refuse the whole file. The
 * `u` flag makes a lone surrogate one code point, so `\p{Cs}` never splits a real pair.
 */
const NON_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\p{Cs}]/gu

/** Removes every character XML 1.0 cannot carry (M2); everything else is kept as it is. */
export function stripNonXmlChars(text: string): string {
  // The common case allocates nothing.
  NON_XML.lastIndex = 0
  return NON_XML.test(text) ? text.replace(NON_XML, '') : text
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * `stripNonXmlChars` on every string inside plain JSON-like data (objects, arrays), keys
 * included. Other objects (Date, Uint8Array, class instances) are returned as they are.
 * Unchanged parts are returned as the same objects, so clean input costs one walk.
 */
export function xmlSafeDeep<T>(value: T): T {
  if (typeof value === 'string') return stripNonXmlChars(value) as T
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) {
    let out: unknown[] | undefined
    value.forEach((item, i) => {
      const safe = xmlSafeDeep(item)
      if (safe !== item) (out ??= value.slice())[i] = safe
    })
    return (out ?? value) as T
  }
  if (!isPlainObject(value)) return value
  let out: Record<string, unknown> | undefined
  for (const [key, item] of Object.entries(value)) {
    const safeKey = stripNonXmlChars(key)
    const safe = xmlSafeDeep(item)
    if (safe !== item || safeKey !== key) {
      out ??= { ...value }
      if (safeKey !== key) delete out[key]
      out[safeKey] = safe
    }
  }
  return (out ?? value) as T
}

/** A free-text string at an input boundary: non-XML characters removed before any other check. */
export const xmlSafeString = () => z.string().overwrite(stripNonXmlChars)
