// SEAM for issue 7 (CinetPay end to end). The Worker dispatches
// `/api/webhooks/cinetpay` here before React Router, the Origin/CSRF check
// and any session handling: CinetPay is a server, it has no cookies and no
// Origin, and it authenticates with the `x-token` HMAC instead.
//
// Until issue 7 lands this handler does NOT process notifications. It answers
// GET with 200 (CinetPay's availability ping) and POST with 501, so CinetPay
// keeps retrying instead of believing the notification was taken into account.
import type { AppEnv } from '../../app/lib/env.server.ts'

export const CINETPAY_WEBHOOK_PATH = '/api/webhooks/cinetpay'

export interface WebhookDeps {
  env: AppEnv
  bindings: Env
  executionContext: ExecutionContext
}

export async function handleCinetPayWebhook(request: Request, _deps: WebhookDeps): Promise<Response> {
  if (request.method === 'GET' || request.method === 'HEAD') {
    return new Response(null, { status: 200 })
  }
  if (request.method !== 'POST') {
    return new Response('Method Not Allowed', { status: 405, headers: { Allow: 'GET, POST' } })
  }
  console.error('[cinetpay-webhook] notification reçue mais le traitement n’est pas encore implémenté (issue 7) : réponse 501')
  return Response.json({ error: 'not_implemented' }, { status: 501 })
}
