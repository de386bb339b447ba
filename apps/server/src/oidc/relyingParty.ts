import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import * as client from 'openid-client'
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose'
import { isLoopback, type OidcConfig } from './config.js'
import { OidcFailure } from './failures.js'

/** A started sign-in: kept until its callback (once) or until it expires. */
interface PendingLogin {
  codeVerifier: string
  nonce: string
  /** sha256 of the browser's binding cookie: the callback must come from the browser that started. */
  bindingHash: string
  next: string
  expiresAt: number
}

export const LOGIN_TTL_MS = 10 * 60 * 1000
const MAX_PENDING = 10_000
const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout'

const sha256 = (s: string) => createHash('sha256').update(s).digest()

export interface VerifiedSignIn {
  claims: Record<string, unknown>
  idToken: string
}

/**
 * The OpenID Connect relying party (openid-client): discovery, authorization code + PKCE with
 * state and nonce, ID token verification, end-session URLs and logout-token verification.
 * Discovery happens on first use and is retried after a failure, so a provider that is down
 * at start-up does not keep the server from starting (local sign-in and API keep working).
 */
export class OidcRelyingParty {
  private configuration?: Promise<client.Configuration>
  private jwks?: ReturnType<typeof createRemoteJWKSet>
  private readonly pending = new Map<string, PendingLogin>()
  /** Logout token ids seen (replay protection), with their expiry. */
  private readonly seenLogoutJti = new Map<string, number>()

  constructor(readonly config: OidcConfig) {}

  private discover(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(
        this.config.issuer,
        this.config.clientId,
        { client_secret: this.config.clientSecret, [client.clockSkew]: this.config.clockSkewSeconds },
        client.ClientSecretPost(this.config.clientSecret),
        {
          // Non-repudiation: the ID token's signature is checked against the provider's keys even
          // though it came straight from the token endpoint (openid-client skips that by default).
          execute: [client.enableNonRepudiationChecks, ...(isLoopback(this.config.issuer) ? [client.allowInsecureRequests] : [])],
          timeout: 10,
        },
      )
      .catch((err: unknown) => {
        this.configuration = undefined
        throw new OidcFailure('provider', `discovery at ${this.config.issuer.href} failed: ${(err as Error).message}`)
      })
    return this.configuration
  }

  /** Starts a sign-in: the provider URL to redirect to and the binding to set as a cookie. */
  async start(next: string, now = Date.now()): Promise<{ url: URL; binding: string }> {
    const configuration = await this.discover()
    this.sweep(now)
    if (this.pending.size >= MAX_PENDING) throw new OidcFailure('busy', 'too many unfinished sign-ins')
    const state = client.randomState()
    const nonce = client.randomNonce()
    const codeVerifier = client.randomPKCECodeVerifier()
    const binding = randomBytes(32).toString('base64url')
    this.pending.set(state, { codeVerifier, nonce, bindingHash: sha256(binding).toString('hex'), next, expiresAt: now + LOGIN_TTL_MS })
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.config.redirectUri.href,
      scope: this.config.scopes,
      response_type: 'code',
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    })
    return { url, binding }
  }

  /**
   * Finishes a sign-in from the callback URL: checks state and the browser binding, exchanges
   * the code (with the PKCE verifier) and verifies the ID token (signature, issuer, audience,
   * expiry, nonce). The pending login is used up whatever the outcome.
   */
  async finish(callbackUrl: URL, binding: string | undefined, now = Date.now()): Promise<VerifiedSignIn & { next: string }> {
    const state = callbackUrl.searchParams.get('state') ?? ''
    const pending = this.pending.get(state)
    this.pending.delete(state)
    if (!pending || pending.expiresAt <= now) throw new OidcFailure('state', 'unknown, used or expired state')
    if (!binding || !timingSafeEqual(sha256(binding), Buffer.from(pending.bindingHash, 'hex'))) {
      throw new OidcFailure('state', 'the callback came from another browser than the sign-in (binding cookie mismatch)')
    }
    const providerError = callbackUrl.searchParams.get('error')
    if (providerError) throw new OidcFailure(providerError === 'access_denied' ? 'denied' : 'provider-error', `provider returned error=${providerError}`)
    const configuration = await this.discover()
    // The callback as registered (the request may have reached us through a proxy under another host).
    const current = new URL(this.config.redirectUri.href)
    current.search = callbackUrl.search
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>
    try {
      tokens = await client.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      })
    } catch (err) {
      throw classify(err)
    }
    const claims = tokens.claims()
    if (!claims || !tokens.id_token) throw new OidcFailure('id-token', 'no ID token in the token response')
    return { claims: claims as Record<string, unknown>, idToken: tokens.id_token, next: pending.next }
  }

  /** The provider's logout URL for RP-initiated logout, when it has an end_session_endpoint. */
  async endSessionUrl(idToken: string): Promise<URL | undefined> {
    let configuration: client.Configuration
    try {
      configuration = await this.discover()
    } catch {
      return undefined
    }
    if (!configuration.serverMetadata().end_session_endpoint) return undefined
    return client.buildEndSessionUrl(configuration, {
      post_logout_redirect_uri: this.config.postLogoutRedirectUri.href,
      client_id: this.config.clientId,
      id_token_hint: idToken,
    })
  }

  /**
   * Verifies a back-channel logout token (OIDC Back-Channel Logout 1.0 §2.6): signed by the
   * provider's keys, our audience, the logout event, sub and/or sid, no nonce, not replayed.
   */
  async verifyLogoutToken(token: string, now = Date.now()): Promise<{ sub?: string; sid?: string }> {
    const configuration = await this.discover()
    const metadata = configuration.serverMetadata()
    if (!metadata.jwks_uri) throw new OidcFailure('provider', 'the provider publishes no jwks_uri')
    this.jwks ??= createRemoteJWKSet(new URL(metadata.jwks_uri))
    let payload: JWTPayload
    try {
      ;({ payload } = await jwtVerify(token, this.jwks, {
        issuer: metadata.issuer,
        audience: this.config.clientId,
        maxTokenAge: '5m',
        clockTolerance: 30,
        currentDate: new Date(now + this.config.clockSkewSeconds * 1000),
      }))
    } catch (err) {
      throw new OidcFailure('logout-token', `logout token not valid: ${(err as Error).message}`)
    }
    const events = payload.events as Record<string, unknown> | undefined
    if (!events || typeof events !== 'object' || !(BACKCHANNEL_EVENT in events))
      throw new OidcFailure('logout-token', 'logout token lacks the back-channel logout event')
    if ('nonce' in payload) throw new OidcFailure('logout-token', 'logout token must not contain a nonce')
    const sub = typeof payload.sub === 'string' ? payload.sub : undefined
    const sid = typeof payload.sid === 'string' ? payload.sid : undefined
    if (!sub && !sid) throw new OidcFailure('logout-token', 'logout token names neither sub nor sid')
    if (typeof payload.jti !== 'string') throw new OidcFailure('logout-token', 'logout token has no jti')
    for (const [jti, until] of this.seenLogoutJti) if (until <= now) this.seenLogoutJti.delete(jti)
    if (this.seenLogoutJti.has(payload.jti)) throw new OidcFailure('logout-token', 'logout token replayed')
    this.seenLogoutJti.set(payload.jti, now + 10 * 60 * 1000)
    return { sub, sid }
  }

  /** The issuer as the provider names itself (identities are keyed by it). */
  async issuer(): Promise<string> {
    return (await this.discover()).serverMetadata().issuer
  }

  private sweep(now: number): void {
    for (const [state, p] of this.pending) if (p.expiresAt <= now) this.pending.delete(state)
  }
}

/** Maps openid-client's errors to what the user is told (never echoing tokens). */
function classify(err: unknown): OidcFailure {
  if (err instanceof OidcFailure) return err
  if (err instanceof client.ResponseBodyError) {
    // invalid_grant: the code was already used, has expired, or the PKCE verifier does not match.
    return new OidcFailure(
      err.error === 'invalid_grant' ? 'code' : 'provider-error',
      `token endpoint: ${err.error}${err.error_description ? ` (${err.error_description})` : ''}`,
    )
  }
  if (err instanceof client.AuthorizationResponseError) return new OidcFailure('provider-error', `authorization response: ${err.error}`)
  const e = err as { code?: string; message?: string; cause?: unknown }
  const message = e.message ?? String(err)
  switch (e.code) {
    case 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED':
      return new OidcFailure('id-token', `ID token expired or not yet valid: ${message}`)
    case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED':
    case 'OAUTH_INVALID_RESPONSE':
    case 'OAUTH_KEY_SELECTION_FAILED':
    case 'OAUTH_PARSE_ERROR':
      return new OidcFailure('id-token', `ID token or token response rejected: ${message}`)
  }
  if (
    err instanceof TypeError ||
    e.code === 'ECONNREFUSED' ||
    (e.cause as { code?: string } | undefined)?.code === 'ECONNREFUSED' ||
    (err as Error).name === 'TimeoutError'
  ) {
    return new OidcFailure('provider', `the provider could not be reached: ${message}`)
  }
  // Signature failures surface as plain errors from WebCrypto verification.
  if (/signature/i.test(message)) return new OidcFailure('id-token', `ID token signature: ${message}`)
  return new OidcFailure('provider-error', message)
}
