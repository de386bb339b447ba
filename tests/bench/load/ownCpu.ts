/**
 * The load generator's own cost over its measuring window: CPU (% of one core) and the
 * event loop's delay p99. The scenarios subtract the CPU from the machine's to get the noise
 * (../cpuWindow.ts); a high delay says the generator, not the server, was the bottleneck.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { nowMs } from './marker.js'

export interface OwnCpu {
  cpuPercent: number
  eventLoopDelayP99Ms: number
}

/** Opens the window now; `start` (nowMs clock) is its opening, for the caller's schedule. */
export function startOwnCpuWindow(): { start: number; stop(): OwnCpu } {
  const loop = monitorEventLoopDelay({ resolution: 5 })
  loop.enable()
  const cpu0 = process.cpuUsage()
  const start = nowMs()
  return {
    start,
    stop() {
      const cpu = process.cpuUsage(cpu0)
      const wallMs = nowMs() - start
      loop.disable()
      return {
        cpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / wallMs) * 100),
        eventLoopDelayP99Ms: Math.round((loop.percentile(99) / 1e6) * 100) / 100,
      }
    },
  }
}
