import { describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { BenchReport } from './bench/report.js'

/**
 * Keeps the benchmark harness from rotting: `pnpm bench --smoke` runs every scenario for a
 * second or two against our server and both peers. Asserts that each scenario produced its
 * rows and that every edit reached every other client — never timings.
 */

const REPO = resolve(import.meta.dirname, '..')

function runSmoke(out: string): Promise<void> {
  return new Promise((ok, fail) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(REPO, 'tests/bench/run.ts'), '--smoke', '--out', out],
      { cwd: REPO, timeout: 580_000, maxBuffer: 16 * 2 ** 20 },
      (err, _stdout, stderr) => (err ? fail(new Error(`bench --smoke failed: ${err.message}\n${stderr.slice(-4000)}`)) : ok()),
    )
  })
}

describe('pnpm bench --smoke', () => {
  it('runs every scenario against every server with all deliveries arriving', { timeout: 600_000 }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'perspektiv-bench-smoke-'))
    try {
      await runSmoke(out)
      const report = JSON.parse(readFileSync(join(out, 'smoke.json'), 'utf8')) as BenchReport
      expect(readFileSync(join(out, 'smoke.md'), 'utf8')).toContain('| S6 |')
      expect(report.machine.cores).toBeGreaterThan(0)
      expect(report.scenarios.map((s) => s.id)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9', 'S10', 'S11', 'S12', 'S13', 'S14'])

      for (const s of report.scenarios) {
        expect(s.rows.length, `${s.id} has rows`).toBeGreaterThan(0)
        for (const [server, result] of Object.entries(s.results)) {
          expect(result, `${s.id} on ${server}`).not.toHaveProperty('error')
        }
      }
      for (const id of ['S1', 'S2']) {
        const s = report.scenarios.find((x) => x.id === id)!
        expect(Object.keys(s.results).sort()).toEqual(['hocuspocus', 'ours', 'y-websocket-server'])
        for (const [server, r] of Object.entries(s.results) as Array<
          [string, { delivered: number; expected: number; duplicates: number; misrouted: number }]
        >) {
          expect(r.expected, `${id} on ${server} sent edits`).toBeGreaterThan(0)
          expect(r.delivered, `${id} on ${server}: every edit reached every other client`).toBe(r.expected)
          expect(r.duplicates, `${id} on ${server}: no edit arrived twice`).toBe(0)
          expect(r.misrouted, `${id} on ${server}: no edit reached another document`).toBe(0)
        }
      }
      // S10, S11: the same fan-out on the layouts of issue 19 (PostgreSQL + Redis via nginx, spread, SQLite).
      for (const id of ['S10', 'S11']) {
        const s = report.scenarios.find((x) => x.id === id)!
        for (const [layout, r] of Object.entries(s.results) as Array<[string, { delivered: number; expected: number; duplicates: number }]>) {
          expect(r.expected, `${id} on ${layout} sent edits`).toBeGreaterThan(0)
          expect(r.delivered, `${id} on ${layout}: every edit reached every other client`).toBe(r.expected)
          expect(r.duplicates, `${id} on ${layout}: no edit arrived twice`).toBe(0)
        }
      }
      // S13: every edit the writers sent was committed and broadcast, on both stores.
      const s13 = report.scenarios.find((x) => x.id === 'S13')!
      for (const [layout, r] of Object.entries(s13.results) as Array<[string, { sent: number; acknowledged: number; duplicates: number }]>) {
        expect(r.sent, `S13 on ${layout} sent edits`).toBeGreaterThan(0)
        expect(r.acknowledged, `S13 on ${layout}: every edit was committed and broadcast`).toBe(r.sent)
        expect(r.duplicates, `S13 on ${layout}: no edit arrived twice`).toBe(0)
      }
      const s7 = report.scenarios.find((x) => x.id === 'S7')!.results.ours as { typed: number; lost: number }
      expect(s7.typed, 'S7: the authors typed').toBeGreaterThan(0)
      expect(s7.lost, 'S7: no edit lost across the SIGKILL').toBe(0)
      const s6 = report.scenarios.find((x) => x.id === 'S6')!.results['in-process'] as Record<string, unknown>
      expect(s6.docx).not.toHaveProperty('error')
      expect(s6.pdf).not.toHaveProperty('error')
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })
})
