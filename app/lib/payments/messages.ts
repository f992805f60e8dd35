// The `payment-check` queue message: "ask CinetPay again about this
// transaction". Exported for the queue router (workers/queue.ts puts it in its
// z.discriminatedUnion on `type`) and for every producer (webhook, queue
// consumer re-enqueuing itself, return page, admin "Re-vérifier maintenant").
//
// The message carries no amount and no status: the consumer reloads the
// attempt from the database, so a stale or replayed message can never push an
// outdated decision. It is therefore safe to deliver twice.
import { z } from 'zod'
import { CINETPAY_SAFE_ID_PATTERN } from './transaction-id.ts'

export const PAYMENT_CHECK_REASONS = [
  /** CinetPay said WAITING_FOR_CUSTOMER / 623 / 662 / 663 / 664: the normal backoff. */
  'waiting',
  /** /v2/payment/check failed (timeout, network, 5xx, unreadable answer): try again later. */
  'check-error',
  /** Someone asked for it: admin "Re-vérifier maintenant", client "J'ai payé mais…". */
  'manual',
  /** The client came back from CinetPay's page (return_url): check soon, decide nothing from the return. */
  'return-page',
] as const

export type PaymentCheckReason = (typeof PAYMENT_CHECK_REASONS)[number]

// z.object (unknown keys stripped, not refused): a message written by a newer
// deployment with an extra field must still be consumed by an older one.
export const PaymentCheckMessage = z.object({
  type: z.literal('payment-check'),
  /** Our CinetPay transaction_id (payment_attempts.transaction_id). */
  transactionId: z.string().regex(CINETPAY_SAFE_ID_PATTERN),
  /**
   * Ordinal of this check in the backoff chain, starting at 1. The consumer
   * passes it to nextCheckDelay() and enqueues `attempt + 1` when it waits again.
   */
  attempt: z.number().int().min(1).max(1000),
  reason: z.enum(PAYMENT_CHECK_REASONS),
})

export type PaymentCheckMessage = z.infer<typeof PaymentCheckMessage>

/** Builds a message (validated, so a producer bug fails at the producer, not in the consumer). */
export function paymentCheckMessage(
  transactionId: string,
  reason: PaymentCheckReason,
  attempt = 1,
): PaymentCheckMessage {
  return PaymentCheckMessage.parse({ type: 'payment-check', transactionId, attempt, reason })
}
