import { useEffect, useId, useRef, useState, type InputHTMLAttributes } from 'react'
import * as Y from 'yjs'
import { checkDnr, normalizeDnr, TITLE_MAX_LENGTH, type CoverageReport, type Signatory } from '@perspektiv/model'
import { META_MAP, replaceText, signatoryYMap } from '@perspektiv/document'
import { TextInputBinding } from './textInputBinding.js'

const MAX_SIGNATORIES = 10

type TextField = 'title' | 'subtitle' | 'dnr' | 'namnd' | 'meetingDate' | 'deadline' | 'forvaltning' | 'avdelning' | 'date'

/**
 * One header field: its value, and the Y.Text it is typed into (DOC-D8). `shared` is null for a
 * field held as a plain string (a date, or a document made before header fields were Y.Text):
 * such a field is written whole, as before.
 */
export interface MetaField {
  value: string
  shared: Y.Text | null
}

interface SignatoryFields {
  /** The signatory's Y.Map (null in a document that holds signatories as plain JSON). */
  shared: Y.Map<unknown> | null
  name: MetaField
  title: MetaField
  forvaltning: MetaField
}

interface MetaValues {
  fields: Record<TextField, MetaField>
  handlaggare: { shared: Y.Map<unknown> | null; name: MetaField; phone: MetaField }
  /** The signatories' Y.Array (null when they are plain JSON or missing). */
  signatoryList: Y.Array<Y.Map<unknown>> | null
  signatories: SignatoryFields[]
}

/** A signatory as plain JSON (the whole-value writes of a document holding them so). */
const plainSignatory = (s: SignatoryFields): Signatory => ({ name: s.name.value, title: s.title.value, forvaltning: s.forvaltning.value })

const fieldOf = (v: unknown): MetaField => (v instanceof Y.Text ? { value: v.toString(), shared: v } : { value: typeof v === 'string' ? v : '', shared: null })

const TEXT_FIELDS: TextField[] = ['title', 'subtitle', 'dnr', 'namnd', 'meetingDate', 'deadline', 'forvaltning', 'avdelning', 'date']

/** Reads the Y.Map as typed (also values that do not validate yet, e.g. a half-typed Dnr). */
function readValues(map: Y.Map<unknown>): MetaValues {
  const fields = Object.fromEntries(TEXT_FIELDS.map((k) => [k, fieldOf(map.get(k))])) as Record<TextField, MetaField>
  const h = map.get('handlaggare')
  const hOf = (key: string): MetaField => (h instanceof Y.Map ? fieldOf(h.get(key)) : fieldOf((h as Record<string, unknown> | undefined)?.[key]))
  const handlaggare = { shared: h instanceof Y.Map ? (h as Y.Map<unknown>) : null, name: hOf('name'), phone: hOf('phone') }
  const s = map.get('signatories')
  const items: unknown[] = s instanceof Y.Array ? s.toArray() : Array.isArray(s) ? s : []
  const signatories = items.map((x): SignatoryFields => {
    const get = (key: string): MetaField => (x instanceof Y.Map ? fieldOf(x.get(key)) : fieldOf((x as Record<string, unknown> | null | undefined)?.[key]))
    return { shared: x instanceof Y.Map ? (x as Y.Map<unknown>) : null, name: get('name'), title: get('title'), forvaltning: get('forvaltning') }
  })
  return {
    fields,
    handlaggare,
    signatoryList: s instanceof Y.Array ? (s as Y.Array<Y.Map<unknown>>) : null,
    signatories,
  }
}

/** Live values of the document's `meta` map, updated on local and remote changes (also inside its Y.Texts). */
export function useMeta(ydoc: Y.Doc): MetaValues {
  const map = ydoc.getMap<unknown>(META_MAP)
  const [values, setValues] = useState(() => readValues(map))
  useEffect(() => {
    const observer = () => setValues(readValues(map))
    map.observeDeep(observer)
    observer()
    return () => map.unobserveDeep(observer)
  }, [map])
  return values
}

/** React keys for shared types: a signatory keeps its inputs when one before it is removed. */
const typeKeys = new WeakMap<object, number>()
let nextTypeKey = 0
const keyOf = (type: object | null, index: number): string => {
  if (!type) return `i${index}`
  let key = typeKeys.get(type)
  if (key === undefined) typeKeys.set(type, (key = ++nextTypeKey))
  return `t${key}`
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'defaultValue' | 'onChange'>

/**
 * An input for one header field: bound to its Y.Text when it has one (merged letter by letter,
 * the caret following other authors' edits), otherwise a plain input writing the whole value.
 */
function MetaInput({ field, onWhole, ...props }: InputProps & { field: MetaField; onWhole: (value: string) => void }) {
  const ref = useRef<HTMLInputElement>(null)
  const shared = field.shared
  useEffect(() => {
    if (!shared || !ref.current) return
    const binding = new TextInputBinding(ref.current, shared)
    return () => binding.destroy()
  }, [shared])
  if (shared) return <input ref={ref} {...props} key="shared" />
  return <input {...props} key="whole" value={field.value} onChange={(e) => onWhole(e.target.value)} />
}

/** The schema's limits (packages/model meta.ts), as `maxlength`: the form never accepts what the server refuses. */
const MAX_LENGTH: Record<TextField, number> = {
  title: TITLE_MAX_LENGTH,
  subtitle: 300,
  dnr: 60,
  namnd: 200,
  meetingDate: 10,
  deadline: 10,
  forvaltning: 200,
  avdelning: 200,
  date: 10,
}

/** "Uppgifter": the header of the tjänsteutlåtande, co-edited through the Y.Map `meta`. */
export function MetaForm({ ydoc, readOnly, report }: { ydoc: Y.Doc; readOnly: boolean; report?: CoverageReport | null }) {
  const id = useId()
  const map = ydoc.getMap<unknown>(META_MAP)
  const values = useMeta(ydoc)
  // Collapsed by default so the text is in view; the heading line still shows the title and Dnr.
  const [open, setOpen] = useState(false)
  const dnr = checkDnr(values.fields.dnr.value)
  // What the gate says about each field (coverage C21–C25), shown at the field.
  const problemsOf = (field: string): string[] => report?.meta.find((m) => m.field === field && m.status !== 'ok')?.problems ?? []
  const openFields = report?.meta.filter((m) => m.status !== 'ok').length ?? 0
  const fieldProblem = (field: string) => {
    const problems = problemsOf(field)
    return problems.length === 0 ? null : (
      <p id={`${id}-${field}-problem`} className="field-error">
        {problems.join(' ')}
      </p>
    )
  }
  const described = (field: string, ...others: Array<string | undefined>) =>
    [...others, problemsOf(field).length > 0 ? `${id}-${field}-problem` : undefined].filter(Boolean).join(' ') || undefined

  // Whole-value writes: dates, and fields of documents whose header is still plain strings.
  const set = (key: TextField, value: string) => map.set(key, value)
  const setHandlaggare = (patch: Partial<Record<'name' | 'phone', string>>) => {
    const { shared, name, phone } = values.handlaggare
    if (shared) for (const [k, v] of Object.entries(patch)) shared.set(k, v)
    else map.set('handlaggare', { name: name.value, phone: phone.value, ...patch })
  }
  const setSignatories = (next: Signatory[]) => map.set('signatories', next)
  const list = values.signatoryList
  const addSignatory = () =>
    list
      ? list.push([signatoryYMap() as Y.Map<unknown>])
      : setSignatories([...values.signatories.map(plainSignatory), { name: '', title: '', forvaltning: '' }])
  const removeSignatory = (i: number) => (list ? list.delete(i, 1) : setSignatories(values.signatories.filter((_, j) => j !== i).map(plainSignatory)))

  const text = (key: TextField, label: string, opts: { type?: string; autoComplete?: string; describedBy?: string; invalid?: boolean } = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <MetaInput
        id={`${id}-${key}`}
        type={opts.type ?? 'text'}
        field={values.fields[key]}
        readOnly={readOnly}
        maxLength={MAX_LENGTH[key]}
        autoComplete={opts.autoComplete ?? 'off'}
        aria-describedby={described(key, opts.describedBy)}
        aria-invalid={opts.invalid || problemsOf(key).length > 0 || undefined}
        onWhole={(value) => set(key, value)}
      />
      {fieldProblem(key)}
    </div>
  )

  return (
    <section className="meta panel" aria-labelledby={`${id}-heading`}>
      <div className="meta__head">
        <h2 id={`${id}-heading`} className="panel__title">
          Uppgifter
        </h2>
        {openFields > 0 && (
          <span className="meta__open" id={`${id}-open`}>
            {openFields === 1 ? '1 uppgift saknas eller är fel' : `${openFields} uppgifter saknas eller är fel`}
          </span>
        )}
        <button
          type="button"
          className="button button--quiet"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          aria-describedby={openFields > 0 ? `${id}-open` : undefined}
          onClick={() => setOpen((v) => !v)}
        >
          {open ? 'Dölj uppgifter' : 'Visa uppgifter'}
        </button>
      </div>
      <div id={`${id}-body`} hidden={!open}>
        <div className="meta__grid">
          <div className="meta__wide">
            {text('title', 'Titel', { describedBy: `${id}-title-hint` })}
            <p id={`${id}-title-hint`} className="hint">
              Högst {TITLE_MAX_LENGTH} tecken.
            </p>
          </div>
          <div className="meta__wide">{text('subtitle', 'Underrubrik')}</div>
          <div className="field">
            <label htmlFor={`${id}-dnr`}>Diarienummer (Dnr)</label>
            <MetaInput
              id={`${id}-dnr`}
              field={values.fields.dnr}
              readOnly={readOnly}
              maxLength={MAX_LENGTH.dnr}
              autoComplete="off"
              aria-invalid={!dnr.ok || problemsOf('dnr').length > 0 || undefined}
              aria-describedby={`${id}-dnr-msg`}
              onWhole={(value) => set('dnr', value)}
              // "eåv 2025/936" → "EÅV 2025/936" once the field is left (typing is not disturbed);
              // as the smallest edit, so what another author typed meanwhile is kept.
              onBlur={(e) => {
                const normalised = normalizeDnr(e.target.value)
                if (readOnly || normalised === e.target.value) return
                const shared = values.fields.dnr.shared
                if (shared) replaceText(shared, normalised)
                else set('dnr', normalised)
              }}
            />
            <p id={`${id}-dnr-msg`} className={!dnr.ok || problemsOf('dnr').length > 0 ? 'field-error' : dnr.warning ? 'field-warning' : 'hint'}>
              {!dnr.ok ? dnr.message : problemsOf('dnr').length > 0 ? problemsOf('dnr').join(' ') : dnr.warning ? dnr.warning : 'Till exempel EÅV 2025/936.'}
            </p>
          </div>
          {text('date', 'Datum', { type: 'date' })}
          {text('namnd', 'Nämnd')}
          {text('meetingDate', 'Sammanträdesdatum', { type: 'date' })}
          {text('deadline', 'Svar senast', { type: 'date' })}
          {text('forvaltning', 'Förvaltning')}
          {text('avdelning', 'Avdelning')}
          <div className="field">
            <label htmlFor={`${id}-hname`}>Handläggare</label>
            <MetaInput
              id={`${id}-hname`}
              field={values.handlaggare.name}
              readOnly={readOnly}
              maxLength={200}
              autoComplete="off"
              aria-invalid={problemsOf('handlaggare.name').length > 0 || undefined}
              aria-describedby={described('handlaggare.name')}
              onWhole={(name) => setHandlaggare({ name })}
            />
            {fieldProblem('handlaggare.name')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-hphone`}>Handläggarens telefon</label>
            <MetaInput
              id={`${id}-hphone`}
              type="tel"
              field={values.handlaggare.phone}
              readOnly={readOnly}
              maxLength={60}
              autoComplete="off"
              aria-invalid={problemsOf('handlaggare.phone').length > 0 || undefined}
              aria-describedby={described('handlaggare.phone')}
              onWhole={(phone) => setHandlaggare({ phone })}
            />
            {fieldProblem('handlaggare.phone')}
          </div>
        </div>
        <fieldset className="signatories">
          <legend>Underskrifter</legend>
          {values.signatories.length === 0 && <p className="hint">Inga underskrifter tillagda.</p>}
          {fieldProblem('signatories')}
          {values.signatories.map((s, i) => {
            const update = (patch: Partial<Signatory>) => {
              if (s.shared) for (const [k, v] of Object.entries(patch)) s.shared.set(k, v)
              else setSignatories(values.signatories.map((x, j) => (j === i ? { ...plainSignatory(x), ...patch } : plainSignatory(x))))
            }
            return (
              // Keyed by the signatory's Y.Map: removing one before it must not hand its inputs to the next
              // (labels, field ids and the server's problem paths signatories[i] stay positional).
              <fieldset key={keyOf(s.shared, i)} className="signatory">
                <legend>Undertecknare {i + 1}</legend>
                <div className="signatory__grid">
                  <div className="field">
                    <label htmlFor={`${id}-s${i}-name`}>Namn</label>
                    <MetaInput
                      id={`${id}-s${i}-name`}
                      field={s.name}
                      readOnly={readOnly}
                      maxLength={200}
                      autoComplete="off"
                      aria-invalid={problemsOf(`signatories[${i}].name`).length > 0 || undefined}
                      aria-describedby={described(`signatories[${i}].name`)}
                      onWhole={(name) => update({ name })}
                    />
                    {fieldProblem(`signatories[${i}].name`)}
                  </div>
                  <div className="field">
                    <label htmlFor={`${id}-s${i}-title`}>Titel</label>
                    <MetaInput
                      id={`${id}-s${i}-title`}
                      field={s.title}
                      readOnly={readOnly}
                      maxLength={200}
                      autoComplete="off"
                      aria-invalid={problemsOf(`signatories[${i}].title`).length > 0 || undefined}
                      aria-describedby={described(`signatories[${i}].title`)}
                      onWhole={(title) => update({ title })}
                    />
                    {fieldProblem(`signatories[${i}].title`)}
                  </div>
                  <div className="field">
                    <label htmlFor={`${id}-s${i}-forv`}>Förvaltning</label>
                    <MetaInput
                      id={`${id}-s${i}-forv`}
                      field={s.forvaltning}
                      readOnly={readOnly}
                      maxLength={200}
                      autoComplete="off"
                      aria-invalid={problemsOf(`signatories[${i}].forvaltning`).length > 0 || undefined}
                      aria-describedby={described(`signatories[${i}].forvaltning`)}
                      onWhole={(forvaltning) => update({ forvaltning })}
                    />
                    {fieldProblem(`signatories[${i}].forvaltning`)}
                  </div>
                </div>
                {!readOnly && (
                  <button type="button" className="button button--quiet" onClick={() => removeSignatory(i)}>
                    Ta bort undertecknare {i + 1}
                  </button>
                )}
              </fieldset>
            )
          })}
          {!readOnly && values.signatories.length < MAX_SIGNATORIES && (
            <button type="button" className="button" onClick={addSignatory}>
              Lägg till undertecknare
            </button>
          )}
        </fieldset>
      </div>
    </section>
  )
}
