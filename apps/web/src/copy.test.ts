import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { PROBLEMS } from '@perspektiv/coverage'
import type { PerspectiveCoverage, Template } from '@perspektiv/model'
import {
  CHECKER_STATUS,
  checkerStatus,
  NOT_RELEVANT,
  perspectiveSummary,
  ROLE_LABEL,
  STATUS_LABEL,
  statusProblems,
  threadSummary,
  VERDICT_LABEL,
} from './copy.js'

const SRC = fileURLToPath(new URL('.', import.meta.url))

/** Every term of the glossary, and the synonyms it retired (issue #23 "Words"). */
const TERMS = [
  ...Object.values(STATUS_LABEL),
  ...Object.values(ROLE_LABEL),
  ...Object.values(CHECKER_STATUS).map((s) => s.label),
  ...Object.values(VERDICT_LABEL),
  NOT_RELEVANT,
]
const RETIRED = [
  'Under granskning',
  'Bedöms ej relevant',
  'Bedöms inte relevant',
  'Mallens exempeltext',
  'kommentarstrådar',
  'Bedöm',
  'bedömning',
  'Ingen bedömning',
  'Det här saknas',
  'fem perspektiv',
  'alla fem',
]

/** Source without comments (a comment may name a term; only shown text counts). */
function code(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((line) => line.replace(/(^|\s)\/\/.*$/, ''))
    .join('\n')
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const word = (term: string) => new RegExp(`(?<![\\p{L}])${escapeRegExp(term)}(?![\\p{L}])`, 'u')

/** The glossary terms and retired synonyms a source file spells itself, instead of taking them from copy.ts. */
function strayTerms(source: string): string[] {
  const text = code(source)
  return [...TERMS, ...RETIRED].filter((t) => word(t).test(text))
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sources(path)
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && e.name !== 'copy.ts' ? [path] : []
  })
}

describe('the UI glossary (issue #23)', () => {
  it('[WEB-W1] the scanner finds a status label spelled in a component, and not one in a comment', () => {
    expect(strayTerms(`<span className="pill">Under granskning</span>`)).toEqual(['Under granskning'])
    expect(strayTerms(`const label = 'Bedömd'`)).toEqual(['Bedömd'])
    expect(strayTerms(`// the checker's "Bedömd"\nconst x = STATUS_LABEL.utkast`)).toEqual([])
    // A word that only contains a term is not the term ("Godkänt", "granskningen").
    expect(strayTerms(`'Godkänt – dokumentet är låst.' + 'Granskningen är klar'`)).toEqual([])
  })

  it('[WEB-W1] no component spells a status, verdict or role label, or a retired synonym, itself', () => {
    const found = sources(SRC)
      .map((path) => ({ file: relative(SRC, path), terms: strayTerms(readFileSync(path, 'utf8')) }))
      .filter((f) => f.terms.length > 0)
    expect(found).toEqual([])
  })

  it('[WEB-W2] one term per concept: no label stands for two things', () => {
    const labels = [
      ...Object.values(STATUS_LABEL),
      ...Object.values(ROLE_LABEL),
      ...Object.values(CHECKER_STATUS).map((s) => s.label),
      ...Object.values(VERDICT_LABEL),
    ]
    expect(new Set(labels).size).toBe(labels.length)
    expect(VERDICT_LABEL.godkand).not.toBe(STATUS_LABEL.godkand)
  })

  const p = (status: PerspectiveCoverage['status'], words: number, problems: string[]) => ({ status, words, problems })
  it('[WEB-W3] an untouched perspective is "Ej påbörjad", without repeating that it is empty', () => {
    expect(checkerStatus(p('incomplete', 0, [PROBLEMS.empty]))).toBe('not-started')
    expect(statusProblems(p('incomplete', 0, [PROBLEMS.empty]))).toEqual([])
    expect(checkerStatus(p('incomplete', 0, [PROBLEMS.bareNotRelevant]))).toBe('incomplete')
    expect(checkerStatus(p('incomplete', 4, [PROBLEMS.shortAssessment(4, 20)]))).toBe('incomplete')
    expect(statusProblems(p('incomplete', 4, [PROBLEMS.shortAssessment(4, 20)]))).toEqual([PROBLEMS.shortAssessment(4, 20)])
    expect(CHECKER_STATUS[checkerStatus(p('not-relevant', 20, []))].label).toBe('Ej relevant, motiverat')
  })

  it('[WEB-W4] counts come from the template, never a fixed number word', () => {
    const template = (n: number) => ({ sections: Array.from({ length: n + 2 }, (_, i) => ({ kind: i < n ? 'perspective' : 'text' })) }) as unknown as Template
    expect(perspectiveSummary(3, template(3))).toBe('Alla 3 perspektiv är hanterade.')
    expect(perspectiveSummary(2, template(6))).toBe('2 av 6 perspektiv är hanterade.')
    expect(threadSummary(1, 2)).toBe('1 av 2 trådar är öppna.')
    expect(threadSummary(1, 1)).toBe('1 av 1 tråd är öppen.')
    expect(threadSummary(0, 3)).toBe('Alla 3 trådar är lösta.')
  })
})
