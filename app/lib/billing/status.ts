// Status vocabulary of quotes, invoices and payment attempts, shared by the
// pages and their badges (isomorphic). A badge's colour follows the meaning
// of the state (paid → success, overdue → danger), never taste.

export type InvoiceStatus = 'draft' | 'sent' | 'paid' | 'overdue' | 'canceled'
export type QuoteStatus = 'draft' | 'sent' | 'accepted' | 'declined' | 'expired'
export type BadgeVariant = 'neutral' | 'success' | 'warning' | 'danger' | 'info' | 'outline'

export const INVOICE_STATUS: Record<InvoiceStatus, { label: string; variant: BadgeVariant }> = {
  draft: { label: 'Brouillon', variant: 'neutral' },
  sent: { label: 'À payer', variant: 'warning' },
  paid: { label: 'Payée', variant: 'success' },
  overdue: { label: 'En retard', variant: 'danger' },
  canceled: { label: 'Annulée', variant: 'neutral' },
}

export const QUOTE_STATUS: Record<QuoteStatus, { label: string; variant: BadgeVariant }> = {
  draft: { label: 'Brouillon', variant: 'neutral' },
  sent: { label: 'À valider', variant: 'info' },
  accepted: { label: 'Accepté', variant: 'success' },
  declined: { label: 'Refusé', variant: 'danger' },
  expired: { label: 'Expiré', variant: 'neutral' },
}

export type AttemptStatus = 'pending' | 'waiting' | 'accepted' | 'refused' | 'cancelled' | 'expired' | 'failed' | 'flagged'

/** How a payment attempt reads to the client (flagged = under NOURX's review). */
export const ATTEMPT_STATUS: Record<AttemptStatus, { label: string; variant: BadgeVariant }> = {
  pending: { label: 'En cours', variant: 'info' },
  waiting: { label: 'En attente de confirmation', variant: 'info' },
  accepted: { label: 'Accepté', variant: 'success' },
  refused: { label: 'Refusé', variant: 'danger' },
  cancelled: { label: 'Annulé', variant: 'neutral' },
  expired: { label: 'Expiré', variant: 'neutral' },
  failed: { label: 'Échoué', variant: 'danger' },
  flagged: { label: 'En vérification chez NOURX', variant: 'warning' },
}

export const PAYMENT_METHOD_LABEL: Record<string, string> = {
  online: 'Paiement en ligne',
  transfer: 'Virement bancaire',
  cash: 'Espèces',
}

/** Operators as CinetPay names them in /v2/payment/check. */
const OPERATOR_LABEL: Record<string, string> = {
  OM: 'Orange Money',
  OMCI: 'Orange Money',
  MOMO: 'MTN Mobile Money',
  MOMOCI: 'MTN Mobile Money',
  FLOOZ: 'Moov Money',
  FLOOZCI: 'Moov Money',
  WAVECI: 'Wave',
  WAVE: 'Wave',
  CARD: 'Carte bancaire',
  VISAM: 'Carte bancaire',
}

export function paymentMethodLabel(method: string, detail: string | null | undefined): string {
  if (method === 'online' && detail) return OPERATOR_LABEL[detail.toUpperCase()] ?? detail
  return PAYMENT_METHOD_LABEL[method] ?? method
}

export function invoiceStatus(value: string) {
  return INVOICE_STATUS[value as InvoiceStatus] ?? { label: value, variant: 'neutral' as const }
}
export function quoteStatus(value: string) {
  return QUOTE_STATUS[value as QuoteStatus] ?? { label: value, variant: 'neutral' as const }
}
export function attemptStatus(value: string) {
  return ATTEMPT_STATUS[value as AttemptStatus] ?? { label: value, variant: 'neutral' as const }
}

/** An invoice the client can pay online: issued, not settled, something left to pay. */
export function isPayable(invoice: { status: string; balance_due: number }): boolean {
  return (invoice.status === 'sent' || invoice.status === 'overdue') && invoice.balance_due > 0
}

/** Today as a calendar day in Abidjan (UTC+0): the day the database compares against. */
export function todayInAbidjan(now = new Date()): string {
  return now.toISOString().slice(0, 10)
}

/** A quote the client can still answer: sent and not past its validity date. */
export function isAnswerable(quote: { status: string; valid_until: string | null }, today = todayInAbidjan()): boolean {
  return quote.status === 'sent' && (quote.valid_until === null || quote.valid_until >= today)
}
