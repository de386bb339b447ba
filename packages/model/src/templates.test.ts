import { mkdtempSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadTemplates, DEFAULT_TEMPLATES_DIR } from './load.js'
import { parsePerspectives, parseTemplate, TemplateError } from './templateParse.js'
import { DEFAULT_APPROVAL_RULES, PERSPECTIVE_KEYS } from './template.js'
import { DEFAULT_REQUIRED_META } from './meta.js'
import { readFileSync } from 'node:fs'

const perspectivesSource = readFileSync(join(DEFAULT_TEMPLATES_DIR, 'perspectives.yaml'), 'utf8')
const perspectives = parsePerspectives('perspectives.yaml', perspectivesSource)
const remissvarSource = readFileSync(join(DEFAULT_TEMPLATES_DIR, 'remissvar.yaml'), 'utf8')

function refusal(file: string, source: string): TemplateError {
  try {
    parseTemplate(file, source, perspectives)
  } catch (err) {
    if (err instanceof TemplateError) return err
    throw err
  }
  throw new Error('expected the template to be refused')
}

describe('templates', () => {
  it('[T1] the repository templates load with all perspectives in order', () => {
    const templates = loadTemplates()
    expect([...templates.keys()].sort()).toEqual(['beslut', 'remissvar'])
    const remissvar = templates.get('remissvar')!
    expect(remissvar.name).toBe('Tjänsteutlåtande – svar på remiss')
    expect(remissvar.sections.map((s) => s.key)).toEqual([
      'forslag-till-beslut',
      'sammanfattning',
      'bakgrund',
      'arendet',
      'beredning',
      'synpunkter',
      ...PERSPECTIVE_KEYS,
      'avslutning',
      'bilagor',
    ])
    expect(templates.get('beslut')!.sections.map((s) => s.key)).toContain('ekonomi')
    const barn = remissvar.sections.find((s) => s.key === 'barnratt')!
    expect(barn.title).toBe('Barnrättsperspektiv')
    expect(barn.guidingQuestions!.length).toBeGreaterThanOrEqual(5)
  })

  it('[T2] invalid YAML is refused with the file name', () => {
    const err = refusal('trasig.yaml', 'id: x\nsections: [\n')
    expect(err.file).toBe('trasig.yaml')
    expect(err.message).toMatch(/^trasig\.yaml: .*not valid YAML/)
  })

  it('[T3] a missing title is refused with its path', () => {
    const source = remissvarSource.replace('    title: Sammanfattning\n', '')
    const err = refusal('remissvar.yaml', source)
    expect(err.issues).toContainEqual(expect.objectContaining({ path: 'sections[1].title' }))
    expect(err.message).toContain('remissvar.yaml')
  })

  it('[T3] a wrong kind and a mistyped field are refused with their paths', () => {
    const wrongKind = refusal('a.yaml', remissvarSource.replace('kind: text', 'kind: prose'))
    expect(wrongKind.issues[0]!.path).toMatch(/^sections\[1\]/)
    const typo = refusal('b.yaml', remissvarSource.replace('    required: true\n', '    requird: true\n'))
    expect(typo.issues.some((i) => i.path.startsWith('sections[0]') && /requird/.test(i.message))).toBe(true)
    const badVersion = refusal('c.yaml', remissvarSource.replace('version: 1', 'version: ett'))
    expect(badVersion.issues[0]!.path).toBe('version')
  })

  it('[T4] a duplicated section key is refused', () => {
    const err = refusal('dup.yaml', remissvarSource.replace('key: bakgrund', 'key: sammanfattning'))
    expect(err.message).toMatch(/duplicate section key "sammanfattning"/)
    expect(err.issues[0]!.path).toBe('sections[2].key')
  })

  it('[T5] a template that leaves out a perspective is refused', () => {
    const err = refusal('utan.yaml', remissvarSource.replace('  - { key: aldre, kind: perspective }\n', ''))
    expect(err.message).toMatch(/perspective "aldre" is missing/)
  })

  it('[T5] an unknown perspective key is refused', () => {
    const err = refusal('okand.yaml', remissvarSource.replace('{ key: aldre, kind: perspective }', '{ key: aldrar, kind: perspective }'))
    expect(err.issues.some((i) => i.path.startsWith('sections[9]'))).toBe(true)
  })

  it('[T6] a template whose id does not match its file name is refused at load', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tpl-'))
    copyFileSync(join(DEFAULT_TEMPLATES_DIR, 'perspectives.yaml'), join(dir, 'perspectives.yaml'))
    writeFileSync(join(dir, 'annan.yaml'), remissvarSource)
    expect(() => loadTemplates(dir)).toThrow(/annan\.yaml: id: "remissvar" does not match the file name/)
  })

  it('[T3] a broken perspectives file is refused with its path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tpl-'))
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'perspectives.yaml'), perspectivesSource.replace(/guidingQuestions:\n( {6}- .*\n)+/, 'guidingQuestions: []\n'))
    writeFileSync(join(dir, 'remissvar.yaml'), remissvarSource)
    expect(() => loadTemplates(dir)).toThrow(/perspectives\.yaml: perspectives\[0\]\.guidingQuestions: a perspective needs at least one guiding question/)
  })

  it('[T7] perspective word limits default to 20 and 15 and can be overridden per template', () => {
    const t = parseTemplate(
      'r.yaml',
      remissvarSource.replace('{ key: aldre, kind: perspective }', '{ key: aldre, kind: perspective, minWords: 40 }'),
      perspectives,
    )
    const aldre = t.sections.find((s) => s.key === 'aldre')!
    expect(aldre.minWords).toBe(40)
    expect(aldre.minMotivationWords).toBe(15)
    expect(t.sections.find((s) => s.key === 'klimat-miljo')!.minWords).toBe(20)
  })
})

describe('header and approval declarations', () => {
  it('[T9] remissvar and beslut require the header the gate checks; a template that says nothing gets the same default', () => {
    const templates = loadTemplates()
    for (const id of ['remissvar', 'beslut']) {
      expect(templates.get(id)!.requiredMeta, id).toEqual(DEFAULT_REQUIRED_META)
    }
    const silent = parseTemplate('remissvar.yaml', remissvarSource.replace(/^requiredMeta:\n(?: {2}- .+\n)+/m, ''), perspectives)
    expect(silent.requiredMeta).toEqual(DEFAULT_REQUIRED_META)
    const relaxed = parseTemplate('remissvar.yaml', remissvarSource.replace(/^requiredMeta:\n(?: {2}- .+\n)+/m, 'requiredMeta: [title]\n'), perspectives)
    expect(relaxed.requiredMeta).toEqual(['title'])
  })

  it('[T9] an unknown or repeated header field is refused with its path', () => {
    const unknown = refusal('remissvar.yaml', remissvarSource.replace('  - namnd\n', '  - nämnd\n'))
    expect(unknown.issues[0]!.path).toBe('requiredMeta[2]')
    const twice = refusal('remissvar.yaml', remissvarSource.replace('  - namnd\n', '  - namnd\n  - namnd\n'))
    expect(twice.issues[0]).toMatchObject({ path: 'requiredMeta', message: 'a field is listed twice' })
  })

  it('[T10] approval rules default to none rejected and threads resolved; a template may relax them; typos are refused', () => {
    const templates = loadTemplates()
    expect(templates.get('remissvar')!.approval).toEqual(DEFAULT_APPROVAL_RULES)
    const relaxed = parseTemplate(
      'remissvar.yaml',
      remissvarSource.replace(
        '  requireVerdicts: none-rejected\n  requireThreadsResolved: true\n',
        '  requireVerdicts: all\n  requireThreadsResolved: false\n',
      ),
      perspectives,
    )
    expect(relaxed.approval).toEqual({ requireVerdicts: 'all', requireThreadsResolved: false })
    const typo = refusal('remissvar.yaml', remissvarSource.replace('  requireVerdicts: none-rejected\n', '  requireVerdicts: some\n'))
    expect(typo.issues[0]!.path).toBe('approval.requireVerdicts')
  })
})
