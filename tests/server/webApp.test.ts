import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestServer, tempDataDir, type TestServer } from './harness.js'

let data: ReturnType<typeof tempDataDir>
let server: TestServer

beforeAll(async () => {
  data = tempDataDir()
  const dist = join(data.dir, 'dist')
  mkdirSync(join(dist, 'assets'), { recursive: true })
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title><div id="root"></div>')
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)')
  writeFileSync(join(dist, 'assets', 'index-abc123.css'), 'body{}')
  writeFileSync(join(dist, 'sw.js'), 'self.x=1')
  writeFileSync(join(data.dir, 'secret.txt'), 'do not serve')
  server = await startTestServer(join(data.dir, 'db'), { webDist: dist })
})
afterAll(async () => {
  await server?.close()
  data?.remove()
})

it('serves the built web app with content types, long cache for hashed assets and an SPA fallback', async () => {
  const js = await fetch(`${server.url}/assets/index-abc123.js`)
  expect(js.status).toBe(200)
  expect(js.headers.get('content-type')).toContain('text/javascript')
  expect(js.headers.get('cache-control')).toContain('immutable')
  expect((await fetch(`${server.url}/assets/index-abc123.css`)).headers.get('content-type')).toContain('text/css')
  const sw = await fetch(`${server.url}/sw.js`)
  expect(sw.headers.get('cache-control')).toBe('no-cache')
  for (const path of ['/', '/documents/abc', '/logga-in']) {
    const res = await fetch(server.url + path)
    expect(res.status, path).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await res.text()).toContain('<div id="root">')
  }
  // Not the app shell: unknown API routes, missing assets, and nothing outside dist.
  const api = await fetch(`${server.url}/api/unknown`)
  expect(api.status).toBe(404)
  expect((await api.json()).error.code).toBe('not_found')
  expect((await fetch(`${server.url}/assets/missing-123.js`)).status).toBe(404)
  expect(await (await fetch(`${server.url}/%2e%2e/secret.txt`)).text()).not.toContain('do not serve')
  expect(await (await fetch(`${server.url}/..%2fsecret.txt`)).text()).not.toContain('do not serve')
})
