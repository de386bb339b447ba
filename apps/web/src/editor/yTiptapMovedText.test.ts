/**
 * Issue #12: the y-tiptap patch (patches/@tiptap__y-tiptap@3.0.9.patch), driven without a
 * browser: two clients, each a ProseMirror state with y-tiptap's real ySyncPlugin and binding
 * over its own Y.Doc, their updates exchanged by hand so that edits are concurrent exactly where
 * the test says. (The binding only needs the view's state and dispatch; what the plugin's view
 * does on a local change — `_prosemirrorChanged` in a sync-origin transaction — is done here.)
 *
 * A block split (Enter) or join reaches the other clients as text deleted and inserted again in
 * the other block. Without the patch, letters an author types into that text at the same time
 * stay behind at the split point or are lost with the joined block: the word is torn apart.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Client, deliver, deliverAll, deliverMerged, pair, Relay, trio } from './yTiptapHarness.js'

describe('y-tiptap patch: text typed while another author splits or joins the paragraph', () => {
  it('a letter typed while Enter is pressed earlier in the paragraph moves with its word (split)', () => {
    const [anna, erik] = pair(['alpha beta gamma'])
    erik.caretAfter(0, 'beta')
    erik.type('X') // not yet seen by anna
    anna.caretAfter(0, 'alpha ')
    anna.enter() // not yet seen by erik
    deliver(anna, erik)
    deliver(erik, anna)
    erik.type('Y')
    deliver(erik, anna)
    expect(erik.paragraphs()).toEqual(['alpha ', 'betaXY gamma'])
    expect(anna.paragraphs()).toEqual(erik.paragraphs())
  })

  it('a letter typed at the end of the paragraph follows the moved end (split)', () => {
    const [anna, erik] = pair(['alpha beta'])
    erik.caretAfter(0, 'beta')
    erik.type('X')
    anna.caretAfter(0, 'alpha ')
    anna.enter()
    deliver(anna, erik)
    deliver(erik, anna)
    erik.type('Y')
    deliver(erik, anna)
    expect(erik.paragraphs()).toEqual(['alpha ', 'betaXY'])
    expect(anna.paragraphs()).toEqual(erik.paragraphs())
  })

  it('letters typed in a paragraph that is joined to the one before are kept, in place (join)', () => {
    const [anna, erik] = pair(['alpha', 'beta gamma'])
    erik.caretAfter(1, 'beta')
    erik.type('XZ')
    anna.caretAfter(1, '')
    anna.backspace()
    deliver(anna, erik)
    deliver(erik, anna)
    erik.type('Y')
    deliver(erik, anna)
    expect(erik.paragraphs()).toEqual(['alphabetaXZY gamma'])
    expect(anna.paragraphs()).toEqual(erik.paragraphs())
  })

  it('the moved letters are one edit: a third client and both authors hold the same text', () => {
    const [anna, erik] = pair(['one two three four'])
    const alva = new Client(Y.encodeStateAsUpdate(anna.doc))
    erik.caretAfter(0, 'three')
    erik.type('!!')
    anna.caretAfter(0, 'one ')
    anna.enter()
    deliver(anna, erik, alva)
    deliver(erik, anna, alva)
    expect(alva.paragraphs()).toEqual(['one ', 'two three!! four'])
    expect(anna.paragraphs()).toEqual(alva.paragraphs())
    expect(erik.paragraphs()).toEqual(alva.paragraphs())
  })

  it('without anything concurrent, a remote split keeps my caret in my word', () => {
    const [anna, erik] = pair(['alpha beta gamma'])
    erik.caretAfter(0, 'beta')
    anna.caretAfter(0, 'alpha ')
    anna.enter()
    deliver(anna, erik)
    erik.type('Y')
    deliver(erik, anna)
    expect(anna.paragraphs()).toEqual(['alpha ', 'betaY gamma'])
    expect(erik.paragraphs()).toEqual(anna.paragraphs())
  })

  it('two authors pressing Enter in one paragraph at once get three paragraphs, each text once', () => {
    const [anna, erik] = pair(['one two three'])
    anna.caretAfter(0, 'one ')
    anna.enter()
    erik.caretAfter(0, 'one two ')
    erik.enter()
    deliver(anna, erik)
    deliver(erik, anna)
    // Without the patch 'three' is there twice. The order of the two new paragraphs (both
    // inserted after 'one ' at once) is Yjs's order of concurrent inserts: not asserted.
    expect(erik.paragraphs()[0]).toBe('one ')
    expect([...erik.paragraphs()].sort()).toEqual(['one ', 'three', 'two '])
    expect(anna.paragraphs()).toEqual(erik.paragraphs())
  })

  it('letters deleted while Enter is pressed before them do not come back', () => {
    const [anna, erik] = pair(['alpha betaXY gamma'])
    erik.caretAfter(0, 'betaXY')
    erik.backspace(2)
    anna.caretAfter(0, 'alpha ')
    anna.enter()
    deliver(anna, erik)
    deliver(erik, anna)
    erik.type('!')
    deliver(erik, anna)
    expect(erik.paragraphs()).toEqual(['alpha ', 'beta! gamma'])
    expect(anna.paragraphs()).toEqual(erik.paragraphs())
  })

  it('two authors typing in the moved text while a third presses Enter each keep their letters in place', () => {
    const [anna, erik] = pair(['alpha beta gamma'])
    const alva = new Client(Y.encodeStateAsUpdate(anna.doc))
    erik.caretAfter(0, 'beta')
    erik.type('X')
    alva.caretAfter(0, 'gamma')
    alva.type('Z')
    anna.caretAfter(0, 'alpha ')
    anna.enter()
    deliverAll([anna, erik, alva])
    expect(alva.paragraphs()).toEqual(['alpha ', 'betaX gammaZ'])
    expect(anna.paragraphs()).toEqual(alva.paragraphs())
    expect(erik.paragraphs()).toEqual(alva.paragraphs())
  })

  it('my letters the other author already had stay where they are when the paragraph is split after them', () => {
    // Erik's text, with a letter of mine in it and one I deleted before it (found by the
    // randomized session: my letters before the moved text were taken along).
    const [erik, anna] = pair(['alpha beta gamma'])
    anna.caretAfter(0, 'alpha')
    anna.type('ZX')
    anna.caretAfter(0, 'alphaZ')
    anna.backspace()
    deliver(anna, erik)
    erik.caretAfter(0, 'beta ')
    erik.enter()
    deliver(erik, anna)
    deliver(anna, erik)
    expect(anna.paragraphs()).toEqual(['alphaX beta ', 'gamma'])
    expect(erik.paragraphs()).toEqual(anna.paragraphs())
  })

  it('two authors pressing Enter at the same place at once get one new paragraph, its text once', () => {
    const [anna, erik] = pair(['one two'])
    anna.caretAfter(0, 'one ')
    anna.enter()
    erik.caretAfter(0, 'one ')
    erik.enter()
    deliverAll([anna, erik])
    expect(anna.paragraphs()).toEqual(['one ', 'two'])
    expect(erik.paragraphs()).toEqual(anna.paragraphs())
    // Both carets are at the start of the one new paragraph: what each types next lands there.
    anna.type('A')
    erik.type('E')
    deliverAll([anna, erik])
    expect(anna.paragraphs()[1]).toMatch(/^(AE|EA)two$/)
    expect(erik.paragraphs()).toEqual(anna.paragraphs())
  })

  it('Ctrl+Z after my letters were moved with a remote split undoes only them, my caret where they were', () => {
    const [anna, erik] = pair(['alpha beta gamma'])
    erik.caretAfter(0, 'beta')
    erik.type('XY')
    anna.caretAfter(0, 'alpha ')
    anna.enter()
    deliver(anna, erik)
    deliver(erik, anna)
    expect(erik.paragraphs()).toEqual(['alpha ', 'betaXY gamma'])
    erik.undo()
    deliverAll([anna, erik])
    expect(erik.paragraphs()).toEqual(['alpha ', 'beta gamma'])
    expect(anna.paragraphs()).toEqual(erik.paragraphs())
    expect(erik.caret()).toEqual({ paragraph: 1, offset: 4 })
    // Redo brings them back, in place.
    erik.redo()
    deliverAll([anna, erik])
    expect(erik.paragraphs()).toEqual(['alpha ', 'betaXY gamma'])
    expect(anna.paragraphs()).toEqual(erik.paragraphs())
  })

  it('Ctrl+Z after another author pressed Enter before my (already sent) words undoes them, in the new paragraph', () => {
    const [anna, erik] = pair(['alpha beta'])
    erik.caretAfter(0, 'beta')
    erik.type(' gamma')
    deliver(erik, anna)
    anna.caretAfter(0, 'alpha ')
    anna.enter()
    deliver(anna, erik)
    expect(erik.paragraphs()).toEqual(['alpha ', 'beta gamma'])
    // Erik's words are now the copy Anna's Enter made; his undo still removes them.
    erik.undo()
    deliverAll([anna, erik])
    expect(erik.paragraphs()).toEqual(['alpha ', 'beta'])
    expect(anna.paragraphs()).toEqual(erik.paragraphs())
    expect(erik.caret()).toEqual({ paragraph: 1, offset: 4 })
  })
})

describe('y-tiptap patch: a third author types while the text moves', () => {
  it("a join reaching me with a third author's newest letter in the joined paragraph keeps my caret in my text", () => {
    // Found by the randomized session (relayed, seed 31, minimised): the join deletes the
    // joined paragraph and with it Alva's "c", which Anna did not have yet; the moved text
    // was then in no copy as it was, and Erik's caret fell to the end of the paragraph.
    const [anna, erik] = pair(['[a0] ', '[b0] [b1] [c0] '], [1001, 1002])
    const alva = new Client(Y.encodeStateAsUpdate(anna.doc), 1003)
    erik.caretAfter(1, '[b0] ')
    alva.caretAfter(1, '[c0] ')
    alva.type('[')
    deliver(alva, anna, erik)
    alva.type('c')
    const letter = Y.mergeUpdates(alva.outbox.splice(0))
    Y.applyUpdate(erik.doc, letter, 'remote')
    anna.caretAfter(1, '')
    anna.backspace()
    const join = Y.mergeUpdates(anna.outbox.splice(0))
    Y.applyUpdate(erik.doc, join, 'remote')
    expect(erik.caret()).toEqual({ paragraph: 0, offset: '[a0] [b0] '.length })
    erik.type('X')
    Y.applyUpdate(anna.doc, letter, 'remote')
    Y.applyUpdate(alva.doc, join, 'remote')
    deliverAll([anna, erik, alva])
    expect(anna.paragraphs()).toEqual(['[a0] [b0] X[b1] [c0] [c'])
    expect(erik.paragraphs()).toEqual(anna.paragraphs())
    expect(alva.paragraphs()).toEqual(anna.paragraphs())
  })

  it('an Enter before my letters left behind at a split, pressed after I moved them into the copy, does not bring them back', () => {
    // Found by the randomized session (merged, seed 45, minimised): Anna's second Enter copied
    // Alva's "[" (left behind by Anna's first Enter) into a new paragraph, while Alva's rescue
    // had already moved it into Anna's first copy: the "[" was there twice.
    const [anna, erik] = pair(['[a0] [b0] [c0] '], [1001, 1002])
    const alva = new Client(Y.encodeStateAsUpdate(anna.doc), 1003)
    alva.caretAfter(0, '[c0] ')
    alva.type('[')
    const bracket = Y.mergeUpdates(alva.outbox.splice(0))
    anna.caretAfter(0, '[a0] ')
    anna.enter()
    const firstSplit = Y.mergeUpdates(anna.outbox.splice(0))
    for (const c of [anna, erik]) Y.applyUpdate(c.doc, bracket, 'remote')
    expect(anna.paragraphs()).toEqual(['[a0] [', '[b0] [c0] '])
    anna.caretAfter(0, '[a0] ')
    anna.enter()
    const secondSplit = Y.mergeUpdates(anna.outbox.splice(0))
    for (const c of [alva, erik]) Y.applyUpdate(c.doc, firstSplit, 'remote')
    alva.type('c1] ')
    for (const c of [alva, erik]) Y.applyUpdate(c.doc, secondSplit, 'remote')
    deliverAll([anna, erik, alva])
    expect(alva.paragraphs()).toEqual(['[a0] ', '', '[b0] [c0] [c1] '])
    expect(anna.paragraphs()).toEqual(alva.paragraphs())
    expect(erik.paragraphs()).toEqual(alva.paragraphs())
  })
})

describe("y-tiptap patch: the server merges several authors' concurrent updates into one", () => {
  it('two authors typing in the moved text, merged with the Enter, each keep their letters in their word', () => {
    // Found by the randomized session (merged, seed 8, minimised): a letter another author
    // typed, in the same merged update, looked like text the splitter knew and kept, so my
    // letters after it were put in the wrong place.
    const [anna, erik] = pair(['[a0] [b0] [c0] '], [1001, 1002])
    const alva = new Client(Y.encodeStateAsUpdate(anna.doc), 1003)
    erik.caretAfter(0, '[b0] ')
    erik.type('[')
    alva.caretAfter(0, '[c0] ')
    alva.type('[')
    const first = deliverMerged([erik, alva], [anna])
    erik.type('b')
    anna.caretAfter(0, '[a0] ')
    anna.enter()
    erik.type('6] ')
    alva.type('c9] ')
    for (const c of [erik, alva]) Y.applyUpdate(c.doc, first, 'remote')
    deliverMerged([anna, erik, alva], [anna, erik, alva])
    deliverAll([anna, erik, alva])
    expect(anna.paragraphs()).toEqual(['[a0] ', '[b0] [b6] [c0] [c9] '])
    expect(erik.paragraphs()).toEqual(anna.paragraphs())
    expect(alva.paragraphs()).toEqual(anna.paragraphs())
  })

  it('letters typed at the end while another author splits and joins again, in one merged update, stay in their word', () => {
    // Found by the randomized session (merged, seed 48, minimised): the splitter got my first
    // letters only after its Enter (left behind at the split point) and its Backspace moved
    // the text back in front of them; they looked like text it had kept.
    const [anna, erik] = pair(['[a0] [b0] [c0] '], [1001, 1002])
    const alva = new Client(Y.encodeStateAsUpdate(anna.doc), 1003)
    alva.caretAfter(0, '[c0] ')
    alva.type('[c')
    const typed = alva.outbox.splice(0)
    alva.type('4] ')
    anna.caretAfter(0, '[a0] ')
    anna.enter()
    const first = Y.mergeUpdates(typed)
    for (const c of [anna, erik]) Y.applyUpdate(c.doc, first, 'remote')
    anna.backspace()
    deliverMerged([anna, alva], [anna, erik, alva])
    deliverAll([anna, erik, alva])
    expect(anna.paragraphs()).toEqual(['[a0] [b0] [c0] [c4] '])
    expect(erik.paragraphs()).toEqual(anna.paragraphs())
    expect(alva.paragraphs()).toEqual(anna.paragraphs())
  })

  it('a text split and joined again by another author, merged with letters I typed and deleted, loses nothing', () => {
    // Found by the randomized session (merged, seed 47, minimised): my own Enter had deleted
    // the originals (moved them into my copy); the other author's join copied my copy, and the
    // copy was also matched to the originals, as text I had deleted: I deleted it again.
    const [anna, erik] = pair(['[a0] [b0] [c0] '], [1001, 1002])
    const alva = new Client(Y.encodeStateAsUpdate(anna.doc), 1003)
    erik.caretAfter(0, '[b0] ')
    erik.type('%%')
    erik.backspace()
    const typed = erik.outbox.splice(0)
    anna.caretAfter(0, '[a0] ')
    anna.enter()
    const split = Y.mergeUpdates(anna.outbox.splice(0))
    erik.backspace()
    for (const c of [erik, alva]) Y.applyUpdate(c.doc, split, 'remote')
    erik.enter()
    erik.backspace()
    const merged = Y.mergeUpdates([...typed, ...erik.outbox.splice(0)])
    for (const c of [anna, alva]) Y.applyUpdate(c.doc, merged, 'remote')
    deliverAll([anna, erik, alva])
    expect(anna.paragraphs()).toEqual(['[a0] ', '[b0] [c0] '])
    expect(erik.paragraphs()).toEqual(anna.paragraphs())
    expect(alva.paragraphs()).toEqual(anna.paragraphs())
  })
})

describe('y-tiptap patch: the caret after undo and redo (WEB-E10)', () => {
  it('Ctrl+Z puts my caret where my change began, redo at its end, in the middle of a paragraph', () => {
    const [anna, erik] = pair(['Alfa beta gamma'])
    anna.pause() // the starting text is a step of its own
    erik.caretAfter(0, 'gamma')
    anna.caretAfter(0, 'Alfa')
    anna.type(' ett')
    anna.pause()
    anna.undo()
    deliverAll([anna, erik])
    expect(anna.paragraphs()).toEqual(['Alfa beta gamma'])
    // Upstream: offset 5, one letter into " beta".
    expect(anna.caret()).toEqual({ paragraph: 0, offset: 4 })
    erik.type(' Eps')
    deliverAll([anna, erik])
    anna.redo()
    deliverAll([anna, erik])
    expect(anna.paragraphs()).toEqual(['Alfa ett beta gamma Eps'])
    // Upstream: offset 5 again, one letter into the redone " ett".
    expect(anna.caret()).toEqual({ paragraph: 0, offset: 8 })
    anna.type(' två')
    deliverAll([anna, erik])
    expect(erik.paragraphs()).toEqual(['Alfa ett två beta gamma Eps'])
  })
})

describe('y-tiptap patch: repairs racing further splits and joins', () => {
  /** Delivers the first `count` updates `from` has made (not all of them) to `to`. */
  const sendFirst = (from: Client, count: number, ...to: Client[]): void => {
    for (const update of from.outbox.splice(0, count)) for (const t of to) Y.applyUpdate(t.doc, update, 'remote')
  }

  it('my letter repaired into a paragraph that the other author has joined away meanwhile is not lost', () => {
    // Found by the randomized session (relayed, seed 203, minimised): anna split and joined twice,
    // erik repaired his letters into her first new paragraph and then into her second one. Anna's
    // second join had copied his X (she had it by then), but when his first repair reached her she
    // deleted her copy as the losing twin; his second repair was in the paragraph her join had
    // removed, and on his side her copy had been the one to keep: X was gone everywhere.
    const [anna, erik] = pair(['one two '], [1001, 1003])
    anna.caretAfter(0, 'one ')
    erik.caretAfter(0, 'one two ')
    anna.enter()
    erik.type('X')
    erik.type('Y')
    anna.backspace()
    sendFirst(anna, 1, erik) // the Enter only: erik moves XY behind the copy of 'two '
    sendFirst(erik, 1, anna) // X only, not his repair
    anna.enter()
    anna.backspace()
    deliverAll([anna, erik])
    expect(anna.paragraphs()).toEqual(['one two XY'])
    expect(erik.paragraphs()).toEqual(anna.paragraphs())
  })

  it('a letter typed right before the same letter of another author is mine where I typed it (a split then moves only his)', () => {
    // Found by the randomized session (seed 299, and 200 with the next rule alone): the binding's text diff, without the
    // caret, took anna's X for one typed after erik's X; erik's Enter before his X then took
    // hers along into his new paragraph (it was anchored behind his X).
    const [anna, erik] = pair(['one two'], [1001, 1002])
    erik.caretAfter(0, 'one two')
    erik.type('X')
    deliverAll([anna, erik])
    anna.caretAfter(0, 'one two')
    anna.type('X') // before erik's X
    erik.caretAfter(0, 'one two')
    erik.enter() // his X into a new paragraph, before he has anna's
    deliverAll([anna, erik])
    expect(anna.paragraphs()).toEqual(['one twoX', 'X'])
    expect(erik.paragraphs()).toEqual(anna.paragraphs())
  })

  it("a letter typed right after another author's letter that a split left behind does not follow it when its author moves it", () => {
    // Found by the randomized session (seeds 121, 273): anna's letters typed behind erik's letter
    // where anna's Enter had left it (before erik's repair reached her) followed it back into
    // the middle of erik's word.
    const [anna, erik] = pair(['one two'], [1001, 1002])
    erik.caretAfter(0, 'one two')
    erik.type('X')
    anna.caretAfter(0, 'one ')
    anna.enter()
    sendFirst(anna, 1, erik) // the Enter: erik moves X behind the copy of 'two'
    sendFirst(erik, 1, anna) // X only, not the repair: left behind in anna's first paragraph
    expect(anna.paragraphs()).toEqual(['one X', 'two'])
    anna.caretAfter(0, 'one X')
    anna.type('Y')
    deliverAll([anna, erik])
    expect(anna.paragraphs()).toEqual(['one Y', 'twoX'])
    expect(erik.paragraphs()).toEqual(anna.paragraphs())
  })

  it('a letter I deleted after repairing it does not come back with a copy the other author made of it meanwhile', () => {
    // Found by the randomized session (merged, seed 199; the same in seeds 81 and 161): erik's
    // repair moved his X; anna, who had X but not the repair, pressed Enter before it (a copy of
    // the original X); erik deleted X (his repair's copy). Anna's copy reached erik as a copy of an
    // X he had not deleted, and his repair and delete reached anna in one merged update.
    const [anna, erik] = pair(['one two three'], [1002, 1003])
    erik.caretAfter(0, 'three')
    anna.caretAfter(0, 'one ')
    anna.enter()
    erik.type('X')
    sendFirst(anna, 1, erik) // the Enter: erik moves X behind the copy of 'three'
    sendFirst(erik, 1, anna) // X only, not the repair
    expect(anna.paragraphs()).toEqual(['one X', 'two three'])
    anna.caretAfter(0, 'one ')
    anna.enter()
    erik.backspace()
    deliverMerged([erik], [anna])
    deliverAll([anna, erik])
    expect(anna.paragraphs()).toEqual(['one ', '', 'two three'])
    expect(erik.paragraphs()).toEqual(anna.paragraphs())
  })

  it("text copied right after another author's letter that a join had left behind does not follow it where its author repaired it", () => {
    // Found by the randomized session (relayed, seed 298; merged, seeds 48 51 66): anna split and
    // joined, erik's X typed behind '[' meanwhile reached her without his repair, shown before
    // her joined copy of 'two[three '; her next Enter copied 'Xtwo[three ' as one stretch. Her
    // 'two[' then followed the X (copied before it) behind the '[' where erik's repair put the
    // X, and his X followed the '[' again: the two repaired each other, and tore the word.
    const [anna, erik] = pair(['one two[three '], [1001, 1003])
    anna.caretAfter(0, 'one ')
    erik.caretAfter(0, 'two[')
    anna.enter()
    anna.backspace()
    erik.type('X')
    sendFirst(anna, 2, erik) // the Enter and the join: erik moves X behind the copy of '['
    sendFirst(erik, 1, anna) // X only, not the repair
    expect(anna.paragraphs()).toEqual(['one Xtwo[three '])
    anna.caretAfter(0, 'one ')
    anna.enter()
    deliverAll([anna, erik])
    expect(anna.paragraphs()).toEqual(['one ', 'two[Xthree '])
    expect(erik.paragraphs()).toEqual(anna.paragraphs())
  })

  it("the same, when a third author's Enter moves the repaired letter on: the text copied after it stays", () => {
    // Seed 298 again: once the two agreed, bob's Enter between 'two' and '[' moved erik's X on
    // (bob's copy, not a repair): anna's 'two' followed that X into bob's new paragraph.
    const [anna, erik] = pair(['one two[three '], [1001, 1003])
    const bob = new Client(Y.encodeStateAsUpdate(anna.doc), 1002)
    anna.caretAfter(0, 'one ')
    erik.caretAfter(0, 'two[')
    anna.enter()
    anna.backspace()
    erik.type('X')
    const first = anna.outbox.slice(0, 2)
    sendFirst(anna, 2, erik)
    const typed = erik.outbox.slice(0, 1)
    sendFirst(erik, 1, anna)
    for (const update of [...first, ...typed]) Y.applyUpdate(bob.doc, update, 'remote')
    anna.caretAfter(0, 'one ')
    anna.enter()
    deliverAll([anna, erik, bob])
    expect(bob.paragraphs()).toEqual(['one ', 'two[Xthree '])
    bob.caretAfter(1, 'two')
    bob.enter()
    deliverAll([anna, erik, bob])
    expect(anna.paragraphs()).toEqual(['one ', 'two', '[Xthree '])
    expect(erik.paragraphs()).toEqual(anna.paragraphs())
    expect(bob.paragraphs()).toEqual(anna.paragraphs())
  })

  it('my letters repaired into a paragraph joined away, merged with a copy of them made where they were only shown, are put back', () => {
    // Found by the randomized session (merged, seed 147 minimised; also 107 115): bob's 'b'
    // (typed behind his '[' that anna's Enter had moved) reached anna merged with her own Enter
    // and join, shown behind 'one ', where her next Enter and join copied it. Bob's repair had
    // put his 'b1' into her first new paragraph, which her first join deleted; her copies,
    // reaching bob in one update with that join, counted as his letter live elsewhere, so he
    // did not put it back, and his '1]' followed her copy of 'b' out of the word.
    const [anna, bob] = pair(['one two three'], [1001, 1002])
    anna.caretAfter(0, 'one ')
    bob.caretAfter(0, 'two ')
    bob.type('[')
    sendFirst(bob, 1, anna)
    anna.enter()
    bob.type('b')
    bob.type('1')
    anna.backspace()
    const merged = Y.mergeUpdates([bob.outbox.shift()!, ...anna.outbox.splice(0)]) // 'b', the Enter, the join
    Y.applyUpdate(anna.doc, merged, 'remote')
    expect(anna.paragraphs()).toEqual(['one btwo [three'])
    bob.type(']')
    anna.caretAfter(0, 'one ')
    anna.enter()
    const enter = anna.outbox.splice(0)
    anna.backspace()
    const rest = Y.mergeUpdates([...bob.outbox.splice(0), ...anna.outbox.splice(0)]) // '1', ']', the join
    Y.applyUpdate(anna.doc, rest, 'remote')
    for (const update of [merged, ...enter, rest]) Y.applyUpdate(bob.doc, update, 'remote')
    deliverAll([anna, bob])
    expect(anna.paragraphs()).toEqual(['one two [b1]three'])
    expect(bob.paragraphs()).toEqual(anna.paragraphs())
  })

  it("my caret at a paragraph start before another author's letter that was only shown there stays at the start", () => {
    // Found by the randomized session (merged, seed 147 minimised; also 258): anna's Enter put
    // bob's 'b' (shown behind 'one ', where her join had left it) at the start of her new
    // paragraph, her caret before it. Bob's repair put his 'b' back behind his '[', and her caret
    // followed it there: her next Backspace deleted his '['.
    const [anna, bob] = pair(['one two three'], [1001, 1002])
    anna.caretAfter(0, 'one ')
    bob.caretAfter(0, 'two ')
    bob.type('[')
    sendFirst(bob, 1, anna)
    anna.enter()
    bob.type('b')
    anna.backspace()
    const merged = Y.mergeUpdates([...bob.outbox.splice(0), ...anna.outbox.splice(0)]) // 'b', the Enter, the join
    Y.applyUpdate(anna.doc, merged, 'remote')
    expect(anna.paragraphs()).toEqual(['one btwo [three'])
    anna.caretAfter(0, 'one ')
    anna.enter()
    expect(anna.caret()).toEqual({ paragraph: 1, offset: 0 })
    Y.applyUpdate(bob.doc, merged, 'remote')
    deliverAll([anna, bob])
    expect(anna.caret()).toEqual({ paragraph: 1, offset: 0 })
    anna.type('Z')
    deliverAll([anna, bob])
    expect(anna.paragraphs()).toEqual(['one ', 'Ztwo [bthree'])
    expect(bob.paragraphs()).toEqual(anna.paragraphs())
  })

  it("a join right after another author's letter left behind by my Enter does not anchor my text behind it", () => {
    // Found by the randomized session (merged, seed 282 minimised; seed 1 merged passes with it):
    // bob's '[' (typed behind 'two ', which anna's Enter had moved) was shown at the end of her
    // first paragraph, and her join put 'two three ' behind it, recorded as the join's anchor.
    // Bob's own Enter and join (not knowing hers) moved his '[': her text followed it, his
    // letters followed her 'two ', and the two repaired each other out of the word.
    const [anna, bob] = pair(['one two three '], [1001, 1002])
    anna.caretAfter(0, 'one ')
    bob.caretAfter(0, 'two ')
    bob.type('[x] ')
    bob.caretAfter(0, 'two ')
    anna.enter()
    sendFirst(bob, 1, anna) // the '[' only
    expect(anna.paragraphs()).toEqual(['one [', 'two three '])
    anna.backspace()
    bob.enter()
    bob.backspace()
    const merged = Y.mergeUpdates([...bob.outbox.splice(0), ...anna.outbox.splice(0)])
    Y.applyUpdate(anna.doc, merged, 'remote')
    Y.applyUpdate(bob.doc, merged, 'remote')
    deliverAll([anna, bob])
    // Bob's word whole, anna's text once (where the concurrent inserts put '[x] ' is Yjs's order).
    expect(anna.paragraphs()).toHaveLength(1)
    expect(anna.paragraphs()[0]).toMatch(/^one (two \[x\] three |two three \[x\] )$/)
    expect(bob.paragraphs()).toEqual(anna.paragraphs())
  })

  it("my words split apart and joined again inside another author's new paragraph survive his join removing it", () => {
    // Found by the randomized session (merged, seed 282 minimised; also 168 252): bob's '[x] ' and
    // '[y] ' went into anna's new paragraph (his repair), he split between them and joined again;
    // anna's join (not knowing any of it) removed that paragraph. Bob put '[y] ' back, but not
    // '[x] ': its join's anchor was his own '[y] ' (put back by a repair, taken for a letter left
    // behind elsewhere, and that repair's state vector for a split that knew '[x] ').
    const [anna, bob] = pair(['one two three '], [1001, 1002])
    anna.caretAfter(0, 'one ')
    bob.caretAfter(0, 'two ')
    bob.type('[x] ')
    bob.caretAfter(0, 'two ')
    bob.type('[y] ')
    anna.enter()
    sendFirst(anna, 1, bob) // the Enter: bob moves his words into the new paragraph
    anna.backspace()
    bob.enter()
    bob.backspace()
    expect(bob.paragraphs()).toEqual(['one ', 'two [y] [x] three '])
    sendFirst(anna, 1, bob) // the join
    deliverAll([anna, bob])
    expect(anna.paragraphs()).toEqual(['one two [y] [x] three '])
    expect(bob.paragraphs()).toEqual(anna.paragraphs())
  })

  it("a join right after another author's repaired letter that a split left behind again keeps the joined text when its paragraph is removed", () => {
    // Found by the randomized session (merged, seed 147 at 400 steps, minimised): cara's repair
    // put her X behind anna's copy of 'three'; bob's Enter before 'three' left the X at the end
    // of 'two X', and his join put 'three' behind it. Anna's join (knowing none of it) removed
    // that paragraph: bob did not put 'three' back, as it followed the X (a repair's copy, not
    // taken for a left-behind letter), whose live incarnation was cara's next repair.
    const anna = new Client(undefined, 1001)
    anna.setText(['one two three'])
    anna.outbox.length = 0
    const bob = new Client(Y.encodeStateAsUpdate(anna.doc), 1002)
    const cara = new Client(Y.encodeStateAsUpdate(anna.doc), 1003)
    anna.caretAfter(0, 'one ')
    cara.caretAfter(0, 'one two three')
    anna.enter()
    cara.type('X')
    sendFirst(anna, 1, cara, bob) // the Enter: cara moves X behind the copy of 'three'
    bob.caretAfter(1, 'two ')
    bob.enter()
    anna.backspace()
    const fromCara = Y.mergeUpdates(cara.outbox.splice(0)) // X and its repair
    Y.applyUpdate(bob.doc, fromCara, 'remote')
    expect(bob.paragraphs()).toEqual(['one ', 'two X', 'three'])
    bob.backspace()
    Y.applyUpdate(anna.doc, fromCara, 'remote')
    deliverAll([anna, bob, cara])
    expect(anna.paragraphs()).toEqual(['one two threeX'])
    expect(bob.paragraphs()).toEqual(anna.paragraphs())
    expect(cara.paragraphs()).toEqual(anna.paragraphs())
  })

  it("my caret right after another author's letter that a join removed with its paragraph goes before the text after it", () => {
    // The same session (merged, seed 147): bob's caret after his join stood behind cara's X.
    // Anna's join removed that paragraph with the X (cara puts it back later): the caret's
    // position was in removed text, and the redraw put it back at its old offset, inside
    // 'three' ('thr|ee'): bob's next letters tore the word.
    const anna = new Client(undefined, 1001)
    anna.setText(['one two three'])
    anna.outbox.length = 0
    const bob = new Client(Y.encodeStateAsUpdate(anna.doc), 1002)
    const cara = new Client(Y.encodeStateAsUpdate(anna.doc), 1003)
    anna.caretAfter(0, 'one ')
    cara.caretAfter(0, 'one two three')
    anna.enter()
    cara.type('X')
    sendFirst(anna, 1, cara, bob)
    bob.caretAfter(1, 'two ')
    bob.enter()
    anna.backspace()
    const fromCara = Y.mergeUpdates(cara.outbox.splice(0))
    Y.applyUpdate(bob.doc, fromCara, 'remote')
    bob.backspace()
    expect(bob.caret()).toEqual({ paragraph: 1, offset: 5 }) // 'two X|three'
    sendFirst(anna, 1, bob, cara) // anna's join
    expect(bob.paragraphs()).toEqual(['one two three'])
    expect(bob.caret()).toEqual({ paragraph: 0, offset: 8 }) // before 'three'
    bob.type('Y')
    Y.applyUpdate(anna.doc, fromCara, 'remote')
    deliverAll([anna, bob, cara])
    expect(anna.paragraphs()).toEqual(['one two YthreeX'])
    expect(bob.paragraphs()).toEqual(anna.paragraphs())
    expect(cara.paragraphs()).toEqual(anna.paragraphs())
  })

  it("a letter typed behind text an Enter had moved away (its author knew) carries the other author's letter typed after it", () => {
    // Review finding: erik's X, typed at the end of 'alpha ' after anna's Enter, lands in Yjs
    // behind the deleted 'beta' (Yjs skips deleted items to the right), so its origin is gone
    // and lives on in 'beta'. Anna took it for a letter her Enter had left behind (its author
    // would move it) and anchored her Y before it: erik's Enter took X and left Y behind.
    const [anna, erik] = pair(['alpha beta'], [1001, 1002])
    anna.caretAfter(0, 'alpha ')
    anna.enter()
    deliverAll([anna, erik])
    erik.caretAfter(0, 'alpha ')
    erik.type('X')
    deliverAll([anna, erik])
    expect(anna.paragraphs()).toEqual(['alpha X', 'beta'])
    anna.caretAfter(0, 'alpha X')
    anna.type('Y') // not yet seen by erik
    erik.caretAfter(0, 'alpha ')
    erik.enter() // not yet seen by anna
    deliver(anna, erik)
    deliver(erik, anna)
    deliverAll([anna, erik])
    expect(anna.paragraphs()).toEqual(['alpha ', 'XY', 'beta'])
    expect(erik.paragraphs()).toEqual(anna.paragraphs())
  })

  it("a letter a repair put before the text a join brought, behind moved text, carries the other author's letter typed after it", () => {
    // Review finding 6: erik's Z, typed at the start of 'gamma' while anna joined it back into
    // 'alpha ', is repaired before the joined 'g'. Yjs's origin of that copy is the character
    // left of 'g': the deleted 'gamma' anna's first Enter had moved, which lives on in the
    // joined text. Taken for a left-behind letter, anna's W typed after it was anchored before it.
    const [anna, erik] = pair(['alpha gamma'], [1001, 1002])
    anna.caretAfter(0, 'alpha ')
    anna.enter()
    deliverAll([anna, erik])
    expect(erik.paragraphs()).toEqual(['alpha ', 'gamma'])
    erik.caretAfter(1, '')
    erik.type('Z')
    anna.caretAfter(1, '')
    anna.backspace() // joins 'gamma' back, not knowing Z
    deliver(anna, erik) // erik repairs Z before the joined 'g'
    deliverAll([anna, erik])
    expect(anna.paragraphs()).toEqual(['alpha Zgamma'])
    anna.caretAfter(0, 'alpha Z')
    anna.type('W') // not yet seen by erik
    erik.caretAfter(0, 'alpha ')
    erik.enter() // not yet seen by anna
    deliver(anna, erik)
    deliver(erik, anna)
    deliverAll([anna, erik])
    expect(anna.paragraphs()).toEqual(['alpha ', 'ZWgamma'])
    expect(erik.paragraphs()).toEqual(anna.paragraphs())
  })
  it("a join right behind another author's word its repair left behind, letter by letter, is not anchored to the word's last letter", () => {
    // Fuzz seed 31 (merged), minimised (yTiptapMinimise). c's '[c', typed into a's split-off
    // paragraph, is repaired after a's join as two copies, one record per letter ('c' put
    // after the copied '['). a's second split (not knowing them) leaves both behind in the
    // first paragraph; a's join of the second back then took only '[' for left behind and
    // anchored the joined text to 'c', and a typed '[a10] ' there: c's next repair moved '[c'
    // on, '[a10] ' followed 'c', and c's '6] ', typed after 'c' too, ended behind it.
    const [a, b, c] = trio()
    const server = new Relay([a, b, c], true)
    a.enter() // '[a0] ' | '[b0] [c0] '
    server.up(a)
    server.flush()
    server.down(c)
    c.type('[c') // at the end of the second paragraph
    server.up(c)
    a.backspace() // joins the second paragraph back, not knowing '[c'
    server.up(a)
    server.flush()
    server.down(c) // c repairs '[c' behind the joined '[c0] ', one letter per record
    server.up(c)
    c.type('6')
    a.enter() // splits again, not knowing the repair
    c.type('] ')
    server.up(c)
    server.down(a)
    server.flush()
    server.down(a) // the repair: '[c' shown behind '[a0] ', where the split left it
    expect(a.paragraphs()).toEqual(['[a0] [c', '[b0] [c0] '])
    a.backspace() // joins again, right behind '[c'
    a.type('[a10] ')
    server.settle()
    expect(a.paragraphs()).toEqual(['[a0] [a10] [b0] [c0] [c6] '])
    expect(c.paragraphs()).toEqual(a.paragraphs())
    expect(b.paragraphs()).toEqual(a.paragraphs())
  })
  it("my caret behind another author's letter my split left behind stays where it was when a third author's split takes the letter along", () => {
    // Fuzz seed 122 (merged), minimised (yTiptapMinimise). c's '[' reaches a after a's split
    // and is shown behind '[a0] ', where the split left it; a joins back, her caret right
    // behind it. b's split (b had the '[') then moves it, with '[c0] ', into a new paragraph.
    // a's caret followed it there, and a's '[a4] ' went between c's '[' and the 'c4] ' c's
    // repair put after it: '[c0] [[a4] c4] '.
    const [a, b, c] = trio() // '[a0] [b0] [c0] ', each caret behind its own token
    const server = new Relay([a, b, c], true)
    c.type('[c')
    server.up(c) // only '[' reaches the server
    server.flush()
    c.type('4]')
    server.down(b) // b has c's '['
    b.enter() // b splits before '[c0] ', taking c's '[' along (not yet seen by a)
    c.type(' ')
    a.enter() // a splits after '[a0] ', not knowing c's '['
    server.down(a) // c's '[', typed after '[c0] ': shown behind '[a0] ', where a's split left it
    expect(a.paragraphs()).toEqual(['[a0] [', '[b0] [c0] '])
    a.backspace() // a joins back; her caret stands behind c's '['
    expect(a.paragraphs()).toEqual(['[a0] [[b0] [c0] '])
    server.up(b)
    server.flush()
    server.down(a) // b's split: c's '[' goes with '[c0] ' into the new paragraph
    expect(a.paragraphs()).toEqual(['[a0] [b0] ', '[c0] ['])
    expect(a.caret()).toEqual({ paragraph: 0, offset: 5 }) // where it was, behind '[a0] '
    a.type('[a4] ')
    server.settle()
    expect(a.paragraphs()).toEqual(['[a0] [a4] [b0] ', '[c0] [c4] '])
    expect(b.paragraphs()).toEqual(a.paragraphs())
    expect(c.paragraphs()).toEqual(a.paragraphs())
  })
  it("my caret behind another author's letter my split left behind stays where it was when that author's repair takes the letter away", () => {
    // Fuzz seed 122 (merged), the first failure the minimiser found before the fix. b's '['
    // reaches a after her split and her join back and is shown behind '[a0] '; a's caret
    // stands behind it. b's repair moves '[' behind '[b0] ', and the caret followed it, into
    // b's '[b': a's '[a4] ' tore it, '[a0] [b0] [[a4] b5] [c0] '.
    const [a, b, c] = trio()
    const server = new Relay([a, b, c], true)
    b.type('[')
    a.enter() // a splits after '[a0] ', not knowing b's '['
    b.type('b')
    a.backspace() // and joins back
    a.type('%')
    server.up(a) // a's split
    server.up(b) // b's '['
    a.type('%')
    server.up(a) // a's join
    server.flush()
    server.down(a) // b's '[', typed after '[b0] ': shown behind '[a0] ', where the split left it
    server.down(b) // b repairs '[b' behind the joined '[b0] ' (not yet seen by a)
    expect(a.paragraphs()).toEqual(['[a0] [%%[b0] [c0] '])
    b.type('5]')
    a.backspace(2) // a's caret now right behind b's '['
    b.type(' ')
    server.up(b)
    server.up(b)
    server.flush()
    server.down(a) // b's repair takes '[b' behind '[b0] '
    expect(a.paragraphs()).toEqual(['[a0] [b0] [b[c0] '])
    expect(a.caret()).toEqual({ paragraph: 0, offset: 5 }) // where it was, behind '[a0] '
    a.type('[a4] ')
    server.settle()
    expect(a.paragraphs()).toEqual(['[a0] [a4] [b0] [b5] [c0] '])
    expect(b.paragraphs()).toEqual(a.paragraphs())
    expect(c.paragraphs()).toEqual(a.paragraphs())
  })
  it("a split that copied another author's left-behind letter does not make the text after it follow the letter (no endless repairs)", () => {
    // Fuzz seed 158 (merged), minimised (yTiptapMinimise). b's '[' reaches a after her split and
    // join and is shown behind '[a0] '; a splits there again, so her new paragraph copies '['
    // first, then '[b0] [c0] '. b's own split and join (not knowing a's) move '[' on, and the
    // copy of '[' loses to b's. a's copy of '[b0] [c0] ' followed the '[' it was copied after,
    // behind b's '[b3] ', and b's '[b3] ' followed '[b0] ': the two repaired each other for ever
    // and the clients never agreed.
    const [a, b, c] = trio()
    const server = new Relay([a, b, c], true)
    b.type('[') // behind '[b0] ' (not yet seen by a)
    server.up(b)
    a.enter() // a splits after '[a0] ', not knowing b's '['
    a.backspace() // and joins back
    server.flush()
    server.down(a) // b's '[': shown behind '[a0] ', where a's split left it
    expect(a.paragraphs()).toEqual(['[a0] [[b0] [c0] '])
    b.type('b')
    a.enter() // a splits again behind '[a0] ': her new paragraph copies b's '[', then '[b0] [c0] '
    expect(a.paragraphs()).toEqual(['[a0] ', '[[b0] [c0] '])
    server.up(b)
    b.type('3] ')
    b.select(11) // behind '[b0] '
    server.up(b)
    b.enter() // b splits before '[b3] ', not knowing a's splits
    b.backspace() // and joins back
    server.up(b)
    server.up(b)
    server.up(b)
    server.flush()
    server.settle()
    expect(a.paragraphs()).toEqual(['[a0] ', '[b0] [b3] [c0] '])
    expect(b.paragraphs()).toEqual(a.paragraphs())
    expect(c.paragraphs()).toEqual(a.paragraphs())
  })
  it("my word typed at a paragraph start before a copy of another author's left-behind letter stays before the text after it", () => {
    // Fuzz seed 158 (merged), minimised again after the fix above. As there, a's second split
    // copies b's left-behind '[' to the start of her new paragraph, and a types '[a5] ' there,
    // before it. Her repair moved '[a5] ' before the live '[' wherever b had it, out of the text
    // it was typed before, and a third author's join finally removed it: '[a5]' was lost.
    const [a, b, c] = trio()
    const server = new Relay([a, b, c], true)
    b.type('[') // behind '[b0] ' (not yet seen by a)
    server.up(b)
    a.enter() // a splits after '[a0] ', not knowing b's '['
    a.backspace() // and joins back
    server.up(a)
    server.flush()
    server.down(a) // b's '[': shown behind '[a0] ', where a's split left it
    b.type('b')
    a.enter() // a splits again behind '[a0] ': her new paragraph copies b's '[', then '[b0] [c0] '
    server.up(b)
    server.up(a)
    a.type('[a5]') // at the start of her new paragraph, before the copy of '['
    b.type('3]')
    a.type(' ')
    b.type(' ')
    expect(a.paragraphs()).toEqual(['[a0] ', '[a5] [[b0] [c0] '])
    b.select(11) // behind '[b0] '
    server.up(b)
    server.flush()
    b.enter() // b splits before '[b3] ', not knowing a's second split
    b.backspace() // and joins back
    server.down(c)
    server.up(b)
    server.down(c)
    c.type('%') // c types and deletes behind '[c0] '
    server.up(b)
    server.up(b)
    server.flush()
    c.type('%')
    server.up(c)
    server.flush()
    c.backspace()
    c.backspace()
    server.settle()
    expect(a.paragraphs()).toEqual(['[a0] ', '[a5] [b0] [b3] [c0] '])
    expect(b.paragraphs()).toEqual(a.paragraphs())
    expect(c.paragraphs()).toEqual(a.paragraphs())
  })
  it("a join right behind another author's letter typed after his deleted letters, left behind by my Enter, does not anchor my text behind it", () => {
    // Fuzz seed 488 (relayed), minimised (yTiptapMinimise). b types '%%' behind '[b0] ' and
    // deletes it again; his '[' then has the deleted '%' as its Yjs origin. a's Enter (not
    // knowing '[') leaves '[' behind '[a0] ', but displacedLetter stopped at the deleted '%'
    // (gone, not moved) and did not take '[' for left behind: a's join anchored the joined text
    // behind it, and a's '[a5] ' went into b's '[b3] ' when his repair moved the '['.
    const [a, b, c] = trio()
    const server = new Relay([a, b, c])
    b.type('%%') // behind '[b0] '
    b.backspace(2) // and deleted again
    server.up(b)
    server.up(b)
    server.up(b)
    server.up(b)
    server.down(a)
    server.down(a)
    server.down(a)
    server.down(a)
    a.enter() // a splits after '[a0] ' (not yet seen by b)
    b.type('[') // behind '[b0] ': its Yjs origin is the deleted '%'
    server.up(b)
    server.down(a) // b's '[': shown behind '[a0] ', where a's split left it
    expect(a.paragraphs()).toEqual(['[a0] [', '[b0] [c0] '])
    b.type('b')
    a.backspace() // a joins back, right behind b's '['
    a.type('[a5] ')
    b.type('3] ')
    server.settle()
    expect(a.paragraphs()).toEqual(['[a0] [a5] [b0] [b3] [c0] '])
    expect(b.paragraphs()).toEqual(a.paragraphs())
    expect(c.paragraphs()).toEqual(a.paragraphs())
  })
})

describe('y-tiptap patch: the moves map is shared input', () => {
  it('a malformed entry in the moves map is read once, not again on every transaction', () => {
    // Review finding 5: the index skipped a malformed value without remembering it, so its count
    // of the map's keys never matched again and every transaction rescanned the whole map.
    const [anna, erik] = pair(['alpha beta'], [1001, 1002])
    const moves = erik.doc.getMap('y-tiptap-moves')
    const forEach = moves.forEach.bind(moves)
    let scans = 0
    moves.forEach = (f) => {
      scans++
      forEach(f)
    }
    anna.doc.getMap('y-tiptap-moves').set('1001:0', 'not a move')
    deliverAll([anna, erik])
    erik.caretAfter(0, 'alpha beta')
    erik.type(' gamma delta')
    anna.caretAfter(0, 'alpha ')
    anna.enter()
    deliverAll([anna, erik])
    expect(erik.paragraphs()).toEqual(['alpha ', 'beta gamma delta'])
    // One scan, when erik's index is made (the entry was there by then); none per transaction.
    expect(scans).toBeLessThanOrEqual(1)
  })

  it('a key of the moves map overwritten with a valid move after a malformed value is read', () => {
    const [anna, erik] = pair(['alpha beta'], [1001, 1002])
    const mallory = new Client(Y.encodeStateAsUpdate(anna.doc), 1003)
    erik.caretAfter(0, 'alpha beta')
    erik.type('X') // not yet seen by anna: only her Enter's record moves it along
    // The key anna's Enter will record: the same Enter on a copy of her document (under its own
    // client id) says how far past her clock the copy's first character is.
    const twin = new Client(Y.encodeStateAsUpdate(anna.doc))
    const twinClock = Y.getState(twin.doc.store, twin.doc.clientID)
    twin.caretAfter(0, 'alpha ')
    twin.enter()
    const [twinKey = ''] = [...twin.doc.getMap('y-tiptap-moves').keys()]
    const key = `1001:${Y.getState(anna.doc.store, 1001) + Number(twinKey.split(':')[1]) - twinClock}`
    mallory.doc.getMap('y-tiptap-moves').set(key, ['not', 'a', 'move'])
    const fromMallory = Y.encodeStateAsUpdate(mallory.doc)
    Y.applyUpdate(anna.doc, fromMallory, 'remote')
    Y.applyUpdate(erik.doc, fromMallory, 'remote') // erik's index rejects the value
    anna.caretAfter(0, 'alpha ')
    anna.enter() // the real move, written over mallory's value
    expect((anna.doc.getMap('y-tiptap-moves').get(key) as number[])[0]).toBe(4) // her record: 'beta' copied
    deliverAll([anna, erik])
    expect(erik.paragraphs()).toEqual(['alpha ', 'betaX'])
    expect(anna.paragraphs()).toEqual(erik.paragraphs())
  })
  it('a moves entry written by another client than the one whose copies it describes is ignored', () => {
    // The map is shared input: a third client could claim that erik's letter is a copy of one
    // of anna's, and when that one is deleted anna's caret would jump behind his letter. An
    // entry is honoured only when its writer (the Y.Map item's client) made the copies it
    // describes (its key's client).
    const [anna, erik] = pair(['alpha beta'], [1001, 1002])
    const mallory = new Client(Y.encodeStateAsUpdate(anna.doc), 1003)
    const text = (anna.doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText
    const last = { client: text._start!.id.client, clock: text._start!.id.clock + 4 } // the last 'a' of 'alpha'
    erik.caretAfter(0, 'alpha beta')
    erik.type('X') // his first item: 1002:0
    erik.caretAfter(0, 'alpha')
    erik.backspace() // deletes the last 'a' of 'alpha'
    // "1002:0 is a copy (n = 1, no anchor, empty state vector) of that 'a'".
    mallory.doc.getMap('y-tiptap-moves').set('1002:0', [1, 0, 0, 0, 0, last.client, last.clock, 1])
    Y.applyUpdate(anna.doc, Y.encodeStateAsUpdate(mallory.doc), 'remote')
    anna.caretAfter(0, 'alpha')
    deliver(erik, anna)
    expect(anna.paragraphs()).toEqual(['alph betaX'])
    expect(anna.caret()).toEqual({ paragraph: 0, offset: 4 }) // where the 'a' was, not behind X
  })

  it("a typed-after entry written by another client than the letter's author is ignored", () => {
    // As "a join right after another author's letter left behind by my Enter ..." above, with a
    // third client claiming that bob's left-behind '[' was typed knowing anna's Enter, at the
    // block start (typed-after [0, 0]): honoured, anna's join would anchor her text behind it and
    // the two would repair each other out of the word. Only the letter's author may say so.
    const [anna, bob] = pair(['one two three '], [1001, 1002])
    const mallory = new Client(Y.encodeStateAsUpdate(anna.doc), 1003)
    anna.caretAfter(0, 'one ')
    bob.caretAfter(0, 'two ')
    bob.type('[x] ') // '[' is his first item, 1002:0
    bob.caretAfter(0, 'two ')
    anna.enter()
    Y.applyUpdate(anna.doc, bob.outbox.shift()!, 'remote') // the '[' only
    mallory.doc.getMap('y-tiptap-typed-after').set('1002:0', [0, 0])
    Y.applyUpdate(anna.doc, Y.encodeStateAsUpdate(mallory.doc), 'remote')
    expect(anna.paragraphs()).toEqual(['one [', 'two three '])
    anna.backspace()
    bob.enter()
    bob.backspace()
    const merged = Y.mergeUpdates([...bob.outbox.splice(0), ...anna.outbox.splice(0)])
    Y.applyUpdate(anna.doc, merged, 'remote')
    Y.applyUpdate(bob.doc, merged, 'remote')
    deliverAll([anna, bob])
    expect(anna.paragraphs()).toHaveLength(1)
    expect(anna.paragraphs()[0]).toMatch(/^one (two \[x\] three |two three \[x\] )$/)
    expect(bob.paragraphs()).toEqual(anna.paragraphs())
  })

  // Found in a browser session's sync trace (seed 12: alva's junk typed into her new, empty
  // paragraph was lost and her caret landed inside another author's token). I press Enter and
  // type in the new, empty paragraph; another author, who has the empty paragraph but not my
  // letters yet, presses Backspace at the start of the next one, which deletes the empty
  // paragraph (ProseMirror's joinBackward). Before y-tiptap-emptied my letters went with it:
  // nothing anchors them (no character before or after them), so no repair put them back.
  // Sequentially the join would have given "QYy".
  it('letters typed into an empty paragraph another author removes at the same time are kept', () => {
    const [anna, alva] = pair(['Xx', 'Yy'], [1, 2])
    alva.caretAfter(0, 'Xx')
    alva.enter()
    deliver(alva, anna)
    anna.caretAfter(2, '')
    anna.backspace()
    alva.type('Q')
    deliverAll([anna, alva])
    alva.type('Z')
    deliverAll([anna, alva])
    expect(alva.paragraphs()).toEqual(['Xx', 'QZYy'])
    expect(anna.paragraphs()).toEqual(alva.paragraphs())
    expect(alva.caret()).toEqual({ paragraph: 1, offset: 2 })
  })

  it('letters the other author saw and deleted before removing the emptied paragraph stay deleted', () => {
    const [anna, alva] = pair(['Xx', 'Yy'], [1, 2])
    alva.caretAfter(0, 'Xx')
    alva.enter()
    alva.type('Q')
    deliver(alva, anna)
    // Anna deletes the Q, then the paragraph it was in, knowing both.
    anna.caretAfter(1, 'Q')
    anna.backspace()
    anna.caretAfter(2, '')
    anna.backspace()
    // Both deletions in one update, as the server's group commit merges them.
    deliverMerged([anna], [alva])
    deliverAll([anna, alva])
    expect(alva.paragraphs()).toEqual(['Xx', 'Yy'])
    expect(anna.paragraphs()).toEqual(alva.paragraphs())
  })
})
