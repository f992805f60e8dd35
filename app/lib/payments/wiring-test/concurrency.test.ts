// Exactly once under load: 50 concurrent copies of the same notification, and
// a mix of notifications, queue redeliveries, return-page polls and a late
// contradicting answer, all racing on one transaction.
import { createExecutionContext, createMessageBatch } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { runPaymentCheck } from '../../../../workers/jobs/payment-check.ts'
import { createQueueHandler, type JobContext } from '../../../../workers/queue.ts'
import type { PaymentCheckMessage } from '../messages.ts'
import { pollPaymentStatus } from '../payment-status.server.ts'
import {
  ACME_USER,
  adminClient,
  attemptRow,
  bindings,
  countRows,
  createDueInvoice,
  notificationsFor,
  replay,
  sandboxComplete,
  startAttempt,
  testDeps,
  userClient,
  workerFetch,
} from './helpers.ts'

describe('exactly once', () => {
  it('50 concurrent duplicate notifications → one payment, one receipt, invoice paid once', async () => {
    const invoiceId = await createDueInvoice(50_000)
    const { transactionId } = await startAttempt(invoiceId)
    await sandboxComplete(transactionId, { outcome: 'accepted' })
    const [notification] = await notificationsFor(transactionId)
    const deps = testDeps()
    const fetch = workerFetch(deps)

    const responses = await Promise.all(Array.from({ length: 50 }, () => fetch(replay(notification!))))
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200))

    const attempt = await attemptRow(transactionId)
    expect(attempt.status).toBe('accepted')
    expect(await countRows('payments', 'transaction_id', transactionId)).toBe(1)
    const admin = adminClient()
    const { data: payment } = await admin.from('payments').select('id').eq('transaction_id', transactionId).single()
    expect(await countRows('receipts', 'payment_id', (payment as { id: string }).id)).toBe(1)
    const { data: invoice } = await admin.from('invoices').select('status, amount_paid').eq('id', invoiceId).single()
    expect(invoice).toEqual({ status: 'paid', amount_paid: 50_000 })
    // Every copy is journaled; exactly one check recorded the acceptance.
    expect(await countRows('payment_notifications', 'transaction_id', transactionId)).toBe(50)
    const { data: checks } = await admin.from('payment_checks').select('decision').eq('payment_attempt_id', attempt.id)
    const decisions = (checks as { decision: string }[]).map((c) => c.decision)
    expect(decisions.filter((d) => d === 'accepted')).toHaveLength(1)
    expect(decisions.every((d) => d === 'accepted' || d === 'ignored')).toBe(true)
    expect(deps.queue.sent).toHaveLength(0)
  })

  it('notifications, queue redeliveries and return-page polls racing → one payment; a late refusal never moves it back', async () => {
    const invoiceId = await createDueInvoice(20_000)
    const { transactionId } = await startAttempt(invoiceId)
    // Waiting first (push confirmation), accepted one second later: two notifications, each duplicated.
    await sandboxComplete(transactionId, { outcome: 'waiting_then_accepted', delaySeconds: 1, duplicates: 1 })
    const notifications = await notificationsFor(transactionId, 4, 20_000)
    expect(notifications.length).toBeGreaterThanOrEqual(4)

    const deps = testDeps()
    const fetch = workerFetch(deps)
    const handler = createQueueHandler({ 'payment-check': (m: PaymentCheckMessage, ctx: JobContext) => runPaymentCheck(m, { ...ctx, payments: deps }) })
    const { client } = await userClient(ACME_USER)
    const queueRun = (i: number) => {
      const batch = createMessageBatch('payment-check', [
        { id: `race-${i}`, timestamp: new Date(), attempts: 1 + (i % 3), body: { type: 'payment-check', transactionId, attempt: 1 + i, reason: 'waiting' } },
      ])
      return handler(batch, bindings() as unknown as Env, createExecutionContext())
    }
    // Out of order: the later (SUCCES) notifications go first, then the early WAITING ones.
    const ordered = [...notifications].reverse()
    await Promise.all([
      ...ordered.map((n) => fetch(replay(n))),
      ...Array.from({ length: 10 }, (_, i) => queueRun(i)),
      ...Array.from({ length: 10 }, () => pollPaymentStatus(client, deps, transactionId, { now: new Date(Date.now() + 60_000) })),
      ...ordered.map((n) => fetch(replay(n))),
    ])

    const attempt = await attemptRow(transactionId)
    expect(attempt.status).toBe('accepted')
    expect(await countRows('payments', 'transaction_id', transactionId)).toBe(1)
    const { data: invoice } = await adminClient().from('invoices').select('status, amount_paid').eq('id', invoiceId).single()
    expect(invoice).toEqual({ status: 'paid', amount_paid: 20_000 })

    // The database itself refuses a backward move, whoever asks.
    const back = await adminClient().from('payment_attempts').update({ status: 'refused' }).eq('id', attempt.id)
    expect(back.error?.message).toMatch(/Transition de paiement refusée/)

    // And the return page now reports it paid, with its receipt.
    const status = await pollPaymentStatus(client, deps, transactionId)
    expect(status).toMatchObject({ phase: 'paid', invoiceStatus: 'paid' })
    expect(status?.receipt?.number).toMatch(/^REC-/)
  })
})
