import type { SectionedDocument, Template } from '@perspektiv/model'
import { headingIndex, MAX_STEM_HEADING_WORDS, wordCount, type Resolution } from './headings.js'
import type { SourceLine } from './lines.js'
import { markNoise } from './noise.js'
import {
  APPROVAL_RECORD,
  BULLET,
  CLOSING_ACT,
  CLOSING_BODY,
  CLOSING_KEY,
  CLOSING_START,
  LABEL,
  NAME_LINE,
  OPENING_KEYS,
  SIGNATURE_PLACEHOLDER,
  TITLE_LINE,
  TOC_ENTRY,
  headingText,
  isListLike,
  joinLines,
  promptLines,
} from './segmentLines.js'

export interface FoundHeading {
  /** As written, trimmed. */
  text: string
  /** Template section keys it was read as (several for "Barn- och äldreperspektiv"); empty for other headings. */
  keys: string[]
  /** 1-based line number in the source (paragraph number for .docx). */
  line: number
  /** `heading`: a line of its own; `label`: "Jämställdhet: …" opening a paragraph. */
  form: 'heading' | 'label'
}

export interface Segmented {
  sections: SectionedDocument
  /** The source lines of each section in `sections.sections` (same order), for its blocks. */
  sectionLines: SourceLine[][]
  /** The source lines left outside every section (page noise, header block, signatures …). */
  otherLines: SourceLine[]
  /** Per source line: page noise or the header block (L4). */
  noise: boolean[]
  headings: FoundHeading[]
  warnings: string[]
}

interface Open {
  keys: string[]
  heading: string
  level: number | undefined
  container: boolean
  lines: SourceLine[]
}

export function segment(lines: SourceLine[], template: Template): Segmented {
  const index = headingIndex(template)
  const noise = markNoise(lines, index)
  const isPrompt = promptLines(template)
  const headings: FoundHeading[] = []
  const out: SectionedDocument['sections'] = []
  const sectionLines: SourceLine[][] = []
  const other: SourceLine[] = []
  const closingKey = template.sections.find((s) => s.key === CLOSING_KEY)?.key
  const attachmentKeys = new Set(template.sections.filter((s) => s.kind === 'attachments').map((s) => s.key))
  // In an object so TypeScript does not narrow it across the closures below.
  const st: { current: Open | null } = { current: null }

  const close = (): void => {
    if (!st.current) return
    const text = joinLines(st.current.lines.map((l) => l.text))
    const keys: Array<string | null> = st.current.keys.length === 0 ? [null] : st.current.keys
    for (const key of keys) {
      out.push({ key, heading: st.current.heading, text })
      sectionLines.push(st.current.lines)
    }
    st.current = null
  }
  const open = (keys: string[], heading: string, level: number | undefined, container: boolean): void => {
    close()
    st.current = { keys, heading, level, container, lines: [] }
  }
  const append = (l: SourceLine): void => {
    if (st.current) st.current.lines.push(l)
    else other.push(l)
  }

  // Whether the line at i starts a paragraph: after a blank line, a heading, noise, or a sentence end.
  let paragraphStart = true
  let inContainer = false

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const raw = line.text
    const t = raw.trim()
    if (noise[i]) {
      other.push(line)
      paragraphStart = true
      continue
    }
    if (t === '') {
      append(line)
      paragraphStart = true
      continue
    }
    // A prompt line stays with its section (the checker reports it) but ends the paragraph,
    // so a heading right below it is read as a heading (SPEC L12).
    if (isPrompt(t)) {
      append(line)
      paragraphStart = true
      continue
    }
    const c: Open | null = st.current
    const currentIsPerspective = c?.keys.some((k) => index.perspectiveKeys.has(k)) ?? false

    // 1. Headings given by the format.
    if (line.level !== undefined) {
      const h = headingText(t)
      const res = index.resolve(h)
      if (res) {
        startSection(res, h, line.level, i)
      } else if (c === null || c.level === undefined || line.level <= c.level) {
        // An unknown heading at the same or a higher level ends the section; deeper ones are sub-headings.
        headings.push({ text: h, keys: [], line: i + 1, form: 'heading' })
        open([], h, line.level, false)
        inContainer = false
      } else {
        append(line)
      }
      paragraphStart = true
      continue
    }

    // 2. Heading lines found by their shape.
    if (!line.list && (paragraphStart || afterListItem(i))) {
      const res = lineHeading(t, i, paragraphStart)
      if (res) {
        startSection(res.resolution, res.text, undefined, i)
        paragraphStart = true
        continue
      }
    }

    // 3. The end of the body: signatures, the approval record, the closing sentence.
    if (c !== null && !line.list) {
      if (APPROVAL_RECORD.test(t) || SIGNATURE_PLACEHOLDER.test(t)) {
        close()
        other.push(line)
        paragraphStart = true
        continue
      }
      if (TITLE_LINE.test(t) && wordCount(t) <= 6) {
        // The name line above belongs to the signature too.
        let k = c.lines.length - 1
        while (k >= 0 && (c.lines[k]?.text ?? '').trim() === '') k--
        const prev = k >= 0 ? (c.lines[k]?.text ?? '').trim().replace(/\s{2,}/g, ' ') : ''
        if (NAME_LINE.test(prev)) {
          const moved = c.lines.splice(k)
          close()
          other.push(...moved, line)
          paragraphStart = true
          continue
        }
      }
      if (paragraphStart && CLOSING_START.test(t) && c.keys.every((k) => k !== closingKey && !OPENING_KEYS.has(k))) {
        const sentence = [t, lines[i + 1]?.text ?? '', lines[i + 2]?.text ?? ''].join(' ')
        const last = closingParagraph(i)
        if (CLOSING_BODY.test(sentence) && CLOSING_ACT.test(sentence) && (currentIsPerspective || last)) {
          // The closing sentence goes to the template's closing section (L6, L15).
          if (closingKey) {
            open([closingKey], template.sections.find((s) => s.key === closingKey)?.title ?? '', c.level, false)
            append(line)
          } else {
            close()
            other.push(line)
          }
          paragraphStart = false
          continue
        }
      }
    }

    // 4. Labelled paragraphs: "Jämställdhet: Förslaget …".
    if (!line.list && paragraphStart) {
      const m = LABEL.exec(headingText(t))
      const keys = m ? index.resolveLabel(m[1] ?? '', inContainer) : undefined
      if (m && keys) {
        const label = (m[1] ?? '').trim()
        headings.push({ text: label, keys, line: i + 1, form: 'label' })
        const level: number | undefined = c?.level
        close()
        st.current = { keys, heading: label, level, container: false, lines: [{ ...line, text: m[2] ?? '' }] }
        paragraphStart = /[.!?:]\s*$/u.test(t)
        continue
      }
    }

    append(line)
    paragraphStart = /[.!?:;”"»)]\s*$/u.test(t)
  }
  close()

  /**
   * The paragraph at line i is the last of the body: after it (blank lines and noise
   * skipped) comes a signature block, a signature prompt, the approval record, Bilagor or
   * the end of the file.
   */
  function closingParagraph(i: number): boolean {
    let j = i + 1
    while (j < lines.length && lines[j]!.text.trim() !== '' && !noise[j]) j++
    const rest: string[] = []
    for (; j < lines.length && rest.length < 2; j++) {
      const t = lines[j]!.text.trim()
      if (t !== '' && !noise[j]) rest.push(t)
    }
    const [first, second] = rest
    if (first === undefined) return true
    if (APPROVAL_RECORD.test(first) || SIGNATURE_PLACEHOLDER.test(first)) return true
    const res = index.resolve(headingText(first))
    if (res?.kind === 'section' && res.keys.some((k) => attachmentKeys.has(k))) return true
    const name = first.split(/\s{2,}/)[0] ?? ''
    const title = (second ?? '').split(/\s{2,}/)[0] ?? ''
    return NAME_LINE.test(name) && TITLE_LINE.test(title)
  }

  function startSection(res: Resolution, text: string, level: number | undefined, i: number): void {
    if (res.kind === 'section') {
      headings.push({ text, keys: res.keys, line: i + 1, form: 'heading' })
      open(res.keys, text, level, false)
      // A perspective heading inside a container keeps the container open for later labels.
      inContainer = inContainer && res.keys.every((k) => index.perspectiveKeys.has(k))
      return
    }
    headings.push({ text, keys: [], line: i + 1, form: 'heading' })
    open([], text, level, res.kind === 'container')
    inContainer = res.kind === 'container'
  }

  /** A line that is a heading by its shape and context (see SPEC L3). */
  function lineHeading(t: string, i: number, atParagraph: boolean): { resolution: Resolution; text: string } | undefined {
    if (BULLET.test(t.replace(/\*\*|__/g, '').trim()) || TOC_ENTRY.test(t)) return undefined
    const text = headingText(t)
    if (!/^\p{Lu}/u.test(text) || wordCount(text) > 10 || /[,;]$/u.test(text) || /[.!?]\s/u.test(text)) return undefined
    const res = index.resolve(text)
    if (!res) return undefined
    const exact = res.kind !== 'section' || res.exact
    // After an unpunctuated list item only a heading's exact name is trusted.
    if (!atParagraph && !exact) return undefined
    if (/[.!?]$/u.test(text) && !exact) return undefined
    if (!exact && wordCount(text) > MAX_STEM_HEADING_WORDS + 4) return undefined
    // The next text line must start like a sentence or a heading, not continue this one.
    const next = neighbour(i, 1)
    if (next !== undefined && /^\p{Ll}/u.test(next)) return undefined
    // Items of a list ("… handlingsplaner för:" / "Barnets rättigheter …" / "De nationella …")
    // look like headings too. A heading does not follow a colon, and does not sit between
    // two list-like lines; a heading matched only by its word stem not even before one.
    const prev = neighbour(i, -1)
    if (prev !== undefined && /:$/u.test(prev)) return undefined
    // A known heading's exact name followed by a wrapped sentence ("Stadsdelsnämnden överlämnar … som" /
    // "svar på remissen.") or a numbered point is a heading, even after a short line.
    const listNext =
      next !== undefined && isListLike(next) && !index.resolve(headingText(next)) && !(exact && (/^\d{1,2}[.)]\s/u.test(next) || proseFollows(i)))
    const listPrev = prev !== undefined && isListLike(prev) && !index.resolve(headingText(prev))
    // Right below left-over template text comes the template's next heading, not a list item (L12).
    const perspective = res.kind === 'section' && res.keys.some((k) => index.perspectiveKeys.has(k))
    if (listNext && (listPrev || !exact) && !(perspective && afterPrompt(i))) return undefined
    return { resolution: res, text: text.replace(/\s*[:.]$/u, '') }
  }

  /** The lines right below line i (up to a blank line) wrap one sentence: two to six lines, the last ending it. */
  function proseFollows(i: number): boolean {
    const para: string[] = []
    for (let j = i + 1; j < lines.length && para.length < 7; j++) {
      const t = lines[j]!.text.trim()
      if (t === '' || noise[j]) break
      para.push(t)
    }
    return para.length >= 2 && para.length <= 6 && /[.!?]$/u.test(para[para.length - 1] ?? '') && /^\p{Lu}/u.test(para[0] ?? '')
  }

  /** The nearest non-blank, non-noise line above line i is a placeholder line (L12). */
  function afterPrompt(i: number): boolean {
    for (let j = i - 1; j >= 0; j--) {
      if (noise[j]) continue
      const t = lines[j]!.text.trim()
      if (t !== '') return isPrompt(t)
    }
    return false
  }

  /** The previous text line is a list item ("- mer resurser till förskolan"), which ends no sentence. */
  function afterListItem(i: number): boolean {
    const prev = neighbour(i, -1)
    return prev !== undefined && (BULLET.test(prev) || /^\d{1,2}[.)]\s/u.test(prev))
  }

  /**
   * The nearest line before (-1) or after (1) line i that is not blank, noise or a prompt
   * line, trimmed: a prompt never joins a heading to the text around it (SPEC L12).
   */
  function neighbour(i: number, step: 1 | -1): string | undefined {
    for (let j = i + step; j >= 0 && j < lines.length; j += step) {
      if (noise[j]) continue
      const t = lines[j]!.text.trim()
      if (t !== '' && !isPrompt(t)) return t
    }
    return undefined
  }

  const warnings: string[] = []
  const decisions = headings.filter((h) => h.keys.includes('forslag-till-beslut')).length
  if (decisions > 1) {
    warnings.push(`Filen verkar innehålla flera dokument (${decisions} avsnitt med förslag till beslut); de kontrolleras tillsammans.`)
  }
  if (headings.length === 0) warnings.push('Inga rubriker hittades; kontrollera att filen är ett tjänsteutlåtande.')
  for (const key of index.perspectiveKeys) {
    const n = headings.filter((h) => h.keys.includes(key)).length
    const title = template.sections.find((s) => s.key === key)?.title ?? key
    if (n > 1) warnings.push(`Perspektivet ${title} förekommer under ${n} rubriker; texterna läses tillsammans.`)
  }

  return {
    sections: { sections: out, otherText: joinLines(other.map((l) => l.text)) },
    sectionLines,
    otherLines: other,
    noise,
    headings,
    warnings,
  }
}
