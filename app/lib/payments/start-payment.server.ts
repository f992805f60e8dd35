// "Payer" (POST /api/invoices/:id/pay): from an invoice to CinetPay's
// checkout page.
//
// 1. The invoice is read with the USER's client: RLS returns it only to a
//    member of its company (anyone else gets "introuvable", no leak).
// 2. Only a sent or overdue invoice with a balance due, and only an amount
//    CinetPay accepts (XOF integer, multiple of 5, ≥ 100): otherwise a French
//    explanation and no attempt at all (amount.ts never rounds).
// 3. A payment_attempt with a fresh transaction id is inserted (service role:
//    clients have no write access to attempts) BEFORE calling CinetPay, so a
//    notification can never arrive for an attempt we do not know.
// 4. /v2/payment; token and URL stored; the caller redirects to payment_url.
//    Any CinetPay error marks the attempt failed with the French message:
//    nothing was charged, and a retry gets a new attempt and a new id.
import { checkOnlineAmount } from './amount.ts'
import { initPayment, type CinetPayCustomer } from './client.server.ts'
import { PaymentStoreError, type PaymentDeps } from './deps.server.ts'
import { newTransactionId } from './transaction-id.ts'
import type { AppSupabaseClient } from '../supabase.server.ts'

export const CINETPAY_WEBHOOK_PATH = '/api/webhooks/cinetpay'

export function returnPath(invoiceId: string): string {
  return `/factures-devis/${invoiceId}/paiement/retour`
}

/**
 * return_url given to CinetPay: the webhook path with `?retour=`, handled by
 * the Worker BEFORE React Router (workers/webhooks/cinetpay.ts), because
 * CinetPay comes back with a cross-site POST that React Router refuses for
 * any route action. It answers a 303 to returnPath(), never decides anything.
 */
export function returnUrl(appUrl: string, invoiceId: string, transactionId: string): string {
  return `${appUrl}${CINETPAY_WEBHOOK_PATH}?retour=${invoiceId}&transaction_id=${transactionId}`
}

export type StartPaymentResult =
  | { ok: true; transactionId: string; paymentUrl: string }
  | { ok: false; status: 404 | 409 | 422 | 502 | 503; message: string; transactionId?: string }

interface InvoiceRow {
  id: string
  client_id: string
  number: string | null
  title: string
  status: string
  currency: string
  balance_due: number
  clients: { name: string; email: string | null; phone: string | null; address: string | null; city: string | null; country: string } | null
}

export async function startPayment(
  deps: PaymentDeps,
  input: {
    /** The signed-in user's client (RLS applies). */
    supabase: AppSupabaseClient
    user: { id: string; email: string }
    invoiceId: string
    /** APP_URL: base of notify_url and return_url. */
    appUrl: string
  },
): Promise<StartPaymentResult> {
  const { supabase } = input
  const [invoiceRes, settingsRes, profileRes] = await Promise.all([
    supabase
      .from('invoices')
      .select('id, client_id, number, title, status, currency, balance_due, clients(name, email, phone, address, city, country)')
      .eq('id', input.invoiceId)
      .maybeSingle(),
    supabase.from('settings').select('online_payment_enabled, cinetpay_channels').maybeSingle(),
    supabase.from('profiles').select('full_name, phone, email').eq('id', input.user.id).maybeSingle(),
  ])
  if (invoiceRes.error || settingsRes.error) {
    return { ok: false, status: 503, message: 'Impossible de préparer le paiement pour le moment. Réessayez dans un instant.' }
  }
  const invoice = invoiceRes.data as InvoiceRow | null
  if (!invoice) return { ok: false, status: 404, message: 'Cette facture n’existe pas ou ne fait pas partie de votre espace.' }

  const settings = settingsRes.data as { online_payment_enabled: boolean; cinetpay_channels: string[] } | null
  if (!settings?.online_payment_enabled) {
    return { ok: false, status: 409, message: 'Le paiement en ligne est momentanément désactivé par NOURX. Vous pouvez régler par virement.' }
  }
  if (invoice.status === 'paid') return { ok: false, status: 409, message: 'Cette facture est déjà payée.' }
  if (invoice.status !== 'sent' && invoice.status !== 'overdue') {
    return { ok: false, status: 409, message: 'Cette facture n’attend pas de paiement.' }
  }
  const amount = checkOnlineAmount(invoice.balance_due, invoice.currency)
  if (!amount.ok) return { ok: false, status: 422, message: amount.message }

  const transactionId = newTransactionId()
  const channels = (settings.cinetpay_channels?.length ? settings.cinetpay_channels : ['ALL']).join(',')
  const { error: insertError } = await deps.admin.from('payment_attempts').insert({
    invoice_id: invoice.id,
    client_id: invoice.client_id,
    transaction_id: transactionId,
    amount: amount.amount,
    currency: amount.currency,
    channels,
    initiated_by: input.user.id,
  })
  if (insertError) throw new PaymentStoreError('création de la tentative de paiement', insertError)

  const profile = profileRes.data as { full_name: string; phone: string | null; email: string | null } | null
  const init = await initPayment(deps.cinetpay, {
    transactionId,
    amount: amount.amount,
    currency: 'XOF',
    description: cinetpayDescription(invoice),
    notifyUrl: `${input.appUrl}${CINETPAY_WEBHOOK_PATH}`,
    returnUrl: returnUrl(input.appUrl, invoice.id, transactionId),
    channels,
    lang: 'fr',
    customer: customerOf(input.user, profile, invoice.clients),
    metadata: { invoiceId: invoice.id, transactionId },
    invoiceData: invoice.number ? { Facture: invoice.number } : undefined,
  })

  if (init.ok) {
    const { error } = await deps.admin
      .from('payment_attempts')
      .update({ payment_token: init.paymentToken, payment_url: init.paymentUrl, channels: init.channels.join(',') })
      .eq('transaction_id', transactionId)
    if (error) throw new PaymentStoreError('enregistrement du jeton de paiement', error)
    return { ok: true, transactionId, paymentUrl: init.paymentUrl }
  }

  // Nothing was charged: the attempt is closed as failed, with the reason shown to the client.
  const code = init.kind === 'rejected' ? init.code : null
  const detail = init.kind === 'rejected' ? `${init.code} ${init.message}` : init.kind === 'invalid' ? init.detail : `${init.reason} : ${init.detail}`
  const { error } = await deps.admin
    .from('payment_attempts')
    .update({ status: 'failed', failure_reason: init.userMessage, last_code: code, last_message: detail.slice(0, 500) })
    .eq('transaction_id', transactionId)
    .eq('status', 'pending')
  if (error) throw new PaymentStoreError('clôture de la tentative refusée', error)
  return { ok: false, status: init.kind === 'unavailable' ? 503 : 502, message: init.userMessage, transactionId }
}

/** CinetPay refuses "# / $ _ &" in the description (the client strips them too; be explicit here). */
function cinetpayDescription(invoice: InvoiceRow): string {
  const text = `Facture ${invoice.number ?? ''} ${invoice.title}`.replace(/[#/$_&]/g, ' ').replace(/\s+/g, ' ').trim()
  return text.slice(0, 120)
}

/** The customer_* fields: cards need all of them; missing ones only drop the card channel (client.server.ts). */
function customerOf(
  user: { id: string; email: string },
  profile: { full_name: string; phone: string | null; email: string | null } | null,
  company: InvoiceRow['clients'],
): CinetPayCustomer {
  const parts = (profile?.full_name ?? '').trim().split(/\s+/).filter(Boolean)
  const surname = parts.length > 1 ? parts.slice(0, -1).join(' ') : parts[0]
  const name = parts.length > 1 ? parts[parts.length - 1] : parts[0]
  const phone = (profile?.phone ?? company?.phone ?? '').replace(/[ .-]/g, '')
  const email = profile?.email ?? user.email
  return {
    id: user.id,
    name: name || undefined,
    surname: surname || undefined,
    email: /\S+@\S+\.\S+/.test(email) ? email : undefined,
    phoneNumber: phone || undefined,
    address: company?.address || undefined,
    city: company?.city || undefined,
    country: company?.country || undefined,
    zipCode: company?.country === 'CI' ? '00225' : undefined,
  }
}
