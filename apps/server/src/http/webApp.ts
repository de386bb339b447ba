import { existsSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { MiddlewareHandler } from 'hono'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
}

/** Vite puts content-hashed files under /assets: they never change, cache them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable'

/**
 * Serves the built web app (`apps/web/dist`): files as they are, and `index.html` for
 * every other GET outside /api and /sync, so client-side routes survive a reload.
 */
export function webApp(distDir: string): MiddlewareHandler {
  const root = resolve(distDir)
  return async (c, next) => {
    const path = c.req.path
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || path === '/api' || path.startsWith('/api/') || path.startsWith('/sync')) {
      return next()
    }
    let relative: string
    try {
      relative = normalize(decodeURIComponent(path)).replace(/^([/\\])+/, '')
    } catch {
      return next()
    }
    const file = join(root, relative)
    if (file !== root && !file.startsWith(root + sep)) return next()
    const type = CONTENT_TYPES[extname(file).toLowerCase()]
    if (relative !== '' && existsSync(file) && statSync(file).isFile()) {
      c.header('Content-Type', type ?? 'application/octet-stream')
      c.header('Cache-Control', relative.startsWith('assets/') ? IMMUTABLE : 'no-cache')
      if (c.req.method === 'HEAD') return c.body(null)
      return c.body(new Uint8Array(await readFile(file)))
    }
    // A missing asset is a 404, not the app shell (which would confuse a script loader).
    if (extname(relative) !== '' && extname(relative) !== '.html') return next()
    const index = join(root, 'index.html')
    if (!existsSync(index)) {
      return c.html(
        '<!doctype html><html lang="sv"><meta charset="utf-8"><title>Perspektiv</title>' +
          '<p>Webbappen är inte byggd. Starta med <code>pnpm start</code>, som bygger den.</p>' +
          '<p>API: <a href="/api/docs">/api/docs</a></p></html>',
        503,
      )
    }
    c.header('Cache-Control', 'no-cache')
    return c.html(await readFile(index, 'utf8'))
  }
}
