/** One run of a word diff: text kept, inserted or deleted (whitespace included, so runs concatenate back). */
export interface DiffPart {
  op: 'equal' | 'insert' | 'delete'
  text: string
}

/** Words and the whitespace between them, as separate tokens (so a diff never splits a word). */
export function wordTokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? []
}

/**
 * [D1] Word-level diff of `before` → `after` (Myers' O((N+M)·D) algorithm on tokens).
 * Joining the `equal`+`delete` parts gives `before`, `equal`+`insert` gives `after`.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = wordTokens(before)
  const b = wordTokens(after)
  // Common prefix and suffix need no search: most edits touch a small part of a section.
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  const parts: DiffPart[] = []
  const push = (op: DiffPart['op'], token: string) => {
    const last = parts[parts.length - 1]
    if (last && last.op === op) last.text += token
    else parts.push({ op, text: token })
  }
  for (let i = 0; i < start; i++) push('equal', a[i]!)
  for (const [op, token] of myers(a.slice(start, endA), b.slice(start, endB))) push(op, token)
  for (let i = endA; i < a.length; i++) push('equal', a[i]!)
  return groupChanges(parts)
}

/** The shortest edit script from `a` to `b`, as a sequence of (op, token). */
function myers(a: string[], b: string[]): Array<[DiffPart['op'], string]> {
  const n = a.length
  const m = b.length
  if (n === 0) return b.map((t) => ['insert', t])
  if (m === 0) return a.map((t) => ['delete', t])
  const max = n + m
  const offset = max + 1
  const v = new Int32Array(2 * max + 3)
  const trace: Int32Array[] = []
  let found = false
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice())
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1
      let y = x - k
      while (x < n && y < m && a[x] === b[y]) {
        x++
        y++
      }
      v[offset + k] = x
      if (x >= n && y >= m) {
        found = true
        break
      }
    }
  }
  // Walk the trace backwards from (n, m) to (0, 0).
  const out: Array<[DiffPart['op'], string]> = []
  let x = n
  let y = m
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!
    const k = x - y
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1
    const prevX = d === 0 ? 0 : vd[offset + prevK]!
    const prevY = prevX - prevK
    while (x > prevX && y > prevY) {
      out.push(['equal', a[x - 1]!])
      x--
      y--
    }
    if (d === 0) break
    if (x === prevX) out.push(['insert', b[y - 1]!])
    else out.push(['delete', a[x - 1]!])
    x = prevX
    y = prevY
  }
  return out.reverse()
}

/**
 * Readability: a lone space kept between two changes ("-old +new -word +word") is folded
 * into them, so a rewritten phrase reads as one deletion and one insertion.
 */
function groupChanges(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = []
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!
    const prev = out[out.length - 1]
    const next = parts[i + 1]
    if (p.op === 'equal' && /^\s+$/.test(p.text) && prev && prev.op !== 'equal' && next && next.op !== 'equal') {
      // Attach the space to both sides so each side still reads as whole text.
      out.push({ op: 'delete', text: p.text }, { op: 'insert', text: p.text })
      continue
    }
    out.push({ ...p })
  }
  // Merge runs: all deletions of a changed stretch first, then all insertions.
  const merged: DiffPart[] = []
  let i = 0
  while (i < out.length) {
    if (out[i]!.op === 'equal') {
      merged.push(out[i]!)
      i++
      continue
    }
    let del = ''
    let ins = ''
    while (i < out.length && out[i]!.op !== 'equal') {
      if (out[i]!.op === 'delete') del += out[i]!.text
      else ins += out[i]!.text
      i++
    }
    if (del) merged.push({ op: 'delete', text: del })
    if (ins) merged.push({ op: 'insert', text: ins })
  }
  return merged
}
