import { spawnSync } from 'node:child_process'
import { afterAll, expect, it } from 'vitest'
import { api, REPO_ROOT, startTestServer, tempDataDir } from './harness.js'

const data = tempDataDir()
afterAll(() => data.remove())

const perspektiv = (args: string[], input = '') =>
  spawnSync(process.execPath, ['apps/cli/bin/perspektiv.mjs', ...args], {
    cwd: REPO_ROOT,
    input,
    env: { ...process.env, DATA_DIR: data.dir },
    encoding: 'utf8',
  })

it('`users add` with the password on stdin, `users list`, then sign-in works', async () => {
  const add = perspektiv(['users', 'add', 'kim', '--name', 'Kim Kvist', '--title', 'Avdelningschef', '--admin'], 'hemligt-lösen\n')
  expect(add.stderr).toBe('')
  expect(add.status).toBe(0)
  expect(add.stdout).toContain('kim')
  expect(perspektiv(['users', 'add', 'kim', '--name', 'Kim Igen'], 'annat-lösen\n').status).toBe(1)
  expect(perspektiv(['users', 'add', 'kort', '--name', 'Kort'], 'abc\n').status).toBe(2)
  expect(perspektiv(['users', 'add', 'utan-namn'], 'hemligt-lösen\n').status).toBe(2)
  const list = perspektiv(['users', 'list'])
  expect(list.status).toBe(0)
  expect(list.stdout).toMatch(/kim\s+Kim Kvist\s+Avdelningschef\s+ja/)
  expect(list.stdout).not.toContain('kort')

  const server = await startTestServer(data.dir)
  try {
    const ok = await api(server.url, 'POST', '/api/session', { body: { username: 'kim', password: 'hemligt-lösen' } })
    expect(ok.status).toBe(200)
    expect(ok.body.user).toEqual({ username: 'kim', name: 'Kim Kvist', title: 'Avdelningschef', admin: true })
    expect((await api(server.url, 'POST', '/api/session', { body: { username: 'kim', password: 'hemligt-lösen\n' } })).status).toBe(401)
  } finally {
    await server.close()
  }
})
