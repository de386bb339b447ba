// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { mapThroughDelta, TextInputBinding } from './textInputBinding.js'

/** Two authors' copies of one field, each edit delivered to the other at once (like the server relaying it). */
function twoAuthors(initial: string) {
  const a = new Y.Doc()
  a.getMap('meta').set('title', new Y.Text(initial))
  const b = new Y.Doc()
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'relay' && Y.applyUpdate(b, u, 'relay'))
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'relay' && Y.applyUpdate(a, u, 'relay'))
  const text = (d: Y.Doc) => d.getMap('meta').get('title') as Y.Text
  return { a, b, aText: text(a), bText: text(b) }
}

const bindings: TextInputBinding[] = []
function inputFor(ytext: Y.Text): HTMLInputElement {
  const input = document.createElement('input')
  document.body.append(input)
  bindings.push(new TextInputBinding(input, ytext))
  return input
}

/** What a browser does when the user types `text` at the caret: change the value, then fire `input`. */
function typeAt(input: HTMLInputElement, text: string, composing = false) {
  const at = input.selectionStart ?? input.value.length
  const end = input.selectionEnd ?? at
  input.value = input.value.slice(0, at) + text + input.value.slice(end)
  input.setSelectionRange(at + text.length, at + text.length)
  input.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data: text, isComposing: composing }))
}

afterEach(() => {
  for (const b of bindings.splice(0)) b.destroy()
  document.body.innerHTML = ''
})

describe('a header field bound to its Y.Text', () => {
  it('[WEB-M1] typing becomes an edit at the caret, seen by the other author', () => {
    const { aText, bText } = twoAuthors('Mitten')
    const a = inputFor(aText)
    const b = inputFor(bText)
    a.focus()
    a.setSelectionRange(0, 0)
    typeAt(a, 'Svar: ')
    expect(bText.toString()).toBe('Svar: Mitten')
    expect(b.value).toBe('Svar: Mitten')
  })

  it('[WEB-M2] my caret follows another author typing before it, not its old offset', () => {
    const { aText, bText } = twoAuthors('Mitten')
    const a = inputFor(aText)
    const b = inputFor(bText)
    b.focus()
    b.setSelectionRange(3, 3) // "Mit|ten"
    a.setSelectionRange(0, 0)
    for (const ch of 'Svar: ') typeAt(a, ch)
    expect(b.selectionStart).toBe(9)
    typeAt(b, '-')
    expect(aText.toString()).toBe('Svar: Mit-ten')
    expect(a.value).toBe('Svar: Mit-ten')
  })

  it('[WEB-M2] a deletion before my selection moves it; text typed at my caret stays after it', () => {
    const { aText, bText } = twoAuthors('Svar på remiss')
    const b = inputFor(bText)
    b.focus()
    b.setSelectionRange(8, 14, 'forward') // "remiss"
    aText.delete(0, 5) // "på remiss"
    expect(b.value).toBe('på remiss')
    expect([b.selectionStart, b.selectionEnd]).toEqual([3, 9])
    b.setSelectionRange(3, 3)
    aText.insert(3, 'en ')
    expect(b.selectionStart).toBe(3)
  })

  it('[WEB-M3] an edit arriving during IME composition waits; both texts are kept when it ends', () => {
    const { aText, bText } = twoAuthors('Mitten')
    const b = inputFor(bText)
    b.focus()
    b.setSelectionRange(6, 6)
    b.dispatchEvent(new CompositionEvent('compositionstart'))
    typeAt(b, 'ä', true)
    aText.insert(0, 'Svar: ')
    // The composition is not cancelled by writing to the input.
    expect(b.value).toBe('Mittenä')
    b.dispatchEvent(new CompositionEvent('compositionend', { data: 'ä' }))
    expect(bText.toString()).toBe('Svar: Mittenä')
    expect(b.value).toBe('Svar: Mittenä')
    expect(aText.toString()).toBe('Svar: Mittenä')
    expect(b.selectionStart).toBe(13)
  })
})

describe('undo in a header field', () => {
  const press = (input: HTMLInputElement, key: string, shiftKey = false) =>
    input.dispatchEvent(new KeyboardEvent('keydown', { key, ctrlKey: true, shiftKey, bubbles: true, cancelable: true }))

  it('[WEB-M4] Ctrl+Z takes back only my own typing, also after another author typed; Ctrl+Y brings it back', () => {
    const { aText, bText } = twoAuthors('Mitten')
    const a = inputFor(aText)
    const b = inputFor(bText)
    a.focus()
    a.setSelectionRange(6, 6)
    for (const ch of ' två') typeAt(a, ch)
    bText.insert(0, 'E: ')
    expect(a.value).toBe('E: Mitten två')
    press(a, 'z')
    expect(a.value).toBe('E: Mitten')
    expect(b.value).toBe('E: Mitten')
    expect(a.selectionStart).toBe(9)
    press(a, 'y')
    expect(a.value).toBe('E: Mitten två')
    expect(a.selectionStart).toBe(13)
  })
})

describe('mapThroughDelta', () => {
  it('shifts by insertions before, not at, the position (unless asked), and clamps deletions', () => {
    expect(mapThroughDelta([{ retain: 2 }, { insert: 'ab' }], 5)).toBe(7)
    expect(mapThroughDelta([{ retain: 5 }, { insert: 'ab' }], 5)).toBe(5)
    expect(mapThroughDelta([{ retain: 5 }, { insert: 'ab' }], 5, true)).toBe(7)
    expect(mapThroughDelta([{ retain: 3 }, { delete: 4 }], 5)).toBe(3)
    expect(mapThroughDelta([{ delete: 2 }], 5)).toBe(3)
  })
})
