// What the return page shows and polls: the state of one attempt as the
// DATABASE knows it, never as the browser's return claims.
//
// The attempt is read with the user's client (RLS: a member of its company,
// or the admin); anyone else gets null → 404. While it is still open, a poll
// may also ask CinetPay (source 'return') at most every RETURN_CHECK_EVERY_MS,
// so a lost or late notification does not leave the client waiting on the
// queue's backoff. That check goes through runCheck() like every other path:
// concurrent polls, notifications and queue messages still make one payment.
import type { AppSupabaseClient } from '../supabase.server.ts'
import type { AttemptStatus } from './decision.ts'
import type { PaymentDeps } from './deps.server.ts'
import { runCheck } from './run-check.server.ts'

export const RETURN_CHECK_EVERY_MS = 5_000

/** Client-facing phase, from the attempt status. */
export type PaymentPhase = 'pending' | 'paid' | 'failed' | 'expired' | 'review'

export interface PaymentStatus {
  transactionId: string
  invoiceId: string
  invoiceNumber: string | null
  invoiceStatus: string
  balanceDue: number
  amount: number
  attemptStatus: AttemptStatus
  phase: PaymentPhase
  /** French, for the client. */
  message: string
  receipt: { id: string; number: string } | null
  updatedAt: string
}

type OneOrMany<T> = T | T[] | null

function first<T>(value: OneOrMany<T> | undefined): T | null {
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null)
}

interface StatusRow {
  transaction_id: string
  invoice_id: string
  amount: number
  status: AttemptStatus
  failure_reason: string | null
  last_checked_at: string | null
  created_at: string
  updated_at: string
  invoices: { number: string | null; status: string; balance_due: number } | null
  // One-to-one embeds (unique foreign keys) come back as an object; accept a list too.
  payments: OneOrMany<{ id: string; receipts: OneOrMany<{ id: string; number: string }> }>
}

const COLUMNS =
  'transaction_id, invoice_id, amount, status, failure_reason, last_checked_at, created_at, updated_at, invoices(number, status, balance_due), payments(id, receipts(id, number))'

export async function readPaymentStatus(supabase: AppSupabaseClient, transactionId: string): Promise<PaymentStatus | null> {
  const { data, error } = await supabase.from('payment_attempts').select(COLUMNS).eq('transaction_id', transactionId).maybeSingle()
  if (error) throw new Error(`lecture du statut de paiement : ${error.message}`)
  return data ? toStatus(data as unknown as StatusRow) : null
}

/**
 * Polling entry point: reads the status, and for an open attempt not checked
 * recently, asks CinetPay once, then reads again.
 */
export async function pollPaymentStatus(
  supabase: AppSupabaseClient,
  deps: PaymentDeps,
  transactionId: string,
  options: { now?: Date } = {},
): Promise<PaymentStatus | null> {
  const { data, error } = await supabase.from('payment_attempts').select(COLUMNS).eq('transaction_id', transactionId).maybeSingle()
  if (error) throw new Error(`lecture du statut de paiement : ${error.message}`)
  if (!data) return null
  const row = data as unknown as StatusRow
  const now = (options.now ?? new Date()).getTime()
  const open = row.status === 'pending' || row.status === 'waiting'
  const stale = !row.last_checked_at || now - Date.parse(row.last_checked_at) >= RETURN_CHECK_EVERY_MS
  if (!open || !stale) return toStatus(row)
  try {
    await runCheck(deps, { transactionId, source: 'return' })
  } catch (error) {
    // The page keeps polling; the notification and the queue are still there.
    console.error(`[paiement-retour] vérification de ${transactionId} impossible :`, error)
    return toStatus(row)
  }
  return readPaymentStatus(supabase, transactionId)
}

function toStatus(row: StatusRow): PaymentStatus {
  const payment = first(row.payments)
  const receipt = payment ? first(payment.receipts) : null
  const phase = phaseOf(row.status)
  return {
    transactionId: row.transaction_id,
    invoiceId: row.invoice_id,
    invoiceNumber: row.invoices?.number ?? null,
    invoiceStatus: row.invoices?.status ?? 'sent',
    balanceDue: Number(row.invoices?.balance_due ?? 0),
    amount: Number(row.amount),
    attemptStatus: row.status,
    phase,
    message: messageOf(phase, row),
    receipt: receipt ?? null,
    updatedAt: row.updated_at,
  }
}

export function phaseOf(status: AttemptStatus): PaymentPhase {
  switch (status) {
    case 'accepted':
      return 'paid'
    case 'refused':
    case 'cancelled':
    case 'failed':
      return 'failed'
    case 'expired':
      return 'expired'
    case 'flagged':
      return 'review'
    default:
      return 'pending'
  }
}

function messageOf(phase: PaymentPhase, row: StatusRow): string {
  switch (phase) {
    case 'paid':
      return row.invoices?.status === 'paid'
        ? 'Merci ! La facture est entièrement réglée. Le reçu est disponible ci-dessous et sur la page de la facture.'
        : 'Paiement confirmé. Il reste un solde à régler sur cette facture.'
    case 'failed':
      return row.failure_reason ?? 'Le paiement n’a pas abouti. Vous n’avez pas été débité ; vous pouvez réessayer.'
    case 'expired':
      return row.failure_reason ?? 'Le paiement n’a pas été confirmé à temps. Vous pouvez payer à nouveau.'
    case 'review':
      return 'Votre paiement a bien été reçu, mais il doit être vérifié par NOURX avant d’être appliqué à la facture. Nous revenons vers vous rapidement.'
    default:
      return row.status === 'waiting'
        ? 'En attente de votre confirmation auprès de l’opérateur (Mobile Money). Validez le paiement sur votre téléphone.'
        : 'Paiement en cours de confirmation…'
  }
}
