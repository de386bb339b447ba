/**
 * OpenID Connect settings from the environment. OIDC is off unless OIDC_ISSUER is set; then
 * the other three required variables must be set too, and a wrong value stops the server at
 * start-up with an error that names the variable (a half-configured sign-in must not start).
 */
export const DEFAULT_OIDC_LABEL = 'Logga in med Stockholms stads konto'

export interface OidcConfig {
  issuer: URL
  clientId: string
  clientSecret: string
  redirectUri: URL
  /** The sign-in page's button text. */
  label: string
  scopes: string
  /** Entra ID: the stable id is `oid` + `tid`, and only these tenants may sign in. Empty = plain `sub`. */
  tenants: string[]
  /** Claim read for the user's title (Entra: `jobTitle`). */
  titleClaim: string
  /** Claim (string or list) that must contain `adminValue` for administrators; no value = nobody is admin via OIDC. */
  adminClaim: string
  adminValue?: string
  /** When set, an account whose `requiredClaim` lacks this value is disabled: refused, its sessions ended. */
  requiredValue?: string
  requiredClaim: string
  /** Where the provider sends the browser after RP-initiated logout (default: the sign-in page). */
  postLogoutRedirectUri: URL
  /** Seconds added to this server's clock when checking tokens (a server whose clock is off). */
  clockSkewSeconds: number
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`)
  }
}

function url(env: NodeJS.ProcessEnv, name: string, required: boolean): URL | undefined {
  const raw = env[name]?.trim()
  if (!raw) {
    if (required) throw new ConfigError(name, 'is required when OIDC_ISSUER is set')
    return undefined
  }
  let parsed: URL
  try {
    parsed = new URL(raw)
  } catch {
    throw new ConfigError(name, `"${raw}" is not a URL`)
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && isLoopback(parsed))) {
    throw new ConfigError(name, `must use https (http only for localhost), got "${raw}"`)
  }
  return parsed
}

/** http is allowed only on this machine (development and tests against a local provider). */
export function isLoopback(u: URL): boolean {
  return u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]'
}

function text(env: NodeJS.ProcessEnv, name: string, required: boolean): string | undefined {
  const raw = env[name]?.trim()
  if (!raw && required) throw new ConfigError(name, 'is required when OIDC_ISSUER is set')
  return raw || undefined
}

/** undefined when OIDC is not configured (no OIDC_ISSUER). Throws ConfigError naming the variable. */
export function oidcConfigFromEnv(env: NodeJS.ProcessEnv = process.env): OidcConfig | undefined {
  if (!env.OIDC_ISSUER?.trim()) {
    for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'])
      if (env[name]?.trim()) throw new ConfigError('OIDC_ISSUER', `is required when ${name} is set`)
    return undefined
  }
  const issuer = url(env, 'OIDC_ISSUER', true)!
  const clientId = text(env, 'OIDC_CLIENT_ID', true)!
  const clientSecret = text(env, 'OIDC_CLIENT_SECRET', true)!
  const redirectUri = url(env, 'OIDC_REDIRECT_URI', true)!
  if (redirectUri.pathname !== '/api/oidc/callback') {
    throw new ConfigError('OIDC_REDIRECT_URI', `must end in /api/oidc/callback, got "${redirectUri.href}"`)
  }
  const tenants = (env.OIDC_TENANTS ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
  for (const t of tenants) {
    if (!/^[0-9a-f-]{36}$/i.test(t) && !/^[\w.-]+$/.test(t)) throw new ConfigError('OIDC_TENANTS', `"${t}" is not a tenant id`)
  }
  const skew = env.OIDC_CLOCK_SKEW_SECONDS?.trim()
  if (skew && !/^-?\d+$/.test(skew)) throw new ConfigError('OIDC_CLOCK_SKEW_SECONDS', `must be a whole number of seconds, got "${skew}"`)
  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri,
    label: text(env, 'OIDC_LABEL', false) ?? DEFAULT_OIDC_LABEL,
    scopes: text(env, 'OIDC_SCOPES', false) ?? 'openid profile email',
    tenants,
    titleClaim: text(env, 'OIDC_TITLE_CLAIM', false) ?? 'jobTitle',
    adminClaim: text(env, 'OIDC_ADMIN_CLAIM', false) ?? 'roles',
    adminValue: text(env, 'OIDC_ADMIN_VALUE', false),
    requiredClaim: text(env, 'OIDC_REQUIRED_CLAIM', false) ?? 'roles',
    requiredValue: text(env, 'OIDC_REQUIRED_VALUE', false),
    postLogoutRedirectUri: url(env, 'OIDC_POST_LOGOUT_REDIRECT_URI', false) ?? new URL('/logga-in', redirectUri),
    clockSkewSeconds: skew ? Number(skew) : 0,
  }
}

/** `LOCAL_LOGIN=0` switches username/password sign-in off (default on). */
export function localLoginFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.LOCAL_LOGIN?.trim()
  if (v === undefined || v === '' || v === '1') return true
  if (v === '0') return false
  throw new ConfigError('LOCAL_LOGIN', `must be 0 or 1, got "${v}"`)
}
