import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import type { PublicUser } from '@perspektiv/model'
import { isVerdictOutdated, sectionFingerprint, setVerdict, type Verdict } from '@perspektiv/review'
import { VERDICT_COPY, VERDICT_LABEL } from '../copy.js'
import { formatDateTime } from '../format.js'
import type { ReviewSession } from './reviewSession.js'

/**
 * A reviewer's verdict ("omdöme") on one perspective, next to the checker's status: Godtas
 * or Behöver kompletteras (with a required comment); outdated once the section has changed.
 * Closing the form (saved or cancelled) returns focus to the button that opened it.
 */
export function VerdictView({
  perspectiveKey,
  title,
  verdict,
  currentText,
  canJudge,
  review,
  user,
}: {
  perspectiveKey: string
  title: string
  verdict: Verdict | undefined
  currentText: string
  canJudge: boolean
  review: ReviewSession
  user: PublicUser
}) {
  const [editing, setEditing] = useState(false)
  const openerRef = useRef<HTMLButtonElement>(null)
  const wasEditing = useRef(false)
  useEffect(() => {
    if (wasEditing.current && !editing) openerRef.current?.focus()
    wasEditing.current = editing
  }, [editing])
  const outdated = verdict ? isVerdictOutdated(verdict, currentText) : false
  return (
    <div className="verdict" data-verdict={verdict?.verdict ?? 'none'}>
      {verdict ? (
        <p className={`verdict__result verdict--${verdict.verdict} ${outdated ? 'verdict--outdated' : ''}`}>
          <span className="verdict__icon" aria-hidden="true">
            {verdict.verdict === 'godkand' ? '✓' : '!'}
          </span>
          {VERDICT_COPY.noun}: <strong>{VERDICT_LABEL[verdict.verdict]}</strong> ({verdict.by.name},{' '}
          <time dateTime={verdict.at}>{formatDateTime(verdict.at)}</time>){verdict.comment && <span className="verdict__comment">”{verdict.comment}”</span>}
          {outdated && <span className="verdict__outdated">{VERDICT_COPY.outdated}</span>}
        </p>
      ) : null}
      {canJudge && !editing && (
        <button type="button" className="button button--quiet verdict__open" ref={openerRef} onClick={() => setEditing(true)}>
          {verdict ? VERDICT_COPY.change : VERDICT_COPY.give}
          <span className="visually-hidden"> {title}</span>
        </button>
      )}
      {canJudge && editing && (
        <VerdictForm
          title={title}
          initial={verdict}
          onCancel={() => setEditing(false)}
          onSave={(v, comment) => {
            setVerdict(review.ydoc, perspectiveKey, {
              verdict: v,
              comment,
              by: { username: user.username, name: user.name },
              at: new Date().toISOString(),
              sectionFingerprint: sectionFingerprint(currentText),
            })
            setEditing(false)
          }}
        />
      )}
    </div>
  )
}

function VerdictForm({
  title,
  initial,
  onSave,
  onCancel,
}: {
  title: string
  initial: Verdict | undefined
  onSave: (verdict: Verdict['verdict'], comment: string) => void
  onCancel: () => void
}) {
  const id = useId()
  const [choice, setChoice] = useState<Verdict['verdict'] | null>(initial?.verdict ?? null)
  const [comment, setComment] = useState(initial?.comment ?? '')
  const [error, setError] = useState<string | null>(null)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!choice) return setError(VERDICT_COPY.choose)
    if (choice === 'komplettering' && !comment.trim()) return setError('Skriv vad som behöver kompletteras.')
    onSave(choice, comment.trim())
  }
  return (
    <form className="verdict-form" onSubmit={submit}>
      <fieldset>
        <legend>{VERDICT_COPY.legend(title)}</legend>
        {(['godkand', 'komplettering'] as const).map((v) => (
          <label key={v} className="verdict-form__choice">
            <input
              type="radio"
              name={`${id}-verdict`}
              value={v}
              checked={choice === v}
              onChange={() => {
                setChoice(v)
                setError(null)
              }}
            />{' '}
            {VERDICT_LABEL[v]}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-comment`}>Kommentar{choice === 'komplettering' ? ' (krävs)' : ''}</label>
      <textarea
        id={`${id}-comment`}
        rows={2}
        value={comment}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setComment(e.target.value)
          setError(null)
        }}
      />
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary">
          {VERDICT_COPY.save}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Avbryt
        </button>
      </div>
    </form>
  )
}
