import type { Awareness } from 'y-protocols/awareness'

export interface PresentUser {
  clientId: number
  name: string
  username: string
  color: string
  /** Key of the section the person's caret is in. */
  section: string | null
  isLocal: boolean
}

/** Awareness states as a React external store: one entry per person (several tabs collapse). */
export class PresenceStore {
  private snapshot: PresentUser[] = []
  private listeners = new Set<() => void>()

  constructor(private readonly awareness: Awareness) {
    awareness.on('change', this.recompute)
    this.recompute()
  }

  private recompute = (): void => {
    const byUser = new Map<string, PresentUser>()
    for (const [clientId, state] of this.awareness.getStates()) {
      const user = (state as { user?: { name?: unknown; username?: unknown; color?: unknown } }).user
      if (!user || typeof user.name !== 'string') continue
      const username = typeof user.username === 'string' ? user.username : `#${clientId}`
      const entry: PresentUser = {
        clientId,
        name: user.name,
        username,
        color: typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#3b4a5a',
        section: typeof (state as { section?: unknown }).section === 'string' ? (state as { section: string }).section : null,
        isLocal: clientId === this.awareness.clientID,
      }
      const existing = byUser.get(username)
      if (!existing || entry.isLocal) byUser.set(username, entry)
    }
    const next = [...byUser.values()].sort((a, b) => Number(b.isLocal) - Number(a.isLocal) || a.name.localeCompare(b.name, 'sv'))
    if (JSON.stringify(next) !== JSON.stringify(this.snapshot)) {
      this.snapshot = next
      for (const l of this.listeners) l()
    }
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getSnapshot = (): PresentUser[] => this.snapshot

  destroy(): void {
    this.awareness.off('change', this.recompute)
  }
}
