// One /v2/payment/check for one transaction, the decision taken from it, and
// that decision written to the database. Shared by every path that asks
// CinetPay: the webhook (source 'notification'), the `payment-check` queue
// ('queue'), the return page's polling ('return'), the admin's
// "Re-vérifier maintenant" ('manual') and the client's "J'ai payé mais…"
// ('ticket').
//
// Exactly once does not depend on this code being called once. It rests on
// the database:
// - record_online_payment() locks the attempt row and inserts the payment
//   (payments.transaction_id and payments.payment_attempt_id are unique), so
//   50 concurrent callers produce one payment and 49 'already_accepted';
// - every status write below is conditional on the attempt still being open
//   (`status in (pending, waiting)`), and the attempt guard trigger refuses
//   any backward transition anyway, so a late REFUSED or WAITING can never
//   move a paid attempt back;
// - a delayed re-check chain is started only by whoever atomically claims
//   `next_check_at`, so duplicate notifications do not multiply chains.
import { checkPayment, type CheckPaymentResult } from './client.server.ts'
import { decidePayment, planNextCheck, type AttemptStatus, type CheckDecision, type PaymentDecision } from './decision.ts'
import { PaymentStoreError, type PaymentDeps } from './deps.server.ts'

export type CheckSource = 'notification' | 'queue' | 'return' | 'manual' | 'ticket'

export interface AttemptRow {
  id: string
  invoice_id: string
  client_id: string
  transaction_id: string
  amount: number
  currency: string
  status: AttemptStatus
  created_at: string
  check_count: number
  next_check_at: string | null
}

const ATTEMPT_COLUMNS = 'id, invoice_id, client_id, transaction_id, amount, currency, status, created_at, check_count, next_check_at'
const OPEN: AttemptStatus[] = ['pending', 'waiting']

export interface RunCheckInput {
  transactionId: string
  source: CheckSource
  /** Queue only: the message's `attempt` (ordinal of this check in its backoff chain). */
  chainAttempt?: number
}

export type RunCheckResult =
  | { kind: 'unknown-transaction'; transactionId: string }
  | { kind: 'skipped'; attempt: AttemptRow; detail: string }
  | {
      kind: 'checked'
      attempt: AttemptRow
      /** What was written to payment_checks.decision. */
      decision: CheckDecision
      /** Attempt status once this check was applied. */
      status: AttemptStatus
      detail: string
      alert: boolean
      /** The next queued check, when one was sent. */
      enqueued: { delaySeconds: number; attempt: number } | null
      /** record_online_payment()'s answer, for accepted/flagged checks. */
      rpc: Record<string, unknown> | null
    }

export async function loadAttempt(deps: Pick<PaymentDeps, 'admin'>, transactionId: string): Promise<AttemptRow | null> {
  const { data, error } = await deps.admin
    .from('payment_attempts')
    .select(ATTEMPT_COLUMNS)
    .eq('transaction_id', transactionId)
    .maybeSingle()
  if (error) throw new PaymentStoreError('lecture de la tentative de paiement', error)
  return (data as AttemptRow | null) ?? null
}

export async function runCheck(deps: PaymentDeps, input: RunCheckInput): Promise<RunCheckResult> {
  const now = deps.now ?? (() => new Date())
  const attempt = await loadAttempt(deps, input.transactionId)
  if (!attempt) return { kind: 'unknown-transaction', transactionId: input.transactionId }

  // Accepted is final and flagged belongs to the admin: asking CinetPay again
  // cannot change either. The admin's manual check still runs, for the journal.
  if ((attempt.status === 'accepted' || attempt.status === 'flagged') && input.source !== 'manual') {
    return { kind: 'skipped', attempt, detail: `tentative déjà « ${attempt.status} » : vérification inutile` }
  }

  const check = await checkPayment(deps.cinetpay, { transactionId: attempt.transaction_id })
  const decision = decidePayment(check, { amount: Number(attempt.amount), currency: attempt.currency, status: attempt.status })
  const applied = await applyDecision(deps, attempt, decision, input, now())
  // Exactly one caller sees record_online_payment() answer 'accepted' for a
  // transaction: that one sends the payment_received e-mail (with the receipt).
  if (applied.decision === 'accepted' && typeof applied.rpc?.payment_id === 'string') {
    await deps.notify?.paymentReceived(applied.rpc.payment_id)
  }

  await recordCheck(deps, attempt, check, input.source, applied.decision, applied.errorNote)
  await touchAttempt(deps, attempt, check, now())

  return {
    kind: 'checked',
    attempt,
    decision: applied.decision,
    status: applied.status,
    detail: decision.detail,
    alert: decision.alert,
    enqueued: applied.enqueued,
    rpc: applied.rpc,
  }
}

interface Applied {
  decision: CheckDecision
  status: AttemptStatus
  enqueued: { delaySeconds: number; attempt: number } | null
  rpc: Record<string, unknown> | null
  /** Stored in payment_checks.error: why the recorded decision differs from the computed one. */
  errorNote: string | null
}

async function applyDecision(
  deps: PaymentDeps,
  attempt: AttemptRow,
  d: PaymentDecision,
  input: RunCheckInput,
  now: Date,
): Promise<Applied> {
  const base: Applied = { decision: d.checkDecision, status: attempt.status, enqueued: null, rpc: null, errorNote: null }

  if (d.kind === 'accepted' || d.kind === 'flagged') {
    // The database decides (and re-checks amount, currency and the invoice's
    // state under lock); we only record what it says happened.
    const { data, error } = await deps.admin.rpc('record_online_payment', {
      p_transaction_id: attempt.transaction_id,
      p_amount: d.payment.amount,
      p_currency: d.payment.currency,
      p_payment_method: d.payment.paymentMethod,
      p_operator_id: d.payment.operatorId,
      p_paid_at: d.payment.paidAt,
    })
    if (error) throw new PaymentStoreError('enregistrement du paiement', error)
    const rpc = (data ?? {}) as Record<string, unknown>
    switch (rpc.outcome) {
      case 'accepted':
        return { ...base, decision: 'accepted', status: 'accepted', rpc }
      case 'already_accepted':
        return { ...base, decision: 'ignored', status: 'accepted', rpc, errorNote: 'déjà acceptée par une vérification concurrente' }
      case 'flagged':
        return rpc.already_flagged
          ? { ...base, decision: 'ignored', status: 'flagged', rpc, errorNote: 'déjà signalée' }
          : { ...base, decision: 'flagged', status: 'flagged', rpc, errorNote: typeof rpc.reason === 'string' ? rpc.reason : null }
      default:
        return {
          ...base,
          decision: 'ignored',
          status: (rpc.attempt_status as AttemptStatus) ?? attempt.status,
          rpc,
          errorNote: `record_online_payment : ${String(rpc.outcome)}`,
        }
    }
  }

  if (d.kind === 'failed') {
    const status = await closeIfOpen(deps, attempt, {
      status: d.nextStatus,
      failure_reason: d.userMessage,
      next_check_at: null,
    })
    return status === d.nextStatus
      ? { ...base, status }
      : { ...base, decision: 'ignored', status, errorNote: `tentative passée à « ${status} » entre-temps` }
  }

  if (d.kind === 'recheck') {
    let status = attempt.status
    if (d.nextStatus === 'waiting' && attempt.status === 'pending') {
      const { error } = await deps.admin
        .from('payment_attempts')
        .update({ status: 'waiting' })
        .eq('id', attempt.id)
        .eq('status', 'pending')
      if (error) throw new PaymentStoreError('passage en attente', error)
      status = 'waiting'
    }
    const plan = planNextCheck(d, {
      transactionId: attempt.transaction_id,
      createdAt: attempt.created_at,
      checkCount: input.source === 'queue' ? (input.chainAttempt ?? 1) : 0,
      now,
    })
    if (plan.action === 'expire') {
      const after = await closeIfOpen(deps, attempt, {
        status: 'expired',
        failure_reason: 'Le paiement n’a pas été confirmé dans les 24 heures : il a expiré. Vous pouvez payer à nouveau.',
        next_check_at: null,
      })
      return after === 'expired'
        ? { ...base, decision: 'expired', status: after }
        : { ...base, decision: 'ignored', status: after, errorNote: `tentative passée à « ${after} » entre-temps` }
    }
    if (plan.action === 'enqueue') {
      const claimed = await claimNextCheck(deps, attempt, plan.nextCheckAt, input.source === 'queue', now)
      if (claimed && deps.queue) {
        await deps.queue.send(plan.message, { delaySeconds: plan.delaySeconds })
        return { ...base, status, enqueued: { delaySeconds: plan.delaySeconds, attempt: plan.message.attempt } }
      }
      return {
        ...base,
        status,
        errorNote: deps.queue ? null : 'file payment-check indisponible : aucune re-vérification planifiée',
      }
    }
    return { ...base, status }
  }

  // ignored: the journal row is all there is to write.
  return base
}

/**
 * Moves an open attempt to a final status. Conditional on it still being
 * open: when a concurrent check closed it first, nothing is written and the
 * current status is returned.
 */
async function closeIfOpen(
  deps: PaymentDeps,
  attempt: AttemptRow,
  values: { status: AttemptStatus; failure_reason: string; next_check_at: null },
): Promise<AttemptStatus> {
  const { data, error } = await deps.admin
    .from('payment_attempts')
    .update(values)
    .eq('id', attempt.id)
    .in('status', OPEN)
    .select('status')
  if (error) throw new PaymentStoreError('clôture de la tentative', error)
  if (Array.isArray(data) && data.length > 0) return values.status
  const current = await loadAttempt(deps, attempt.transaction_id)
  return current?.status ?? attempt.status
}

/**
 * Takes the right to schedule the next check. The queue chain itself always
 * continues; any other source starts a chain only when none is scheduled
 * (`next_check_at` empty or past), in one conditional UPDATE, so that five
 * copies of a WAITING notification start one chain, not five.
 */
async function claimNextCheck(deps: PaymentDeps, attempt: AttemptRow, at: Date, force: boolean, now: Date): Promise<boolean> {
  let query = deps.admin
    .from('payment_attempts')
    .update({ next_check_at: at.toISOString() })
    .eq('id', attempt.id)
    .in('status', OPEN)
  if (!force) query = query.or(`next_check_at.is.null,next_check_at.lte.${now.toISOString()}`)
  const { data, error } = await query.select('id')
  if (error) throw new PaymentStoreError('planification de la re-vérification', error)
  return Array.isArray(data) && data.length > 0
}

async function recordCheck(
  deps: PaymentDeps,
  attempt: AttemptRow,
  check: CheckPaymentResult,
  source: CheckSource,
  decision: CheckDecision,
  note: string | null,
) {
  const row =
    check.kind === 'answer'
      ? {
          http_status: check.httpStatus,
          code: check.code,
          message: check.message,
          api_status: check.data?.status ?? null,
          amount: check.data?.amount ?? null,
          currency: check.data?.currency ?? null,
          raw_response: check.raw as object,
          raw_text: null,
          error: note,
        }
      : {
          http_status: check.httpStatus,
          code: null,
          message: null,
          api_status: null,
          amount: null,
          currency: null,
          raw_response: null,
          raw_text: check.rawText,
          error: [`${check.reason} : ${check.detail}`, note].filter(Boolean).join(' — '),
        }
  const { error } = await deps.admin.from('payment_checks').insert({
    payment_attempt_id: attempt.id,
    source,
    decision,
    duration_ms: check.durationMs,
    ...row,
  })
  if (error) throw new PaymentStoreError('journal de vérification', error)
}

/** Bookkeeping shown in the admin journal. Not a status change, so never refused by the guard. */
async function touchAttempt(deps: PaymentDeps, attempt: AttemptRow, check: CheckPaymentResult, now: Date) {
  const { error } = await deps.admin
    .from('payment_attempts')
    .update({
      check_count: attempt.check_count + 1,
      last_checked_at: now.toISOString(),
      last_code: check.kind === 'answer' ? check.code : null,
      last_message: check.kind === 'answer' ? check.message : `${check.reason} : ${check.detail}`.slice(0, 500),
    })
    .eq('id', attempt.id)
  if (error) throw new PaymentStoreError('mise à jour de la tentative', error)
}
