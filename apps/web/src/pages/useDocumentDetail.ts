import { useEffect, useRef, useState } from 'react'
import type { Template } from '@perspektiv/model'
import { api, ApiError, type DocumentDetail, type DocumentWorkflow } from '../api.js'
import { useEvents } from '../notifications/events.js'

/** What the editor page failed to open with: a heading and what to do. */
export interface OpenError {
  heading: string
  message?: string
}

const workflowKey = (d: DocumentWorkflow) => JSON.stringify([d.status, d.role, d.canEdit, d.canApprove, d.approvals, d.approversPending, d.members])

/**
 * The document's detail and template for the editor page. Status, approvals and membership
 * are changed by others (approvers, co-authors): the events socket says when, and the detail
 * is fetched then (and on each reconnection, which may have missed events), so a document
 * approved elsewhere locks here too.
 */
export function useDocumentDetail(id: string) {
  const [detail, setDetail] = useState<DocumentDetail | null>(null)
  const [template, setTemplate] = useState<Template | null>(null)
  const [error, setError] = useState<OpenError | null>(null)

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
        if (err instanceof ApiError && err.status === 403)
          setError({ heading: 'Du har ingen roll i det här dokumentet', message: 'Du kan inte öppna det. Be en författare att dela det med dig.' })
        else if (err instanceof ApiError && err.status === 404) setError({ heading: 'Dokumentet finns inte' })
        else setError({ heading: 'Dokumentet kunde inte öppnas', message: err instanceof Error ? err.message : String(err) })
      })
    return () => {
      live = false
    }
  }, [id])

  const current = useRef<DocumentDetail | null>(null)
  current.current = detail
  useEvents((m) => {
    if ((m.type === 'document' && m.documentId === id) || (m.type === 'hello' && current.current)) {
      api.document(id).then(
        (d) => {
          const prev = current.current
          if (!prev || workflowKey(prev) !== workflowKey(d)) setDetail(d)
        },
        (err: unknown) => {
          // Removed from the document while it was open.
          if (err instanceof ApiError && err.status === 403) setError({ heading: 'Du har ingen roll i det här dokumentet längre' })
        },
      )
    }
  })
  return { detail, template, error, setDetail }
}
