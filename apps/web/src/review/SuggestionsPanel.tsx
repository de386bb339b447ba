import { useSyncExternalStore } from 'react'
import type { Editor } from '@tiptap/core'
import type * as Y from 'yjs'
import { decideSuggestion, isInsertion, type Person, type ResolvedSuggestion, type Suggestion } from '@perspektiv/review'
import { formatDateTime, userColour } from '../format.js'
import { useSuggestions, type ReviewSession } from './reviewSession.js'
import { ACCEPT_META, type SuggestModeState } from './suggestMode.js'
import { suggestionElementId, suggestionMarksKey } from './suggestionMarks.js'
import { resolveInEditor } from './suggestionResolve.js'

const noResolved = new Map<string, ResolvedSuggestion>()

/** "Föreslå ändringar": on, typing in the text makes suggestions instead of changes. */
export function SuggestToggle({ mode }: { mode: SuggestModeState }) {
  const on = useSyncExternalStore(mode.subscribe, mode.get)
  return (
    <button
      type="button"
      className={`button ${on ? 'button--primary' : ''}`}
      aria-pressed={on}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => mode.set(!on)}
    >
      Föreslå ändringar
    </button>
  )
}

/**
 * [S3] Accepts a suggestion: its change is applied to the text as this author's own edit
 * (undone like any edit), then it is closed as accepted. False when it no longer applies.
 */
function accept(editor: Editor, ydoc: Y.Doc, review: ReviewSession, s: Suggestion, me: Person): boolean {
  const r = resolveInEditor(editor.state, ydoc, s)
  if (r.orphaned || r.outdated) return false
  const tr = editor.state.tr
  if (s.text) tr.insertText(s.text, r.from, r.to)
  else tr.delete(r.from, r.to)
  editor.view.dispatch(tr.setMeta(ACCEPT_META, true))
  decideSuggestion(review.ydoc, s.id, 'accepted', me, new Date().toISOString())
  return true
}

function describe(s: Suggestion): string {
  if (isInsertion(s)) return `infoga ”${s.text}”`
  if (!s.text) return `ta bort ”${s.anchor.quote}”`
  return `ersätta ”${s.anchor.quote}” med ”${s.text}”`
}

/** [S6] The open suggestions beside the text, with Godta/Avvisa for authors (one, or all of a person's). */
export function SuggestionsPanel({
  editor,
  ydoc,
  review,
  me,
  canDecide,
}: {
  editor: Editor | null
  ydoc: Y.Doc
  review: ReviewSession
  me: Person
  canDecide: boolean
}) {
  const suggestions = useSuggestions(review)
  const resolved = useSyncExternalStore(
    (cb) => {
      editor?.on('transaction', cb)
      return () => editor?.off('transaction', cb)
    },
    () => (editor && !editor.isDestroyed ? suggestionMarksKey.getState(editor.state)?.resolved : undefined) ?? noResolved,
  )
  const open = suggestions.filter((s) => s.state === 'open')
  const decided = suggestions.filter((s) => s.state !== 'open')
  const people = [...new Map(open.map((s) => [s.author.username, s.author])).values()]
  const reject = (s: Suggestion) => decideSuggestion(review.ydoc, s.id, 'rejected', me, new Date().toISOString())
  return (
    <section className="suggestions panel" aria-labelledby="suggestions-title">
      <h2 className="panel__title" id="suggestions-title">
        Ändringsförslag
      </h2>
      <p className="muted">
        {open.length === 0 ? 'Inga öppna ändringsförslag.' : open.length === 1 ? '1 öppet ändringsförslag.' : `${open.length} öppna ändringsförslag.`}
      </p>
      {canDecide && people.length > 0 && (
        <ul className="suggestions__people">
          {people.map((p) => (
            <li key={p.username}>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => {
                  if (!editor) return
                  for (const s of open.filter((x) => x.author.username === p.username)) accept(editor, ydoc, review, s, me)
                }}
              >
                Godta alla från {p.name}
              </button>
              <button type="button" className="button button--quiet" onClick={() => open.filter((s) => s.author.username === p.username).forEach(reject)}>
                Avvisa alla från {p.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ol className="suggestions__list">
        {open.map((s) => {
          const r = resolved.get(s.id)
          const stale = r !== undefined && (r.orphaned || r.outdated)
          return (
            <li key={s.id} id={suggestionElementId(s.id)} className="suggestion" style={{ borderColor: userColour(s.author.username) }}>
              <p>
                <strong>{s.author.name}</strong> föreslår att {describe(s)}{' '}
                <time className="muted" dateTime={s.at}>
                  ({formatDateTime(s.at)})
                </time>
              </p>
              {s.note && <p className="muted">{s.note}</p>}
              {stale && <p className="suggestion__outdated">Inaktuellt – texten har ändrats sedan förslaget. Det kan bara avvisas eller föras in för hand.</p>}
              {canDecide && (
                <p className="suggestion__actions">
                  <button type="button" className="button" disabled={stale || !editor} onClick={() => editor && accept(editor, ydoc, review, s, me)}>
                    Godta<span className="visually-hidden"> förslaget att {describe(s)}</span>
                  </button>
                  <button type="button" className="button button--quiet" onClick={() => reject(s)}>
                    Avvisa<span className="visually-hidden"> förslaget att {describe(s)}</span>
                  </button>
                </p>
              )}
            </li>
          )
        })}
      </ol>
      {decided.length > 0 && (
        <details className="suggestions__decided">
          <summary>Avgjorda förslag ({decided.length})</summary>
          <ul>
            {decided.map((s) => (
              <li key={s.id}>
                Förslaget av {s.author.name} att {describe(s)} – {s.state === 'accepted' ? 'godtaget' : 'avvisat'} av {s.decidedBy?.name ?? ''}
                {s.decidedAt && <> ({formatDateTime(s.decidedAt)})</>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  )
}
