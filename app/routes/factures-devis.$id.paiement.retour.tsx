// /factures-devis/:id/paiement/retour — the payment return page. It shows the
// attempt as the DATABASE knows it and polls the status endpoint until the
// payment is paid, failed or expired; the browser's return is never proof of
// anything (cinetpay.md §5).
//
// CinetPay's return_url is NOT this path: CinetPay comes back with a
// cross-site form POST, which React Router's CSRF guard refuses for route
// actions and which carries no SameSite=Lax session cookie. return_url is
// /api/webhooks/cinetpay?retour=<id>, answered by the Worker before React
// Router with a 303 to this page (workers/webhooks/cinetpay.ts). The action
// below only serves same-origin POSTs the same way (no auth, no write).
//
// Outside the `_client` layout on purpose: this page is a focused status
// screen, and its guard is its own loader (requireClient + RLS read).
import { ArrowLeftIcon } from '~/components/icons.tsx'
import { data, Link, redirect } from 'react-router'
import { describeError, ErrorPage } from '~/components/error-page.tsx'
import { PaymentReturn } from '~/components/payments/payment-return.tsx'
import { requireClient } from '~/lib/auth.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { readPaymentStatus } from '~/lib/payments/payment-status.server.ts'
import { CINETPAY_SAFE_ID_PATTERN } from '~/lib/payments/transaction-id.ts'
import type { Route } from './+types/factures-devis.$id.paiement.retour'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const NOT_FOUND = 'Ce paiement n’existe pas ou ne fait pas partie de votre espace.'

export const meta: Route.MetaFunction = () => [{ title: 'Paiement — Espace Client NOURX' }, { name: 'robots', content: 'noindex' }]

export async function action({ request, params }: Route.ActionArgs) {
  const url = new URL(request.url)
  let tx = url.searchParams.get('transaction_id') ?? ''
  try {
    const form = await request.formData()
    tx = String(form.get('transaction_id') ?? form.get('cpm_trans_id') ?? tx)
  } catch {
    // Not a form body: keep the query string's value.
  }
  const target = new URL(`/factures-devis/${encodeURIComponent(params.id)}/paiement/retour`, url)
  if (CINETPAY_SAFE_ID_PATTERN.test(tx)) target.searchParams.set('transaction_id', tx)
  return redirect(target.pathname + target.search, 303)
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireClient({ request, context })
  if (!UUID.test(params.id)) throw data({ message: NOT_FOUND }, { status: 404 })
  const supabase = getSupabase(context)
  let tx = new URL(request.url).searchParams.get('transaction_id')
  if (!tx) {
    // Returned without an id (a GET some integrations see): the latest attempt of this invoice.
    const { data: latest, error } = await supabase
      .from('payment_attempts')
      .select('transaction_id')
      .eq('invoice_id', params.id)
      .order('created_at', { ascending: false })
      .limit(1)
      .maybeSingle()
    if (error) throw data({ message: 'Statut momentanément indisponible. Rechargez la page dans un instant.' }, { status: 503 })
    tx = (latest as { transaction_id: string } | null)?.transaction_id ?? null
  }
  if (!tx || !CINETPAY_SAFE_ID_PATTERN.test(tx)) throw data({ message: NOT_FOUND }, { status: 404 })
  let status
  try {
    status = await readPaymentStatus(supabase, tx)
  } catch {
    throw data({ message: 'Statut momentanément indisponible. Rechargez la page dans un instant.' }, { status: 503 })
  }
  if (!status || status.invoiceId !== params.id) throw data({ message: NOT_FOUND }, { status: 404 })
  return { status }
}

export default function PaymentReturnPage({ loaderData }: Route.ComponentProps) {
  const { status } = loaderData
  return (
    <div className="min-h-dvh bg-muted/40">
      <header className="border-b bg-background">
        <div className="mx-auto flex h-14 max-w-2xl items-center justify-between px-4">
          <Link to="/dashboard" className="font-semibold tracking-tight">
            NOURX <span className="font-normal text-muted-foreground">Espace Client</span>
          </Link>
          <Link to={`/factures-devis/${status.invoiceId}`} className="flex items-center gap-1 text-sm hover:underline">
            <ArrowLeftIcon className="size-4" aria-hidden="true" /> Facture
          </Link>
        </div>
      </header>
      <main className="mx-auto max-w-2xl px-4 py-8 sm:py-12">
        <PaymentReturn initial={status} />
      </main>
    </div>
  )
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const { status, message } = describeError(error)
  return <ErrorPage status={status} message={message} />
}
