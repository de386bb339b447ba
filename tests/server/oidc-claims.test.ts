/** Claim mapping and configuration rules (pure functions; the flow itself is in oidc.test.ts). */
import { describe, expect, it } from 'vitest'
import { ConfigError, localLoginFromEnv, mapClaims, oidcConfigFromEnv, usernameFrom } from '@perspektiv/server'
import { refusedStart, tempDataDir } from './harness.js'

const TENANT = '11111111-2222-3333-4444-555555555555'
const base = { tenants: [] as string[], titleClaim: 'jobTitle', adminClaim: 'roles', requiredClaim: 'roles' }

describe('mapClaims (OIDC3)', () => {
  it('plain OIDC: the stable id is sub; name, title and username from the claims', () => {
    expect(mapClaims({ sub: 's1', name: 'Åsa Öst', jobTitle: 'Handläggare', preferred_username: 'Asa.Ost@stad.se', sid: 'x' }, base)).toEqual({
      subject: 's1',
      sub: 's1',
      name: 'Åsa Öst',
      title: 'Handläggare',
      usernameBase: 'asa.ost',
      admin: false,
      allowed: true,
      sid: 'x',
    })
  })

  it('Entra: oid + tid, only the allowed tenants, case-insensitively', () => {
    const cfg = { ...base, tenants: [TENANT] }
    const claims = { sub: 'pairwise', oid: 'OID-1', tid: TENANT.toUpperCase(), name: 'A' }
    expect(mapClaims(claims, cfg)).toMatchObject({ subject: `${TENANT}/oid-1`, sub: 'pairwise' })
    expect(mapClaims({ ...claims, tid: '00000000-0000-0000-0000-000000000000' }, cfg)).toEqual({
      refused: 'tenant',
      detail: expect.stringContaining('not in OIDC_TENANTS'),
    })
    expect(mapClaims({ sub: 'x', name: 'A' }, cfg)).toMatchObject({ refused: 'claims' })
  })

  it('admin and the required role come from the configured claim, string or list', () => {
    const cfg = { ...base, adminValue: 'Admin', requiredValue: 'User', adminClaim: 'groups' }
    expect(mapClaims({ sub: 's', groups: ['Admin'], roles: 'User' }, cfg)).toMatchObject({ admin: true, allowed: true })
    expect(mapClaims({ sub: 's', groups: 'Other', roles: [] }, cfg)).toMatchObject({ admin: false, allowed: false })
    // Without OIDC_ADMIN_VALUE nobody becomes admin through the provider.
    expect(mapClaims({ sub: 's', roles: ['Admin'] }, base)).toMatchObject({ admin: false })
  })

  it('a configured title claim, and a name from given/family names when name is missing', () => {
    expect(mapClaims({ sub: 's', given_name: 'Lo', family_name: 'Ek', title: 'Chef' }, { ...base, titleClaim: 'title' })).toMatchObject({
      name: 'Lo Ek',
      title: 'Chef',
    })
  })

  it('names and titles lose the characters XML cannot carry (model M2)', () => {
    expect(mapClaims({ sub: 's', name: 'Eva\u0000 Ek\uFFFE', jobTitle: '\u0007Chef' }, base)).toMatchObject({ name: 'Eva Ek', title: 'Chef' })
  })

  it('refuses a token without sub', () => {
    expect(mapClaims({ name: 'x' }, base)).toMatchObject({ refused: 'claims' })
  })

  it('usernames: the part before @, a–z0-9._- only, never shorter than two characters', () => {
    expect(usernameFrom('Per Åke@x', 'n')).toBe('per.ake')
    expect(usernameFrom('ö@x', 'Maja Lind')).toBe('maja.lind')
    expect(usernameFrom(undefined, '李')).toBe('anvandare')
  })
})

describe('OIDC configuration (a wrong value names the variable)', () => {
  const ok = {
    OIDC_ISSUER: 'https://login.example/t/v2.0',
    OIDC_CLIENT_ID: 'id',
    OIDC_CLIENT_SECRET: 'secret',
    OIDC_REDIRECT_URI: 'https://perspektiv.example/api/oidc/callback',
  }

  it('off without OIDC_ISSUER; complete with the four variables', () => {
    expect(oidcConfigFromEnv({})).toBeUndefined()
    expect(oidcConfigFromEnv(ok)).toMatchObject({ clientId: 'id', label: 'Logga in med Stockholms stads konto', tenants: [] })
    expect(oidcConfigFromEnv({ ...ok, OIDC_LABEL: 'Logga in med Sundsvalls konto', OIDC_TENANTS: `${TENANT}, ${TENANT}` })).toMatchObject({
      label: 'Logga in med Sundsvalls konto',
      tenants: [TENANT, TENANT],
    })
  })

  it.each([
    [{ ...ok, OIDC_CLIENT_SECRET: '' }, 'OIDC_CLIENT_SECRET'],
    [{ ...ok, OIDC_CLIENT_ID: undefined }, 'OIDC_CLIENT_ID'],
    [{ ...ok, OIDC_REDIRECT_URI: 'not a url' }, 'OIDC_REDIRECT_URI'],
    [{ ...ok, OIDC_REDIRECT_URI: 'https://p.example/elsewhere' }, 'OIDC_REDIRECT_URI'],
    [{ ...ok, OIDC_ISSUER: 'http://login.example' }, 'OIDC_ISSUER'],
    [{ OIDC_CLIENT_ID: 'id' }, 'OIDC_ISSUER'],
    [{ ...ok, OIDC_CLOCK_SKEW_SECONDS: 'soon' }, 'OIDC_CLOCK_SKEW_SECONDS'],
  ])('%j → names %s', (env, variable) => {
    expect(() => oidcConfigFromEnv(env as NodeJS.ProcessEnv)).toThrow(ConfigError)
    expect(() => oidcConfigFromEnv(env as NodeJS.ProcessEnv)).toThrow(new RegExp(`^${variable}: `))
  })

  it('LOCAL_LOGIN is 0 or 1', () => {
    expect(localLoginFromEnv({})).toBe(true)
    expect(localLoginFromEnv({ LOCAL_LOGIN: '0' })).toBe(false)
    expect(() => localLoginFromEnv({ LOCAL_LOGIN: 'nej' })).toThrow(/^LOCAL_LOGIN: /)
  })
})

it('the server refuses to start with a half-configured OIDC and names the variable', async () => {
  const data = tempDataDir()
  try {
    const r = await refusedStart(data.dir, {
      OIDC_ISSUER: 'https://login.example/v2.0',
      OIDC_CLIENT_ID: 'perspektiv',
      OIDC_CLIENT_SECRET: '',
      OIDC_REDIRECT_URI: '',
    })
    expect(r.code).toBe(1)
    expect(r.output).toContain('cannot start: OIDC_CLIENT_SECRET: is required when OIDC_ISSUER is set')
  } finally {
    data.remove()
  }
}, 60_000)
