import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { checkDnr, TITLE_MAX_LENGTH, type Template } from '@perspektiv/model'
import { api } from '../../api.js'
import { navigate } from '../../router.js'

/** "Nytt tjänsteutlåtande": template, title and (optionally) Dnr; opens the new document. */
export function NewDocumentForm({ onCancel }: { onCancel: () => void }) {
  const id = useId()
  const [templates, setTemplates] = useState<Template[] | null>(null)
  const [templateId, setTemplateId] = useState('')
  const [title, setTitle] = useState('')
  const [dnr, setDnr] = useState('')
  const [touched, setTouched] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const firstRef = useRef<HTMLSelectElement>(null)

  useEffect(() => {
    api
      .templates()
      .then((t) => {
        setTemplates(t)
        setTemplateId((cur) => cur || t[0]?.id || '')
      })
      .catch((err: Error) => setError(err.message))
  }, [])
  useEffect(() => {
    if (templates) firstRef.current?.focus()
  }, [templates])

  const dnrCheck = checkDnr(dnr)
  const titleMissing = title.trim() === ''

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (titleMissing || !dnrCheck.ok || !templateId) return
    setBusy(true)
    setError(null)
    try {
      const created = await api.createDocument(templateId, title.trim(), dnr.trim() ? { dnr: dnr.trim() } : undefined)
      navigate(`/documents/${encodeURIComponent(created.id)}`)
    } catch (err) {
      setError((err as Error).message)
      setBusy(false)
    }
  }

  return (
    <form id="new-document" className="card form new-doc" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Nytt tjänsteutlåtande</h2>
      {error && (
        <div className="notice notice--error" role="alert">
          {error}
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-template`}>Mall</label>
        <select id={`${id}-template`} ref={firstRef} value={templateId} onChange={(e) => setTemplateId(e.target.value)} disabled={!templates}>
          {(templates ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        {templates && <p className="hint">{templates.find((t) => t.id === templateId)?.description}</p>}
      </div>
      <div className="field">
        <label htmlFor={`${id}-title`}>Titel</label>
        <input
          id={`${id}-title`}
          value={title}
          maxLength={TITLE_MAX_LENGTH}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={touched && titleMissing}
          aria-describedby={touched && titleMissing ? `${id}-title-err` : undefined}
          required
        />
        {touched && titleMissing && (
          <p id={`${id}-title-err`} className="field-error">
            Ange en titel.
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-dnr`}>Diarienummer (Dnr)</label>
        <input
          id={`${id}-dnr`}
          value={dnr}
          placeholder="t.ex. EÅV 2025/936"
          onChange={(e) => setDnr(e.target.value)}
          onBlur={() => dnr && setTouched(true)}
          aria-invalid={touched && !dnrCheck.ok}
          aria-describedby={`${id}-dnr-msg`}
        />
        <p id={`${id}-dnr-msg`} className={touched && !dnrCheck.ok ? 'field-error' : 'hint'}>
          {!dnrCheck.ok && touched ? dnrCheck.message : dnrCheck.ok && dnrCheck.warning ? dnrCheck.warning : 'Kan lämnas tomt och fyllas i senare.'}
        </p>
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy || !templates}>
          {busy ? 'Skapar…' : 'Skapa och öppna'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Avbryt
        </button>
      </div>
    </form>
  )
}
