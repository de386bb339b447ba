import { describe, expect, it } from 'vitest'
import type { Template } from '@perspektiv/model'
import { loadTemplates } from '@perspektiv/model/load'
import { headingIndex } from './headings.js'

const templates = loadTemplates()
const remissvar = headingIndex(templates.get('remissvar') as Template)
const beslut = headingIndex(templates.get('beslut') as Template)

const keysOf = (line: string, index = remissvar) => {
  const r = index.resolve(line)
  return r?.kind === 'section' ? r.keys : r?.kind
}

describe('headingIndex', () => {
  it('[L1] resolves the domain table of heading variants, in any case and with trailing punctuation', () => {
    const table: Record<string, string[]> = {
      jamstalldhet: ['Jämställdhetsanalys', 'Jämställdhetsperspektiv', 'Konsekvenser för jämställdheten', 'Jämställdhet', 'JÄMSTÄLLDHET:'],
      barnratt: ['Barnrättsperspektiv', 'Barnperspektiv', 'Barnkonsekvensanalys', 'Prövning av barnets bästa', 'Barnets rättigheter.'],
      tillganglighet: ['Tillgänglighet', 'Tillgänglighetsperspektiv', 'Funktionshinderperspektiv', 'Tillgänglighet för personer med funktionsnedsättning'],
      aldre: ['Äldreperspektiv', 'Konsekvenser för äldre', 'Äldre', '  äldreperspektivet  '],
      'klimat-miljo': ['Klimat och miljö', 'Klimat- och miljöperspektiv', 'Miljö- och klimatkonsekvenser', 'Miljöperspektiv'],
    }
    for (const [key, lines] of Object.entries(table)) for (const line of lines) expect(keysOf(line), line).toEqual([key])
  })

  it('[L1] resolves wordings outside the synonym lists by the perspective word stem', () => {
    expect(keysOf('Konsekvenser för barn och unga')).toEqual(['barnratt'])
    expect(keysOf('Barnrättsperspektiv och barnets bästa')).toEqual(['barnratt'])
    expect(keysOf('Konsekvenser för personer med funktionsnedsättning')).toEqual(['tillganglighet'])
    expect(keysOf('Miljökonsekvenser')).toEqual(['klimat-miljo'])
    expect(keysOf('Barn- och äldreperspektiv')).toEqual(['barnratt', 'aldre'])
    expect(keysOf('Konsekvenser för jämställdhet, barn, tillgänglighet, äldre och miljö')).toEqual([
      'jamstalldhet',
      'barnratt',
      'tillganglighet',
      'aldre',
      'klimat-miljo',
    ])
    expect(keysOf('Jämställdhetsintegrering')).toEqual(['jamstalldhet'])
    expect(keysOf('Barnperspektivet')).toEqual(['barnratt'])
    expect(keysOf('Arbetsmiljö')).toBeUndefined()
    expect(keysOf('Barnen i förskolan')).toBeUndefined()
    expect(keysOf('Ett jämställt idrottsliv')).toBeUndefined()
  })

  it('[L1] resolves the owner variants of the other headings', () => {
    expect(keysOf('Stadsdelsförvaltningens förslag till beslut')).toEqual(['forslag-till-beslut'])
    expect(keysOf('Kulturförvaltningens synpunkter')).toEqual(['synpunkter'])
    expect(keysOf('Stadsledningskontorets synpunkter och förslag')).toEqual(['synpunkter'])
    expect(keysOf('Ekonomiska konsekvenser', beslut)).toEqual(['ekonomi'])
  })

  it('[L5] knows container headings and the boundaries outside the template', () => {
    expect(keysOf('Konsekvensanalys')).toBe('container')
    expect(keysOf('Konsekvenser')).toBe('container')
    expect(keysOf('Konsekvenser för stockholmarna')).toBe('container')
    expect(keysOf('Ekonomiska konsekvenser')).toBe('boundary')
    expect(remissvar.resolveLabel('Barn', true)).toEqual(['barnratt'])
    expect(remissvar.resolveLabel('Barn', false)).toBeUndefined()
    expect(remissvar.resolveLabel('Barnrätt', false)).toEqual(['barnratt'])
  })
})
