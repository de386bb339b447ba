import type { Signatory } from '@perspektiv/model'
import type { SourceLine } from './lines.js'

/** "Anna Larsson", "Veronica Wolgast Carstorp": two to four capitalised words. */
const NAME = /^\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+){1,3}$/u
/** "Stadsdelsdirektör", "Tf. avdelningschef", "Biträdande förvaltningschef", "Nämndsekreterare". */
const TITLE =
  /^(?:(?:tf|t\.f|bitr|tillförordnad|biträdande|vikarierande|vik)\.?\s+)?\p{L}*(?:direktör|chef|chefen|sekreterare|ordförande|controller|strateg|handläggare)$/iu
/** "Socialförvaltningen", "Enskede-Årsta-Vantörs stadsdelsförvaltning", "Stadsledningskontoret". */
const ORGANISATION = /(?:förvaltning(?:en)?|kontoret|kansliet|stadsarkivet|nämnd(?:en)?)$/iu
const PLACEHOLDER = /^klicka och skriv/iu

const capitalise = (t: string) => t.charAt(0).toLocaleUpperCase('sv-SE') + t.slice(1)

/**
 * Splits a signature block into its cells: two signatures side by side are one line with the
 * columns two or more spaces apart ("Toni Mellblom  Adrian Göransson"); an organisation
 * broken over two lines ("Rinkeby-Kista" / "stadsdelsförvaltning") is joined.
 */
function cells(lines: string[]): string[] {
  const out: string[] = []
  for (const line of lines) {
    for (const cell of line.trim().split(/\s{2,}|\t+/)) {
      const c = cell.trim()
      if (c === '') continue
      const prev = out[out.length - 1]
      if (prev !== undefined && /^\p{Ll}/u.test(c) && !TITLE.test(c) && !NAME.test(prev) && !TITLE.test(prev)) out[out.length - 1] = `${prev} ${c}`
      else out.push(c)
    }
  }
  return out
}

/**
 * [L17] The signatures at the end of the body: name, title and förvaltning of each signer,
 * in order, whether the two sit side by side on one line, one below the other, or — as PDF
 * extraction and Word layout tables leave them — name and title of one, then of the other,
 * then both förvaltningar. The block starts at a name line followed by a title line.
 */
export function findSignatories(lines: SourceLine[]): Signatory[] {
  const texts = lines.map((l) => l.text.trim())
  for (let i = 0; i < texts.length; i++) {
    const first = (texts[i] ?? '').split(/\s{2,}|\t+/)[0] ?? ''
    if (!NAME.test(first)) continue
    let j = i + 1
    while (j < texts.length && texts[j] === '') j++
    const title = (texts[j] ?? '').split(/\s{2,}|\t+/)[0] ?? ''
    if (!TITLE.test(title)) continue
    // The block: every line up to the first that is no name, title or organisation.
    const block: string[] = []
    for (let k = i; k < texts.length; k++) {
      const t = texts[k] ?? ''
      if (t === '') continue
      const parts = cells([t])
      if (!parts.every((p) => NAME.test(p) || TITLE.test(p) || ORGANISATION.test(p) || /^\p{Lu}\p{L}+-[\p{L}-]+$/u.test(p) || /^\p{Ll}/u.test(p))) break
      if (PLACEHOLDER.test(t)) break
      block.push(t)
    }
    const names: string[] = []
    const titles: string[] = []
    const organisations: string[] = []
    for (const c of cells(block)) {
      if (TITLE.test(c)) titles.push(capitalise(c))
      else if (NAME.test(c) && !ORGANISATION.test(c)) names.push(c)
      else organisations.push(c)
    }
    return names.map((name, n) => ({ name, title: titles[n] ?? '', forvaltning: organisations[n] ?? organisations[0] ?? '' }))
  }
  return []
}
