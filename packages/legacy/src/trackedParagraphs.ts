/**
 * [L21] Word's tracked changes of paragraph marks (`<w:ins/>` or `<w:del/>` in a paragraph's
 * run properties): Enter pressed while tracking (a split, or a new paragraph) and paragraphs
 * joined or deleted across their end. A suggestion stays within one paragraph (review S5), so
 * the break itself cannot be proposed; the text is read as it was and a Swedish note names
 * what was left out:
 * - an inserted mark: the paragraph and the next are read as the one paragraph they were,
 *   the words inserted in either stay suggestions there;
 * - a deleted mark: both paragraphs stay as they were; what was deleted in each is its own
 *   suggestion (the `w:del` runs are per paragraph already).
 */
export interface ParagraphMarkChange {
  kind: 'split' | 'join'
  author: string
  /** The end of the paragraph the mark closes, as it was (for the note). */
  before: string
}

/** A paragraph (non-greedy: paragraphs do not nest outside text boxes), or an empty `<w:p/>`. */
const PARAGRAPH = /<w:p\b(?:[^>]*[^/>])?>.*?<\/w:p>|<w:p\b[^>]*\/>/gs
/** A revision without content: a paragraph mark's (in a paragraph), or a table row's. */
const EMPTY_REVISION = /<w:(ins|del)\b([^>]*?)\/>/g
/** A paragraph's opening tag and properties (a `w:pPrChange` holds a `w:pPr` of its own). */
const HEAD = /^<w:p\b[^>]*>(?:<w:pPr>.*?<\/w:pPr>(?:<\/w:pPrChange><\/w:pPr>)?)?/s
const INSERTED_RUNS = /<w:ins\b(?:[^>]*[^/>])?>.*?<\/w:ins>/gs
const TEXT = /<w:(t|delText)(?:\s[^>]*)?>([^<]*)<\/w:\1>/g

/** The paragraph's text as it was (kept and deleted runs, not inserted ones), XML-escaped. */
const textAsItWas = (p: string) => [...p.replace(INSERTED_RUNS, '').matchAll(TEXT)].map((m) => m[2]).join('')

/** The last words of a paragraph (about 40 characters, whole words). */
const tail = (text: string) => (text.length <= 40 ? text : `…${text.slice(-40).replace(/^\S*\s/, '')}`)

/** The document XML with its paragraph-mark revisions resolved as above, and what they were. */
export function readParagraphMarks(
  xml: string,
  attr: (attrs: string, name: string) => string,
  unescapeXml: (s: string) => string,
): { xml: string; marks: ParagraphMarkChange[] } {
  const marks: ParagraphMarkChange[] = []
  const parts: string[] = []
  /** A paragraph whose inserted mark joins it to the next, without its closing tag. */
  let open: string | undefined
  let last = 0
  for (const m of xml.matchAll(PARAGRAPH)) {
    const between = xml.slice(last, m.index)
    last = m.index + m[0].length
    const revision = [...m[0].matchAll(EMPTY_REVISION)][0]
    let p = m[0].replace(EMPTY_REVISION, '')
    if (open !== undefined && between.trim() === '' && p.endsWith('</w:p>')) {
      p = open + p.replace(HEAD, '')
    } else {
      if (open !== undefined) parts.push(`${open}</w:p>`)
      parts.push(between)
    }
    open = undefined
    if (revision) {
      const text = unescapeXml(textAsItWas(p)).trim()
      marks.push({ kind: revision[1] === 'ins' ? 'split' : 'join', author: attr(revision[2]!, 'author'), before: tail(text) })
    }
    if (revision?.[1] === 'ins' && p.endsWith('</w:p>')) open = p.slice(0, -'</w:p>'.length)
    else parts.push(p)
  }
  if (open !== undefined) parts.push(`${open}</w:p>`)
  parts.push(xml.slice(last))
  return { xml: parts.join(''), marks }
}

/** The Swedish note for a paragraph-mark change left out of the suggestions. */
export function paragraphMarkWarning(m: ParagraphMarkChange): string {
  const who = `Word-ändring av ${m.author.trim() || 'okänd'}`
  const why = 'ett ändringsförslag håller sig inom ett stycke'
  return m.kind === 'split'
    ? `${who}: en ny styckebrytning efter ”${m.before}” blev inget ändringsförslag (${why}); styckena är importerade som det ena de var.`
    : `${who}: att stycket som slutar ”${m.before}” slås ihop med nästa blev inget ändringsförslag (${why}); det som raderades i varje stycke är egna förslag.`
}
