import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { createPortal, flushSync } from 'react-dom'
import type * as Y from 'yjs'
import type { Template } from '@perspektiv/model'
import type { Layout } from '@perspektiv/export/layout'
import type { DocumentDetail } from '../api.js'
import { useExportLayout } from './useExportLayout.js'
import { layoutUnits } from './units.js'
import { Pages } from './Pages.js'
import './preview.css'

/** CSS string literal (for the print page's running header). */
const cssString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`

/**
 * What the document looks like as exported: "Förhandsgranska" (a read-only preview with A4
 * pages in a modal dialog) and the print view (Ctrl+P prints only the document, laid out
 * like the export, with the running header and page numbers in the page margins).
 */
export function DocumentOutput({ ydoc, template, detail }: { ydoc: Y.Doc; template: Template; detail: DocumentDetail }) {
  const layout = useExportLayout(ydoc, template, detail)
  const units = useMemo(() => layoutUnits(layout), [layout])
  const printing = usePrinting()
  return (
    <>
      <PreviewButton layout={layout} units={units} />
      {printing && createPortal(<PrintView layout={layout} units={units} />, document.body)}
    </>
  )
}

// The print view exists only while printing: on screen the document's text is in the page
// once (for find-in-page, screen readers and tests alike).
const PRINT = typeof window === 'undefined' ? null : window.matchMedia('print')
let beforePrint = false
function subscribePrinting(onChange: () => void): () => void {
  // Ctrl+P: React renders the print view synchronously, before the browser lays out the pages.
  const before = () => {
    beforePrint = true
    flushSync(onChange)
  }
  const after = () => {
    beforePrint = false
    onChange()
  }
  window.addEventListener('beforeprint', before)
  window.addEventListener('afterprint', after)
  PRINT?.addEventListener('change', onChange)
  return () => {
    window.removeEventListener('beforeprint', before)
    window.removeEventListener('afterprint', after)
    PRINT?.removeEventListener('change', onChange)
  }
}
const usePrinting = () => useSyncExternalStore(subscribePrinting, () => beforePrint || (PRINT?.matches ?? false))

function PreviewButton({ layout, units }: { layout: Layout; units: ReturnType<typeof layoutUnits> }) {
  const [open, setOpen] = useState(false)
  const dialogRef = useRef<HTMLDialogElement>(null)
  const openerRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    const onClose = () => {
      setOpen(false)
      openerRef.current?.focus()
    }
    dialog.addEventListener('close', onClose)
    return () => dialog.removeEventListener('close', onClose)
  }, [open])
  return (
    <>
      <button type="button" className="button" ref={openerRef} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Förhandsgranska
      </button>
      <dialog ref={dialogRef} className="dialog xp-dialog" aria-labelledby="preview-title">
        {open && (
          <div className="xp-dialog__body">
            <div className="xp-dialog__head">
              <h2 id="preview-title">Förhandsgranskning</h2>
              <p className="muted">Så här ser dokumentet ut när det exporteras. Förhandsgranskningen är skrivskyddad.</p>
              <button type="button" className="button" onClick={() => dialogRef.current?.close()} autoFocus>
                Stäng förhandsgranskningen
              </button>
            </div>
            <Pages layout={layout} units={units} />
          </div>
        )}
      </dialog>
    </>
  )
}

/** Shown only when printing (preview.css); a sibling of the app, so the app itself can be hidden. */
function PrintView({ layout, units }: { layout: Layout; units: ReturnType<typeof layoutUnits> }) {
  const pageCss = `@page { size: A4; margin: 25mm 20mm 20mm;
    @top-left { content: ${cssString(layout.runningHeader)}; }
    @top-right { content: "Sida " counter(page) " (" counter(pages) ")"; }
    ${layout.draftLabel ? `@bottom-center { content: ${cssString(layout.draftLabel)}; }` : ''} }`
  return (
    <div className="print-view">
      <style>{pageCss}</style>
      {layout.draftLabel && <p className="print-view__watermark">UTKAST</p>}
      {units.map((u) => (
        <div key={u.key} className={`xp-unit ${u.keepWithNext ? 'xp-unit--keep' : ''}`}>
          {u.node}
        </div>
      ))}
    </div>
  )
}
