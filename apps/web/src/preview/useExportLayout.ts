import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import type { Template } from '@perspektiv/model'
import { readMeta, yDocToJSON } from '@perspektiv/document'
import { layoutDocument, type Layout } from '@perspektiv/export/layout'
import type { DocumentDetail } from '../api.js'

const DEBOUNCE_MS = 300

/** The export's layout of the document as it is now (text and header from the Y.Doc; status and approvals from the server). */
function layoutNow(ydoc: Y.Doc, template: Template, detail: DocumentDetail): Layout {
  const meta = readMeta(ydoc)
  // As the server's export: from revision 2 on, "Revision N" under the title.
  const subtitle = detail.revision > 1 ? [meta.subtitle, `Revision ${detail.revision}`].filter((s) => s.trim() !== '').join(' – ') : meta.subtitle
  return layoutDocument({
    content: yDocToJSON(ydoc),
    meta: { ...meta, subtitle },
    template,
    status: detail.status,
    approvals: detail.approvals.map((a) => ({ name: a.name, title: a.title, approvedAt: a.approvedAt })),
  })
}

/**
 * The layout model the PDF is drawn from (packages/export/src/layout.ts), kept current while
 * people type: recomputed shortly after changes pause, off the keystroke path.
 */
export function useExportLayout(ydoc: Y.Doc, template: Template, detail: DocumentDetail): Layout {
  const [layout, setLayout] = useState(() => layoutNow(ydoc, template, detail))
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const compute = () => {
      timer = undefined
      setLayout(layoutNow(ydoc, template, detail))
    }
    const schedule = () => {
      if (timer === undefined) timer = setTimeout(compute, DEBOUNCE_MS)
    }
    compute()
    ydoc.on('update', schedule)
    return () => {
      ydoc.off('update', schedule)
      if (timer !== undefined) clearTimeout(timer)
    }
  }, [ydoc, template, detail])
  return layout
}
