import { useEffect, useId, useRef, useState, useSyncExternalStore, type FormEvent } from 'react'
import type { Editor } from '@tiptap/core'
import type { PublicUser } from '@perspektiv/model'
import { addReply, createThread, setResolved, type Anchor, type ResolvedAnchor, type Thread } from '@perspektiv/review'
import { formatDateTime } from '../format.js'
import { commentAnchorsKey, threadElementId } from './commentAnchors.js'
import { useLinkedThread } from './linkedThread.js'
import { MentionTextarea } from './MentionTextarea.js'
import type { Mentionable } from './mentions.js'
import { newId, useReviewRefusal, useThreads, type ReviewSession } from './reviewSession.js'
import { threadSummary } from '../copy.js'

const noResolved = new Map<string, ResolvedAnchor>()

/** Where each thread points now, from the highlight plugin (updates with every transaction). */
function useResolvedAnchors(editor: Editor | null): Map<string, ResolvedAnchor> {
  return useSyncExternalStore(
    (cb) => {
      editor?.on('transaction', cb)
      return () => editor?.off('transaction', cb)
    },
    () => (editor && !editor.isDestroyed ? commentAnchorsKey.getState(editor.state)?.resolved : undefined) ?? noResolved,
  )
}

export interface CommentDraft {
  anchor: Anchor
}

/**
 * The comment threads beside the text, in document order (orphaned ones last, still
 * listed with their quote), with replies and resolve/reopen.
 */
export function CommentsPanel({
  editor,
  review,
  user,
  canComment,
  draft,
  onDraftDone,
  members,
}: {
  editor: Editor | null
  review: ReviewSession
  user: PublicUser
  canComment: boolean
  /** The document's members: "@" in a comment suggests them. */
  members: readonly Mentionable[]
  draft: CommentDraft | null
  onDraftDone: () => void
}) {
  const threads = useThreads(review)
  const refusal = useReviewRefusal(review)
  const resolved = useResolvedAnchors(editor)
  const ordered = [...threads].sort((a, b) => position(resolved.get(a.id)) - position(resolved.get(b.id)))
  const me = { username: user.username, name: user.name }
  const open = threads.filter((t) => !t.resolved).length
  useLinkedThread(threads.map((t) => t.id))

  return (
    <section className="comments panel" aria-labelledby="comments-title">
      <h2 className="panel__title" id="comments-title">
        Kommentarer
      </h2>
      {refusal && (
        <p className="notice notice--error" role="alert">
          {refusal}
        </p>
      )}
      {draft && (
        <NewThreadForm
          draft={draft}
          members={members}
          me={me.username}
          onCancel={onDraftDone}
          onSave={(text) => {
            const at = new Date().toISOString()
            createThread(review.ydoc, { id: newId(), anchor: draft.anchor, comment: { id: newId(), author: me, text, at } })
            onDraftDone()
          }}
        />
      )}
      <p className="muted comments__summary">
        {threads.length === 0
          ? canComment
            ? 'Inga kommentarer ännu. Markera text och välj ”Kommentera” (Ctrl+Alt+M).'
            : 'Inga kommentarer ännu.'
          : threadSummary(open, threads.length)}
      </p>
      <ol className="comments__list">
        {ordered.map((thread) => (
          <li key={thread.id}>
            <ThreadView thread={thread} where={resolved.get(thread.id)} canComment={canComment} me={me} review={review} members={members} />
          </li>
        ))}
      </ol>
    </section>
  )
}

/** Orphaned (or not yet resolved) anchors sort after every anchored one. */
function position(r: ResolvedAnchor | undefined): number {
  return r && !r.orphaned ? r.from : Number.MAX_SAFE_INTEGER
}

function NewThreadForm({
  draft,
  members,
  me,
  onSave,
  onCancel,
}: {
  draft: CommentDraft
  members: readonly Mentionable[]
  me: string
  onSave: (text: string) => void
  onCancel: () => void
}) {
  const [text, setText] = useState('')
  const [error, setError] = useState(false)
  const ref = useRef<HTMLTextAreaElement>(null)
  const id = useId()
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new draft (another passage selected) takes focus again, though the form stays mounted.
  useEffect(() => ref.current?.focus(), [draft])
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!text.trim()) return setError(true)
    onSave(text.trim())
  }
  return (
    <form className="comment-form" onSubmit={submit} aria-label="Ny kommentar">
      <p className="comment-form__quote">
        <span className="visually-hidden">Kommenterad text: </span>
        <q>{draft.anchor.quote}</q>
      </p>
      <label htmlFor={`${id}-text`}>Kommentar</label>
      <MentionTextarea
        id={`${id}-text`}
        textareaRef={ref}
        rows={3}
        value={text}
        members={members}
        me={me}
        aria-invalid={error || undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        onChange={(t) => {
          setText(t)
          setError(false)
        }}
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          Skriv en kommentar.
        </p>
      ) : (
        <p className="hint" id={`${id}-hint`}>
          Skriv @ och ett namn för att nämna en medlem; hen får en notis.
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary">
          Spara kommentar
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Avbryt
        </button>
      </div>
    </form>
  )
}

function ThreadView({
  thread,
  where,
  canComment,
  me,
  review,
  members,
}: {
  thread: Thread
  where: ResolvedAnchor | undefined
  canComment: boolean
  me: { username: string; name: string }
  review: ReviewSession
  members: readonly Mentionable[]
}) {
  const [replying, setReplying] = useState(false)
  const [reply, setReply] = useState('')
  const id = useId()
  const orphaned = where?.orphaned === true
  const first = thread.comments[0]!
  const showInText = () => {
    const mark = document.querySelector(`mark[data-thread-id="${CSS.escape(thread.id)}"]`)
    mark?.scrollIntoView({ block: 'center', behavior: 'smooth' })
  }
  return (
    <article
      id={threadElementId(thread.id)}
      tabIndex={-1}
      className={`thread ${thread.resolved ? 'thread--resolved' : ''} ${orphaned ? 'thread--orphaned' : ''}`}
      aria-label={`Kommentar av ${first.author.name}`}
    >
      {orphaned ? (
        <p className="thread__orphaned">
          <span aria-hidden="true">! </span>Den kommenterade texten har tagits bort: <q>{thread.anchor.quote}</q>
        </p>
      ) : (
        <p className="thread__quote">
          <span className="visually-hidden">Kommenterad text: </span>
          <q>{thread.anchor.quote}</q>
        </p>
      )}
      {thread.resolved && (
        <p className="thread__state">
          Löst{thread.resolvedBy ? ` av ${thread.resolvedBy.name}` : ''}
          {thread.resolvedAt ? (
            <>
              {' '}
              <time dateTime={thread.resolvedAt}>{formatDateTime(thread.resolvedAt)}</time>
            </>
          ) : null}
        </p>
      )}
      <ol className="thread__comments">
        {thread.comments.map((c) => (
          <li key={c.id} className="comment">
            <p className="comment__meta">
              <strong>{c.author.name}</strong> <time dateTime={c.at}>{formatDateTime(c.at)}</time>
            </p>
            <p className="comment__text">{c.text}</p>
          </li>
        ))}
      </ol>
      <div className="thread__actions">
        {!orphaned && !thread.resolved && (
          <button type="button" className="button button--quiet" onClick={showInText}>
            Visa i texten
          </button>
        )}
        {canComment && (
          <>
            <button type="button" className="button button--quiet" aria-expanded={replying} onClick={() => setReplying((v) => !v)}>
              Svara
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => setResolved(review.ydoc, thread.id, !thread.resolved, me, new Date().toISOString())}
            >
              {thread.resolved ? 'Öppna igen' : 'Markera som löst'}
            </button>
          </>
        )}
      </div>
      {replying && (
        <form
          className="comment-form"
          onSubmit={(e) => {
            e.preventDefault()
            if (!reply.trim()) return
            addReply(review.ydoc, thread.id, { id: newId(), author: me, text: reply.trim(), at: new Date().toISOString() })
            setReply('')
            setReplying(false)
          }}
        >
          <label htmlFor={`${id}-reply`}>Svar</label>
          <MentionTextarea id={`${id}-reply`} rows={2} value={reply} onChange={setReply} members={members} me={me.username} autoFocus />
          <div className="actions">
            <button type="submit" className="button button--primary">
              Skicka svar
            </button>
          </div>
        </form>
      )}
    </article>
  )
}
