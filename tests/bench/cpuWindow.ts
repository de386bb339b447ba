/**
 * Who used the CPU during the load generator's measuring window (its `measure-start` and
 * `measure-end` checkpoints): the server(s) under test, the stack beside them (nginx,
 * PostgreSQL, Redis) and, by subtraction, everything else on the machine. S1, S2, S10, S11
 * and S13 report the same three shares, so they take them here, the same way.
 */
import { machineBusyMs } from './servers.js'
import { stackCpuMs } from './stackCpu.js'

/** CPU over one window, each in % of one core (200 is both cores of this machine). */
export interface CpuWindowPercents {
  serverCpuPercent: number
  /** nginx, PostgreSQL and Redis; 0 where none run. */
  stackCpuPercent: number
  /** Everything busy on the machine, the servers, the stack and the load generator included. */
  machinePercent: number
}

/** Reads the counters now; `stop()` reads them again and turns the difference into % of one core. */
export function startCpuWindow(serverCpuMs: () => number): { stop(): CpuWindowPercents } {
  const cpu0 = serverCpuMs()
  const busy0 = machineBusyMs()
  const stack0 = stackCpuMs()
  const t0 = performance.now()
  return {
    stop() {
      const wall = performance.now() - t0
      return {
        serverCpuPercent: Math.round(((serverCpuMs() - cpu0) / wall) * 100),
        machinePercent: Math.round(((machineBusyMs() - busy0) / wall) * 100),
        stackCpuPercent: Math.round(((stackCpuMs() - stack0) / wall) * 100),
      }
    },
  }
}

/** The shares a scenario reports: the load generator measures its own CPU, the rest of the machine is noise. */
export interface CpuShares {
  serverCpuPercent: number
  stackCpuPercent: number
  otherCpuPercent: number
}

/**
 * The checkpoint handlers for `child('load/main.ts', …)` that open and close the window
 * (`onStart` runs first, for readings taken at the same moment), and the shares once the
 * child has reported its own CPU. A window never opened or never closed reads as 0 %.
 */
export function cpuWindowCheckpoints(serverCpuMs: () => number, onStart?: () => void) {
  let open: { stop(): CpuWindowPercents } | undefined
  let percents: CpuWindowPercents = { serverCpuPercent: 0, stackCpuPercent: 0, machinePercent: 0 }
  return {
    handlers: {
      'measure-start': () => {
        onStart?.()
        open = startCpuWindow(serverCpuMs)
      },
      'measure-end': () => {
        if (open) percents = open.stop()
      },
    },
    shares(loadgenCpuPercent: number): CpuShares {
      const { serverCpuPercent, stackCpuPercent, machinePercent } = percents
      const otherCpuPercent = Math.max(0, machinePercent - serverCpuPercent - stackCpuPercent - loadgenCpuPercent)
      return { serverCpuPercent, stackCpuPercent, otherCpuPercent }
    },
  }
}
