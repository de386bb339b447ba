import { Server as HttpServer } from 'node:http'
import { serve } from '@hono/node-server'
import { DEFAULT_WORK_LIMITS } from './sync/workBudget.js'
import { DEFAULT_BYTE_QUOTAS } from './sync/quotas.js'
import type { AddressInfo } from 'node:net'
import { resolve, dirname } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { loadTemplates } from '@perspektiv/model/load'
import { createApp, type AppOptions } from './app.js'
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './demo.js'
import { dataDirFromEnv, openDatabase } from './storage/db.js'
import { SqliteServerTasks } from './storage/serverTasks.js'
import { upgradeTemplateSections } from './upgrade/templateSections.js'
import { upgradeHeaderTextOfStored } from './upgrade/headerText.js'
import { parseTrustProxy } from './http/trustProxy.js'
import { localLoginFromEnv, oidcConfigFromEnv } from './oidc/config.js'
import { Cluster } from './scale/cluster.js'
import { databaseUrlFromEnv, redisUrlFromEnv } from './scale/config.js'
import { openPostgresStores } from './storage/postgres/index.js'

export const DEFAULT_PORT = 8787

/**
 * The lock name the one-time upgrades of stored documents run under (a name no document id
 * can have): instances starting together on one PostgreSQL take turns through each of them.
 */
const UPGRADE_LOCK = 'task:template-sections'
/** Longer than any proxy or client keeps an idle connection (SRV-H1). */
const KEEP_ALIVE_MS = 65_000
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
export const DEFAULT_WEB_DIST = resolve(REPO_ROOT, 'apps/web/dist')

export interface StartOptions extends Partial<Omit<AppOptions, 'db' | 'postgres' | 'templates'>> {
  port?: number
  host?: string
  dataDir?: string
  demo?: boolean
  /** Print start-up hints (sign-in, demo users). */
  announce?: boolean
  /** Serve together with the other instances on this Redis (`REDIS_URL`, issue 19). */
  redisUrl?: string
  /** Store everything in this PostgreSQL database instead of the data folder's SQLite file (`DATABASE_URL`, issue 19). */
  databaseUrl?: string
}

export interface RunningServer {
  url: string
  port: number
  close(): Promise<void>
}

/** Opens the data dir, builds the app and listens. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? dataDirFromEnv()
  const templates = loadTemplates()
  const postgres = options.databaseUrl
    ? await openPostgresStores(options.databaseUrl, { sessionIdleMs: options.sessionIdleMs, log: (m) => options.log?.('postgresql', { message: m }) })
    : undefined
  const db = postgres ? undefined : openDatabase(dataDir)
  const say = options.announce ? (s: string) => process.stdout.write(s + '\n') : () => {}
  const cluster = options.redisUrl ? new Cluster(options.redisUrl, options.log) : undefined
  const perspektiv = createApp({ ...options, db, postgres, templates, cluster, webDist: options.webDist ?? DEFAULT_WEB_DIST })
  const { users, store, documentLock } = perspektiv.services
  // Before listening, so no room is live while stored drafts gain new template sections;
  // instances starting together on one PostgreSQL take turns (the first does the work).
  const tasks = postgres ? postgres.serverTasks : new SqliteServerTasks(db!)
  const upgrade = await documentLock.run(UPGRADE_LOCK, () => upgradeTemplateSections(store, tasks, templates, options.log))
  if (upgrade.upgraded.length > 0) say(`Uppgraderade ${upgrade.upgraded.length} dokument till mallarnas nya avsnitt.`)
  // Header fields of documents stored before DOC-D8 become shared types (SRV-ST44), also before
  // listening: the rooms then load with the converted fields among their header items.
  const header = await documentLock.run(UPGRADE_LOCK, () => upgradeHeaderTextOfStored(store, tasks, options.log))
  if (header.upgraded.length > 0) say(`Uppgraderade rubrikfälten i ${header.upgraded.length} dokument så att flera kan skriva i dem samtidigt.`)

  if (options.demo) {
    if (await seedDemo(users, store, templates)) {
      say('Demo: skapade användare (lösenord "' + DEMO_PASSWORD + '") och ett exempeldokument:')
      for (const u of DEMO_USERS) say(`  ${u.username.padEnd(8)} ${u.name}, ${u.title} (${u.role})`)
    }
  }
  const server = await new Promise<ReturnType<typeof serve>>((ok) => {
    const s = serve({ fetch: perspektiv.app.fetch, port: options.port ?? DEFAULT_PORT, hostname: options.host }, () => ok(s))
  })
  // Idle keep-alive connections stay open longer than a proxy or client keeps them (nginx's
  // upstream keepalive and undici idle up to 60 s): with Node's default of 5 s the server closed
  // a connection just as a client reused it, and that request failed with a reset (SRV-H1).
  if (server instanceof HttpServer) {
    server.keepAliveTimeout = KEEP_ALIVE_MS
    server.headersTimeout = KEEP_ALIVE_MS + 1_000
  }
  perspektiv.injectWebSocket(server)
  const port = (server.address() as AddressInfo).port
  const url = `http://localhost:${port}`
  say(`Perspektiv kör på ${url} (${postgres ? 'data i PostgreSQL (DATABASE_URL)' : `data i ${dataDir}`})`)
  if (cluster) say('Delar dokumenten med andra instanser via Redis (REDIS_URL).')
  if ((await users.count()) === 0) {
    say('Inga användare ännu. Lägg till en med:')
    say('  pnpm perspektiv users add <användarnamn> --name "För- och efternamn" --title "Titel"   (lösenordet läses från stdin)')
    say('eller starta med demodata: pnpm start --demo')
  } else if (options.demo) {
    say(`Logga in på ${url} som t.ex. anna / ${DEMO_PASSWORD}.`)
  }

  let closing: Promise<void> | undefined
  return {
    url,
    port,
    close() {
      closing ??= new Promise<void>((done) => {
        const stored = perspektiv.close().catch((err: Error) => options.log?.('shutdown store failed', { reason: err.message }))
        server.close(async () => {
          await stored
          const stopped = cluster ? cluster.close() : Promise.resolve()
          void stopped.finally(async () => {
            db?.close()
            await postgres?.close().catch(() => {})
            done()
          })
        })
        // Keep-alive HTTP connections would hold close() open.
        if ('closeAllConnections' in server) (server as { closeAllConnections(): void }).closeAllConnections()
      })
      return closing
    },
  }
}

function numberFromEnv(name: string): number | undefined {
  const v = process.env[name]
  return v && /^\d+$/.test(v) ? Number(v) : undefined
}

async function runFromCommandLine(argv: string[]): Promise<void> {
  const demo = argv.includes('--demo') || process.env.PERSPEKTIV_DEMO === '1'
  const server = await startServer({
    port: numberFromEnv('PORT') ?? DEFAULT_PORT,
    host: process.env.HOST || undefined,
    demo,
    announce: true,
    idleUnloadMs: numberFromEnv('PERSPEKTIV_IDLE_UNLOAD_MS'),
    compactAfter: numberFromEnv('PERSPEKTIV_COMPACT_AFTER'),
    commitsInFlight: numberFromEnv('PERSPEKTIV_COMMITS_IN_FLIGHT') || undefined,
    syncLimits: {
      maxConnectionsPerUser: numberFromEnv('PERSPEKTIV_MAX_CONNECTIONS_PER_USER'),
      // What one user's sockets may cost (SRV-S13); raised only where many clients share one account (the bench).
      work: {
        burstMs: numberFromEnv('PERSPEKTIV_SYNC_WORK_BURST_MS') ?? DEFAULT_WORK_LIMITS.burstMs,
        perSecondMs: numberFromEnv('PERSPEKTIV_SYNC_WORK_MS_PER_SECOND') ?? DEFAULT_WORK_LIMITS.perSecondMs,
      },
    },
    quotas: {
      ...DEFAULT_BYTE_QUOTAS,
      userBurstBytes: numberFromEnv('PERSPEKTIV_USER_BURST_BYTES') ?? DEFAULT_BYTE_QUOTAS.userBurstBytes,
      userBytesPerSecond: numberFromEnv('PERSPEKTIV_USER_BYTES_PER_SECOND') ?? DEFAULT_BYTE_QUOTAS.userBytesPerSecond,
    },
    trustProxy: parseTrustProxy(process.env.TRUST_PROXY),
    // A wrong OIDC_*/LOCAL_LOGIN value stops the start with an error naming the variable.
    oidc: oidcConfigFromEnv(),
    localLogin: localLoginFromEnv(),
    redisUrl: redisUrlFromEnv(),
    databaseUrl: databaseUrlFromEnv(),
    log: (event, details) => process.stderr.write(`[perspektiv] ${event} ${JSON.stringify(details)}\n`),
    mail: process.env.SMTP_URL
      ? {
          smtpUrl: process.env.SMTP_URL,
          publicUrl: process.env.PUBLIC_URL || `http://localhost:${numberFromEnv('PORT') ?? DEFAULT_PORT}`,
          from: process.env.SMTP_FROM || undefined,
        }
      : undefined,
  })
  let stopping = false
  const stop = (signal: string) => {
    // A second signal (e.g. Ctrl-C reaching both `pnpm start` and us) must not cut the flush short.
    if (stopping) return
    stopping = true
    process.stderr.write(`[perspektiv] ${signal}: storing pending changes and stopping\n`)
    server.close().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`[perspektiv] shutdown failed: ${(err as Error).message}\n`)
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runFromCommandLine(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`perspektiv: cannot start: ${(err as Error).message}\n`)
    process.exit(1)
  })
}
