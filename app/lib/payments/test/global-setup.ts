// Runs in Node, outside workerd, once per test run: starts the local CinetPay
// sandbox (tools/cinetpay-sandbox) and a small notify_url receiver on free
// ports, and hands their URLs to the tests through `provide` (read in the
// Workers runtime with `inject('cinetpay')`). Everything is stopped on teardown.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { TestProject } from 'vitest/node'
import { startCinetPaySandbox } from '../../../../tools/cinetpay-sandbox/src/index.ts'
import { SANDBOX_CREDENTIALS } from './constants.ts'

export default async function setup(project: TestProject) {
  const sandbox = await startCinetPaySandbox({ port: 0, quiet: true, ...SANDBOX_CREDENTIALS })

  // notify_url / return_url stand-in: records every request as received
  // (method, headers, raw body), keyed by nothing; tests fetch GET /received.
  const received: { method: string; path: string; headers: Record<string, string>; body: string }[] = []
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/received') {
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

  project.provide('cinetpay', { sandboxUrl: sandbox.url, receiverUrl, ...SANDBOX_CREDENTIALS })

  return async () => {
    await sandbox.stop()
    await new Promise<void>((resolve) => {
      receiver.close(() => resolve())
      receiver.closeAllConnections()
    })
  }
}
