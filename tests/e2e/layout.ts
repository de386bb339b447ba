import type { Page } from '@playwright/test'

/**
 * Layout defects a user would see (issue #23), as one line each: the page scrolling sideways,
 * a control or heading sticking out of the box it sits in (bounding boxes), text cut inside
 * its own box ("Godkä"), two controls on top of each other, and inputs stretched tall.
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    const name = (el: Element) => {
      const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)
      return `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} "${text}"`
    }
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) return false
      if (el.closest('.visually-hidden, [aria-hidden="true"], .xp-measure, .ProseMirror .collaboration-carets__caret')) return false
      return getComputedStyle(el).visibility !== 'hidden'
    }
    const root = document.documentElement
    if (root.scrollWidth > root.clientWidth + 1) out.push(`the page scrolls sideways: ${root.scrollWidth} px wide in a ${root.clientWidth} px window`)

    const CONTAINERS =
      '.panel, .card, .statusbar, .workspace__head, .app-header__inner, .field, .coverage__item, .notice, .document, .thread, .export-links, .comment-toolbar, .confirm, dialog, main'
    // A box that scrolls sideways (a wide table at medium widths) holds its content by design:
    // what is outside it horizontally is reached by scrolling, so it is measured against that
    // box, and the box itself must be reachable by keyboard and named (WCAG 2.1.1, 4.1.2).
    const sideways = (el: Element, box: Element) => {
      for (let p = el.parentElement; p && p !== box; p = p.parentElement) {
        if (/^(auto|scroll)$/.test(getComputedStyle(p).overflowX) && p.scrollWidth > p.clientWidth + 1) return p
      }
      return null
    }
    for (const s of document.querySelectorAll('main *')) {
      if (!/^(auto|scroll)$/.test(getComputedStyle(s).overflowX) || s.scrollWidth <= s.clientWidth + 1) continue
      if (s.getAttribute('tabindex') !== '0' || !(s.getAttribute('aria-label') || s.getAttribute('aria-labelledby')) || !s.getAttribute('role'))
        out.push(`${name(s).slice(0, 60)} scrolls sideways but is not a named, focusable region`)
    }
    const controls = [...document.querySelectorAll('button, a, input, select, textarea, label, .statusbar__step, .pill, h1, h2, h3, .connection')].filter(shown)
    for (const el of controls) {
      const box = el.parentElement?.closest(CONTAINERS)
      if (box) {
        const a = el.getBoundingClientRect()
        const b = box.getBoundingClientRect()
        const scroller = sideways(el, box)
        const outside = scroller ? false : a.left < b.left - 1 || a.right > b.right + 1
        if (outside || a.top < b.top - 1 || a.bottom > b.bottom + 1) {
          out.push(`${name(el)} sticks out of ${name(box).slice(0, 60)}`)
        }
      }
      if (!/^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
        out.push(`${name(el)} cuts its text: ${el.scrollWidth} px in ${el.clientWidth} px`)
      }
      if (el.tagName === 'INPUT' && el.getBoundingClientRect().height > 50)
        out.push(`${name(el)} is stretched to ${Math.round(el.getBoundingClientRect().height)} px`)
    }

    // What of an element is on screen: a panel scrolled inside its column is cut by that column.
    const visibleRect = (el: Element) => {
      const r = el.getBoundingClientRect()
      let [left, top, right, bottom] = [r.left, r.top, r.right, r.bottom]
      for (let p = el.parentElement; p; p = p.parentElement) {
        const cs = getComputedStyle(p)
        if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue
        const c = p.getBoundingClientRect()
        left = Math.max(left, c.left)
        top = Math.max(top, c.top)
        right = Math.min(right, c.right)
        bottom = Math.min(bottom, c.bottom)
      }
      return { left, top, right, bottom }
    }
    const interactive = controls.filter((el) => /^(BUTTON|INPUT|SELECT|TEXTAREA)$/.test(el.tagName) || el.matches('a.button'))
    for (let i = 0; i < interactive.length; i++) {
      for (let k = i + 1; k < interactive.length; k++) {
        const x = interactive[i]!
        const y = interactive[k]!
        if (x.contains(y) || y.contains(x)) continue
        const a = visibleRect(x)
        const b = visibleRect(y)
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left)
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)
        if (w > 2 && h > 2) out.push(`${name(x)} overlaps ${name(y)}`)
      }
    }
    return out
  })
}
