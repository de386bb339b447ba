import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_TEMPLATES_DIR, loadOrganisation, loadTemplates } from './load.js'
import { forvaltningProfile, OrganisationError, parseOrganisation } from './organisation.js'

describe('organisation profile', () => {
  it('[O1] the repository profile loads, and loadTemplates does not take it for a template', () => {
    const profile = loadOrganisation(DEFAULT_TEMPLATES_DIR)!
    expect(profile.name).toBe('Stockholms stad')
    expect(profile.forvaltningar.map((f) => f.name)).toContain('Enskede-Årsta-Vantörs stadsdelsförvaltning')
    expect([...loadTemplates().keys()].sort()).toEqual(['beslut', 'remissvar'])
  })

  it('[O1] refuses a bad e-mail, unknown fields and a förvaltning listed twice, naming the path', () => {
    const base = {
      name: 'Stockholms stad',
      forvaltningar: [{ name: 'A', postalAddress: ['Gatan 1', '111 11 Stockholm'], email: 'a@stockholm.se', web: 'start.stockholm' }],
    }
    const refused = (data: unknown) => {
      try {
        parseOrganisation('organisation.yaml', data)
      } catch (err) {
        expect(err).toBeInstanceOf(OrganisationError)
        return (err as Error).message
      }
      throw new Error('accepted')
    }
    expect(refused({ ...base, forvaltningar: [{ ...base.forvaltningar[0], email: 'inte-en-adress' }] })).toBe(
      'organisation.yaml: forvaltningar[0].email: must be an e-mail address',
    )
    expect(refused({ ...base, telefon: '08' })).toMatch(/^organisation\.yaml: .*telefon/)
    expect(refused({ ...base, forvaltningar: [base.forvaltningar[0], base.forvaltningar[0]] })).toBe(
      'organisation.yaml: forvaltningar[1].name: "A" is listed twice',
    )
  })

  it('[O2] no file is no profile; a broken file throws with the file name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'perspektiv-org-'))
    try {
      expect(loadOrganisation(dir)).toBeUndefined()
      writeFileSync(join(dir, 'organisation.yaml'), 'name: [\n')
      expect(() => loadOrganisation(dir)).toThrow(/organisation\.yaml: .*not valid YAML/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('[O3] matches a förvaltning by name, ignoring case and spacing', () => {
    const profile = loadOrganisation(DEFAULT_TEMPLATES_DIR)
    expect(forvaltningProfile(profile, '  enskede-årsta-vantörs   STADSDELSFÖRVALTNING ')?.postalAddress).toEqual(['Kungsklippan 6', '112 25 Stockholm'])
    expect(forvaltningProfile(profile, 'Okänd förvaltning')).toBeUndefined()
    expect(forvaltningProfile(undefined, 'Socialförvaltningen')).toBeUndefined()
  })
})
