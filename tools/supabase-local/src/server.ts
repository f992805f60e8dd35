// Composes the local Supabase-compatible server: embedded Postgres, the
// migrations, and one HTTP port carrying /rest/v1, /auth/v1, /storage/v1 and
// the mail catcher, behind a gateway that behaves like hosted Supabase's.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import { loadConfig, type ConfigOverrides, type LocalConfig } from './config.ts'
import type { GatewayVariables, ServiceContext } from './context.ts'
import { gateway } from './gateway.ts'
import { createKeyRing } from './keys.ts'
import { applyMigrations, applySeed } from './migrations.ts'
import { createPools, startCluster } from './postgres.ts'
import { createRestService } from './rest/index.ts'
import { createAuthService } from './auth/index.ts'
import { createStorageService, seedStorage } from './storage/index.ts'
import { createMailbox, createMailService } from './mail/index.ts'
import type { Service } from './service.ts'

export interface LocalSupabase {
  config: LocalConfig
  apiUrl: string
  dbUrl: string
  mailUrl: string
  anonKey: string
  serviceRoleKey: string
  publishableKey: string
  secretKey: string
  jwtSecret: string
  /** JSON written to the status file. */
  status(): Record<string, string>
  stop(): Promise<void>
}

const EXPOSED_HEADERS = [
  'Content-Range', 'Content-Location', 'Content-Type', 'Location', 'X-Total-Count', 'Link',
  'X-Supabase-Api-Version', 'x-sb-error-code', 'Preference-Applied', 'Proxy-Status', 'Content-Disposition', 'ETag',
].join(', ')

export async function startLocalSupabase(
  overrides: ConfigOverrides & { reset?: boolean } = {},
): Promise<LocalSupabase> {
  const config = loadConfig(overrides)
  const log = (m: string) => {
    if (!config.quiet) console.log(`[supabase-local] ${m}`)
  }
  if (overrides.reset) rmSync(config.dataDir, { recursive: true, force: true })
  mkdirSync(config.dataDir, { recursive: true })

  const cluster = await startCluster(config, log)
  const services: Service[] = []
  let server: ServerType | null = null
  let db: ReturnType<typeof createPools> | null = null
  const stop = async () => {
    if (server) await new Promise<void>((r) => server!.close(() => r()))
    for (const s of services) await s.close?.().catch(() => {})
    await db?.end()
    await cluster.stop()
    if (config.statusFile) rmSync(config.statusFile, { force: true })
  }

  try {
    const applied = await applyMigrations(cluster.dbUrl, config.migrationsDir)
    if (applied.length) log(`migrations appliquées : ${applied.join(', ')}`)
    db = createPools(cluster.port)
    const keys = await createKeyRing(config)
    const mailbox = createMailbox(config)
    const ctx: ServiceContext = { config, db, keys, mailer: mailbox, log }

    const rest = await createRestService(ctx)
    const auth = await createAuthService(ctx)
    const storage = await createStorageService(ctx)
    const mail = createMailService(ctx, mailbox)
    services.push(rest, auth, storage, mail)

    if (cluster.fresh) {
      if (await applySeed(cluster.dbUrl, config.seedFile)) log('seed.sql appliqué')
      await seedStorage(ctx, path.join(config.projectRoot, 'supabase', 'seed-storage'))
    }

    const app = new Hono<{ Variables: GatewayVariables }>()
    app.use('*', async (c, next) => {
      const origin = c.req.header('origin') ?? '*'
      if (c.req.method === 'OPTIONS') {
        return new Response(null, {
          status: 204,
          headers: {
            'Access-Control-Allow-Origin': origin,
            'Access-Control-Allow-Methods': 'GET,POST,PATCH,PUT,DELETE,OPTIONS,HEAD',
            'Access-Control-Allow-Headers': c.req.header('access-control-request-headers') ?? '*',
            'Access-Control-Allow-Credentials': 'true',
            'Access-Control-Max-Age': '86400',
            Vary: 'Origin',
          },
        })
      }
      await next()
      c.res.headers.set('Access-Control-Allow-Origin', origin)
      c.res.headers.set('Access-Control-Allow-Credentials', 'true')
      c.res.headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS)
      c.res.headers.append('Vary', 'Origin')
    })
    app.onError((err, c) => {
      log(`erreur interne: ${err?.stack ?? err}`)
      return c.json({ message: 'Internal Server Error' }, 500)
    })
    app.use('/rest/v1/*', gateway(ctx))
    app.use('/auth/v1/*', gateway(ctx))
    app.use('/storage/v1/*', gateway(ctx))
    app.route('/rest/v1', rest.app)
    app.route('/auth/v1', auth.app)
    app.route('/storage/v1', storage.app)
    app.route('/mail', mail.app)
    app.get('/', (c) => c.json({ name: 'supabase-local', rest: '/rest/v1', auth: '/auth/v1', storage: '/storage/v1', mail: '/mail' }))

    await new Promise<void>((resolve, reject) => {
      server = serve({ fetch: app.fetch, port: config.port, hostname: '127.0.0.1' }, () => resolve())
      server.once('error', reject)
    })

    const handle: LocalSupabase = {
      config,
      apiUrl: config.apiUrl,
      dbUrl: cluster.dbUrl,
      mailUrl: config.mailUrl,
      anonKey: keys.anonKey,
      serviceRoleKey: keys.serviceRoleKey,
      publishableKey: keys.publishableKey,
      secretKey: keys.secretKey,
      jwtSecret: keys.jwtSecret,
      status: () => ({
        api_url: config.apiUrl,
        db_url: cluster.dbUrl,
        anon_key: keys.anonKey,
        service_role_key: keys.serviceRoleKey,
        publishable_key: keys.publishableKey,
        secret_key: keys.secretKey,
        jwt_secret: keys.jwtSecret,
        mail_url: config.mailUrl,
      }),
      stop,
    }
    if (config.statusFile) {
      mkdirSync(path.dirname(config.statusFile), { recursive: true })
      writeFileSync(config.statusFile, JSON.stringify(handle.status(), null, 2))
    }
    return handle
  } catch (e) {
    await stop().catch(() => {})
    throw e
  }
}
