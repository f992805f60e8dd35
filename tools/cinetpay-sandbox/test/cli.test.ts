// The CLI entry: env configuration, foreground run, clean stop on signals.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { LOCAL_DEFAULTS } from '../src/defaults.ts'
import { postJson } from './helpers.ts'

const MAIN = path.join(import.meta.dirname, '..', 'src', 'main.ts')
const children: ChildProcess[] = []
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL')
})

function run(env: Record<string, string>) {
  // process.execPath is Node 24 here (vitest runs on it), which runs .ts directly.
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready:\n${out}`)), 10_000)
    child.stdout!.on('data', () => {
      const m = /CINETPAY_API_URL: (http:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    child.on('exit', () => reject(new Error(`exited early:\n${out}`)))
  })
  return { child, ready, exited, output: () => out }
}

const payment = (creds: { apikey: string; site_id: string }) => ({
  ...creds,
  transaction_id: `CLI${Date.now()}`,
  amount: 1000,
  currency: 'XOF',
  description: 'Test CLI',
  notify_url: 'http://127.0.0.1:9/notify',
  return_url: 'http://127.0.0.1:9/retour',
})

describe('main.ts', () => {
  it('takes port and credentials from the environment and stops cleanly on SIGTERM', async () => {
    const p = run({ CINETPAY_SANDBOX_PORT: '0', CINETPAY_APIKEY: 'cli-key', CINETPAY_SITE_ID: '777', CINETPAY_SECRET_KEY: 'cli-secret', CINETPAY_SANDBOX_QUIET: '' })
    const url = await p.ready
    expect((await postJson(`${url}/v2/payment`, payment({ apikey: 'cli-key', site_id: '777' }))).json.code).toBe('201')
    expect((await postJson(`${url}/v2/payment`, payment({ apikey: LOCAL_DEFAULTS.apiKey, site_id: '777' }))).json.code).toBe('609')
    p.child.kill('SIGTERM')
    expect(await p.exited).toBe(0)
    expect(p.output()).toContain('SIGTERM reçu')
    await expect(fetch(url)).rejects.toThrow()
  })

  it('uses the documented local defaults and stops on SIGINT', async () => {
    const p = run({ CINETPAY_SANDBOX_PORT: '0', CINETPAY_APIKEY: '', CINETPAY_SITE_ID: '', CINETPAY_SECRET_KEY: '' })
    const url = await p.ready
    expect(p.output()).toContain(`site_id: ${LOCAL_DEFAULTS.siteId}`)
    expect((await postJson(`${url}/v2/payment`, payment({ apikey: LOCAL_DEFAULTS.apiKey, site_id: LOCAL_DEFAULTS.siteId }))).json.code).toBe('201')
    p.child.kill('SIGINT')
    expect(await p.exited).toBe(0)
  })

  it('refuses an invalid port', async () => {
    const p = run({ CINETPAY_SANDBOX_PORT: 'abc' })
    p.ready.catch(() => undefined)
    expect(await p.exited).toBe(1)
    expect(p.output()).toContain('CINETPAY_SANDBOX_PORT invalide')
  })
})
