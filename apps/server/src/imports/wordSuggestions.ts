import * as Y from 'yjs'
import type { WordChange } from '@perspektiv/legacy'
import { putSuggestion, suggestionsAt } from '@perspektiv/review'
import type { DocumentStore } from '../storage/documentStore.js'

/**
 * [SRV-IMP5] A Word file's tracked changes, stored as open suggestions in the new document's
 * review room: made by the importing user as the server knows them (review S9), never by a
 * name from the file, which is kept as text ("Förslag från Word: <author>"). The content
 * room is only read (its stored state, so the anchors name its own items), never written.
 * Each is audited like a suggestion typed in the editor. Returns how many were stored.
 */
export async function storeWordSuggestions(
  store: DocumentStore,
  documentId: string,
  changes: WordChange[],
  user: { id: number; username: string; name: string },
): Promise<number> {
  if (changes.length === 0) return 0
  const stored = await store.loadRoom(documentId, 'content')
  const content = new Y.Doc()
  const review = new Y.Doc()
  try {
    if (stored.snapshot) Y.applyUpdate(content, stored.snapshot)
    for (const u of stored.updates) Y.applyUpdate(content, u)
    const at = new Date().toISOString()
    const wanted = changes.map((c, i) => ({ ...c, id: `word-${i + 1}`, note: `Förslag från Word: ${c.author.trim() || 'okänd'}` }))
    const suggestions = suggestionsAt(content, wanted, { username: user.username, name: user.name }, at)
    if (suggestions.length === 0) return 0
    review.transact(() => {
      for (const s of suggestions) putSuggestion(review, s)
    })
    await store.appendUpdates([{ documentId, room: 'review', data: Y.encodeStateAsUpdate(review) }])
    for (const s of suggestions) {
      const details = { suggestionId: s.id, quote: s.anchor.quote.slice(0, 200), text: s.text.slice(0, 200), note: s.note }
      await store.audit({ documentId, actor: user.id, action: 'review.suggestion.created', details })
    }
    return suggestions.length
  } finally {
    content.destroy()
    review.destroy()
  }
}
