// Shared test plumbing: a sandbox on a free port, a local notify_url receiver,
// and request builders. Every server listens on port 0.
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startCinetPaySandbox, type CinetPaySandbox, type CinetPaySandboxOptions } from '../src/server.ts'

export const CREDENTIALS = { apiKey: 'test-apikey-123.456', siteId: '5867321', secretKey: 'test-secret-key-abc' }
export const UA = { 'user-agent': 'nourx-tests/1.0' }

export async function startSandbox(overrides: Partial<CinetPaySandboxOptions> = {}): Promise<CinetPaySandbox> {
  return startCinetPaySandbox({ port: 0, quiet: true, ...CREDENTIALS, ...overrides })
}

export interface ReceivedRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
  form: Record<string, string>
  /** Keys in the order they were posted. */
  keys: string[]
  at: number
}

/** A notify_url / return_url stand-in that records what it receives. */
export async function startReceiver(respond: (req: ReceivedRequest) => number | Promise<number> = () => 200) {
  const received: ReceivedRequest[] = []
  const waiters: (() => void)[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const params = new URLSearchParams(body)
      const r: ReceivedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        form: Object.fromEntries(params),
        keys: [...params.keys()],
        at: Date.now(),
      }
      received.push(r)
      const status = await respond(r)
      res.writeHead(status, { 'content-type': 'text/plain' }).end('ok')
      for (const w of waiters.splice(0)) w()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    base,
    notifyUrl: `${base}/api/webhooks/cinetpay`,
    returnUrl: `${base}/factures-devis/42/paiement/retour`,
    received,
    /** Resolves when `n` requests have arrived (rejects after `timeoutMs`). */
    async waitFor(n: number, timeoutMs = 5000): Promise<ReceivedRequest[]> {
      const deadline = Date.now() + timeoutMs
      while (received.length < n) {
        const left = deadline - Date.now()
        if (left <= 0) throw new Error(`only ${received.length}/${n} requests received after ${timeoutMs} ms`)
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left)
          waiters.push(() => {
            clearTimeout(t)
            resolve()
          })
        })
      }
      return received.slice(0, n)
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r())
        server.closeAllConnections()
      }),
  }
}

let seq = 0
/** A unique transaction id, like the app would make (short, alphanumeric). */
export function txId(prefix = 'NX'): string {
  return `${prefix}${Date.now().toString(36).toUpperCase()}${(++seq).toString(36).toUpperCase()}`
}

export function initBody(urls: { notifyUrl: string; returnUrl: string }, overrides: Record<string, unknown> = {}) {
  return {
    apikey: CREDENTIALS.apiKey,
    site_id: CREDENTIALS.siteId,
    transaction_id: txId(),
    amount: 12500,
    currency: 'XOF',
    description: 'Facture FAC-2026-0042',
    notify_url: urls.notifyUrl,
    return_url: urls.returnUrl,
    channels: 'ALL',
    lang: 'fr',
    metadata: Buffer.from(JSON.stringify({ invoice: 42 })).toString('base64'),
    ...overrides,
  }
}

export const CARD_CUSTOMER = {
  customer_id: 'client-7',
  customer_name: 'Kouassi',
  customer_surname: 'Aya',
  customer_email: 'client@acme.test',
  customer_phone_number: '+2250707070707',
  customer_address: 'Rue des Jardins, Cocody',
  customer_city: 'Abidjan',
  customer_country: 'CI',
  customer_state: 'CI',
  customer_zip_code: '00225',
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = UA) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
  const text = await res.text()
  let json: any
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, json, text, headers: res.headers }
}

export async function init(sandbox: CinetPaySandbox, body: unknown, headers?: Record<string, string>) {
  return postJson(`${sandbox.url}/v2/payment`, body, headers)
}

export async function check(sandbox: CinetPaySandbox, fields: Record<string, unknown>) {
  return postJson(`${sandbox.url}/v2/payment/check`, { apikey: CREDENTIALS.apiKey, site_id: CREDENTIALS.siteId, ...fields })
}

/** Creates a transaction and returns its id, token and payment_url. */
export async function createPayment(
  sandbox: CinetPaySandbox,
  urls: { notifyUrl: string; returnUrl: string },
  overrides: Record<string, unknown> = {},
) {
  const body = initBody(urls, overrides)
  const res = await init(sandbox, body)
  if (res.json?.code !== '201') throw new Error(`init failed: ${res.text}`)
  return { transactionId: body.transaction_id as string, token: res.json.data.payment_token as string, paymentUrl: res.json.data.payment_url as string, body }
}

export const API_RESPONSE_ID = /^\d{10}\.\d{4}$/
