import { useEffect, useId, useState } from 'react'
import type * as Y from 'yjs'
import { checkDnr, normalizeDnr, TITLE_MAX_LENGTH, type CoverageReport, type Signatory } from '@perspektiv/model'
import { META_MAP } from '@perspektiv/document'

const MAX_SIGNATORIES = 10

type TextField = 'title' | 'subtitle' | 'dnr' | 'namnd' | 'meetingDate' | 'deadline' | 'forvaltning' | 'avdelning' | 'date'

interface MetaValues {
  text: Record<TextField, string>
  handlaggare: { name: string; phone: string }
  signatories: Signatory[]
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '')

/** Reads the Y.Map as typed (also values that do not validate yet, e.g. a half-typed Dnr). */
function readValues(map: Y.Map<unknown>): MetaValues {
  const h = map.get('handlaggare') as { name?: unknown; phone?: unknown } | undefined
  const s = map.get('signatories')
  return {
    text: {
      title: str(map.get('title')),
      subtitle: str(map.get('subtitle')),
      dnr: str(map.get('dnr')),
      namnd: str(map.get('namnd')),
      meetingDate: str(map.get('meetingDate')),
      deadline: str(map.get('deadline')),
      forvaltning: str(map.get('forvaltning')),
      avdelning: str(map.get('avdelning')),
      date: str(map.get('date')),
    },
    handlaggare: { name: str(h?.name), phone: str(h?.phone) },
    signatories: Array.isArray(s)
      ? s.map((x: { name?: unknown; title?: unknown; forvaltning?: unknown }) => ({
          name: str(x?.name),
          title: str(x?.title),
          forvaltning: str(x?.forvaltning),
        }))
      : [],
  }
}

/** Live values of the document's `meta` map, updated on local and remote changes. */
export function useMeta(ydoc: Y.Doc): MetaValues {
  const map = ydoc.getMap<unknown>(META_MAP)
  const [values, setValues] = useState(() => readValues(map))
  useEffect(() => {
    const observer = () => setValues(readValues(map))
    map.observe(observer)
    observer()
    return () => map.unobserve(observer)
  }, [map])
  return values
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
  const dnr = checkDnr(values.text.dnr)
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

  const set = (key: TextField, value: string) => map.set(key, value)
  const setHandlaggare = (patch: Partial<MetaValues['handlaggare']>) => map.set('handlaggare', { ...values.handlaggare, ...patch })
  const setSignatories = (next: Signatory[]) => map.set('signatories', next)

  const text = (key: TextField, label: string, opts: { type?: string; autoComplete?: string; describedBy?: string; invalid?: boolean } = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type={opts.type ?? 'text'}
        value={values.text[key]}
        readOnly={readOnly}
        maxLength={MAX_LENGTH[key]}
        autoComplete={opts.autoComplete ?? 'off'}
        aria-describedby={described(key, opts.describedBy)}
        aria-invalid={opts.invalid || problemsOf(key).length > 0 || undefined}
        onChange={(e) => set(key, e.target.value)}
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
            <input
              id={`${id}-dnr`}
              value={values.text.dnr}
              readOnly={readOnly}
              maxLength={MAX_LENGTH.dnr}
              autoComplete="off"
              aria-invalid={!dnr.ok || problemsOf('dnr').length > 0 || undefined}
              aria-describedby={`${id}-dnr-msg`}
              onChange={(e) => set('dnr', e.target.value)}
              // "eåv 2025/936" → "EÅV 2025/936" once the field is left (typing is not disturbed).
              onBlur={(e) => {
                const normalised = normalizeDnr(e.target.value)
                if (!readOnly && normalised !== e.target.value) set('dnr', normalised)
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
            <input
              id={`${id}-hname`}
              value={values.handlaggare.name}
              readOnly={readOnly}
              maxLength={200}
              autoComplete="off"
              aria-invalid={problemsOf('handlaggare.name').length > 0 || undefined}
              aria-describedby={described('handlaggare.name')}
              onChange={(e) => setHandlaggare({ name: e.target.value })}
            />
            {fieldProblem('handlaggare.name')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-hphone`}>Handläggarens telefon</label>
            <input
              id={`${id}-hphone`}
              type="tel"
              value={values.handlaggare.phone}
              readOnly={readOnly}
              maxLength={60}
              autoComplete="off"
              aria-invalid={problemsOf('handlaggare.phone').length > 0 || undefined}
              aria-describedby={described('handlaggare.phone')}
              onChange={(e) => setHandlaggare({ phone: e.target.value })}
            />
            {fieldProblem('handlaggare.phone')}
          </div>
        </div>
        <fieldset className="signatories">
          <legend>Underskrifter</legend>
          {values.signatories.length === 0 && <p className="hint">Inga underskrifter tillagda.</p>}
          {fieldProblem('signatories')}
          {values.signatories.map((s, i) => {
            const update = (patch: Partial<Signatory>) => setSignatories(values.signatories.map((x, j) => (j === i ? { ...x, ...patch } : x)))
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: a signatory is its position (its label, field ids and the server's problem paths signatories[i] are positional); a content key would remount the inputs on every keystroke.
              <fieldset key={i} className="signatory">
                <legend>Undertecknare {i + 1}</legend>
                <div className="signatory__grid">
                  <div className="field">
                    <label htmlFor={`${id}-s${i}-name`}>Namn</label>
                    <input
                      id={`${id}-s${i}-name`}
                      value={s.name}
                      readOnly={readOnly}
                      maxLength={200}
                      autoComplete="off"
                      aria-invalid={problemsOf(`signatories[${i}].name`).length > 0 || undefined}
                      aria-describedby={described(`signatories[${i}].name`)}
                      onChange={(e) => update({ name: e.target.value })}
                    />
                    {fieldProblem(`signatories[${i}].name`)}
                  </div>
                  <div className="field">
                    <label htmlFor={`${id}-s${i}-title`}>Titel</label>
                    <input
                      id={`${id}-s${i}-title`}
                      value={s.title}
                      readOnly={readOnly}
                      maxLength={200}
                      autoComplete="off"
                      aria-invalid={problemsOf(`signatories[${i}].title`).length > 0 || undefined}
                      aria-describedby={described(`signatories[${i}].title`)}
                      onChange={(e) => update({ title: e.target.value })}
                    />
                    {fieldProblem(`signatories[${i}].title`)}
                  </div>
                  <div className="field">
                    <label htmlFor={`${id}-s${i}-forv`}>Förvaltning</label>
                    <input
                      id={`${id}-s${i}-forv`}
                      value={s.forvaltning}
                      readOnly={readOnly}
                      maxLength={200}
                      autoComplete="off"
                      aria-invalid={problemsOf(`signatories[${i}].forvaltning`).length > 0 || undefined}
                      aria-describedby={described(`signatories[${i}].forvaltning`)}
                      onChange={(e) => update({ forvaltning: e.target.value })}
                    />
                    {fieldProblem(`signatories[${i}].forvaltning`)}
                  </div>
                </div>
                {!readOnly && (
                  <button type="button" className="button button--quiet" onClick={() => setSignatories(values.signatories.filter((_, j) => j !== i))}>
                    Ta bort undertecknare {i + 1}
                  </button>
                )}
              </fieldset>
            )
          })}
          {!readOnly && values.signatories.length < MAX_SIGNATORIES && (
            <button type="button" className="button" onClick={() => setSignatories([...values.signatories, { name: '', title: '', forvaltning: '' }])}>
              Lägg till undertecknare
            </button>
          )}
        </fieldset>
      </div>
    </section>
  )
}
