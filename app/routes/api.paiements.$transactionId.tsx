// GET /api/paiements/:transactionId — the status the return page polls.
// JSON, never cached. A member of the attempt's company only (RLS; 404
// otherwise). While the attempt is open, the poll may ask CinetPay itself
// (at most every few seconds, payment-status.server.ts): the page never
// trusts the browser's return, only what the database says after a check.
import { data } from 'react-router'
import { requireClient } from '~/lib/auth.server.ts'
import { getEnv, getRequestContext, getSupabase } from '~/lib/context.server.ts'
import { paymentDeps } from '~/lib/payments/deps.server.ts'
import { pollPaymentStatus } from '~/lib/payments/payment-status.server.ts'
import { CINETPAY_SAFE_ID_PATTERN } from '~/lib/payments/transaction-id.ts'
import type { Route } from './+types/api.paiements.$transactionId'

const NOT_FOUND = 'Ce paiement n’existe pas ou ne fait pas partie de votre espace.'

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireClient({ request, context })
  if (!CINETPAY_SAFE_ID_PATTERN.test(params.transactionId)) throw data({ message: NOT_FOUND }, { status: 404 })
  const { bindings, executionContext } = getRequestContext(context)
  let status
  try {
    status = await pollPaymentStatus(getSupabase(context), paymentDeps(getEnv(context), bindings, executionContext), params.transactionId)
  } catch {
    return Response.json(
      { message: 'Statut momentanément indisponible. Nouvel essai dans un instant.' },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    )
  }
  if (!status) return Response.json({ message: NOT_FOUND }, { status: 404, headers: { 'Cache-Control': 'no-store' } })
  return Response.json(status, { headers: { 'Cache-Control': 'no-store' } })
}
