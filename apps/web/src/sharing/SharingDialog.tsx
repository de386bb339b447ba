import { useEffect, useId, useState } from 'react'
import { ROLES, type Role, type Member, type Person } from '@perspektiv/model'
import { api, ApiError, serverReason, type DocumentDetail } from '../api.js'
import { ROLE_LABEL, STATUS_LABEL } from '../copy.js'
import { useModalDialog } from '../useModalDialog.js'
import './sharing.css'

/** Waits this long after the last keystroke before searching (the search is rate-limited). */
const SEARCH_DELAY_MS = 250

function errorText(err: unknown): string {
  const reason = serverReason(err)
  if (reason) return reason
  if (err instanceof ApiError && err.status === 409) return 'Ändringen gick inte: ett dokument måste ha minst en författare.'
  if (err instanceof ApiError && err.status === 404) return 'Personen finns inte, eller är inte längre medlem.'
  return err instanceof Error ? err.message : String(err)
}

/**
 * "Dela": who is on the document. Authors search colleagues, add them with a role, change
 * roles and remove members; everyone else sees the list read-only. A modal `<dialog>`:
 * the rest of the page is inert while it is open (focus stays inside), Escape closes it,
 * and focus returns to the button that opened it.
 */
export function SharingButton({ detail, onChanged }: { detail: DocumentDetail; onChanged: () => void }) {
  const { dialogRef, openerRef, open, show, close } = useModalDialog()
  const isAuthor = detail.role === 'author'

  return (
    <>
      <button type="button" className="button" ref={openerRef} onClick={show} aria-haspopup="dialog">
        {isAuthor ? 'Dela' : 'Medlemmar'} <span className="sharing__count">({detail.members.length})</span>
      </button>
      <dialog ref={dialogRef} className="dialog sharing" aria-labelledby="sharing-title">
        {open && <SharingContent detail={detail} onChanged={onChanged} onClose={close} />}
      </dialog>
    </>
  )
}

function SharingContent({ detail, onChanged, onClose }: { detail: DocumentDetail; onChanged: () => void; onClose: () => void }) {
  const isAuthor = detail.role === 'author'
  const [members, setMembers] = useState<Member[]>(detail.members)
  const [status, setStatus] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => setMembers(detail.members), [detail.members])

  const change = async (action: () => Promise<Member[]>, done: string) => {
    setBusy(true)
    setError(null)
    setStatus('')
    try {
      setMembers(await action())
      setStatus(done)
      onChanged()
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="dialog__body">
      <div className="dialog__head">
        <h2 id="sharing-title">{isAuthor ? 'Dela dokumentet' : 'Medlemmar i dokumentet'}</h2>
        <button type="button" className="button button--quiet" onClick={onClose}>
          Stäng
        </button>
      </div>
      {!isAuthor && <p className="hint">Bara dokumentets författare kan lägga till och ta bort medlemmar.</p>}
      {detail.status === 'granskning' && isAuthor && (
        <p className="hint">Med status {STATUS_LABEL.granskning} kan godkännare inte ändras. Återöppna dokumentet om godkännarna behöver bytas.</p>
      )}
      {detail.status === 'godkand' && <p className="hint">Dokumentet är godkänt och låst: medlemmarna kan inte längre ändras.</p>}
      <p className="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <MemberList
        members={members}
        editable={isAuthor && detail.status !== 'godkand'}
        busy={busy}
        onRole={(m, role) => void change(() => api.setMember(detail.id, m.username, role), `${m.name} har nu rollen ${ROLE_LABEL[role]}.`)}
        onRemove={(m) => void change(() => api.removeMember(detail.id, m.username), `${m.name} är borttagen från dokumentet.`)}
      />
      {isAuthor && detail.status !== 'godkand' && (
        <AddMember
          members={members}
          busy={busy}
          onAdd={(p, role) => void change(() => api.setMember(detail.id, p.username, role), `${p.name} är tillagd som ${ROLE_LABEL[role]}.`)}
        />
      )}
    </div>
  )
}

function MemberList({
  members,
  editable,
  busy,
  onRole,
  onRemove,
}: {
  members: Member[]
  editable: boolean
  busy: boolean
  onRole: (m: Member, role: Role) => void
  onRemove: (m: Member) => void
}) {
  const id = useId()
  return (
    <section aria-labelledby={`${id}-members`}>
      <h3 id={`${id}-members`}>Medlemmar</h3>
      <ul className="sharing__members">
        {members.map((m) => (
          <li key={m.username} className="sharing__member">
            <span className="sharing__person">
              <strong>{m.name}</strong>
              {m.title ? <span className="muted">, {m.title}</span> : null}
            </span>
            {editable ? (
              <>
                <label className="visually-hidden" htmlFor={`${id}-role-${m.username}`}>
                  Roll för {m.name}
                </label>
                <select id={`${id}-role-${m.username}`} value={m.role} disabled={busy} onChange={(e) => onRole(m, e.target.value as Role)}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABEL[r]}
                    </option>
                  ))}
                </select>
                <button type="button" className="button button--quiet" disabled={busy} onClick={() => onRemove(m)}>
                  Ta bort<span className="visually-hidden"> {m.name}</span>
                </button>
              </>
            ) : (
              <span>{ROLE_LABEL[m.role]}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}

function AddMember({ members, busy, onAdd }: { members: Member[]; busy: boolean; onAdd: (p: Person, role: Role) => void }) {
  const id = useId()
  const [query, setQuery] = useState('')
  const [role, setRole] = useState<Role>('reviewer')
  const [found, setFound] = useState<Person[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const q = query.trim()
    if (q.length < 2) {
      setFound(null)
      return
    }
    let live = true
    const timer = setTimeout(() => {
      api.searchUsers(q).then(
        (users) => {
          if (!live) return
          setFound(users)
          setError(null)
        },
        (err: unknown) => live && setError(errorText(err)),
      )
    }, SEARCH_DELAY_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [query])

  const memberNames = new Set(members.map((m) => m.username))
  const candidates = (found ?? []).filter((p) => !memberNames.has(p.username))
  return (
    <section aria-labelledby={`${id}-add`} className="sharing__add">
      <h3 id={`${id}-add`}>Lägg till en person</h3>
      <div className="sharing__controls">
        <div className="field">
          <label htmlFor={`${id}-query`}>Sök på namn, titel eller användarnamn</label>
          <input
            id={`${id}-query`}
            type="search"
            autoComplete="off"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            aria-describedby={`${id}-count`}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>Roll</label>
          <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p id={`${id}-count`} className="hint" role="status" aria-live="polite">
        {found === null
          ? 'Skriv minst två tecken.'
          : candidates.length === 0
            ? 'Ingen person hittades.'
            : `${candidates.length} ${candidates.length === 1 ? 'person' : 'personer'} hittades.`}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {candidates.length > 0 && (
        <ul className="sharing__results" aria-label="Sökresultat">
          {candidates.map((p) => (
            <li key={p.username} className="sharing__member">
              <span className="sharing__person">
                <strong>{p.name}</strong>
                {p.title ? <span className="muted">, {p.title}</span> : null} <span className="muted">({p.username})</span>
              </span>
              <button type="button" className="button" disabled={busy} onClick={() => onAdd(p, role)}>
                Lägg till {p.name} som {ROLE_LABEL[role].toLowerCase()}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
