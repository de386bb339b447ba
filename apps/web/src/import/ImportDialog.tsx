import { useEffect, useId, useRef, useState } from 'react'
import type { ImportPreview, Template } from '@perspektiv/model'
import { api } from '../api.js'
import { navigate } from '../router.js'
import { useModalDialog } from '../useModalDialog.js'
import { ImportError, importApi } from './importApi.js'
import { ImportPreviewView } from './ImportPreviewView.js'
import '../sharing/sharing.css'
import './import.css'

const ACCEPT = '.docx,.txt,.md,.text,.markdown'
const message = (err: unknown) => (err instanceof ImportError ? err.message : 'Filen kunde inte importeras. Försök igen.')

/**
 * "Importera": an old tjänsteutlåtande (Word, text, Markdown) becomes a new document, in a
 * modal dialog (useModalDialog): choose the file, see what goes where, confirm. The server
 * creates the document.
 */
export function ImportButton() {
  const { dialogRef, openerRef, open, show, close } = useModalDialog()
  return (
    <>
      <button type="button" className="button" ref={openerRef} aria-haspopup="dialog" onClick={show}>
        Importera
      </button>
      <dialog ref={dialogRef} className="dialog import-dialog" aria-labelledby="import-title">
        {open && <ImportContent onClose={close} />}
      </dialog>
    </>
  )
}

function ImportContent({ onClose }: { onClose: () => void }) {
  const id = useId()
  const [templates, setTemplates] = useState<Template[] | null>(null)
  const [templateId, setTemplateId] = useState('remissvar')
  const [file, setFile] = useState<File | null>(null)
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const fileRef = useRef<HTMLInputElement>(null)
  const previewRef = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    api.templates().then(setTemplates, () => setTemplates([]))
  }, [])

  const read = async (chosen: File, template: string) => {
    setBusy(true)
    setError('')
    setPreview(null)
    try {
      setPreview(await importApi.preview(chosen, template))
      // Focus moves to the preview so a screen reader reads it next.
      requestAnimationFrame(() => previewRef.current?.focus())
    } catch (err) {
      setError(message(err))
    } finally {
      setBusy(false)
    }
  }

  const create = async () => {
    if (!file) return
    setBusy(true)
    setError('')
    try {
      const created = await importApi.create(file, templateId)
      onClose()
      navigate(`/documents/${encodeURIComponent(created.id)}`)
    } catch (err) {
      setError(message(err))
      setBusy(false)
    }
  }

  return (
    <div className="dialog__body">
      <div className="dialog__head">
        <h2 id="import-title">Importera tjänsteutlåtande</h2>
        <button type="button" className="button button--quiet" onClick={onClose}>
          Stäng
        </button>
      </div>
      <p className="muted">
        Välj ett tidigare tjänsteutlåtande i Word (.docx), text (.txt) eller Markdown (.md). Inget sparas förrän du väljer ”Skapa dokument”.
      </p>
      <div className="import-dialog__choose">
        <div className="field">
          <label htmlFor={`${id}-file`}>Fil</label>
          <input
            id={`${id}-file`}
            ref={fileRef}
            type="file"
            accept={ACCEPT}
            disabled={busy}
            onChange={(e) => {
              const chosen = e.currentTarget.files?.[0] ?? null
              setFile(chosen)
              if (chosen) void read(chosen, templateId)
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-template`}>Mall</label>
          <select
            id={`${id}-template`}
            value={templateId}
            disabled={busy || !templates}
            onChange={(e) => {
              const value = e.currentTarget.value
              setTemplateId(value)
              if (file) void read(file, value)
            }}
          >
            {(templates ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
            {!templates && <option value="remissvar">Läser in mallar…</option>}
          </select>
        </div>
      </div>
      <div aria-live="polite">
        {busy && (
          <p className="muted" role="status">
            {preview ? 'Skapar dokumentet…' : 'Läser filen…'}
          </p>
        )}
      </div>
      {error && (
        <div className="notice notice--error" role="alert">
          {error}
        </div>
      )}
      {preview && (
        <section aria-labelledby={`${id}-preview`}>
          <h3 id={`${id}-preview`} tabIndex={-1} ref={previewRef} className="import-dialog__preview-title">
            Förhandsgranskning
          </h3>
          <ImportPreviewView preview={preview} />
          <div className="import-dialog__actions">
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void create()}>
              Skapa dokument
            </button>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => {
                setPreview(null)
                setFile(null)
                if (fileRef.current) fileRef.current.value = ''
                fileRef.current?.focus()
              }}
            >
              Välj en annan fil
            </button>
          </div>
        </section>
      )}
    </div>
  )
}
