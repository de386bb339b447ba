import { describe, expect, it } from 'vitest'
import { FairQueue } from './fairQueue.js'

const busy = (ms: number) => {
  const end = performance.now() + ms
  while (performance.now() < end) {
    /* work */
  }
  return ms
}
const turn = () => new Promise((r) => setImmediate(r))

describe('FairQueue (SRV-S13)', () => {
  it('handles cheap messages at once, in order', () => {
    const seen: number[] = []
    const q = new FairQueue(
      (d) => {
        seen.push(d[0]!)
        return 0
      },
      { pause() {}, resume() {} },
      () => {},
    )
    for (let i = 0; i < 100; i++) q.push(new Uint8Array([i]))
    expect(seen).toHaveLength(100)
    expect(seen[99]).toBe(99)
  })

  it('an expensive socket yields: the rest waits for a later turn, in order, with reading paused', async () => {
    const seen: number[] = []
    const socket = { paused: 0, resumed: 0, pause: () => void socket.paused++, resume: () => void socket.resumed++ }
    const q = new FairQueue(
      (d) => {
        seen.push(d[0]!)
        return busy(4)
      },
      socket,
      () => {},
    )
    for (let i = 0; i < 20; i++) q.push(new Uint8Array([i]))
    // Within one turn only about a slice's worth was handled.
    expect(seen.length).toBeLessThan(20)
    expect(socket.paused).toBe(1)
    for (let i = 0; i < 50 && seen.length < 20; i++) await turn()
    expect(seen).toEqual([...Array(20).keys()])
    expect(socket.resumed).toBe(1)
  })

  it('SRV-S18: a message whose work goes on elsewhere holds the next ones, reading paused, until it is done; then they follow in order', async () => {
    const seen: number[] = []
    const socket = { paused: 0, resumed: 0, pause: () => void socket.paused++, resume: () => void socket.resumed++ }
    let finish = () => {}
    const q = new FairQueue(
      (d) => {
        seen.push(d[0]!)
        if (d[0] !== 1) return 0
        return new Promise<void>((resolve) => (finish = resolve))
      },
      socket,
      () => {},
    )
    for (let i = 0; i < 5; i++) q.push(new Uint8Array([i]))
    for (let i = 0; i < 5; i++) await turn()
    expect(seen).toEqual([0, 1])
    expect(socket.paused).toBe(1)
    expect(socket.resumed).toBe(0)
    finish()
    for (let i = 0; i < 5 && seen.length < 5; i++) await turn()
    expect(seen).toEqual([0, 1, 2, 3, 4])
    expect(socket.resumed).toBe(1)
    q.push(new Uint8Array([5]))
    expect(seen.at(-1)).toBe(5) // at once again
  })

  it('too many waiting messages is a flood', () => {
    let flooded = false
    const q = new FairQueue(
      () => busy(11),
      { pause() {}, resume() {} },
      () => (flooded = true),
    )
    for (let i = 0; i < 1200; i++) q.push(new Uint8Array([1]))
    expect(flooded).toBe(true)
  })
})
