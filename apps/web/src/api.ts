import type {
  ApiToken,
  AppNotification,
  ApprovalCheck,
  AuditEntry,
  FrozenRevision,
  Member,
  NotificationKind,
  NotificationSettings,
  Person,
  SectionChange,
  VersionInfo,
  DocumentMeta,
  DocumentMetaInput,
  DashboardQueryInput,
  DashboardResponse,
  DocumentSummary,
  DocumentDetail,
  DocumentWorkflow,
  DocumentStatus,
  PublicUser,
  Role,
  SignInOptions,
  Template,
} from '@perspektiv/model'
import type { PMNode } from '@perspektiv/document'

export type { DocumentSummary, DocumentDetail, DocumentWorkflow }

/** The Swedish text the server sends with a refusal, when it sends one (`details.message`). */
export function serverReason(err: unknown): string | undefined {
  if (!(err instanceof ApiError)) return undefined
  const message = (err.details as { message?: unknown } | undefined)?.message
  return typeof message === 'string' ? message : undefined
}

/** Swedish text per API error code (the server's own messages are English, for integrators). */
const MESSAGES: Record<string, string> = {
  invalid: 'Uppgifterna är inte giltiga. Kontrollera fälten och försök igen.',
  unauthenticated: 'Du är inte inloggad, eller så har inloggningen gått ut.',
  forbidden: 'Du har inte behörighet till det här.',
  not_found: 'Det du söker finns inte (längre).',
  conflict: 'Åtgärden krockar med dokumentets nuvarande läge.',
  too_large: 'Innehållet är för stort.',
  rate_limited: 'För många försök. Vänta en stund och försök igen.',
  unavailable: 'Tjänsten är inte tillgänglig just nu. Försök igen om en stund.',
  internal: 'Något gick fel på servern. Försök igen.',
  network: 'Ingen kontakt med servern. Kontrollera anslutningen och försök igen.',
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

type UnauthenticatedListener = () => void
let onUnauthenticated: UnauthenticatedListener = () => {}

/** The app sends the user to the sign-in page when any call answers 401. */
export function setUnauthenticatedHandler(listener: UnauthenticatedListener): void {
  onUnauthenticated = listener
}

async function request<T>(method: string, path: string, body?: unknown, opts: { quiet401?: boolean } = {}): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, 'network', MESSAGES.network!)
  }
  if (response.status === 204) return undefined as T
  let data: unknown = null
  try {
    data = await response.json()
  } catch {
    data = null
  }
  if (!response.ok) {
    const error = (data as { error?: { code?: string; details?: unknown } } | null)?.error
    const code = error?.code ?? (response.status === 401 ? 'unauthenticated' : 'internal')
    if (response.status === 401 && !opts.quiet401) onUnauthenticated()
    throw new ApiError(response.status, code, MESSAGES[code] ?? MESSAGES.internal!, error?.details)
  }
  return data as T
}

const doc = (id: string) => `/api/documents/${encodeURIComponent(id)}`

export const api = {
  signIn: (username: string, password: string) =>
    request<{ token: string; user: PublicUser }>('POST', '/api/session', { username, password }, { quiet401: true }),
  /** A provider session answers with the provider's logout URL (RP-initiated logout); a local one with nothing. */
  signOut: () => request<{ logoutUrl: string } | undefined>('DELETE', '/api/session'),
  signInOptions: (failure?: string) => request<SignInOptions>('GET', `/api/sign-in-options${failure ? `?fel=${encodeURIComponent(failure)}` : ''}`),
  apiTokens: async () => (await request<{ tokens: ApiToken[] }>('GET', '/api/tokens')).tokens,
  createApiToken: (name: string, expiresInDays: number) => request<ApiToken & { token: string }>('POST', '/api/tokens', { name, expiresInDays }),
  revokeApiToken: (id: string) => request<void>('DELETE', `/api/tokens/${encodeURIComponent(id)}`),
  me: () => request<PublicUser>('GET', '/api/me', undefined, { quiet401: true }),
  templates: async () => (await request<{ templates: Template[] }>('GET', '/api/templates')).templates,
  /** One page of one dashboard section (GET /api/dashboard); empty values are left out. */
  dashboard: (query: DashboardQueryInput) => {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value))
    return request<DashboardResponse>('GET', `/api/dashboard?${params}`)
  },
  document: (id: string) => request<DocumentDetail>('GET', `/api/documents/${encodeURIComponent(id)}`),
  workflow: (id: string) => request<DocumentWorkflow>('GET', `/api/documents/${encodeURIComponent(id)}/workflow`),
  setStatus: (id: string, to: DocumentStatus) => request<DocumentDetail>('POST', `${doc(id)}/status`, { to }),
  approve: (id: string) => request<DocumentDetail>('POST', `${doc(id)}/approvals`),
  approvalCheck: (id: string) => request<ApprovalCheck>('GET', `${doc(id)}/approval-check`),
  revise: (id: string) => request<DocumentDetail>('POST', `${doc(id)}/revisions`),
  revisions: (id: string) => request<{ current: number; revisions: FrozenRevision[] }>('GET', `${doc(id)}/revisions`),
  revisionExportUrl: (id: string, revision: number, format: 'docx' | 'pdf' | 'html' | 'md') => `${doc(id)}/revisions/${revision}/export?format=${format}`,
  versions: async (id: string) => (await request<{ versions: VersionInfo[] }>('GET', `${doc(id)}/versions`)).versions,
  saveVersion: async (id: string, label: string) => (await request<{ version: VersionInfo }>('POST', `${doc(id)}/versions`, { label })).version,
  version: (id: string, versionId: number) => request<{ version: VersionInfo; content: PMNode; meta: DocumentMeta }>('GET', `${doc(id)}/versions/${versionId}`),
  changesSinceReview: (id: string) => request<{ since: VersionInfo | null; sections: SectionChange[] }>('GET', `${doc(id)}/changes-since-review`),
  audit: async (id: string) => (await request<{ entries: AuditEntry[] }>('GET', `${doc(id)}/audit`)).entries,
  exportUrl: (id: string, format: 'docx' | 'pdf' | 'html' | 'md', options: { trackedSuggestions?: boolean } = {}) =>
    `${doc(id)}/export?format=${format}${options.trackedSuggestions ? '&suggestions=tracked' : ''}`,
  searchUsers: async (query: string) => (await request<{ users: Person[] }>('GET', `/api/users?query=${encodeURIComponent(query)}`)).users,
  setMember: async (id: string, username: string, role: Role) =>
    (await request<{ members: Member[] }>('PUT', `${doc(id)}/members`, { username, role })).members,
  removeMember: async (id: string, username: string) =>
    (await request<{ members: Member[] }>('DELETE', `${doc(id)}/members/${encodeURIComponent(username)}`)).members,
  notifications: () => request<{ notifications: AppNotification[]; unread: number }>('GET', '/api/notifications'),
  markRead: (ids?: number[]) => request<{ unread: number }>('POST', '/api/notifications/read', ids ? { ids } : {}),
  notificationSettings: () => request<NotificationSettings>('GET', '/api/notifications/settings'),
  saveNotificationSettings: (body: { email?: string; kinds?: Partial<Record<NotificationKind, boolean>> }) =>
    request<NotificationSettings>('PUT', '/api/notifications/settings', body),
  createDocument: (templateId: string, title: string, meta?: DocumentMetaInput) =>
    request<DocumentDetail>('POST', '/api/documents', { templateId, title, ...(meta ? { meta } : {}) }),
}
