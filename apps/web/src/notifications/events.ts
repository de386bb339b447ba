import { useEffect, useRef } from 'react'
import type { EventMessage } from '@perspektiv/model'

type Listener = (message: EventMessage) => void

/** Reconnect after this long, doubling up to the maximum while the server cannot be reached. */
const RETRY_FIRST_MS = 1_000
const RETRY_MAX_MS = 30_000

/**
 * The one `/events` WebSocket of this tab, open while someone is signed in (the session
 * cookie authenticates it). Reconnects by itself; each (re)connection starts with a
 * `hello`, on which listeners re-read what they show, since events may have been missed.
 */
class EventsConnection {
  private socket: WebSocket | null = null
  private readonly listeners = new Set<Listener>()
  private retryMs = RETRY_FIRST_MS
  private retryTimer: number | undefined
  private wanted = false

  start(): void {
    if (this.wanted) return
    this.wanted = true
    this.connect()
  }

  stop(): void {
    this.wanted = false
    window.clearTimeout(this.retryTimer)
    this.socket?.close()
    this.socket = null
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private connect(): void {
    const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/events`
    const socket = new WebSocket(url)
    this.socket = socket
    socket.onmessage = (event) => {
      if (typeof event.data !== 'string') return
      let message: EventMessage
      try {
        message = JSON.parse(event.data) as EventMessage
      } catch {
        return
      }
      if (message.type === 'hello') this.retryMs = RETRY_FIRST_MS
      for (const listener of [...this.listeners]) listener(message)
    }
    socket.onclose = () => {
      if (this.socket !== socket) return
      this.socket = null
      if (!this.wanted) return
      this.retryTimer = window.setTimeout(() => this.connect(), this.retryMs)
      this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS)
    }
  }
}

export const events = new EventsConnection()

/** Calls `listener` for every message of the events socket while the component is mounted. */
export function useEvents(listener: Listener): void {
  const ref = useRef(listener)
  ref.current = listener
  useEffect(() => events.subscribe((m) => ref.current(m)), [])
}
