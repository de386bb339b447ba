import { describe, expect, it } from 'vitest'
import { paginate } from './paginate.js'

const u = (height: number, keepWithNext = false) => ({ height, keepWithNext })

describe('preview pagination (issue #23, export X-LAY-7)', () => {
  it('[WEB-W8] fills pages in order and starts a new one when the next unit does not fit', () => {
    expect(paginate([u(40), u(40), u(40)], 100)).toEqual([[0, 1], [2]])
  })

  it('[WEB-W8] a heading never ends a page: it moves to the next page with what follows', () => {
    expect(paginate([u(60), u(20, true), u(40)], 100)).toEqual([[0], [1, 2]])
  })

  it('[WEB-W8] a unit taller than a page gets a page of its own; an empty document has one page', () => {
    expect(paginate([u(30), u(250), u(30)], 100)).toEqual([[0], [1], [2]])
    expect(paginate([], 100)).toEqual([[]])
  })
})
