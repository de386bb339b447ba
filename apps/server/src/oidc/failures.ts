/**
 * Why an OIDC sign-in was refused. The code goes to the browser (`/logga-in?fel=<code>`, where
 * the sign-in page shows the Swedish text); the English detail goes to the log only. Neither
 * ever contains a code, token or secret.
 */
export const OIDC_FAILURES = {
  state: 'Inloggningen kunde inte slutföras: den var för gammal, redan använd eller startad i en annan webbläsare. Försök igen.',
  code: 'Inloggningen kunde inte slutföras: koden från inloggningstjänsten var redan använd eller ogiltig. Försök igen.',
  'id-token': 'Inloggningen avvisades: beviset från inloggningstjänsten var ogiltigt eller för gammalt.',
  tenant: 'Ditt konto tillhör en organisation som inte får logga in här.',
  claims: 'Inloggningstjänsten skickade inte de uppgifter om dig som behövs.',
  disabled: 'Ditt konto har inte längre behörighet till Perspektiv. Kontakta din administratör.',
  denied: 'Inloggningen avbröts eller nekades hos inloggningstjänsten.',
  provider: 'Inloggningstjänsten svarar inte just nu. Försök igen om en stund.',
  'provider-error': 'Inloggningstjänsten svarade med ett fel. Försök igen.',
  busy: 'För många påbörjade inloggningar just nu. Försök igen om en stund.',
  'logout-token': 'Utloggningsbeskedet var ogiltigt.',
} as const

export type OidcFailureCode = keyof typeof OIDC_FAILURES

export class OidcFailure extends Error {
  constructor(
    readonly code: OidcFailureCode,
    /** English, for the log; no secrets. */
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`)
  }
}
