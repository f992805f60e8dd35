// POST /api/paiements/:transactionId/signaler — "J'ai payé mais ma facture
// n'est pas à jour". Opens (or reuses) a "Paiement" ticket linked to the
// transaction and re-checks it at once (report-paid.server.ts), then shows the
// ticket. A member of the attempt's company only (RLS; 404 otherwise).
import { data, redirect } from 'react-router'
import { requireClient } from '~/lib/auth.server.ts'
import { getEnv, getRequestContext, getSupabase } from '~/lib/context.server.ts'
import { redirectWithFlash } from '~/lib/flash.server.ts'
import { paymentDeps } from '~/lib/payments/deps.server.ts'
import { reportPaid } from '~/lib/payments/report-paid.server.ts'
import { CINETPAY_SAFE_ID_PATTERN } from '~/lib/payments/transaction-id.ts'
import type { Route } from './+types/api.paiements.$transactionId.signaler'

const NOT_FOUND = 'Ce paiement n’existe pas ou ne fait pas partie de votre espace.'

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireClient({ request, context })
  return redirect('/factures-devis')
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const user = await requireClient({ request, context })
  if (!CINETPAY_SAFE_ID_PATTERN.test(params.transactionId)) throw data({ message: NOT_FOUND }, { status: 404 })
  const form = await request.formData()
  const note = String(form.get('note') ?? '').slice(0, 2000)
  const back = String(form.get('retour') ?? '')
  const env = getEnv(context)
  const { bindings, executionContext } = getRequestContext(context)
  const result = await reportPaid(paymentDeps(env, bindings, executionContext), {
    supabase: getSupabase(context),
    user,
    transactionId: params.transactionId,
    note,
  })
  if (!result.ok) {
    if (result.status === 404) throw data({ message: NOT_FOUND }, { status: 404 })
    // Only same-site paths are honoured as the way back.
    const to = back.startsWith('/') && !back.startsWith('//') ? back : '/factures-devis'
    return redirectWithFlash(to, { kind: result.status === 409 ? 'info' : 'error', message: result.message }, env, { status: 303 })
  }
  const message =
    result.statusAfter === 'accepted'
      ? `Votre paiement vient d’être confirmé par CinetPay : la facture est à jour. La réclamation n° ${result.ticketNumber} reste ouverte si besoin.`
      : result.reused
        ? `Votre réclamation n° ${result.ticketNumber} est déjà ouverte : nous avons vérifié à nouveau le paiement auprès de CinetPay.`
        : `Réclamation n° ${result.ticketNumber} ouverte. Nous avons relancé la vérification auprès de CinetPay ; NOURX vous répond rapidement.`
  return redirectWithFlash(`/reclamations/${result.ticketId}`, { kind: 'success', message }, env, { status: 303 })
}
