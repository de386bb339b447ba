import type { ReactNode } from 'react'
import { isLineBreak, type Block, type Inline, type Layout } from '@perspektiv/export/layout'
import { keyed } from '../keys.js'

/** One unbreakable piece of the exported document, in reading order (preview pages and print). */
export interface Unit {
  key: string
  keepWithNext: boolean
  node: ReactNode
}

function Runs({ runs }: { runs: Inline[] }) {
  return (
    <>
      {keyed(runs).map(({ key, item: r }) => {
        if (isLineBreak(r)) return <br key={key} />
        let out: ReactNode = r.text
        if (r.bold) out = <strong>{out}</strong>
        if (r.italic) out = <em>{out}</em>
        if (r.underline) out = <u>{out}</u>
        if (r.strike) out = <s>{out}</s>
        // Links print as text: the preview must not navigate away from the editor.
        return <span key={key}>{out}</span>
      })}
    </>
  )
}

function BlockView({ block }: { block: Block }): ReactNode {
  switch (block.type) {
    case 'paragraph':
      return (
        <p>
          <Runs runs={block.runs} />
        </p>
      )
    case 'heading': {
      const H = block.level === 3 ? 'h3' : 'h4'
      return (
        <H>
          <Runs runs={block.runs} />
        </H>
      )
    }
    case 'list': {
      const items = keyed(block.items).map(({ key, item }) => (
        <li key={key}>
          <Blocks blocks={item.blocks} />
        </li>
      ))
      return block.ordered ? <ol start={block.start}>{items}</ol> : <ul>{items}</ul>
    }
    case 'blockquote':
      return (
        <blockquote>
          <Blocks blocks={block.blocks} />
        </blockquote>
      )
  }
}

function Blocks({ blocks }: { blocks: Block[] }) {
  return (
    <>
      {keyed(blocks).map(({ key, item }) => (
        <BlockView key={key} block={item} />
      ))}
    </>
  )
}

function sectionUnits(prefix: string, sections: Layout['sections']): Unit[] {
  return sections.flatMap((s) => [
    { key: `${prefix}-${s.key}`, keepWithNext: true, node: <h2>{s.heading}</h2> },
    ...s.blocks.map((b, i) => ({ key: `${prefix}-${s.key}-${i}`, keepWithNext: b.type === 'heading', node: <BlockView block={b} /> })),
  ])
}

/**
 * The layout model (`packages/export/src/layout.ts`, the same as the PDF's) as units: the
 * page-1 header block, title, sections, the closing sentence kept with the signatures
 * (X-LAY-5), Bilagor and the approval record (X-LAY-6).
 */
export function layoutUnits(layout: Layout): Unit[] {
  const units: Unit[] = []
  units.push({
    key: 'header',
    keepWithNext: true,
    node: (
      <div className="xp-header-block">
        {keyed(layout.headerBlock).map(({ key, item }) => (
          <div key={key} className="xp-header-block__item">
            {item.label && <p className="xp-header-block__label">{item.label}</p>}
            {keyed(item.lines).map(({ key: lineKey, item: line }) => (
              <p key={lineKey}>{line}</p>
            ))}
          </div>
        ))}
      </div>
    ),
  })
  units.push({
    key: 'title',
    keepWithNext: true,
    node: (
      <>
        <h1 className="xp-title">{layout.title}</h1>
        {layout.subtitle && <p className="xp-subtitle">{layout.subtitle}</p>}
      </>
    ),
  })
  units.push(...sectionUnits('s', layout.sections))
  if (layout.closing.length > 0 || layout.signatures.length > 0) {
    units.push({
      key: 'signing',
      keepWithNext: false,
      node: (
        <div className="xp-signing">
          <Blocks blocks={layout.closing} />
          <div className="xp-signatures">
            {keyed(layout.signatures).map(({ key, item: s }) => (
              <div key={key} className="xp-signature">
                <p>
                  <strong>{s.name}</strong>
                </p>
                {s.title && <p>{s.title}</p>}
                {s.forvaltning && <p>{s.forvaltning}</p>}
              </div>
            ))}
          </div>
        </div>
      ),
    })
  }
  units.push(...sectionUnits('a', layout.attachments))
  if (layout.approvals) {
    const a = layout.approvals
    units.push({
      key: 'approvals',
      keepWithNext: false,
      node: (
        <div className="xp-approvals">
          <p>{a.intro}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{a.columns[0]}</th>
                <th scope="col">{a.columns[1]}</th>
              </tr>
            </thead>
            <tbody>
              {keyed(a.rows).map(({ key, item: r }) => (
                <tr key={key}>
                  <td>{r[0]}</td>
                  <td>{r[1]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ),
    })
  }
  return units
}
