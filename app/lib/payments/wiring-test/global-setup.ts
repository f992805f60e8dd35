// Runs in Node, once per run: a throwaway local Supabase (the app's
// migrations and seed, free port, temp data dir), the CinetPay sandbox, and a
// notify_url stand-in that records what the sandbox sends (the tests replay
// those exact requests into the webhook running in workerd).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { WIRING_CREDENTIALS } from './constants.ts'

const projectRoot = path.resolve(import.meta.dirname, '../../../..')

// The tools are Node programs outside this (Workers) TypeScript project: loaded
// dynamically so the app's typecheck does not pull them in.
const tool = (relative: string) => import(/* @vite-ignore */ path.join(projectRoot, relative))

export default async function setup(project: TestProject) {
  const { startCinetPaySandbox } = await tool('tools/cinetpay-sandbox/src/index.ts')
  const { findFreePort } = await tool('tools/supabase-local/src/postgres.ts')
  const { startLocalSupabase } = await tool('tools/supabase-local/src/server.ts')
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nourx-payments-wiring-'))
  chmodSync(dataDir, 0o755)
  const supabase = await startLocalSupabase({ projectRoot, dataDir, port: await findFreePort(), statusFile: null, quiet: true })
  const sandbox = await startCinetPaySandbox({ port: 0, quiet: true, ...WIRING_CREDENTIALS })

  const received: { method: string; path: string; headers: Record<string, string>; body: string }[] = []
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      if (req.method === 'GET' && req.url?.startsWith('/received')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(received))
        return
      }
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value
      received.push({ method: req.method ?? '', path: req.url ?? '', headers, body: Buffer.concat(chunks).toString('utf8') })
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()))
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`

  project.provide('wiring', {
    supabaseUrl: supabase.apiUrl,
    anonKey: supabase.anonKey,
    serviceRoleKey: supabase.serviceRoleKey,
    sandboxUrl: sandbox.url,
    receiverUrl,
    ...WIRING_CREDENTIALS,
  })

  return async () => {
    await sandbox.stop()
    await new Promise<void>((resolve) => {
      receiver.close(() => resolve())
      receiver.closeAllConnections()
    })
    await supabase.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
