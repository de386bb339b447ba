// oidc-provider ships no type declarations; the little the tests use, typed loosely.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>)
    callback(): (req: IncomingMessage, res: ServerResponse) => void
    use(middleware: (ctx: any, next: () => Promise<void>) => Promise<void>): void
    on(event: string, listener: (...args: any[]) => void): void
    Client: { find(id: string): Promise<{ backchannelLogout(sub: string, sid: string): Promise<void> } | undefined> }
  }
}
