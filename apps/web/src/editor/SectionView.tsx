import { useId, useSyncExternalStore } from 'react'
import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react'
import type { SectionViewOptions } from './extensions.js'
import type { PresentUser } from './presenceStore.js'
import { NOT_RELEVANT } from '../copy.js'

const NO_ONE: PresentUser[] = []
const noopSubscribe = () => () => {}

/**
 * A template section: a <section> landmark named by its (non-editable) heading, the
 * perspective's guiding questions and "Ej relevant" switch, then the editable body.
 */
export function SectionView({ node, updateAttributes, extension }: ReactNodeViewProps) {
  const options = extension.options as SectionViewOptions
  const key = String(node.attrs.key ?? '')
  const template = options.sections.get(key)
  const title = template?.title ?? String(node.attrs.title ?? '')
  const notRelevant = node.attrs.notRelevant === true
  const isPerspective = (template?.kind ?? node.attrs.kind) === 'perspective'
  const uid = useId()
  const headingId = `section-${key}-heading`
  const helpId = `${uid}-help`

  const store = options.presence
  const everyone = useSyncExternalStore(store?.subscribe ?? noopSubscribe, store?.getSnapshot ?? (() => NO_ONE))
  const here = everyone.filter((p) => !p.isLocal && p.section === key)

  return (
    <NodeViewWrapper
      as="section"
      className={`doc-section doc-section--${isPerspective ? 'perspective' : 'text'}${notRelevant ? ' doc-section--not-relevant' : ''}`}
      aria-labelledby={headingId}
      data-section-key={key}
    >
      <div className="doc-section__head" contentEditable={false} suppressContentEditableWarning>
        <div className="doc-section__title-row">
          <div className="doc-section__title-group">
            {/* The heading is exactly the template title: it names the section landmark. */}
            <h2 id={headingId} tabIndex={-1} className="doc-section__title">
              {title}
            </h2>
            {template && !template.required && <span className="doc-section__optional">Valfritt avsnitt</span>}
          </div>
          {here.length > 0 && (
            <ul className="section-presence" aria-label={`Skriver i ${title}`}>
              {here.map((p) => (
                <li key={p.clientId} className="section-presence__user" style={{ backgroundColor: p.color }}>
                  {p.name}
                </li>
              ))}
            </ul>
          )}
        </div>
        {template?.help && !isPerspective && <p className="doc-section__help">{template.help}</p>}
        {isPerspective && (
          <div className="doc-section__tools">
            {template?.guidingQuestions && template.guidingQuestions.length > 0 && (
              <details className="guiding">
                <summary>Stödfrågor för {title.toLowerCase()}</summary>
                {template.help && <p>{template.help}</p>}
                <ol>
                  {template.guidingQuestions.map((q) => (
                    <li key={q}>{q}</li>
                  ))}
                </ol>
              </details>
            )}
            <div className="switch-row">
              <button
                type="button"
                role="switch"
                aria-checked={notRelevant}
                aria-describedby={notRelevant ? helpId : undefined}
                className="switch"
                disabled={options.readOnly}
                onClick={() => updateAttributes({ notRelevant: !notRelevant })}
              >
                <span className="switch__track" aria-hidden="true">
                  <span className="switch__thumb" />
                </span>
                <span className="switch__label">{NOT_RELEVANT}</span>
              </button>
            </div>
            {notRelevant && (
              <p id={helpId} className="motivation-hint">
                <strong>Motivera bedömningen i texten nedan.</strong>{' '}
                {template?.motivationHint || 'Ange vilka grupper som har övervägts och varför ärendet inte påverkar dem.'}
              </p>
            )}
          </div>
        )}
      </div>
      <NodeViewContent className="doc-section__body" />
    </NodeViewWrapper>
  )
}
