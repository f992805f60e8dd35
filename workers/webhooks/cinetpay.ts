// CinetPay notify_url. The Worker dispatches `/api/webhooks/cinetpay` here
// before React Router, the Origin/CSRF check and any session handling:
// CinetPay is a server, it has no cookies and no Origin, and it authenticates
// with the `x-token` HMAC instead (verified with WebCrypto, constant time).
//
// GET/HEAD answer 200: CinetPay pings notify_url to check it is reachable.
// POST: app/lib/payments/process-notification.server.ts does the work; this
// module only maps its result to an HTTP answer and a log line.
import type { AppEnv } from '../../app/lib/env.server.ts'
import { notificationSecrets, paymentDeps, type PaymentDeps } from '../../app/lib/payments/deps.server.ts'
import { processNotification } from '../../app/lib/payments/process-notification.server.ts'

export const CINETPAY_WEBHOOK_PATH = '/api/webhooks/cinetpay'
/** `?retour=<invoice id>`: this request is the customer's browser coming back (return_url), not a notification. */
export const RETURN_PARAM = 'retour'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const TRANSACTION_ID = /^[A-Za-z0-9]{8,30}$/

export interface WebhookDeps {
  env: AppEnv
  bindings: Env
  executionContext: ExecutionContext
  /** Tests inject their own clients and queue; production builds them from env and bindings. */
  payments?: PaymentDeps
}

export async function handleCinetPayWebhook(request: Request, deps: WebhookDeps): Promise<Response> {
  const url = new URL(request.url)
  if (url.searchParams.has(RETURN_PARAM)) return handleReturn(request, url)
  if (request.method === 'GET' || request.method === 'HEAD') {
    return new Response(request.method === 'GET' ? 'OK' : null, { status: 200, headers: { 'Content-Type': 'text/plain' } })
  }
  if (request.method !== 'POST') {
    return new Response('Method Not Allowed', { status: 405, headers: { Allow: 'GET, POST' } })
  }
  const payments = deps.payments ?? paymentDeps(deps.env, deps.bindings, deps.executionContext)
  const started = Date.now()
  const result = await processNotification(request, payments, notificationSecrets(deps.env))
  const tx = result.result && 'attempt' in result.result ? result.result.attempt.transaction_id : '-'
  const line = `[cinetpay-webhook] ${result.status} ${result.outcome} tx=${tx} (${Date.now() - started} ms) ${result.detail}`
  if (result.status >= 500) console.error(line)
  else if (result.status >= 400) console.warn(line)
  return Response.json(
    { ok: result.status === 200, outcome: result.outcome },
    { status: result.status, headers: { 'Cache-Control': 'no-store' } },
  )
}

/**
 * return_url. CinetPay sends the browser back with a cross-site form POST
 * (transaction_id, token), which React Router's own CSRF guard refuses for
 * any route action (Origin ≠ host) and which carries no SameSite=Lax session
 * cookie. So return_url points here, before React Router: whatever the
 * method, the answer is a 303 to the return PAGE (a top-level GET, which
 * does carry the session), where the client is authenticated and the status
 * read from the database. Nothing is written and nothing is trusted here:
 * only the two ids' shapes are checked, and the page re-checks ownership.
 */
async function handleReturn(request: Request, url: URL): Promise<Response> {
  const invoiceId = url.searchParams.get(RETURN_PARAM) ?? ''
  let transactionId = url.searchParams.get('transaction_id') ?? ''
  if (request.method === 'POST') {
    try {
      const form = await request.formData()
      transactionId = String(form.get('transaction_id') ?? transactionId)
    } catch {
      // Not a form body: keep the query string's value.
    }
  }
  if (!UUID.test(invoiceId)) return new Response('Not Found', { status: 404 })
  const target = new URL(`/factures-devis/${invoiceId}/paiement/retour`, url)
  if (TRANSACTION_ID.test(transactionId)) target.searchParams.set('transaction_id', transactionId)
  return new Response(null, { status: 303, headers: { Location: target.pathname + target.search, 'Cache-Control': 'no-store' } })
}
