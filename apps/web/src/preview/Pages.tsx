import { useCallback, useLayoutEffect, useRef, useState } from 'react'
import { pageLabel, type Layout } from '@perspektiv/export/layout'
import { paginate } from './paginate.js'
import type { Unit } from './units.js'

/** A4 at CSS pixels (96 per inch): what the page boxes are drawn and scaled from. */
const PAGE_WIDTH_PX = 794

/**
 * The export as A4 pages in the page: every unit is measured once in a hidden page body,
 * then placed on pages (no heading ends a page), each page with the running header
 * "Tjänsteutlåtande · Dnr … · Sida N (M)", the title from page 2, and UTKAST on drafts.
 */
export function Pages({ layout, units }: { layout: Layout; units: Unit[] }) {
  const measureRef = useRef<HTMLDivElement>(null)
  const frameRef = useRef<HTMLDivElement>(null)
  const [pages, setPages] = useState<number[][] | null>(null)
  const [zoom, setZoom] = useState(1)

  // Measured again whenever the frame changes size: the dialog is laid out only once shown.
  const unitsRef = useRef(units)
  unitsRef.current = units
  const measure = useCallback(() => {
    const box = measureRef.current
    const frame = frameRef.current
    if (!box || !frame || frame.clientWidth === 0) return
    const body = box.querySelector<HTMLElement>('.xp-page__body')!
    const heights = [...body.children].map((el) => el.getBoundingClientRect().height)
    setPages(
      paginate(
        unitsRef.current.map((u, i) => ({ height: heights[i] ?? 0, keepWithNext: u.keepWithNext })),
        body.clientHeight,
      ),
    )
    // Narrow screens see the whole page width, scaled down (the page itself stays A4).
    setZoom(Math.min(1, frame.clientWidth / PAGE_WIDTH_PX))
  }, [])
  // biome-ignore lint/correctness/useExhaustiveDependencies: new units are measured again; `measure` reads them through unitsRef so the ResizeObserver need not be replaced.
  useLayoutEffect(measure, [units, measure])
  useLayoutEffect(() => {
    const frame = frameRef.current
    if (!frame) return
    const observer = new ResizeObserver(measure)
    observer.observe(frame)
    return () => observer.disconnect()
  }, [measure])

  const total = pages?.length ?? 1
  return (
    <div className="xp-frame" ref={frameRef}>
      <div className="xp-measure" ref={measureRef} aria-hidden="true">
        <div className="xp-page">
          <div className="xp-page__body">
            {units.map((u) => (
              <div key={u.key} className="xp-unit">
                {u.node}
              </div>
            ))}
          </div>
        </div>
      </div>
      <ol className="xp-pages" style={{ zoom }}>
        {(pages ?? [[]]).map((indices, p) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a page is its number; its content moves between pages as the text grows.
          <li key={p} className="xp-page" aria-label={pageLabel(p + 1, total)}>
            <div className="xp-page__head">
              <p className="xp-running">
                <span>{layout.runningHeader}</span>
                <span>{pageLabel(p + 1, total)}</span>
              </p>
              {p > 0 && <p className="xp-running__title">{layout.title}</p>}
              {layout.draftLabel && <p className="xp-draft-label">{layout.draftLabel}</p>}
            </div>
            {layout.draftLabel && (
              <p className="xp-watermark" aria-hidden="true">
                UTKAST
              </p>
            )}
            <div className="xp-page__body">
              {indices.map((i) => (
                <div key={units[i]!.key} className="xp-unit">
                  {units[i]!.node}
                </div>
              ))}
            </div>
          </li>
        ))}
      </ol>
    </div>
  )
}
