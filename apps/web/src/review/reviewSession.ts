import { useEffect, useState, useSyncExternalStore } from 'react'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { listSuggestions, listThreads, readVerdicts, type RefusalKind, type Suggestion, type Thread, type Verdict } from '@perspektiv/review'
import { CLOSE_REVIEW_REFUSED } from '@perspektiv/model'
import { trackProvider } from '../offline/openProviders.js'
import { closeReasonText, mayReconnect } from '../editor/closeReasons.js'

/**
 * The document's review Y.Doc (comment threads, verdicts): room `<id>/review`, a second
 * stock provider. The server decides who may write it (authors, reviewers, approvers).
 */
export class ReviewSession {
  readonly ydoc = new Y.Doc()
  readonly provider: WebsocketProvider
  private threads: Thread[] = []
  private verdicts: Record<string, Verdict> = {}
  /** Why the server closed the review room for good (Swedish), or null. */
  private closedReason: string | null = null
  private suggestions: Suggestion[] = []
  /** Why the server refused this session's last review write (Swedish), or null. */
  private refusal: string | null = null
  private readonly listeners = new Set<() => void>()
  /** Sign-out sends comments not yet sent (offline/flush.ts). */
  private readonly untrack: () => void

  constructor(documentId: string) {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
    this.provider = new WebsocketProvider(`${scheme}://${window.location.host}/sync`, `${documentId}/review`, this.ydoc, {
      disableBc: true,
      maxBackoffTime: 2500,
      shouldReconnect: (event) => mayReconnect(event.code),
    })
    this.ydoc.on('update', this.onUpdate)
    this.provider.on('closed', (event: { code: number }) => {
      this.closedReason = closeReasonText(event.code, 'review')
      for (const l of this.listeners) l()
    })
    // 4403: the server refused a review write (apps/server/API.md); it stored none of it.
    this.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event?.code !== CLOSE_REVIEW_REFUSED) return
      this.refusal = refusalMessage(event.reason)
      for (const l of this.listeners) l()
    })
    this.untrack = trackProvider(this.provider, documentId)
  }

  private onUpdate = () => {
    this.threads = listThreads(this.ydoc)
    this.verdicts = readVerdicts(this.ydoc)
    this.suggestions = listSuggestions(this.ydoc)
    for (const l of this.listeners) l()
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getThreads = (): Thread[] => this.threads
  getVerdicts = (): Record<string, Verdict> => this.verdicts
  getClosedReason = (): string | null => this.closedReason
  getRefusal = (): string | null => this.refusal
  getSuggestions = (): Suggestion[] => this.suggestions

  destroy(): void {
    this.untrack()
    this.ydoc.off('update', this.onUpdate)
    this.provider.destroy()
    this.ydoc.destroy()
  }
}

/** Each refusal kind (the close reason's first word, packages/review rules) in Swedish. */
const REFUSAL_WORDS: Record<RefusalKind, string> = {
  shape: 'den följde inte granskningens format',
  author: 'den var skriven i någon annans namn',
  'not-yours': 'du kan bara ändra det du själv har skrivit',
  deleted: 'kommentarer och trådar tas aldrig bort, trådar markeras som lösta',
  'resolved-by': 'en tråd kan bara markeras som löst i ditt eget namn',
  verdict: 'bara granskare bedömer, och bara i eget namn',
  role: 'din roll i dokumentet får inte göra det',
  integrate: 'den byggde på ändringar som servern inte har',
  decided: 'förslaget var redan godtaget eller avvisat',
}

function refusalMessage(reason: string): string {
  const kind = reason.split(':')[0] as RefusalKind
  const why = REFUSAL_WORDS[kind] ?? 'den bröt mot granskningens regler'
  return `Servern tog inte emot din senaste ändring i granskningen (${why}) och sparade ingenting av den. Ladda om sidan.`
}

export function useReviewSession(documentId: string): ReviewSession | null {
  const [session, setSession] = useState<ReviewSession | null>(null)
  useEffect(() => {
    const s = new ReviewSession(documentId)
    setSession(s)
    return () => {
      s.destroy()
      setSession(null)
    }
  }, [documentId])
  return session
}

const none = () => () => {}
const noThreads: Thread[] = []
const noVerdicts: Record<string, Verdict> = {}

export function useThreads(session: ReviewSession | null): Thread[] {
  return useSyncExternalStore(session?.subscribe ?? none, session?.getThreads ?? (() => noThreads))
}

export function useReviewRefusal(session: ReviewSession | null): string | null {
  return useSyncExternalStore(session?.subscribe ?? none, session?.getRefusal ?? (() => null))
}

const noSuggestions: Suggestion[] = []

export function useSuggestions(session: ReviewSession | null): Suggestion[] {
  return useSyncExternalStore(session?.subscribe ?? none, session?.getSuggestions ?? (() => noSuggestions))
}

export function useVerdicts(session: ReviewSession | null): Record<string, Verdict> {
  return useSyncExternalStore(session?.subscribe ?? none, session?.getVerdicts ?? (() => noVerdicts))
}

/** Why the server closed the review room (comments and assessments can no longer be sent), or null. */
export function useReviewClosedReason(session: ReviewSession | null): string | null {
  return useSyncExternalStore(session?.subscribe ?? none, session?.getClosedReason ?? (() => null))
}

/** A random id (crypto.randomUUID needs a secure context; getRandomValues does not). */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
