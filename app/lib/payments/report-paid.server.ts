// "J'ai payé mais ma facture n'est pas à jour": on an invoice whose online
// attempt is still pending, or closed without money, the client says they
// were debited. One click:
// 1. opens a "Paiement" ticket linked to the transaction (tickets.payment_attempt_id),
//    written with the USER's client so RLS checks membership and authorship
//    (an already open ticket on the same transaction is reused, not doubled);
// 2. asks CinetPay right away (runCheck, source 'ticket'): if the money is
//    there, the invoice is paid (or the late acceptance flagged for the admin)
//    before the client even reads the ticket.
import type { AppSupabaseClient } from '../supabase.server.ts'
import type { AttemptStatus } from './decision.ts'
import type { PaymentDeps } from './deps.server.ts'
import { runCheck } from './run-check.server.ts'

/** Attempts a client may report: not confirmed on our side. */
export const REPORTABLE_STATUSES: readonly AttemptStatus[] = ['pending', 'waiting', 'refused', 'cancelled', 'expired', 'failed']

export type ReportPaidResult =
  | { ok: true; ticketId: string; ticketNumber: number; reused: boolean; statusAfter: AttemptStatus; checked: boolean }
  | { ok: false; status: 404 | 409 | 503; message: string }

export async function reportPaid(
  deps: PaymentDeps,
  input: { supabase: AppSupabaseClient; user: { id: string }; transactionId: string; note?: string },
): Promise<ReportPaidResult> {
  const { supabase } = input
  const { data: attempt, error } = await supabase
    .from('payment_attempts')
    .select('id, client_id, transaction_id, amount, status, created_at, invoices(number)')
    .eq('transaction_id', input.transactionId)
    .maybeSingle()
  if (error) return { ok: false, status: 503, message: 'Service momentanément indisponible. Réessayez dans un instant.' }
  if (!attempt) return { ok: false, status: 404, message: 'Cette transaction n’existe pas ou ne fait pas partie de votre espace.' }
  const a = attempt as unknown as {
    id: string
    client_id: string
    transaction_id: string
    amount: number
    status: AttemptStatus
    created_at: string
    invoices: { number: string | null } | null
  }
  if (!REPORTABLE_STATUSES.includes(a.status)) {
    return {
      ok: false,
      status: 409,
      message:
        a.status === 'accepted'
          ? 'Ce paiement est déjà confirmé et appliqué à la facture.'
          : 'Ce paiement est déjà en cours de vérification par NOURX.',
    }
  }

  const existing = await supabase
    .from('tickets')
    .select('id, number')
    .eq('payment_attempt_id', a.id)
    .in('status', ['open', 'in_progress', 'waiting_client'])
    .order('created_at', { ascending: false })
    .limit(1)
    .maybeSingle()
  if (existing.error) return { ok: false, status: 503, message: 'Service momentanément indisponible. Réessayez dans un instant.' }

  let ticket = existing.data as { id: string; number: number } | null
  const reused = Boolean(ticket)
  if (!ticket) {
    const invoiceLabel = a.invoices?.number ? `facture ${a.invoices.number}` : 'facture'
    const created = await supabase
      .from('tickets')
      .insert({
        client_id: a.client_id,
        payment_attempt_id: a.id,
        subject: `Paiement débité mais ${invoiceLabel} non mise à jour`,
        category: 'payment',
        priority: 'high',
        created_by: input.user.id,
      })
      .select('id, number')
      .single()
    if (created.error) return { ok: false, status: 503, message: 'La réclamation n’a pas pu être créée. Réessayez dans un instant.' }
    ticket = created.data as { id: string; number: number }
    const body =
      `J’ai payé en ligne mais ma ${invoiceLabel} n’est pas à jour.\n` +
      `Transaction CinetPay : ${a.transaction_id} (${new Intl.NumberFormat('fr-FR').format(Number(a.amount))} F CFA).` +
      (input.note?.trim() ? `\n\n${input.note.trim()}` : '')
    const message = await supabase.from('ticket_messages').insert({ ticket_id: ticket.id, author_id: input.user.id, body })
    if (message.error) console.error(`[j-ai-paye] message du ticket ${ticket.id} non enregistré : ${message.error.message}`)
  }

  // The immediate re-check. A failure here does not undo the ticket: NOURX will look.
  let statusAfter = a.status
  let checked = false
  try {
    const result = await runCheck(deps, { transactionId: a.transaction_id, source: 'ticket' })
    if (result.kind === 'checked') {
      statusAfter = result.status
      checked = true
    }
  } catch (e) {
    console.error(`[j-ai-paye] re-vérification de ${a.transaction_id} impossible :`, e)
  }
  return { ok: true, ticketId: ticket.id, ticketNumber: ticket.number, reused, statusAfter, checked }
}
