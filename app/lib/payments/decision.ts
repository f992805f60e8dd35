// The payment decision: what a /v2/payment/check result means for a stored
// payment attempt. Pure: (check result, attempt as stored) → decision. The
// caller applies it in the database (record_online_payment() for accepted and
// flagged, an attempt update otherwise) and journals it in payment_checks.
//
// Rules (cinetpay.md §3, issue 7):
// - paid ⇔ code "00" AND data.status ACCEPTED AND amount AND currency equal
//   the attempt's. ACCEPTED with another amount or currency → flagged for the
//   admin, invoice not paid.
// - data.status REFUSED, or a refusal code (600, 602, 627…) without a usable
//   status → failed ('cancelled' for 627, 'refused' otherwise).
// - WAITING_FOR_CUSTOMER, the waiting codes (623, 662, 663, 664) and any
//   status we do not know → recheck later: a push-confirmation operator first
//   says "waiting", and failing it loses real payments (cinetpay.md §8.2).
// - CinetPay unreachable, or an error answer about our request or account
//   (608, 609, 613, 625…) → recheck later, alert the admin for the latter.
// - Forward only: an attempt that is final never changes here. A late
//   REFUSED (or WAITING) after ACCEPTED is ignored and logged; the one
//   exception is money confirmed after we gave up on the attempt (expired,
//   refused, cancelled, failed), which is flagged: a payment must never be
//   silently lost.
//
// Vocabulary follows the database: AttemptStatus = payment_attempt_status,
// CheckDecision = payment_check_decision, PaymentCheckReason = messages.ts.
import { formatXOF } from '../format.ts'
import type { CheckPaymentResult } from './client.server.ts'
import { describeCinetPayCode, PENDING_CODES } from './codes.ts'
import { nextCheckDelay } from './backoff.ts'
import { paymentCheckMessage, type PaymentCheckMessage, type PaymentCheckReason } from './messages.ts'

export const ATTEMPT_STATUSES = ['pending', 'waiting', 'accepted', 'refused', 'cancelled', 'expired', 'failed', 'flagged'] as const
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number]
export type CheckDecision = 'accepted' | 'refused' | 'cancelled' | 'waiting' | 'flagged' | 'expired' | 'error' | 'ignored'

/** Statuses in which CinetPay's answer still decides something. */
export const OPEN_STATUSES: readonly AttemptStatus[] = ['pending', 'waiting']

export interface StoredAttempt {
  /** payment_attempts.amount (XOF integer). */
  amount: number
  /** payment_attempts.currency */
  currency: string
  status: AttemptStatus
}

/** What CinetPay says was paid, in the shape record_online_payment() takes. */
export interface ConfirmedPayment {
  /** null when CinetPay's amount string is not a plain number. */
  amount: number | null
  /** As CinetPay sent it, for the journal. */
  amountText: string
  currency: string
  paymentMethod: string | null
  operatorId: string | null
  /** ISO 8601 UTC (CinetPay's dates are Abidjan time = UTC), null when absent or unreadable. */
  paidAt: string | null
}

interface DecisionBase {
  /** New attempt status to write, or null to leave it as it is. */
  nextStatus: AttemptStatus | null
  /** payment_checks.decision */
  checkDecision: CheckDecision
  /** One line for logs and the admin journal. */
  detail: string
  /** True when the admin should look at it (surprising or configuration-related). */
  alert: boolean
}

export type PaymentDecision =
  | (DecisionBase & { kind: 'accepted'; nextStatus: 'accepted'; payment: ConfirmedPayment })
  | (DecisionBase & {
      kind: 'flagged'
      nextStatus: 'flagged'
      payment: ConfirmedPayment
      /** French, for the admin (payment_attempts.failure_reason). */
      reason: string
      /** CinetPay confirmed after the attempt was already closed (expired/refused/cancelled/failed). */
      lateAcceptance: boolean
    })
  | (DecisionBase & {
      kind: 'failed'
      nextStatus: 'refused' | 'cancelled'
      code: string
      /** French, for the client (payment_attempts.failure_reason). */
      userMessage: string
    })
  | (DecisionBase & { kind: 'recheck'; nextStatus: 'waiting' | null; queueReason: Extract<PaymentCheckReason, 'waiting' | 'check-error'> })
  | (DecisionBase & { kind: 'ignored'; nextStatus: null })

export function decidePayment(check: CheckPaymentResult, attempt: StoredAttempt): PaymentDecision {
  const open = OPEN_STATUSES.includes(attempt.status)

  if (check.kind === 'unavailable') {
    if (!open) return ignored(`vérification impossible (${check.reason}) sur une tentative déjà « ${attempt.status} »`, false)
    return recheck('check-error', null, `CinetPay indisponible (${check.reason}) : ${check.detail}`, false)
  }

  const { code, data } = check
  const status = data?.status ?? null
  const said = `code ${code}${check.message ? ` ${check.message}` : ''}${status ? `, statut ${status}` : ''}`

  if (code === '00' && status === 'ACCEPTED' && data) {
    const payment = confirmedPayment(data)
    const mismatch = mismatchReason(payment, attempt)
    if (attempt.status === 'accepted') return ignored(`${said} : déjà acceptée, rien à faire`, false)
    if (attempt.status === 'flagged') return ignored(`${said} : déjà signalée à l’administrateur`, false)
    if (!open) {
      const reason =
        `CinetPay confirme un paiement de ${amountLabel(payment)} alors que la tentative était « ${attempt.status} » : ` +
        `à rapprocher manuellement.${mismatch ? ` ${mismatch}` : ''}`
      return { kind: 'flagged', nextStatus: 'flagged', checkDecision: 'flagged', payment, reason, lateAcceptance: true, detail: `${said} : ${reason}`, alert: true }
    }
    if (mismatch) {
      return { kind: 'flagged', nextStatus: 'flagged', checkDecision: 'flagged', payment, reason: mismatch, lateAcceptance: false, detail: `${said} : ${mismatch}`, alert: true }
    }
    return { kind: 'accepted', nextStatus: 'accepted', checkDecision: 'accepted', payment, detail: `${said} : paiement confirmé`, alert: false }
  }

  if (!open) {
    // Forward only. Anything but a confirmation is noise for a closed attempt;
    // contradicting an accepted one deserves a look.
    const contradicts = attempt.status === 'accepted' && status !== 'ACCEPTED'
    return ignored(`${said} : tentative déjà « ${attempt.status} », ignoré`, contradicts)
  }

  const info = describeCinetPayCode(code)
  if (status === 'REFUSED' || (info.category === 'refused' && !isWaitingStatus(status) && status !== 'ACCEPTED')) {
    return failed(code, info.category === 'refused' ? info.userMessage : 'Le paiement n’a pas abouti. Vous pouvez réessayer.', said)
  }
  if (status === 'ACCEPTED') {
    // ACCEPTED without code "00": not the documented success. Ask again rather than guess.
    return recheck('check-error', null, `${said} : statut ACCEPTED sans code 00, réponse incohérente`, true)
  }
  if (isWaitingStatus(status) || PENDING_CODES.includes(code)) {
    return recheck('waiting', attempt.status === 'pending' ? 'waiting' : null, `${said} : en attente`, false)
  }
  if (info.category === 'request-error' || info.category === 'merchant-error') {
    return recheck('check-error', null, `${said} : erreur de vérification (${check.description ?? info.constant})`, true)
  }
  if (info.category === 'unavailable' && status === null) {
    return recheck('check-error', null, `${said} : service indisponible`, info.constant === 'UNKNOWN')
  }
  // A status we have never seen (PENDING, CREATED…): still pending until proven otherwise.
  return recheck('waiting', attempt.status === 'pending' ? 'waiting' : null, `${said} : statut non documenté, traité comme en attente`, true)
}

export type NextCheckPlan =
  | { action: 'none' }
  | { action: 'enqueue'; delaySeconds: number; nextCheckAt: Date; message: PaymentCheckMessage }
  | { action: 'expire'; nextStatus: 'expired'; checkDecision: 'expired'; detail: string }

/**
 * What the caller does after applying a decision: nothing, enqueue the next
 * `payment-check` (with the backoff delay), or expire the attempt (24 h
 * window over). `checkCount` is the number of checks already made in this
 * chain, i.e. the message's `attempt` for the queue consumer, 0 for the first
 * check triggered by a notification or the return page.
 */
export function planNextCheck(
  decision: PaymentDecision,
  context: { transactionId: string; createdAt: Date | string | number; checkCount: number; now?: Date | number },
): NextCheckPlan {
  if (decision.kind !== 'recheck') return { action: 'none' }
  const now = context.now ?? Date.now()
  const delay = nextCheckDelay({ createdAt: context.createdAt, checkCount: context.checkCount, now })
  if (delay === 'expire') {
    return { action: 'expire', nextStatus: 'expired', checkDecision: 'expired', detail: 'toujours sans confirmation 24 h après la création : expirée' }
  }
  const nowMs = now instanceof Date ? now.getTime() : now
  return {
    action: 'enqueue',
    delaySeconds: delay,
    nextCheckAt: new Date(nowMs + delay * 1000),
    message: paymentCheckMessage(context.transactionId, decision.queueReason, context.checkCount + 1),
  }
}

// ————————————————————————————————————————————————————————————————— helpers

function isWaitingStatus(status: string | null): boolean {
  return status === 'WAITING_FOR_CUSTOMER' || status === 'WAITING_CUSTOMER_PAYMENT'
}

function confirmedPayment(data: NonNullable<Extract<CheckPaymentResult, { kind: 'answer' }>['data']>): ConfirmedPayment {
  return {
    amount: data.amountValue,
    amountText: data.amount,
    currency: data.currency.trim().toUpperCase(),
    paymentMethod: data.paymentMethod,
    operatorId: data.operatorId,
    paidAt: cinetpayDateToIso(data.paymentDate),
  }
}

function mismatchReason(payment: ConfirmedPayment, attempt: StoredAttempt): string | null {
  if (payment.amount === null) {
    return `Montant confirmé par CinetPay illisible (« ${payment.amountText} ») : montant attendu ${formatXOF(attempt.amount)}.`
  }
  if (payment.amount !== attempt.amount) {
    return `Montant confirmé par CinetPay (${amountLabel(payment)}) différent du montant demandé (${formatXOF(attempt.amount)}).`
  }
  if (payment.currency !== attempt.currency.trim().toUpperCase()) {
    return `Devise confirmée par CinetPay (${payment.currency}) différente de la devise demandée (${attempt.currency}).`
  }
  return null
}

function amountLabel(payment: ConfirmedPayment): string {
  return payment.amount !== null && payment.currency === 'XOF' ? formatXOF(payment.amount) : `${payment.amountText} ${payment.currency}`
}

/** "2022-09-15 22:57:15" (Abidjan, UTC+0) → "2022-09-15T22:57:15.000Z". */
export function cinetpayDateToIso(value: string | null): string | null {
  const m = value?.trim().match(/^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/)
  if (!m) return null
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!))
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

function failed(code: string, userMessage: string, said: string): PaymentDecision {
  const nextStatus = code === '627' ? 'cancelled' : 'refused'
  return { kind: 'failed', nextStatus, checkDecision: nextStatus, code, userMessage, detail: `${said} : échec définitif`, alert: false }
}

function recheck(
  queueReason: 'waiting' | 'check-error',
  nextStatus: 'waiting' | null,
  detail: string,
  alert: boolean,
): PaymentDecision {
  return { kind: 'recheck', nextStatus, checkDecision: queueReason === 'waiting' ? 'waiting' : 'error', queueReason, detail, alert }
}

function ignored(detail: string, alert: boolean): PaymentDecision {
  return { kind: 'ignored', nextStatus: null, checkDecision: 'ignored', detail, alert }
}
