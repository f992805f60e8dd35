// SEAM for issue 7: the `payment-check` job re-asks CinetPay
// (/v2/payment/check) about one transaction and records the decision.
//
// Not implemented yet, and it does not pretend to be: each message is logged
// and RETRIED (never acked), so no payment check is silently dropped. After
// `max_retries` (wrangler.toml) the message lands in `payment-check-dlq`,
// from which it can be replayed once the job exists.
import { z } from 'zod'
import type { JobContext, JobOutcome } from '../queue.ts'

export const PaymentCheckMessage = z.object({
  type: z.literal('payment-check'),
  /** CinetPay `transaction_id` of the payment attempt to verify. */
  transactionId: z.string().min(1).max(64),
})
export type PaymentCheckMessage = z.infer<typeof PaymentCheckMessage>

export const NOT_IMPLEMENTED_RETRY_SECONDS = 3600

export async function runPaymentCheck(message: PaymentCheckMessage, _ctx: JobContext): Promise<JobOutcome> {
  console.warn(
    `[payment-check] ${message.transactionId} : vérification non implémentée (issue 7), message conservé et re-tenté dans ${NOT_IMPLEMENTED_RETRY_SECONDS} s`,
  )
  return { outcome: 'retry', delaySeconds: NOT_IMPLEMENTED_RETRY_SECONDS }
}
