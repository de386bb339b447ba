import { readdirSync, readFileSync } from 'node:fs'

/**
 * CPU time (ms) used so far by the bench's own non-Node descendants: nginx, PostgreSQL (its
 * backends are children of the postmaster) and Redis started for S10, S11, S13. Without it
 * their work would count as "other processes (noise)", though it is part of what a layout
 * costs. Node descendants (the servers, the load generator) are measured apart.
 */
export function stackCpuMs(root = process.pid): number {
  const parent = new Map<number, number>()
  const info = new Map<number, { comm: string; ticks: number }>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let stat: string
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue // exited meanwhile
    }
    const open = stat.indexOf('(')
    const close = stat.lastIndexOf(')')
    const fields = stat.slice(close + 2).split(' ')
    const pid = Number(entry)
    parent.set(pid, Number(fields[1]))
    // utime + stime (fields 14 and 15 of stat; 11 and 12 after the command)
    info.set(pid, { comm: stat.slice(open + 1, close), ticks: Number(fields[11]) + Number(fields[12]) })
  }
  let ticks = 0
  for (const [pid, { comm, ticks: t }] of info) {
    if (comm === 'node') continue
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) {
      if (p === root) {
        ticks += t
        break
      }
    }
  }
  return (ticks * 1000) / 100 // USER_HZ is 100 on Linux
}
