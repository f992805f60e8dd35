// Shared helpers of the wiring tests (run inside workerd). They talk to the
// real local Supabase and the CinetPay sandbox started by global-setup.ts.
import { createClient } from '@supabase/supabase-js'
import { createExecutionContext } from 'cloudflare:test'
import { inject } from 'vitest'
import { createFetchHandler } from '../../../../workers/fetch.ts'
import { handleCinetPayWebhook } from '../../../../workers/webhooks/cinetpay.ts'
import type { AppSupabaseClient } from '../../supabase.server.ts'
import type { PaymentCheckMessage } from '../messages.ts'
import type { PaymentCheckQueue, PaymentDeps } from '../deps.server.ts'
import { signXToken } from '../x-token.ts'

export const ACME_CLIENT_ID = '20000000-0000-4000-8000-000000000001'
export const ACME_USER = 'client@acme.test'
export const BAOBAB_USER = 'client@baobab.test'
export const DEMO_PASSWORD = 'demo-nourx-2026'
/** APP_URL of the app under test: the notify_url stand-in, so the sandbox's notifications are recorded. */
export const stack = () => inject('wiring')

export function adminClient(): AppSupabaseClient {
  const s = stack()
  return createClient(s.supabaseUrl, s.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  }) as AppSupabaseClient
}

export async function userClient(email: string): Promise<{ client: AppSupabaseClient; user: { id: string; email: string } }> {
  const s = stack()
  const client = createClient(s.supabaseUrl, s.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  }) as AppSupabaseClient
  const { data, error } = await client.auth.signInWithPassword({ email, password: DEMO_PASSWORD })
  if (error || !data.user) throw new Error(`connexion ${email} : ${error?.message}`)
  return { client, user: { id: data.user.id, email } }
}

/** A queue producer that records what is sent (the real binding is exercised in the E2E stack). */
export class FakeQueue implements PaymentCheckQueue {
  sent: { message: PaymentCheckMessage; delaySeconds?: number }[] = []
  async send(message: PaymentCheckMessage, options?: { delaySeconds?: number }) {
    this.sent.push({ message, delaySeconds: options?.delaySeconds })
  }
}

export function testDeps(overrides: Partial<PaymentDeps> = {}): PaymentDeps & { queue: FakeQueue } {
  const s = stack()
  const queue = new FakeQueue()
  return {
    admin: adminClient(),
    cinetpay: { apiUrl: s.sandboxUrl, apiKey: s.apiKey, siteId: s.siteId, timeoutMs: 5_000 },
    queue,
    ...overrides,
  } as PaymentDeps & { queue: FakeQueue }
}

/** Worker bindings that pass parseEnv(). */
export function bindings(): Record<string, string> {
  const s = stack()
  return {
    APP_URL: s.receiverUrl,
    SUPABASE_URL: s.supabaseUrl,
    SUPABASE_ANON_KEY: s.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: s.serviceRoleKey,
    CINETPAY_APIKEY: s.apiKey,
    CINETPAY_SITE_ID: s.siteId,
    CINETPAY_SECRET_KEY: s.secretKey,
    CINETPAY_API_URL: s.sandboxUrl,
    EMAIL_API_URL: 'http://127.0.0.1:9',
    EMAIL_API_KEY: 'unused',
    EMAIL_FROM: 'NOURX <noreply@nourx.test>',
  }
}

/**
 * The Worker's real fetch handler (dispatch order, no CSRF on the webhook,
 * security headers) with the payments deps injected. React Router is replaced
 * by a 404: these tests only reach the webhook.
 */
export function workerFetch(deps: PaymentDeps) {
  const handler = createFetchHandler({
    handleRequest: async () => new Response('app', { status: 404 }),
    isDev: false,
    webhooks: { cinetpay: (request, d) => handleCinetPayWebhook(request, { ...d, payments: deps }) },
  })
  return (request: Request) => handler(request, bindings() as unknown as Env, createExecutionContext())
}

export const WEBHOOK_URL = () => `${stack().receiverUrl}/api/webhooks/cinetpay`

/** A due invoice of ACME, sent, with no VAT so that its total is exactly `amount`. */
export async function createDueInvoice(amount: number, title = 'Facture de test paiement'): Promise<string> {
  const admin = adminClient()
  const today = new Date().toISOString().slice(0, 10)
  const { data, error } = await admin
    .from('invoices')
    .insert({ client_id: ACME_CLIENT_ID, title, vat_rate: 0, issue_date: today, due_date: today })
    .select('id')
    .single()
  if (error) throw new Error(`facture : ${error.message}`)
  const id = (data as { id: string }).id
  const items = await admin.from('invoice_items').insert({ invoice_id: id, position: 1, label: 'Prestation', quantity: 1, unit_price: amount })
  if (items.error) throw new Error(`ligne : ${items.error.message}`)
  const sent = await admin.from('invoices').update({ status: 'sent' }).eq('id', id)
  if (sent.error) throw new Error(`envoi : ${sent.error.message}`)
  return id
}

/** A pending attempt registered at the sandbox (through the real pay flow), notifications going to the receiver. */
export async function startAttempt(invoiceId: string, deps: PaymentDeps = testDeps()) {
  const { startPayment } = await import('../start-payment.server.ts')
  const { client, user } = await userClient(ACME_USER)
  const r = await startPayment(deps, { supabase: client, user, invoiceId, appUrl: stack().receiverUrl })
  if (!r.ok) throw new Error(`startPayment : ${r.message}`)
  return r
}

export async function sandboxComplete(
  transactionId: string,
  body: { outcome: string; delaySeconds?: number; duplicates?: number; operator?: string },
) {
  const res = await fetch(`${stack().sandboxUrl}/__sandbox/transactions/${transactionId}/complete`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`sandbox complete ${transactionId} : ${res.status} ${await res.text()}`)
  return res.json()
}

export async function sandboxFaults(faults: Record<string, unknown>) {
  const res = await fetch(`${stack().sandboxUrl}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  })
  if (!res.ok) throw new Error(`sandbox faults : ${res.status} ${await res.text()}`)
}

export interface Received {
  method: string
  path: string
  headers: Record<string, string>
  body: string
}

/** Notifications the sandbox sent for this transaction, waiting until at least `count` arrived. */
export async function notificationsFor(transactionId: string, count = 1, timeoutMs = 15_000): Promise<Received[]> {
  const deadline = Date.now() + timeoutMs
  while (true) {
    const all = (await (await fetch(`${stack().receiverUrl}/received`)).json()) as Received[]
    const mine = all.filter((r) => r.method === 'POST' && new URLSearchParams(r.body).get('cpm_trans_id') === transactionId)
    if (mine.length >= count || Date.now() > deadline) return mine
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Replays a recorded notification, byte for byte, into the webhook. */
export function replay(n: Received): Request {
  const headers = new Headers()
  for (const name of ['content-type', 'x-token', 'user-agent']) if (n.headers[name]) headers.set(name, n.headers[name])
  return new Request(WEBHOOK_URL(), { method: 'POST', headers, body: n.body })
}

/** A notification built and signed here (forged tokens, other sites, JSON bodies). */
export async function signedFields(transactionId: string, overrides: Record<string, string> = {}) {
  const s = stack()
  const fields: Record<string, string> = {
    cpm_site_id: s.siteId,
    cpm_trans_id: transactionId,
    cpm_trans_date: '2026-11-24 10:00:00',
    cpm_amount: '5000',
    cpm_currency: 'XOF',
    signature: 'a'.repeat(64),
    payment_method: 'OM',
    cel_phone_num: '0707000001',
    cpm_phone_prefixe: '225',
    cpm_language: 'fr',
    cpm_version: 'V4',
    cpm_payment_config: 'Single',
    cpm_page_action: 'Payment',
    cpm_custom: '',
    cpm_designation: 'Facture test',
    cpm_error_message: 'SUCCES',
    ...overrides,
  }
  return { fields, token: await signXToken(s.secretKey, fields) }
}

export async function attemptRow(transactionId: string) {
  const { data, error } = await adminClient().from('payment_attempts').select('*').eq('transaction_id', transactionId).single()
  if (error) throw new Error(error.message)
  return data as Record<string, any>
}

export async function countRows(table: string, column: string, value: string): Promise<number> {
  const { count, error } = await adminClient().from(table).select('id', { count: 'exact', head: true }).eq(column, value)
  if (error) throw new Error(`${table} : ${error.message}`)
  return count ?? 0
}
