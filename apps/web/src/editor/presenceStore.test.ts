import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { PresenceStore } from './presenceStore.js'

/** Copies one awareness' local state into another, as the sync server would. */
function relay(from: Awareness, to: Awareness): void {
  applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [from.clientID]), 'remote')
}

describe('PresenceStore', () => {
  it('lists people with their section, yourself first, one entry per person across tabs', () => {
    const mine = new Awareness(new Y.Doc())
    const erikTab1 = new Awareness(new Y.Doc())
    const erikTab2 = new Awareness(new Y.Doc())
    mine.setLocalState({ user: { name: 'Anna Andersson', username: 'anna', color: '#0b5cad' }, section: 'barnratt' })
    erikTab1.setLocalState({ user: { name: 'Erik Ek', username: 'erik', color: '#a3152d' }, section: 'aldre' })
    erikTab2.setLocalState({ user: { name: 'Erik Ek', username: 'erik', color: '#a3152d' } })
    const store = new PresenceStore(mine)
    let changes = 0
    store.subscribe(() => changes++)
    relay(erikTab1, mine)
    relay(erikTab2, mine)
    const people = store.getSnapshot()
    expect(people.map((p) => [p.name, p.isLocal])).toEqual([
      ['Anna Andersson', true],
      ['Erik Ek', false],
    ])
    expect(people[0]!.section).toBe('barnratt')
    expect(changes).toBeGreaterThan(0)
  })

  it('ignores states without a user and replaces a colour that is not a plain hex colour', () => {
    const mine = new Awareness(new Y.Doc())
    const other = new Awareness(new Y.Doc())
    mine.setLocalState({ user: { name: 'Anna', username: 'anna', color: 'red;background:url(x)' } })
    other.setLocalState({ cursor: null })
    const store = new PresenceStore(mine)
    relay(other, mine)
    expect(store.getSnapshot()).toHaveLength(1)
    expect(store.getSnapshot()[0]!.color).toMatch(/^#[0-9a-f]{6}$/i)
  })
})
