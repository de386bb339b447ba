import { z } from 'zod'
import { ROUTES } from './openapiRoutes.js'

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: {
          type: 'string',
          enum: ['invalid', 'unauthenticated', 'forbidden', 'not_found', 'conflict', 'too_large', 'rate_limited', 'unavailable', 'internal'],
        },
        message: { type: 'string' },
        details: {},
      },
    },
  },
}

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const r of ROUTES) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }))
    paths[r.path] ??= {}
    paths[r.path]![r.method] = {
      summary: r.summary,
      ...(params.length ? { parameters: params } : {}),
      ...(r.auth ? {} : { security: [] }),
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(r.body, { io: 'input', unrepresentable: 'any' }) } } } }
        : {}),
      responses: Object.fromEntries(
        Object.entries(r.responses).map(([status, description]) => [
          status,
          Number(status) >= 400 ? { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } : { description },
        ]),
      ),
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Perspektiv API',
      version: '0.1.0',
      description: 'REST API of Perspektiv. Real-time editing uses the y-websocket protocol on /sync/{id} and /sync/{id}/review.',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'perspektiv_session' },
      },
      schemas: { Error: errorSchema },
    },
    security: [{ bearer: [] }, { cookie: [] }],
    paths,
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
const code = (s: string) => escapeHtml(s).replace(/`([^`]+)`/g, '<code>$1</code>')

/** A readable, self-contained API page (no scripts, no external assets). */
export function apiDocsPage(): string {
  const rows = ROUTES.map(
    (r) =>
      `<tr><td><code>${r.method.toUpperCase()}</code></td><td><code>${escapeHtml(r.path)}</code></td><td>${code(r.summary)}${
        r.body
          ? `<details><summary>Body</summary><pre>${escapeHtml(JSON.stringify(z.toJSONSchema(r.body, { io: 'input', unrepresentable: 'any' }), null, 2))}</pre></details>`
          : ''
      }</td><td>${r.auth ? 'yes' : 'no'}</td><td>${Object.entries(r.responses)
        .map(([s, d]) => `${s} ${code(d)}`)
        .join('<br>')}</td></tr>`,
  ).join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Perspektiv API</title>
<style>body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top;text-align:left}
code{background:#f3f3f3;padding:0 .2rem}pre{font-size:.8rem}</style></head><body>
<h1>Perspektiv API</h1>
<p>JSON over HTTP. Sign in with <code>POST /api/session</code>; then send the session cookie or
<code>Authorization: Bearer &lt;token&gt;</code>. Errors are <code>{ "error": { "code", "message", "details"? } }</code>.
Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>Does</th><th>Auth</th><th>Responses</th></tr></thead><tbody>
${rows}
</tbody></table>
<h2>Sync</h2>
<p>WebSocket <code>ws://HOST:PORT/sync/&lt;id&gt;?token=&lt;token&gt;</code> (content) and
<code>/sync/&lt;id&gt;/review</code> (review data), standard y-websocket protocol (sync + awareness):
<code>new WebsocketProvider('ws://HOST:PORT/sync', id, ydoc, { params: { token } })</code>.
Refused before the upgrade with 401/403/404/503. Close codes: 1008 policy, 1009 message over 16 MB, 4400 malformed message.</p>
</body></html>`
}
