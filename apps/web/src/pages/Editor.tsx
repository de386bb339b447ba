import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { EditorContent, useEditor } from '@tiptap/react'
import { can, type PublicUser, type Role, type Template } from '@perspektiv/model'
import type { StructureViolation } from '@perspektiv/document'
import { api, type DocumentDetail } from '../api.js'
import { ROLE_LABEL, STATUS_LABEL } from '../copy.js'
import { userColour } from '../format.js'
import { hasNavigated, linkHandler } from '../router.js'
import { useCollabSession, type CollabSession, type ConnectionStatus } from '../editor/collabSession.js'
import { editorExtensions } from '../editor/extensions.js'
import { selectOnly } from '../editor/selectOnly.js'
import { PresenceStore } from '../editor/presenceStore.js'
import { ConnectionState } from '../editor/ConnectionState.js'
import { CoveragePanel, useLiveCoverage } from '../editor/CoveragePanel.js'
import { MetaForm, useMeta } from '../editor/MetaForm.js'
import { Presence } from '../editor/Presence.js'
import { Toolbar } from '../editor/toolbar/Toolbar.js'
import { useGoToSection, useGuardMessage, useSectionTexts } from '../editor/editorHooks.js'
import { useReviewClosedReason, useReviewSession, useVerdicts, type ReviewSession } from '../review/reviewSession.js'
import { anchorForSelection, commentAnchors } from '../review/commentAnchors.js'
import { CommentsPanel, type CommentDraft } from '../review/CommentsPanel.js'
import { VerdictView } from '../review/Verdicts.js'
import { ApprovalRecord, StatusBar } from '../review/StatusBar.js'
import { AuditLog } from '../review/AuditLog.js'
import { ChangesSinceReview } from '../review/ChangesSinceReview.js'
import { ExportLinks } from '../review/ExportLinks.js'
import { VersionsPanel } from '../review/VersionsPanel.js'
import { RevisionsPanel } from '../review/Revisions.js'
import { ReviewToolbar } from '../review/ReviewToolbar.js'
import { SuggestionsPanel } from '../review/SuggestionsPanel.js'
import { useCoverageIfAccepted } from '../review/CoverageIfAccepted.js'
import { suggestionMarks } from '../review/suggestionMarks.js'
import { SuggestModeState, suggestMode } from '../review/suggestMode.js'
import { SharingButton } from '../sharing/SharingDialog.js'
import { useDocumentDetail, type OpenError } from './useDocumentDetail.js'
import { DocumentOutput } from '../preview/DocumentOutput.js'

const READ_ONLY_REASON: Record<Exclude<Role, 'author'>, string> = {
  reviewer: 'Du är granskare i detta dokument och kan läsa men inte ändra texten.',
  approver: 'Du är godkännare i detta dokument och kan läsa men inte ändra texten.',
  reader: 'Du är läsare i detta dokument och kan läsa men inte ändra texten.',
}

function readOnlyReason(detail: DocumentDetail): string | null {
  if (detail.status === 'godkand') return 'Godkänt – dokumentet är låst. Ingen kan längre ändra texten.'
  if (detail.role === 'author') return null
  return READ_ONLY_REASON[detail.role] ?? READ_ONLY_REASON.reader
}

export function Editor({ id, user }: { id: string; user: PublicUser }) {
  const { detail, template, error, setDetail } = useDocumentDetail(id)
  if (error) return <OpenFailed error={error} />
  if (!detail || !template) {
    return (
      <p className="muted" role="status">
        Öppnar dokumentet…
      </p>
    )
  }
  return <EditorWorkspace id={id} user={user} detail={detail} template={template} onDetail={setDetail} />
}

/** The page's heading says why the document did not open (the page has an h1 like every other). */
function OpenFailed({ error }: { error: OpenError }) {
  useEffect(() => {
    document.title = `${error.heading} – Perspektiv`
  }, [error.heading])
  return (
    <div className="notice notice--error" role="alert">
      <h1 className="notice__title">{error.heading}</h1>
      {error.message && <p>{error.message}</p>}
      <p>
        <a href="/" onClick={linkHandler('/')}>
          Till mina tjänsteutlåtanden
        </a>
      </p>
    </div>
  )
}

function EditorWorkspace({
  id,
  user,
  detail,
  template,
  onDetail,
}: {
  id: string
  user: PublicUser
  detail: DocumentDetail
  template: Template
  onDetail: (d: DocumentDetail) => void
}) {
  const { session, snapshot } = useCollabSession(id)
  const review = useReviewSession(id)
  const reviewClosed = useReviewClosedReason(review)
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
      <SharingButton detail={detail} onChanged={() => void api.document(id).then(onDetail, () => {})} />
      <ExportLinks documentId={id} status={detail.status} />
      <StatusBar detail={detail} user={user} onChanged={onDetail} />
      {reason && (
        <div className={`notice banner ${detail.status === 'godkand' ? 'notice--approved' : 'notice--info'}`} id="read-only-reason">
          {reason}
        </div>
      )}
      <ApprovalRecord detail={detail} />
      {reviewClosed && (
        <p className="notice notice--error" role="alert">
          Kommentarer och bedömningar: {reviewClosed}
        </p>
      )}
      {session && review && snapshot.ready ? (
        <DocumentEditor session={session} review={review} template={template} user={user} detail={detail} readOnly={reason !== null} />
      ) : (
        <p className="muted" role="status">
          {snapshot.status === 'connected' || navigator.onLine
            ? 'Hämtar dokumentets innehåll…'
            : 'Dokumentet finns inte sparat i den här webbläsaren och kan inte öppnas utan anslutning.'}
        </p>
      )}
      <div className="workspace__history">
        <RevisionsPanel detail={detail} />
        <VersionsPanel detail={detail} />
        <ChangesSinceReview detail={detail} />
        <AuditLog detail={detail} />
      </div>
    </div>
  )
}

type HeadProps = { detail: DocumentDetail; template: Template; status: ConnectionStatus; closedReason: string | null }

/** The heading follows the live title and Dnr in the meta map. */
function LiveHead({ session, ...rest }: HeadProps & { session: CollabSession }) {
  const meta = useMeta(session.ydoc)
  return <Head title={meta.fields.title.value || rest.detail.title} dnr={meta.fields.dnr.value} {...rest} />
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

function DocumentEditor({
  session,
  review,
  template,
  user,
  detail,
  readOnly,
}: {
  session: CollabSession
  review: ReviewSession
  template: Template
  user: PublicUser
  detail: DocumentDetail
  readOnly: boolean
}) {
  const presence = useMemo(() => new PresenceStore(session.provider.awareness), [session])
  useEffect(() => () => presence.destroy(), [presence])
  const [guardMessage, showGuardMessage] = useGuardMessage()
  const onReject = useCallback((v: StructureViolation) => showGuardMessage(v.message), [showGuardMessage])
  // Reviewers and approvers may select (to comment) but never edit; an approved document is inert.
  const canSelect = can(detail.role, 'comment', detail.status)
  const onRefusedEdit = useCallback(() => showGuardMessage('Du kan markera text för att kommentera, men inte ändra den.'), [showGuardMessage])
  // "Föreslå ändringar" (issue 21): reviewers and approvers suggest; authors may switch to it.
  const canSuggest = can(detail.role, 'suggest', detail.status)
  const suggesting = useMemo(() => new SuggestModeState(), [])
  const me = useMemo(() => ({ username: user.username, name: user.name }), [user.username, user.name])

  // Built once per session: the editor is recreated only when these change.
  const options = useMemo(
    () => ({
      extensions: [
        ...editorExtensions({
          template,
          ydoc: session.ydoc,
          provider: session.provider,
          presence,
          user: { name: user.name, username: user.username, color: userColour(user.username) },
          readOnly,
          onReject,
        }),
        commentAnchors(session.ydoc, review),
        suggestionMarks(session.ydoc, review),
        ...(canSuggest ? [suggestMode({ ydoc: session.ydoc, review, me, mode: suggesting, onMessage: showGuardMessage })] : []),
        // Commenters select text by keyboard too; readers and locked documents stay inert.
        ...(readOnly && canSelect ? [selectOnly(onRefusedEdit)] : []),
      ],
      editable: !readOnly || canSelect,
      editorProps: {
        attributes: {
          class: 'document-body',
          'aria-label': 'Dokumentets text',
          // aria-readonly is not allowed without a textbox role (which would flatten the
          // document's headings and regions for screen readers): the reason describes it.
          ...(readOnly ? { 'aria-describedby': 'read-only-reason' } : {}),
        },
      },
    }),
    [session, review, template, presence, user.name, user.username, readOnly, canSelect, onReject, onRefusedEdit, canSuggest, suggesting, me, showGuardMessage],
  )
  const editor = useEditor(options, [options])

  const ifAccepted = useCoverageIfAccepted(session.ydoc, review)
  const report = useLiveCoverage(editor, template, session.ydoc, ifAccepted.view)
  const verdicts = useVerdicts(review)
  // Section texts for "outdated" verdicts: recomputed with the (debounced) coverage report.
  const sectionTexts = useSectionTexts(editor, report)
  // The permission table decides (packages/model): no comments or verdicts once godkand.
  const canComment = can(detail.role, 'comment', detail.status)
  const [draft, setDraft] = useState<CommentDraft | null>(null)
  const [commentHint, setCommentHint] = useState<string | null>(null)
  const startComment = useCallback(() => {
    if (!editor) return
    const anchor = anchorForSelection(editor, session.ydoc)
    if (!anchor) {
      setCommentHint('Markera först den text du vill kommentera.')
      return
    }
    setCommentHint(null)
    setDraft({ anchor })
  }, [editor, session])

  const goTo = useGoToSection(editor, readOnly)

  return (
    <div className="workspace__layout">
      <div
        className="workspace__main"
        onKeyDown={(e) => {
          // Ctrl+Alt+M (⌘⌥M): comment on the selection, also in a read-only editor.
          if ((e.ctrlKey || e.metaKey) && e.altKey && e.code === 'KeyM' && canComment) {
            e.preventDefault()
            startComment()
          }
        }}
      >
        <MetaForm ydoc={session.ydoc} readOnly={readOnly} report={report} />
        <div className="guard-message" role="status" aria-live="polite">
          {guardMessage && (
            <p className="notice notice--warning">
              <span aria-hidden="true">! </span>
              {guardMessage}
            </p>
          )}
        </div>
        {canComment && <ReviewToolbar onComment={startComment} hint={commentHint} suggestMode={canSuggest ? suggesting : null} />}
        <div className="document-output">
          <DocumentOutput ydoc={session.ydoc} template={template} detail={detail} />
        </div>
        {editor && !readOnly && can(detail.role, 'content.edit', detail.status) && <Toolbar editor={editor} template={template} />}
        <div className="document">
          <EditorContent editor={editor} />
        </div>
      </div>
      <div className="workspace__side">
        <CoveragePanel
          report={report}
          template={template}
          onGoTo={goTo}
          ifAccepted={ifAccepted.toggle}
          renderExtra={(p) => (
            <VerdictView
              perspectiveKey={p.key}
              title={p.title}
              verdict={verdicts[p.key]}
              currentText={sectionTexts.get(p.key) ?? ''}
              canJudge={can(detail.role, 'verdict.give', detail.status)}
              review={review}
              user={user}
            />
          )}
        />
        <SuggestionsPanel editor={editor} ydoc={session.ydoc} review={review} me={me} canDecide={can(detail.role, 'suggestion.decide', detail.status)} />
        <CommentsPanel
          editor={editor}
          review={review}
          user={user}
          canComment={canComment}
          draft={draft}
          onDraftDone={() => setDraft(null)}
          members={detail.members}
        />
        <Presence store={presence} template={template} />
      </div>
    </div>
  )
}
