import { useEffect, useRef, useState } from 'react'
import type { Editor } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import type { Template } from '@perspektiv/model'
import { cleanPastedHtml } from './clean.js'
import { splitBySections, type PasteSegment } from './sections.js'
import { distributeToSections } from './distribute.js'

export const IMAGE_NOTICE = 'Bilder kan inte klistras in — lägg dem som bilaga.'

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html')
const pastePolicyKey = new PluginKey('perspektivPaste')

/** HTML copied inside our own editor carries ProseMirror's slice marker: it needs no cleaning. */
const isOwnCopy = (html: string) => html.includes('data-pm-slice')

interface Offer {
  segments: PasteSegment[]
  html: string
}

/**
 * ◆ Paste from Word, LibreOffice and Google Docs (P1–P6): the clipboard HTML is cleaned
 * before the editor parses it; refused images and the offer to distribute a passage with
 * section headings are shown here, above the document.
 */
export function PasteNotices({ editor, template }: { editor: Editor; template: Template }) {
  const [images, setImages] = useState(false)
  const [offer, setOffer] = useState<Offer | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const firstButton = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    const plugin = new Plugin({
      key: pastePolicyKey,
      props: {
        transformPastedHTML: (html) => (isOwnCopy(html) ? html : cleanPastedHtml(html, parse).html),
        handlePaste: (_view, event) => {
          const data = event.clipboardData
          if (!data) return false
          const html = data.getData('text/html')
          const imageFiles = [...data.files].some((f) => f.type.startsWith('image/'))
          setDone(null)
          if (!html || isOwnCopy(html)) {
            setImages(imageFiles && !data.getData('text/plain'))
            return imageFiles && !html && !data.getData('text/plain')
          }
          const cleaned = cleanPastedHtml(html, parse)
          setImages(cleaned.images > 0 || imageFiles)
          const segments = splitBySections(cleaned.html, parse, template)
          if (segments) {
            setOffer({ segments, html: cleaned.html })
            return true
          }
          // Only pictures: nothing to paste.
          return cleaned.html === '' && (cleaned.images > 0 || imageFiles)
        },
      },
    })
    editor.registerPlugin(plugin)
    return () => {
      if (!editor.isDestroyed) editor.unregisterPlugin(pastePolicyKey)
    }
  }, [editor, template])

  useEffect(() => {
    if (offer) firstButton.current?.focus()
  }, [offer])

  const finish = () => {
    setOffer(null)
    // At once, not in an animation frame (`commands.focus()`): a key typed next belongs to the text.
    editor.view.focus()
  }

  return (
    <div className="paste-notices">
      <div role="status" aria-live="polite">
        {images && (
          <p className="notice notice--warning paste-notice">
            <span aria-hidden="true">! </span>
            {IMAGE_NOTICE}{' '}
            <button type="button" className="button button--quiet" onClick={() => setImages(false)}>
              Stäng
            </button>
          </p>
        )}
        {done && <p className="notice paste-notice">{done}</p>}
      </div>
      {offer && (
        <section className="notice paste-notice paste-offer" aria-label="Fördela inklistrad text">
          <p>
            Texten har rubriker som motsvarar avsnitt i mallen: <strong>{offer.segments.flatMap((s) => (s.heading ? [s.heading] : [])).join(', ')}</strong>.
            Vill du lägga texten under varje rubrik i sitt avsnitt?
          </p>
          <div className="paste-offer__actions">
            <button
              ref={firstButton}
              type="button"
              className="button button--primary"
              onClick={() => {
                const filled = distributeToSections(editor, offer.segments)
                setDone(filled.length > 0 ? `Texten lades in i avsnitten ${filled.join(', ')}.` : null)
                finish()
              }}
            >
              Fördela till avsnitten
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                const html = offer.html
                finish()
                editor.view.pasteHTML(html)
              }}
            >
              Klistra in här
            </button>
            <button type="button" className="button button--quiet" onClick={finish}>
              Avbryt
            </button>
          </div>
        </section>
      )}
    </div>
  )
}
