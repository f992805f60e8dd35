// The `payment-check` job: re-asks CinetPay (/v2/payment/check) about one
// transaction and records the decision (app/lib/payments/run-check.server.ts).
//
// Backoff without retry(): when CinetPay still answers "waiting", runCheck()
// sends the NEXT message itself with `delaySeconds` from the schedule (30 s,
// 1, 2, 5, 10, 30 min, hourly, then expiry at 24 h) and this message is acked.
// `message.retry()` is kept for thrown errors (database down, queue send
// failed): those are the only failures max_retries and the DLQ are for, so the
// ~30-step 24 h chain is never cut short by max_retries = 10.
//
// Idempotent: the message carries no status or amount, the attempt is reloaded
// and every write is guarded by the database, so a redelivered message at
// worst records one more check row.
import { paymentDeps, type PaymentDeps } from '../../app/lib/payments/deps.server.ts'
import { PaymentCheckMessage } from '../../app/lib/payments/messages.ts'
import { runCheck } from '../../app/lib/payments/run-check.server.ts'
import type { JobContext, JobOutcome } from '../queue.ts'

export { PaymentCheckMessage }

export async function runPaymentCheck(
  message: PaymentCheckMessage,
  ctx: JobContext & { payments?: PaymentDeps },
): Promise<JobOutcome> {
  const deps = ctx.payments ?? paymentDeps(ctx.env, ctx.bindings, ctx.executionContext)
  const result = await runCheck(deps, { transactionId: message.transactionId, source: 'queue', chainAttempt: message.attempt })
  if (result.kind === 'unknown-transaction') {
    console.warn(`[payment-check] ${message.transactionId} : transaction inconnue, message abandonné`)
  } else if (result.kind === 'checked' && result.alert) {
    console.warn(`[payment-check] ${message.transactionId} (vérification ${message.attempt}) : ${result.detail}`)
  }
  return { outcome: 'ack' }
}
