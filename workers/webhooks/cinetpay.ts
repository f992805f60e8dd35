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

export interface WebhookDeps {
  env: AppEnv
  bindings: Env
  executionContext: ExecutionContext
  /** Tests inject their own clients and queue; production builds them from env and bindings. */
  payments?: PaymentDeps
}

export async function handleCinetPayWebhook(request: Request, deps: WebhookDeps): Promise<Response> {
  if (request.method === 'GET' || request.method === 'HEAD') {
    return new Response(request.method === 'GET' ? 'OK' : null, { status: 200, headers: { 'Content-Type': 'text/plain' } })
  }
  if (request.method !== 'POST') {
    return new Response('Method Not Allowed', { status: 405, headers: { Allow: 'GET, POST' } })
  }
  const payments = deps.payments ?? paymentDeps(deps.env, deps.bindings)
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
