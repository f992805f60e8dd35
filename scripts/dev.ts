// `npm run dev`: the whole local stack in one command.
//
//   1. the local Supabase server (tools/supabase-local: Postgres + migrations +
//      seed, REST, Auth, Storage, mail catcher), waited for through its status file;
//   2. the CinetPay sandbox (tools/cinetpay-sandbox) when it exists;
//   3. the app on workerd through Vite (React Router dev), on PORT (5173).
//
// Two modes (docs/decisions/005-isolated-dev-stack.md):
//   - default: the developer's `.dev.vars` is used, and written for the local
//     stack when it does not exist yet;
//   - isolated, as soon as PORT, SUPABASE_LOCAL_PORT, SUPABASE_LOCAL_DATA_DIR,
//     SUPABASE_LOCAL_STATUS_FILE or CINETPAY_SANDBOX_PORT is set (or with
//     --isolated): a Wrangler config and its `.dev.vars` are generated in a
//     temp dir for exactly this stack, so tests can run the whole thing on
//     free ports and a throwaway database next to a developer's own stack,
//     without reading or touching `.dev.vars` or `.wrangler/state`.
//
// Ctrl-C / SIGTERM stops everything: Vite's and the sandbox's process groups,
// then the Supabase server, which stops Postgres cleanly before exiting.
// NOURX_DEV_STATUS_FILE, when set, receives the URLs as JSON once the app
// answers (the E2E global setup waits for it).
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parse as parseToml } from 'smol-toml'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const env = process.env

const STACK_VARS = [
  'PORT',
  'SUPABASE_LOCAL_PORT',
  'SUPABASE_LOCAL_DATA_DIR',
  'SUPABASE_LOCAL_STATUS_FILE',
  'CINETPAY_SANDBOX_PORT',
] as const
// --production (or NOURX_DEV_PRODUCTION=1): the app is built and served as it ships
// (`react-router build`, then `vite preview` on workerd) instead of Vite's dev server.
// E2E runs this way; it implies an isolated stack (the build needs its own config).
const production = process.argv.includes('--production') || env.NOURX_DEV_PRODUCTION === '1'
const isolated = production || process.argv.includes('--isolated') || STACK_VARS.some((name) => env[name])

const appPort = Number(env.PORT || 5173)
const supabasePort = Number(env.SUPABASE_LOCAL_PORT || 54321)
const sandboxPort = Number(env.CINETPAY_SANDBOX_PORT || 54330)
const appUrl = `http://localhost:${appPort}`

const DEMO_PASSWORD = 'demo-nourx-2026'
const DEMO_LOGINS = [
  ['admin@nourx.test', 'administrateur NOURX'],
  ['client@acme.test', 'client « ACME Côte d’Ivoire »'],
  ['client@baobab.test', 'client « Baobab Studio »'],
] as const

// Sandbox credentials (tools/cinetpay-sandbox/src/defaults.ts): local only.
const CINETPAY_LOCAL = {
  apiKey: 'nourx-local-cinetpay-apikey',
  siteId: '105900001',
  secretKey: 'nourx-local-cinetpay-secret-key',
}

const workDir = mkdtempSync(path.join(os.tmpdir(), 'nourx-dev-'))
const statusFile = env.SUPABASE_LOCAL_STATUS_FILE
  ? path.resolve(root, env.SUPABASE_LOCAL_STATUS_FILE)
  : path.join(workDir, 'supabase-status.json')

interface Managed {
  name: string
  child: ChildProcess
  exited: Promise<number | null>
  /** Stop by signalling the main process only (it cleans up its own children). */
  gentle: boolean
}
const children: Managed[] = []
let shuttingDown = false

function log(message: string) {
  console.log(`[dev] ${message}`)
}

function prefixLines(name: string, stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream) {
  if (!stream) return
  let buffer = ''
  stream.setEncoding('utf8')
  stream.on('data', (chunk: string) => {
    buffer += chunk
    const lines = buffer.split('\n')
    buffer = lines.pop() ?? ''
    for (const line of lines) out.write(`[${name}] ${line}\n`)
  })
  stream.on('end', () => {
    if (buffer) out.write(`[${name}] ${buffer}\n`)
  })
}

function start(
  name: string,
  args: string[],
  extraEnv: Record<string, string>,
  gentle: boolean,
  { expectExit = false }: { expectExit?: boolean } = {},
): Managed {
  // detached: each child leads its own process group, so the whole group
  // (workerd under Vite, postgres under the Supabase server) can be reached.
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  prefixLines(name, child.stdout, process.stdout)
  prefixLines(name, child.stderr, process.stderr)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const managed = { name, child, exited, gentle }
  children.push(managed)
  void exited.then((code) => {
    if (expectExit) {
      children.splice(children.indexOf(managed), 1)
      return
    }
    if (!shuttingDown) {
      console.error(`[dev] ${name} s’est arrêté de lui-même (code ${code}) : arrêt de la pile.`)
      void shutdown(1)
    }
  })
  return managed
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0)
    return true
  } catch {
    return false
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal)
  } catch {}
}

async function stopChild(m: Managed, timeoutMs: number) {
  const pid = m.child.pid
  if (!pid) return
  if (m.child.exitCode === null && m.child.signalCode === null) {
    if (m.gentle) {
      try {
        m.child.kill('SIGTERM')
      } catch {}
    } else {
      signalGroup(pid, 'SIGTERM')
    }
    const timedOut = await Promise.race([
      m.exited.then(() => false),
      new Promise<boolean>((r) => setTimeout(() => r(true), timeoutMs)),
    ])
    if (timedOut) log(`${m.name} ne répond pas à SIGTERM, SIGKILL.`)
  }
  // Whatever is left in the group (an orphaned workerd or postgres) goes too.
  const deadline = Date.now() + 5000
  while (groupAlive(pid) && Date.now() < deadline) {
    signalGroup(pid, 'SIGTERM')
    await new Promise((r) => setTimeout(r, 200))
  }
  if (groupAlive(pid)) signalGroup(pid, 'SIGKILL')
}

async function shutdown(code: number) {
  if (shuttingDown) return
  shuttingDown = true
  log('arrêt…')
  // The app first (it talks to the others), the database last.
  const order = ['app', 'cinetpay', 'supabase']
  for (const name of order) {
    const m = children.find((c) => c.name === name)
    if (m) await stopChild(m, name === 'supabase' ? 30_000 : 10_000)
  }
  rmSync(workDir, { recursive: true, force: true })
  if (env.NOURX_DEV_STATUS_FILE) rmSync(env.NOURX_DEV_STATUS_FILE, { force: true })
  log('tout est arrêté.')
  process.exit(code)
}

process.on('SIGINT', () => void shutdown(0))
process.on('SIGTERM', () => void shutdown(0))
process.on('SIGHUP', () => void shutdown(0))
// Started by a test harness (tests/support/stack.ts): when the harness dies
// without stopping us (killed, timed out), its end of our stdin closes, and
// the whole stack goes with it instead of lingering as orphans.
if (env.NOURX_DEV_EXIT_WITH_STDIN === '1') {
  process.stdin.on('end', () => void shutdown(0))
  process.stdin.on('error', () => void shutdown(0))
  process.stdin.resume()
}
// Last resort if this process dies another way: no orphan groups.
process.on('exit', () => {
  for (const m of children) if (m.child.pid) signalGroup(m.child.pid, 'SIGKILL')
})

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

async function waitFor<T>(what: string, probe: () => Promise<T | null> | T | null, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (shuttingDown) throw new Error('arrêt en cours')
    const value = await probe()
    if (value !== null) return value
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${what} n’a pas répondu en ${Math.round(timeoutMs / 1000)} s`)
}

interface SupabaseStatus {
  api_url: string
  db_url: string
  anon_key: string
  service_role_key: string
  publishable_key: string
  secret_key: string
  mail_url: string
}

function appVars(status: SupabaseStatus, cinetpayUrl: string | null): Record<string, string> {
  return {
    APP_URL: appUrl,
    SUPABASE_URL: status.api_url,
    SUPABASE_ANON_KEY: status.publishable_key,
    SUPABASE_SERVICE_ROLE_KEY: status.secret_key,
    CINETPAY_APIKEY: CINETPAY_LOCAL.apiKey,
    CINETPAY_SITE_ID: CINETPAY_LOCAL.siteId,
    CINETPAY_SECRET_KEY: CINETPAY_LOCAL.secretKey,
    CINETPAY_API_URL: cinetpayUrl ?? `http://127.0.0.1:${sandboxPort}`,
    EMAIL_API_URL: status.mail_url,
    EMAIL_API_KEY: 'local-mail-catcher',
    EMAIL_FROM: 'NOURX <noreply@nourx.test>',
    SENTRY_DSN: '',
    POSTHOG_KEY: '',
    POSTHOG_HOST: 'https://eu.i.posthog.com',
  }
}

const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`

function devVarsText(vars: Record<string, string>, header: string): string {
  return `${header}\n${Object.entries(vars)
    .map(([k, v]) => `${k}=${quote(v)}`)
    .join('\n')}\n`
}

function parseDevVars(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line)
    if (!m) continue
    out[m[1]] = m[2].replace(/^(["'`])(.*)\1$/, '$2')
  }
  return out
}

/**
 * The isolated Wrangler config: wrangler.toml as JSON with absolute paths,
 * in a temp dir whose `.dev.vars` is the one wrangler/vite-plugin will load
 * (they look for it next to the config file). The plain variables are also
 * written into the config itself: a production build copies only the
 * secrets of `.dev.vars` next to its output.
 */
function writeIsolatedConfig(vars: Record<string, string>): string {
  const config = parseToml(readFileSync(path.join(root, 'wrangler.toml'), 'utf8')) as Record<string, unknown>
  config.main = path.join(root, String(config.main))
  const plain = (config.vars ?? {}) as Record<string, string>
  config.vars = Object.fromEntries(Object.keys(plain).map((key) => [key, vars[key] ?? plain[key]]))
  const configPath = path.join(workDir, 'wrangler.json')
  writeFileSync(configPath, JSON.stringify(config, null, 2))
  writeFileSync(
    path.join(workDir, '.dev.vars'),
    devVarsText(vars, '# Generated by scripts/dev.ts for an isolated stack; deleted on exit.'),
  )
  return configPath
}

async function main() {
  if (!(await portFree(appPort))) {
    throw new Error(`Le port ${appPort} de l’application est déjà utilisé (variable PORT).`)
  }
  log(isolated ? `pile isolée (dossier temporaire ${workDir})` : 'pile locale')

  // 1. Supabase
  rmSync(statusFile, { force: true })
  start(
    'supabase',
    [path.join(root, 'tools/supabase-local/src/main.ts')],
    { SUPABASE_LOCAL_STATUS_FILE: statusFile, SUPABASE_LOCAL_PORT: String(supabasePort) },
    true,
  )
  const status = await waitFor<SupabaseStatus>(
    'Supabase local',
    () => (existsSync(statusFile) ? (JSON.parse(readFileSync(statusFile, 'utf8')) as SupabaseStatus) : null),
    180_000,
  )

  // 2. CinetPay sandbox, when the tool exists
  const sandboxMain = path.join(root, 'tools/cinetpay-sandbox/src/main.ts')
  let cinetpayUrl: string | null = null
  if (existsSync(sandboxMain)) {
    start(
      'cinetpay',
      [sandboxMain],
      {
        CINETPAY_SANDBOX_PORT: String(sandboxPort),
        CINETPAY_APIKEY: CINETPAY_LOCAL.apiKey,
        CINETPAY_SITE_ID: CINETPAY_LOCAL.siteId,
        CINETPAY_SECRET_KEY: CINETPAY_LOCAL.secretKey,
      },
      false,
    )
    await waitFor('Bac à sable CinetPay', async () => ((await portOpen(sandboxPort)) ? true : null), 30_000)
    cinetpayUrl = `http://127.0.0.1:${sandboxPort}`
  } else {
    log('tools/cinetpay-sandbox absent : pas de bac à sable CinetPay.')
  }

  // 3. The app's variables
  const vars = appVars(status, cinetpayUrl)
  // No request to workers.cloudflare.com for a `Request.cf` sample (offline machines).
  const viteEnv: Record<string, string> = { PORT: String(appPort), CLOUDFLARE_CF_FETCH_ENABLED: 'false' }
  if (isolated) {
    viteEnv.NOURX_DEV_WRANGLER_CONFIG = writeIsolatedConfig(vars)
    viteEnv.NOURX_DEV_STATE_DIR = path.join(workDir, 'wrangler-state')
    viteEnv.NOURX_DEV_VITE_CACHE_DIR = path.join(workDir, 'vite-cache')
  } else {
    const devVarsPath = path.join(root, '.dev.vars')
    if (!existsSync(devVarsPath)) {
      writeFileSync(
        devVarsPath,
        devVarsText(
          vars,
          '# Written by `npm run dev` for the local stack (see .dev.vars.example). Edit freely;\n# delete this file to have it written again.',
        ),
      )
      log('.dev.vars écrit pour la pile locale.')
    } else {
      const current = parseDevVars(readFileSync(devVarsPath, 'utf8'))
      for (const key of ['APP_URL', 'SUPABASE_URL', 'CINETPAY_API_URL'] as const) {
        if (current[key] && current[key] !== vars[key]) {
          log(`attention : .dev.vars a ${key}=${current[key]} mais la pile locale est sur ${vars[key]}.`)
        }
      }
    }
  }

  // 4. The app: Vite's dev server, or the production build served by `vite preview`
  if (production) {
    viteEnv.NOURX_BUILD_DIR = path.join(workDir, 'build')
    log('build de production…')
    const build = start(
      'build',
      [path.join(root, 'node_modules/@react-router/dev/bin.js'), 'build'],
      viteEnv,
      false,
      { expectExit: true },
    )
    const code = await build.exited
    if (code !== 0) throw new Error(`le build de production a échoué (code ${code})`)
    start(
      'app',
      [path.join(root, 'node_modules/vite/bin/vite.js'), 'preview', '--port', String(appPort), '--strictPort'],
      viteEnv,
      false,
    )
  } else {
    start(
      'app',
      [
        '--import',
        pathToFileURL(path.join(root, 'scripts/dev-guard.ts')).href,
        path.join(root, 'node_modules/@react-router/dev/bin.js'),
        'dev',
        '--port',
        String(appPort),
        '--strictPort',
      ],
      viteEnv,
      false,
    )
  }
  await waitFor(
    'L’application',
    async () => {
      try {
        const res = await fetch(`${appUrl}/connexion`, { redirect: 'manual', signal: AbortSignal.timeout(30_000) })
        return res.status > 0 ? true : null
      } catch {
        return null
      }
    },
    180_000,
  )

  const urls = {
    app_url: appUrl,
    supabase_url: status.api_url,
    mail_url: status.mail_url,
    db_url: status.db_url,
    cinetpay_url: cinetpayUrl,
  }
  if (env.NOURX_DEV_STATUS_FILE) {
    mkdirSync(path.dirname(env.NOURX_DEV_STATUS_FILE), { recursive: true })
    writeFileSync(env.NOURX_DEV_STATUS_FILE, JSON.stringify(urls, null, 2))
  }
  console.log(`
  Espace Client NOURX — pile locale prête

    Application        ${appUrl}
    Supabase (API)     ${status.api_url}
    Boîte mail locale  ${status.mail_url}
    Base de données    ${status.db_url}
    CinetPay (bac)     ${cinetpayUrl ?? '—'}

  Comptes de démonstration (mot de passe : ${DEMO_PASSWORD})
${DEMO_LOGINS.map(([email, label]) => `    ${email.padEnd(20)} ${label}`).join('\n')}

  Ctrl-C arrête tout.
`)
}

main().catch((error) => {
  console.error(`\n✖ ${error instanceof Error ? error.message : error}\n`)
  void shutdown(1)
})
