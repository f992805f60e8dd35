// Runs the whole local stack (scripts/dev.ts: Supabase + CinetPay sandbox +
// the app on workerd) on free ports and a throwaway data dir, for E2E tests.
// The developer's `.dev.vars`, database and ports are never touched: dev.ts
// switches to its isolated mode as soon as ports are given.
import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export interface StackUrls {
  app_url: string
  supabase_url: string
  mail_url: string
  db_url: string
  cinetpay_url: string | null
}

export interface RunningStack extends StackUrls {
  /** Publishable and secret keys of the local Supabase (CLI defaults). */
  anonKey: string
  serviceRoleKey: string
  stop(): Promise<void>
}

/** A port the OS just handed out (then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** Two consecutive free ports (Supabase puts Postgres on port + 1 when free). */
async function freePortPair(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const port = await freePort()
    const next = await new Promise<boolean>((resolve) => {
      const s = net.createServer()
      s.once('error', () => resolve(false))
      s.listen(port + 1, '127.0.0.1', () => s.close(() => resolve(true)))
    })
    if (next) return port
  }
  return freePort()
}

export async function startStack(
  options: {
    timeoutMs?: number
    log?: (line: string) => void
    /** The app as it ships (production build on workerd) rather than Vite's dev server. */
    production?: boolean
  } = {},
): Promise<RunningStack> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nourx-e2e-'))
  // Postgres runs as its own system user when tests run as root: it must be
  // able to traverse the data dir's parents.
  chmodSync(dir, 0o755)
  const statusFile = path.join(dir, 'stack.json')
  const env = {
    ...process.env,
    PORT: String(await freePort()),
    SUPABASE_LOCAL_PORT: String(await freePortPair()),
    SUPABASE_LOCAL_DATA_DIR: path.join(dir, 'supabase'),
    SUPABASE_LOCAL_STATUS_FILE: path.join(dir, 'supabase-status.json'),
    SUPABASE_LOCAL_QUIET: '1',
    CINETPAY_SANDBOX_PORT: String(await freePort()),
    CINETPAY_SANDBOX_QUIET: '1',
    NOURX_DEV_STATUS_FILE: statusFile,
    // If this process dies without calling stop(), the stack notices (its
    // stdin closes) and shuts itself down.
    NOURX_DEV_EXIT_WITH_STDIN: '1',
    NOURX_DEV_PRODUCTION: options.production ? '1' : '',
  }
  const output: string[] = []
  const child: ChildProcess = spawn(process.execPath, [path.join(projectRoot, 'scripts/dev.ts')], {
    cwd: projectRoot,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue
      output.push(line)
      if (output.length > 400) output.shift()
      options.log?.(line)
    }
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const done = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 60_000))])
      if (!done) child.kill('SIGKILL')
    }
    rmSync(dir, { recursive: true, force: true })
  }

  const deadline = Date.now() + (options.timeoutMs ?? 240_000)
  while (!existsSync(statusFile)) {
    if (child.exitCode !== null) {
      await stop()
      throw new Error(`scripts/dev.ts s’est arrêté (code ${child.exitCode}) :\n${output.slice(-60).join('\n')}`)
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`La pile n’a pas démarré à temps :\n${output.slice(-60).join('\n')}`)
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  const urls = JSON.parse(readFileSync(statusFile, 'utf8')) as StackUrls
  const supabaseStatus = JSON.parse(readFileSync(env.SUPABASE_LOCAL_STATUS_FILE, 'utf8')) as {
    publishable_key: string
    secret_key: string
  }
  return { ...urls, anonKey: supabaseStatus.publishable_key, serviceRoleKey: supabaseStatus.secret_key, stop }
}
