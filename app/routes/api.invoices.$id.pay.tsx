// POST /api/invoices/:id/pay — the "Payer" button of an invoice.
// A member of the invoice's company only (RLS read as the user, 404 for
// anyone else); the rules and the CinetPay call live in
// app/lib/payments/start-payment.server.ts. On success the browser is sent
// to CinetPay's payment page with a plain redirect: it works on every
// browser, including iOS Safari where the Seamless popup loses its cookies
// (cinetpay.md §6), and it keeps the apikey out of the page. On failure the
// client is back on the invoice with the French explanation.
import { data, redirect } from 'react-router'
import { requireClient, requireFreshUser } from '~/lib/auth.server.ts'
import { getEnv, getRequestContext, getSupabase } from '~/lib/context.server.ts'
import { redirectWithFlash } from '~/lib/flash.server.ts'
import { paymentDeps } from '~/lib/payments/deps.server.ts'
import { startPayment } from '~/lib/payments/start-payment.server.ts'
import type { Route } from './+types/api.invoices.$id.pay'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const NOT_FOUND = 'Cette facture n’existe pas ou ne fait pas partie de votre espace.'

/** Someone opening the URL directly: back to the invoice. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireClient({ request, context })
  if (!UUID.test(params.id)) throw data({ message: NOT_FOUND }, { status: 404 })
  return redirect(`/factures-devis/${params.id}`)
}

export async function action({ request, context, params }: Route.ActionArgs) {
  await requireClient({ request, context })
  // Paying is a sensitive write: a session revoked elsewhere must not start one.
  const user = await requireFreshUser({ request, context })
  if (!UUID.test(params.id)) throw data({ message: NOT_FOUND }, { status: 404 })
  const env = getEnv(context)
  const { bindings } = getRequestContext(context)
  const result = await startPayment(paymentDeps(env, bindings), {
    supabase: getSupabase(context),
    user,
    invoiceId: params.id,
    appUrl: env.APP_URL,
  })
  if (result.ok) return redirect(result.paymentUrl, 303)
  if (result.status === 404) throw data({ message: NOT_FOUND }, { status: 404 })
  return redirectWithFlash(`/factures-devis/${params.id}`, { kind: 'error', message: result.message }, env, { status: 303 })
}
