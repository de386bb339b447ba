import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { EditorContent, useEditor } from '@tiptap/react'
import { TextSelection } from '@tiptap/pm/state'
import type { PublicUser, Role, Template } from '@perspektiv/model'
import type { StructureViolation } from '@perspektiv/document'
import { api, ApiError, type DocumentDetail } from '../api.js'
import { ROLE_LABEL, STATUS_LABEL, userColour } from '../format.js'
import { hasNavigated, linkHandler } from '../router.js'
import { useCollabSession, type CollabSession, type ConnectionStatus } from '../editor/collabSession.js'
import { editorExtensions } from '../editor/extensions.js'
import { PresenceStore } from '../editor/presenceStore.js'
import { ConnectionState } from '../editor/ConnectionState.js'
import { CoveragePanel, useLiveCoverage } from '../editor/CoveragePanel.js'
import { MetaForm, useMeta } from '../editor/MetaForm.js'
import { Presence } from '../editor/Presence.js'

const READ_ONLY_REASON: Record<Exclude<Role, 'author'>, string> = {
  reviewer: 'Du är granskare i detta dokument och kan läsa men inte ändra texten.',
  approver: 'Du är godkännare i detta dokument och kan läsa men inte ändra texten.',
  reader: 'Du är läsare i detta dokument och kan läsa men inte ändra texten.',
}

function readOnlyReason(detail: DocumentDetail): string | null {
  if (detail.status === 'godkand') return 'Dokumentet är godkänt och låst. Ingen kan längre ändra texten.'
  if (detail.role === 'author') return null
  return READ_ONLY_REASON[detail.role] ?? READ_ONLY_REASON.reader
}

export function Editor({ id, user }: { id: string; user: PublicUser }) {
  const [detail, setDetail] = useState<DocumentDetail | null>(null)
  const [template, setTemplate] = useState<Template | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    Promise.all([api.document(id), api.templates()])
      .then(([d, templates]) => {
        if (!live) return
        const t = templates.find((x) => x.id === d.templateId)
        if (!t) throw new ApiError(500, 'internal', `Mallen ”${d.templateId}” finns inte på servern.`)
        setDetail(d)
        setTemplate(t)
      })
      .catch((err: unknown) => {
        if (!live) return
        if (err instanceof ApiError && err.status === 403) setError('Du har ingen roll i det här dokumentet och kan inte öppna det.')
        else if (err instanceof ApiError && err.status === 404) setError('Dokumentet finns inte.')
        else setError(err instanceof Error ? err.message : String(err))
      })
    return () => {
      live = false
    }
  }, [id])

  if (error) {
    return (
      <div className="notice notice--error" role="alert">
        <p>{error}</p>
        <p>
          <a href="/" onClick={linkHandler('/')}>
            Till mina tjänsteutlåtanden
          </a>
        </p>
      </div>
    )
  }
  if (!detail || !template) {
    return (
      <p className="muted" role="status">
        Öppnar dokumentet…
      </p>
    )
  }
  return <EditorWorkspace id={id} user={user} detail={detail} template={template} />
}

function EditorWorkspace({ id, user, detail, template }: { id: string; user: PublicUser; detail: DocumentDetail; template: Template }) {
  const { session, snapshot } = useCollabSession(id)
  const reason = readOnlyReason(detail)
  const head = { detail, template, status: snapshot.status, closedReason: snapshot.closedReason }

  return (
    <div className="workspace">
      <p className="breadcrumb">
        <a href="/" onClick={linkHandler('/')}>
          Mina tjänsteutlåtanden
        </a>
      </p>
      {session ? <LiveHead session={session} {...head} /> : <Head title={detail.title} dnr={detail.dnr} {...head} />}
      {reason && (
        <div className="notice notice--info banner" id="read-only-reason">
          {reason}
        </div>
      )}
      {session && snapshot.ready ? (
        <DocumentEditor session={session} template={template} user={user} readOnly={reason !== null} />
      ) : (
        <p className="muted" role="status">
          {snapshot.status === 'connected' || navigator.onLine
            ? 'Hämtar dokumentets innehåll…'
            : 'Dokumentet finns inte sparat i den här webbläsaren och kan inte öppnas utan anslutning.'}
        </p>
      )}
    </div>
  )
}

type HeadProps = { detail: DocumentDetail; template: Template; status: ConnectionStatus; closedReason: string | null }

/** The heading follows the live title and Dnr in the meta map. */
function LiveHead({ session, ...rest }: HeadProps & { session: CollabSession }) {
  const meta = useMeta(session.ydoc)
  return <Head title={meta.text.title || rest.detail.title} dnr={meta.text.dnr} {...rest} />
}

function Head({ title, dnr, detail, template, status, closedReason }: HeadProps & { title: string; dnr: string }) {
  const headingRef = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (hasNavigated()) headingRef.current?.focus()
  }, [])
  const shown = title || 'Namnlöst tjänsteutlåtande'
  useEffect(() => {
    document.title = `${shown} – Perspektiv`
  }, [shown])
  return (
    <div className="workspace__head">
      <div>
        <h1 tabIndex={-1} ref={headingRef}>
          {shown}
        </h1>
        <p className="workspace__facts">
          {dnr ? <span>Dnr {dnr}</span> : <span className="muted">Dnr saknas</span>}
          <span className={`pill pill--${detail.status}`}>{STATUS_LABEL[detail.status]}</span>
          <span>Din roll: {ROLE_LABEL[detail.role]}</span>
          <span className="muted">{template.name}</span>
        </p>
      </div>
      <ConnectionState status={status} closedReason={closedReason} />
    </div>
  )
}

function DocumentEditor({ session, template, user, readOnly }: { session: CollabSession; template: Template; user: PublicUser; readOnly: boolean }) {
  const presence = useMemo(() => new PresenceStore(session.provider.awareness), [session])
  useEffect(() => () => presence.destroy(), [presence])
  const [guardMessage, setGuardMessage] = useState<string | null>(null)
  const guardTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const onReject = useCallback((v: StructureViolation) => {
    setGuardMessage(v.message)
    clearTimeout(guardTimer.current)
    guardTimer.current = setTimeout(() => setGuardMessage(null), 6000)
  }, [])
  useEffect(() => () => clearTimeout(guardTimer.current), [])

  // Built once per session: the editor is recreated only when these change.
  const options = useMemo(
    () => ({
      extensions: editorExtensions({
        template,
        ydoc: session.ydoc,
        provider: session.provider,
        presence,
        user: { name: user.name, username: user.username, color: userColour(user.username) },
        readOnly,
        onReject,
      }),
      editable: !readOnly,
      editorProps: {
        attributes: {
          class: 'document-body',
          'aria-label': 'Dokumentets text',
          ...(readOnly ? { 'aria-readonly': 'true', 'aria-describedby': 'read-only-reason' } : {}),
        },
      },
    }),
    [session, template, presence, user.name, user.username, readOnly, onReject],
  )
  const editor = useEditor(options, [options])

  const report = useLiveCoverage(editor, template)

  const goTo = useCallback(
    (key: string) => {
      if (!editor) return
      let target = -1
      editor.state.doc.forEach((node, offset) => {
        if (node.attrs.key === key) target = offset
      })
      if (target < 0) return
      const dom = editor.view.nodeDOM(target)
      if (dom instanceof HTMLElement) dom.scrollIntoView({ block: 'start', behavior: 'smooth' })
      if (readOnly) {
        document.getElementById(`section-${key}-heading`)?.focus({ preventScroll: true })
        return
      }
      const inside = TextSelection.near(editor.state.doc.resolve(target + 1))
      editor.chain().setTextSelection(inside.from).focus(undefined, { scrollIntoView: false }).run()
    },
    [editor, readOnly],
  )

  return (
    <div className="workspace__layout">
      <div className="workspace__main">
        <MetaForm ydoc={session.ydoc} readOnly={readOnly} />
        <div className="guard-message" role="status" aria-live="polite">
          {guardMessage && (
            <p className="notice notice--warning">
              <span aria-hidden="true">! </span>
              {guardMessage}
            </p>
          )}
        </div>
        <div className="document">
          <EditorContent editor={editor} />
        </div>
      </div>
      <div className="workspace__side">
        <CoveragePanel report={report} onGoTo={goTo} />
        <Presence store={presence} template={template} />
      </div>
    </div>
  )
}
