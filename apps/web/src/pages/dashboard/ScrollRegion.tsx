import { useEffect, useRef, useState, type ReactNode } from 'react'

/**
 * A box that scrolls sideways when its table is wider than the window (medium widths).
 * Only while it actually scrolls is it a named region in the tab order, so keyboard users
 * can scroll it with the arrow keys (WCAG 2.1.1, axe scrollable-region-focusable) without
 * an empty tab stop and an extra landmark in front of every table that fits.
 */
export function ScrollRegion({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  const [scrolls, setScrolls] = useState(false)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const measure = () => setScrolls(el.scrollWidth > el.clientWidth + 1)
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    if (el.firstElementChild) observer.observe(el.firstElementChild)
    return () => observer.disconnect()
  }, [])
  return (
    <div ref={ref} className="table-scroll" {...(scrolls ? { role: 'region', 'aria-labelledby': labelledBy, tabIndex: 0 } : {})}>
      {children}
    </div>
  )
}
