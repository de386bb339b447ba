// Types for scripts/provision.mjs (a plain Node script, so that it runs before any install).
export interface Need {
  name: string
  file: string
  packages: string[]
  usedBy: string
  optional?: boolean
  custom?: string
}
export function chromiumPath(): string
export function postgresBinDir(): string
export function needs(): Need[]
export function aptUsable(): boolean
export function provision(names?: string[], options?: { log?: (line: string) => void; all?: Need[]; canApt?: boolean }): Need[]
