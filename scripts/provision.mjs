// The Debian packages the tests need, installed by the test command itself when missing, so
// that `pnpm test` passes on a machine with only Node and npm (issue 18). Each need names a file
// that proves it is there; when the file is missing and apt can be used (root, apt-get on
// PATH), the package is installed once, with a one-line notice. Otherwise the run stops and
// says what to install, except for optional needs, whose tests skip with their own notice.
//
//   node scripts/provision.mjs              every need
//   node scripts/provision.mjs chromium     only the named ones (scripts/e2e.mjs does this)
import { spawnSync } from 'node:child_process'
import { accessSync, constants, readdirSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where Playwright finds the browser: `CHROMIUM_PATH`, else Debian's chromium. */
export const chromiumPath = () => process.env.CHROMIUM_PATH || '/usr/bin/chromium'

/**
 * Debian's PostgreSQL server programs: /usr/lib/postgresql/<major>/bin (the newest major
 * installed; 15 on bookworm when none is). Read anew on each call, so the path is right
 * again after apt installed another major.
 */
export function postgresBinDir() {
  let majors = []
  try {
    majors = readdirSync('/usr/lib/postgresql')
      .filter((d) => /^\d+$/.test(d))
      .map(Number)
      .sort((a, b) => b - a)
  } catch {}
  return `/usr/lib/postgresql/${majors[0] ?? 15}/bin`
}

/**
 * @typedef {object} Need
 * @property {string} name    what it is called here and on the command line
 * @property {string} file    the file that proves it installed
 * @property {string[]} packages  Debian packages that provide it
 * @property {string} usedBy  which tests need it (for the messages)
 * @property {boolean} [optional]  its tests skip, with a notice, where it cannot be installed
 * @property {string} [custom]  set when the user pointed `file` somewhere of their own
 */

/** @returns {Need[]} */
export function needs() {
  return [
    {
      name: 'chromium',
      file: chromiumPath(),
      packages: ['chromium'],
      usedBy: 'the browser tests (Playwright drives Debian’s Chromium; it cannot download its own here)',
      ...(process.env.CHROMIUM_PATH ? { custom: 'CHROMIUM_PATH' } : {}),
    },
    // ---- Export tests. The LibreOffice round trip (DOCX → PDF, headless) of the export work.
    {
      name: 'libreoffice',
      file: '/usr/bin/soffice',
      packages: ['libreoffice-writer-nogui'],
      usedBy: 'the LibreOffice round trip of the DOCX export',
      optional: true,
    },
    // ---- Scale-out tests (tests/scale): several server instances on one PostgreSQL + Redis.
    // The tests start their own servers on 127.0.0.1 (scripts/services.mjs), never the system's.
    {
      name: 'postgresql',
      // A getter: the major version is only known once the package is installed.
      get file() {
        return `${postgresBinDir()}/postgres`
      },
      packages: ['postgresql'],
      usedBy: 'the PostgreSQL storage contract and the scale-out tests',
      optional: true,
    },
    {
      name: 'redis',
      file: '/usr/bin/redis-server',
      packages: ['redis-server'],
      usedBy: 'the scale-out tests (updates and presence between server instances)',
      optional: true,
    },
    // The reverse proxy of deploy/nginx.conf, in front of several instances in the scale-out tests.
    {
      name: 'nginx',
      file: '/usr/sbin/nginx',
      packages: ['nginx-light'],
      usedBy: 'the scale-out tests behind deploy/nginx.conf (several instances behind one address)',
      optional: true,
    },
  ]
}

function executable(file) {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function onPath(cmd) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && executable(join(dir, cmd)))
}

/** apt can install: we are root and apt-get is there. */
export function aptUsable() {
  return process.getuid?.() === 0 && onPath('apt-get')
}

function apt(args) {
  // The lock timeout: another apt (unattended upgrades, a parallel run) may hold it for a while.
  const r = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n')
    throw new Error(`apt-get ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}):\n${out}`)
  }
}

/**
 * Makes sure every need in `names` (all when empty) is installed. Returns the optional needs
 * still missing; throws, with what to install, when a required one cannot be had.
 * `all` and `canApt` are there for tests, which must not run apt-get.
 * @param {string[]} [names]
 * @param {{ log?: (line: string) => void, all?: Need[], canApt?: boolean }} [options]
 */
export function provision(names = [], { log = (line) => console.error(line), all = needs(), canApt = aptUsable() } = {}) {
  const unknown = names.filter((n) => !all.some((need) => need.name === n))
  if (unknown.length) throw new Error(`provision: unknown need ${unknown.join(', ')} (known: ${all.map((n) => n.name).join(', ')})`)
  const wanted = names.length ? all.filter((n) => names.includes(n.name)) : all
  const missing = wanted.filter((n) => !executable(n.file))
  if (missing.length === 0) return []

  // A path the user chose is theirs to fill: installing Debian's package would not put it there.
  const custom = missing.filter((n) => n.custom)
  if (custom.length) {
    throw new Error(
      custom
        .map(
          (n) =>
            `${n.custom}=${n.file} is not an executable file (needed by ${n.usedBy}). Point ${n.custom} at a Chromium or Chrome binary, or unset it to use Debian's chromium at /usr/bin/chromium.`,
        )
        .join('\n'),
    )
  }

  if (canApt) {
    const packages = missing.flatMap((n) => n.packages)
    log(
      `provision: installing ${packages.join(', ')} with apt-get (missing ${missing.map((n) => n.file).join(', ')}; needed by ${missing.map((n) => n.usedBy).join('; ')})`,
    )
    apt(['update', '-qq'])
    // --reinstall: when the package is installed but its file was removed, a plain install is a no-op.
    apt(['install', '-y', '-qq', '--reinstall', ...packages])
    const still = missing.filter((n) => !executable(n.file))
    if (still.length) throw new Error(`provision: apt-get installed ${packages.join(', ')} but ${still.map((n) => n.file).join(', ')} is still missing`)
    return []
  }

  const required = missing.filter((n) => !n.optional)
  const optional = missing.filter((n) => n.optional)
  const why = process.getuid?.() === 0 ? 'apt-get is not available' : 'not running as root'
  for (const n of optional) {
    log(
      `provision: ${n.file} is missing and cannot be installed here (${why}); ${n.usedBy} will be skipped. To run them: apt-get install ${n.packages.join(' ')}`,
    )
  }
  if (required.length) {
    const lines = required.map((n) => `  ${n.file} (${n.usedBy}): apt-get install ${n.packages.join(' ')}`)
    throw new Error(
      `The tests need Debian packages that are missing and cannot be installed here (${why}). Install them as root, then run again:\n${lines.join('\n')}\n` +
        `  sudo apt-get update && sudo apt-get install -y ${required.flatMap((n) => n.packages).join(' ')}` +
        (required.some((n) => n.name === 'chromium') ? '\nElsewhere than Debian/Ubuntu: install Chromium and set CHROMIUM_PATH to its binary.' : ''),
    )
  }
  return optional
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    provision(process.argv.slice(2))
  } catch (e) {
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
  }
}
