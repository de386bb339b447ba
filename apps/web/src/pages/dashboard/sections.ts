import type { DocumentSummary } from '../../api.js'

/** Why a document waits for me, shown as text in "Väntar på mig". */
export type WaitingReason = 'Granska' | 'Godkänn' | 'Kommentar till dig'

export interface Sections {
  waiting: Array<{ d: DocumentSummary; why: WaitingReason }>
  drafts: DocumentSummary[]
  shared: DocumentSummary[]
}

/**
 * Splits my documents into the dashboard's sections (pure). `review` and `approval` are the
 * server's `waiting=` answers; `mentioned` the documents with unread comments to me.
 */
export function sectionsOf(input: {
  all: DocumentSummary[]
  review: DocumentSummary[]
  approval: DocumentSummary[]
  mentioned: ReadonlySet<string>
}): Sections {
  const waiting: Sections['waiting'] = [
    ...input.review.map((d) => ({ d, why: 'Granska' as const })),
    ...input.approval.map((d) => ({ d, why: 'Godkänn' as const })),
  ]
  const listed = new Set(waiting.map((w) => w.d.id))
  for (const d of input.all) if (input.mentioned.has(d.id) && !listed.has(d.id)) waiting.push({ d, why: 'Kommentar till dig' })
  return {
    waiting,
    drafts: input.all.filter((d) => d.role === 'author' && d.status === 'utkast'),
    shared: input.all.filter((d) => d.role !== 'author'),
  }
}
