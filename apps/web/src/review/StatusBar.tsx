import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { can, type CoverageReport, type DocumentStatus, type PublicUser, type ApprovalCheck, type ApprovalReview } from '@perspektiv/model'
import { api, ApiError, type DocumentDetail } from '../api.js'
import { CHECKER_STATUS, CHECKLIST, checkerStatus, placeholdersLeft, STATUS_LABEL, statusProblems, VERDICT_STATE } from '../copy.js'
import { formatDateTime } from '../format.js'
import { Confirm } from './Confirm.js'
import { SectionDiff } from './SectionDiff.js'

const STEPS: DocumentStatus[] = ['utkast', 'granskning', 'godkand']

type GateFailure = { coverage: CoverageReport; review?: ApprovalReview; structure?: { valid: boolean } }

/**
 * The status flow, owned by the server: Utkast → Granskning → Godkänd, with the
 * actions the caller's role allows. A refused "Skicka till granskning" shows what is missing.
 */
export function StatusBar({ detail, user, onChanged }: { detail: DocumentDetail; user: PublicUser; onChanged: (d: DocumentDetail) => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [gate, setGate] = useState<GateFailure | null>(null)
  const [confirming, setConfirming] = useState<'approve' | 'reopen' | 'revise' | null>(null)
  const [check, setCheck] = useState<ApprovalCheck | null>(null)
  const gateRef = useRef<HTMLDivElement>(null)
  // Where focus goes back to when a confirmation closes (its opener is not rendered meanwhile).
  const [returnFocus, setReturnFocus] = useState<'approve' | 'reopen' | 'revise' | null>(null)
  const openers = { approve: useRef<HTMLButtonElement>(null), reopen: useRef<HTMLButtonElement>(null), revise: useRef<HTMLButtonElement>(null) }
  const iApproved = detail.approvals.some((a) => a.username === user.username)
  const allowed = (action: Parameters<typeof can>[1]) => can(detail.role, action, detail.status)

  // The approver sees what the server will judge (verdicts, threads, header, text) before pressing the button.
  useEffect(() => {
    if (confirming !== 'approve') return
    let live = true
    setCheck(null)
    api.approvalCheck(detail.id).then(
      (c) => live && setCheck(c),
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    )
    return () => {
      live = false
    }
  }, [confirming, detail.id])

  // A refused send moves focus to the checklist every time, once it is in the DOM (a
  // requestAnimationFrame could run before React committed it, leaving focus on <body>
  // after the disabled button lost it).
  useLayoutEffect(() => {
    if (gate) gateRef.current?.focus()
  }, [gate])
  useLayoutEffect(() => {
    if (returnFocus === null || confirming !== null) return
    openers[returnFocus].current?.focus()
    setReturnFocus(null)
  })
  const cancel = () => {
    setReturnFocus(confirming)
    setConfirming(null)
  }

  const run = async (action: () => Promise<DocumentDetail>) => {
    setBusy(true)
    setError(null)
    setGate(null)
    try {
      onChanged(await action())
      setConfirming(null)
    } catch (err) {
      const details = err instanceof ApiError ? (err.details as GateFailure | undefined) : undefined
      if (err instanceof ApiError && err.status === 409 && details?.coverage) {
        setGate(details)
        setConfirming(null)
      } else if (err instanceof ApiError && typeof (err.details as { message?: unknown } | undefined)?.message === 'string') {
        // The server's own Swedish explanation (separation of duties, frozen membership).
        setError((err.details as { message: string }).message)
      } else
        setError(
          err instanceof ApiError && err.status === 409
            ? 'Åtgärden gick inte: dokumentets status har ändrats. Ladda om sidan.'
            : err instanceof Error
              ? err.message
              : String(err),
        )
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="statusbar" aria-label="Status och godkännande">
      <ol className="statusbar__steps">
        {STEPS.map((s, i) => (
          <li key={s} className={`statusbar__step ${s === detail.status ? 'is-current' : ''}`} aria-current={s === detail.status ? 'step' : undefined}>
            <span className="statusbar__number" aria-hidden="true">
              {i + 1}
            </span>
            {STATUS_LABEL[s]}
            {s === detail.status && <span className="visually-hidden"> (nuvarande status)</span>}
          </li>
        ))}
      </ol>
      <div className="statusbar__actions">
        {detail.revision > 1 && <p className="statusbar__note">Revision {detail.revision}</p>}
        {allowed('status.send') && (
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void run(() => api.setStatus(detail.id, 'granskning'))}>
            Skicka till granskning
          </button>
        )}
        {allowed('status.reopen') && confirming !== 'reopen' && (
          <button type="button" className="button" ref={openers.reopen} disabled={busy} onClick={() => setConfirming('reopen')}>
            Återöppna
          </button>
        )}
        {allowed('approve') && !iApproved && confirming !== 'approve' && (
          <button
            type="button"
            className="button button--primary"
            ref={openers.approve}
            disabled={busy || !detail.canApprove}
            onClick={() => setConfirming('approve')}
          >
            Godkänn
          </button>
        )}
        {allowed('approve') && iApproved && <p className="statusbar__note">Du har godkänt dokumentet.</p>}
        {allowed('revise') && confirming !== 'revise' && (
          <button type="button" className="button" ref={openers.revise} disabled={busy} onClick={() => setConfirming('revise')}>
            Ny revision
          </button>
        )}
      </div>
      {confirming === 'approve' && (
        <Confirm
          id="confirm-approve"
          text={
            <>
              Du godkänner dokumentet digitalt som <strong>{user.name}</strong>
              {user.title ? `, ${user.title}` : ''}. Godkännandet sparas med namn och datum.
            </>
          }
          action="Bekräfta godkännande"
          disabled={busy || !check?.ready}
          describedBy={check ? 'approval-state' : undefined}
          onConfirm={() => void run(() => api.approve(detail.id))}
          onCancel={cancel}
        >
          {check === null ? (
            <p className="muted" role="status">
              Kontrollerar granskningen…
            </p>
          ) : (
            <div id="approval-state" className={`gate ${check.ready ? '' : 'notice notice--warning'}`} role="status">
              <p>
                <strong>{check.ready ? 'Granskningen är klar: inget hindrar godkännandet.' : 'Dokumentet kan inte godkännas än.'}</strong>
                {!check.ready && ' Det som är markerat med ✗ behöver åtgärdas först:'}
              </p>
              {check.wasAuthor ? (
                <p>
                  Du har varit författare till dokumentet i den här revisionen och kan därför inte godkänna det. En godkännare ska inte ha skrivit texten själv.
                </p>
              ) : (
                <GateChecklist failure={check} />
              )}
            </div>
          )}
          {check?.changesSinceYourApproval && (
            <div className="changes" role="region" aria-label="Ändringar sedan ditt godkännande">
              <p>
                <strong>Texten har ändrats sedan du godkände den</strong>, så ditt godkännande togs bort. Det här har ändrats:
              </p>
              <SectionDiff sections={check.changesSinceYourApproval.sections} />
            </div>
          )}
        </Confirm>
      )}
      {confirming === 'reopen' && (
        <Confirm
          id="confirm-reopen"
          text="Dokumentet går tillbaka till utkast och alla godkännanden tas bort."
          action="Återöppna dokumentet"
          disabled={busy}
          onConfirm={() => void run(() => api.setStatus(detail.id, 'utkast'))}
          onCancel={cancel}
        />
      )}
      {confirming === 'revise' && (
        <Confirm
          id="confirm-revise"
          text={`Revision ${detail.revision} sparas oförändrad, med sitt godkännande och sina exporter. Dokumentet blir ett utkast igen som revision ${detail.revision + 1}, och alla godkännanden tas bort.`}
          action={`Starta revision ${detail.revision + 1}`}
          disabled={busy}
          onConfirm={() => void run(() => api.revise(detail.id))}
          onCancel={cancel}
        />
      )}
      {detail.status === 'granskning' && (
        <p className="statusbar__note">
          {!detail.canApprove
            ? 'Dokumentet har ingen godkännare och kan inte godkännas. En författare behöver lägga till en godkännare.'
            : detail.approversPending.length > 0
              ? `Väntar på godkännande av: ${detail.approversPending.map((a) => a.name).join(', ')}.`
              : ''}
          {detail.approvals.length > 0 && ` Godkänt av: ${detail.approvals.map((a) => `${a.name} (${formatDateTime(a.approvedAt)})`).join(', ')}.`}
        </p>
      )}
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      {gate && (
        <div className="notice notice--warning gate" role="alert" tabIndex={-1} ref={gateRef}>
          <p>
            <strong>{gate.review ? 'Dokumentet kan inte godkännas än.' : 'Dokumentet kan inte skickas till granskning än.'}</strong> Det som är markerat med ✗
            saknas:
          </p>
          <GateChecklist failure={gate} />
        </div>
      )}
    </section>
  )
}

/** The CoverageReport of a refused send as a checklist of what is still missing (Swedish). */
export function GateChecklist({ failure }: { failure: GateFailure }) {
  const { coverage } = failure
  const items: Array<{ key: string; ok: boolean; text: string }> = []
  for (const p of coverage.perspectives) {
    const ok = p.status === 'covered' || p.status === 'not-relevant'
    const problems = statusProblems(p)
    items.push({ key: `p-${p.key}`, ok, text: `${p.title}: ${CHECKER_STATUS[checkerStatus(p)].label}${problems.length ? ` – ${problems.join(' ')}` : ''}` })
  }
  for (const s of coverage.sections) {
    if (s.problems.length > 0) items.push({ key: `s-${s.key}`, ok: false, text: `${s.title}: ${s.problems.join(' ')}` })
  }
  for (const m of coverage.meta) {
    if (m.status !== 'ok') items.push({ key: `m-${m.field}`, ok: false, text: m.problems.join(' ') })
  }
  if (coverage.placeholders.length > 0) {
    items.push({ key: 'placeholders', ok: false, text: placeholdersLeft(coverage.placeholders) })
  }
  // The reviewers' work (approval only): the server read it from the review room.
  const review = failure.review
  if (review) {
    for (const v of review.verdicts) {
      const blocks = v.state === 'komplettering' || v.state === 'outdated' || (v.state === 'none' && review.rules.requireVerdicts === 'all')
      if (v.state === 'none' && !blocks) continue
      const by = v.by ? ` (${v.by})` : ''
      items.push({
        key: `v-${v.key}`,
        ok: !blocks,
        text: `Omdöme om ${v.title}: ${VERDICT_STATE[v.state]}${by}${v.state === 'komplettering' && v.comment ? ` – ${v.comment}` : ''}`,
      })
    }
    if (review.rules.requireThreadsResolved) {
      for (const t of review.openThreads) items.push({ key: `t-${t.id}`, ok: false, text: `Olöst kommentar av ${t.by}${t.quote ? ` om ”${t.quote}”` : ''}` })
      if (review.openThreads.length === 0) items.push({ key: 'threads', ok: true, text: 'Alla kommentarer är lösta.' })
      for (const s of review.openSuggestions ?? [])
        items.push({ key: `s-${s.id}`, ok: false, text: `Obesvarat ändringsförslag av ${s.by}${s.quote ? ` om ”${s.quote}”` : ''}` })
    }
  }
  if (failure.structure && !failure.structure.valid)
    items.push({ key: 'structure', ok: false, text: 'Avsnittens ordning eller uppsättning följer inte mallen.' })
  return (
    <ul className="gate__list">
      {items.map((i) => (
        <li key={i.key} className={i.ok ? 'gate__ok' : 'gate__missing'}>
          <span aria-hidden="true">{i.ok ? '✓ ' : '✗ '}</span>
          <span className="visually-hidden">{i.ok ? CHECKLIST.done : CHECKLIST.missing}</span>
          {i.text}
        </li>
      ))}
    </ul>
  )
}

const dateOnly = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short' })

/** The digital approval record, as the city prints it: Namn | Datum, in approval order. */
export function ApprovalRecord({ detail }: { detail: DocumentDetail }) {
  if (detail.status !== 'godkand' || detail.approvals.length === 0) return null
  return (
    <section className="approval-record" aria-labelledby="approval-record-title">
      <h2 id="approval-record-title">Digitalt godkännande</h2>
      <p>Detta dokument har godkänts digitalt av följande personer</p>
      <table className="doc-table">
        <thead>
          <tr>
            <th scope="col">Namn</th>
            <th scope="col">Datum</th>
          </tr>
        </thead>
        <tbody>
          {detail.approvals.map((a) => (
            <tr key={a.username}>
              <td>
                {a.name}
                {a.title ? `, ${a.title}` : ''}
              </td>
              <td>
                <time dateTime={a.approvedAt}>{dateOnly.format(new Date(a.approvedAt))}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
