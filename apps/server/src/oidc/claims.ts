import { stripNonXmlChars } from '@perspektiv/model'
import type { OidcConfig } from './config.js'

/** What Perspektiv keeps of a verified ID token. */
export interface MappedIdentity {
  /** Stable key: `sub`, or for Entra `tid/oid` (Entra's `sub` differs per app). */
  subject: string
  /** The token's `sub`, which back-channel logout tokens name. */
  sub: string
  name: string
  title: string
  /** Proposed username (made unique when stored). */
  usernameBase: string
  admin: boolean
  /** False when the provider no longer grants the required role/group. */
  allowed: boolean
  sid?: string
}

export type ClaimsRefusal = { refused: 'tenant' | 'claims'; detail: string }

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined)
/** Names and titles end up in exports (approval records): without the characters XML cannot carry (model M2). */
const text = (v: unknown): string | undefined => str(typeof v === 'string' ? stripNonXmlChars(v) : v)

/** A claim that may be a string or a list of strings (Entra `roles`, `groups`). */
function values(v: unknown): string[] {
  if (typeof v === 'string') return [v]
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string')
  return []
}

/**
 * "Anna.Öberg@stad.se" → "anna.oberg": the part before @, lower case, letters without
 * diacritics, only the characters usernames may have (model usernameSchema).
 */
export function usernameFrom(preferred: string | undefined, fallback: string): string {
  const local = (preferred ?? '').split('@')[0]!
  const clean = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/\s+/g, '.')
      .replace(/[^a-z0-9._-]/g, '')
      .slice(0, 56)
  const u = clean(local)
  if (u.length >= 2) return u
  const f = clean(fallback)
  return f.length >= 2 ? f : 'anvandare'
}

/** Pure: maps verified ID token claims to a user per the configuration (OIDC1–OIDC4 in SPEC). */
export function mapClaims(
  claims: Record<string, unknown>,
  config: Pick<OidcConfig, 'tenants' | 'titleClaim' | 'adminClaim' | 'adminValue' | 'requiredClaim' | 'requiredValue'>,
): MappedIdentity | ClaimsRefusal {
  const sub = str(claims.sub)
  if (!sub) return { refused: 'claims', detail: 'the ID token has no sub' }
  let subject = sub
  if (config.tenants.length > 0) {
    const tid = str(claims.tid)
    const oid = str(claims.oid)
    if (!tid || !oid) return { refused: 'claims', detail: 'the ID token has no tid/oid (OIDC_TENANTS is set)' }
    if (!config.tenants.some((t) => t.toLowerCase() === tid.toLowerCase())) return { refused: 'tenant', detail: `tenant ${tid} is not in OIDC_TENANTS` }
    subject = `${tid.toLowerCase()}/${oid.toLowerCase()}`
  }
  const preferred = str(claims.preferred_username) ?? str(claims.email)
  const name = text(claims.name) ?? ([text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ') || preferred || sub)
  return {
    subject,
    sub,
    name: name.slice(0, 200),
    title: (text(claims[config.titleClaim]) ?? '').slice(0, 200),
    usernameBase: usernameFrom(preferred, name),
    admin: config.adminValue !== undefined && values(claims[config.adminClaim]).includes(config.adminValue),
    allowed: config.requiredValue === undefined || values(claims[config.requiredClaim]).includes(config.requiredValue),
    sid: str(claims.sid),
  }
}
