import { describe, expect, it } from 'vitest'
import type { DocumentSummary } from '../../api.js'
import { sortDocuments } from './sortDocuments.js'
import { sectionsOf } from './sections.js'

const doc = (id: string, over: Partial<DocumentSummary> = {}): DocumentSummary => ({
  id,
  templateId: 'remissvar',
  title: id,
  dnr: '',
  namnd: '',
  meetingDate: '',
  deadline: '',
  status: 'utkast',
  revision: 1,
  role: 'author',
  updatedAt: '2026-01-01T00:00:00Z',
  createdAt: '2026-01-01T00:00:00Z',
  coverage: null,
  ...over,
})

describe('dashboard sort', () => {
  it('sorts by deadline with documents without one last in either direction', () => {
    const docs = [doc('a', { deadline: '2026-02-01' }), doc('none'), doc('b', { deadline: '2026-01-15' })]
    expect(sortDocuments(docs, { key: 'deadline', ascending: true }).map((d) => d.id)).toEqual(['b', 'a', 'none'])
    expect(sortDocuments(docs, { key: 'deadline', ascending: false }).map((d) => d.id)).toEqual(['a', 'b', 'none'])
  })
  it('sorts titles and nämnder in Swedish order (Å, Ä, Ö after Z)', () => {
    const docs = [doc('Ödeshög'), doc('Alingsås'), doc('Åre'), doc('Zinkgruvan')]
    expect(sortDocuments(docs, { key: 'title', ascending: true }).map((d) => d.id)).toEqual(['Alingsås', 'Zinkgruvan', 'Åre', 'Ödeshög'])
  })
})

describe('dashboard sections', () => {
  it("waiting for me: review, approval, then unread comments to me (once each); drafts are mine, shared are others'", () => {
    const review = doc('r', { role: 'reviewer', status: 'granskning' })
    const approve = doc('p', { role: 'approver', status: 'granskning' })
    const mine = doc('m')
    const sent = doc('s', { status: 'granskning' })
    const s = sectionsOf({ all: [review, approve, mine, sent], review: [review], approval: [approve], mentioned: new Set(['r', 's']) })
    expect(s.waiting.map((w) => `${w.why} ${w.d.id}`)).toEqual(['Granska r', 'Godkänn p', 'Kommentar till dig s'])
    expect(s.drafts.map((d) => d.id)).toEqual(['m'])
    expect(s.shared.map((d) => d.id)).toEqual(['r', 'p'])
  })
})
