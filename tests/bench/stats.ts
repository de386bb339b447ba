/** Latency samples in milliseconds, kept in growable Float32 chunks (millions of them at S1/200). */
export class Samples {
  private chunks: Float32Array[] = []
  private current = new Float32Array(65536)
  private used = 0

  add(ms: number): void {
    if (this.used === this.current.length) {
      this.chunks.push(this.current)
      this.current = new Float32Array(this.current.length * 2)
      this.used = 0
    }
    this.current[this.used++] = ms
  }

  get count(): number {
    return this.chunks.reduce((n, c) => n + c.length, 0) + this.used
  }

  summary(): LatencySummary {
    const all = new Float32Array(this.count)
    let at = 0
    for (const c of this.chunks) {
      all.set(c, at)
      at += c.length
    }
    all.set(this.current.subarray(0, this.used), at)
    return summarize(all)
  }
}

export interface LatencySummary {
  count: number
  p50: number | null
  p99: number | null
  max: number | null
  mean: number | null
}

/** Nearest-rank percentiles: p99 of 100 samples is the 99th smallest. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1]!
}

export function summarize(values: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(values).sort()
  let sum = 0
  for (const v of sorted) sum += v
  const n = sorted.length
  return {
    count: n,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: n ? round(sorted[n - 1]!) : null,
    mean: n ? round(sum / n) : null,
  }
}

function round(v: number | null): number | null {
  return v === null ? null : Math.round(v * 1000) / 1000
}
