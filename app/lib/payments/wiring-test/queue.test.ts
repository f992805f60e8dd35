// The `payment-check` consumer through the Worker's real queue router
// (workers/queue.ts), with createMessageBatch / getQueueResult, against the
// local Supabase and the sandbox.
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { afterEach, describe, expect, it } from 'vitest'
import { runPaymentCheck } from '../../../../workers/jobs/payment-check.ts'
import { createQueueHandler, type JobContext } from '../../../../workers/queue.ts'
import type { PaymentCheckMessage } from '../messages.ts'
import type { PaymentDeps } from '../deps.server.ts'
import {
  adminClient,
  attemptRow,
  bindings,
  countRows,
  createDueInvoice,
  sandboxComplete,
  sandboxFaults,
  startAttempt,
  testDeps,
} from './helpers.ts'

let seq = 0

async function deliver(deps: PaymentDeps, body: unknown, attempts = 1) {
  const handler = createQueueHandler({ 'payment-check': (m: PaymentCheckMessage, ctx: JobContext) => runPaymentCheck(m, { ...ctx, payments: deps }) })
  const id = `msg-${++seq}`
  const batch = createMessageBatch('payment-check', [{ id, timestamp: new Date(), attempts, body }])
  const ctx = createExecutionContext()
  await handler(batch, bindings() as unknown as Env, ctx)
  return { id, result: await getQueueResult(batch, ctx) }
}

const message = (transactionId: string, attempt: number, reason = 'waiting') => ({ type: 'payment-check', transactionId, attempt, reason })

afterEach(async () => {
  await sandboxFaults({ checkStatus500: false, checkTimeoutMs: 0 })
})

describe('payment-check consumer', () => {
  it('waiting → re-check later → accepted: acked each time, next check sent with the backoff delay', async () => {
    const invoiceId = await createDueInvoice(15_000)
    const { transactionId } = await startAttempt(invoiceId)
    const deps = testDeps()

    // Nobody paid yet: CinetPay says 662 / WAITING_FOR_CUSTOMER.
    const first = await deliver(deps, message(transactionId, 1))
    expect(first.result.explicitAcks).toEqual([first.id])
    expect(first.result.retryMessages).toEqual([])
    expect(deps.queue.sent).toEqual([{ message: message(transactionId, 2), delaySeconds: 60 }])
    const waiting = await attemptRow(transactionId)
    expect(waiting.status).toBe('waiting')
    expect(Date.parse(waiting.next_check_at) - Date.now()).toBeGreaterThan(50_000)

    await sandboxComplete(transactionId, { outcome: 'accepted' })
    const second = await deliver(deps, deps.queue.sent[0]!.message)
    expect(second.result.explicitAcks).toEqual([second.id])
    expect(deps.queue.sent).toHaveLength(1) // nothing more to check
    expect((await attemptRow(transactionId)).status).toBe('accepted')
    const { data: invoice } = await adminClient().from('invoices').select('status').eq('id', invoiceId).single()
    expect(invoice).toEqual({ status: 'paid' })

    // Redelivery of the same message (at-least-once delivery): acked, nothing changes.
    const redelivered = await deliver(deps, deps.queue.sent[0]!.message, 2)
    expect(redelivered.result.explicitAcks).toEqual([redelivered.id])
    expect(await countRows('payments', 'transaction_id', transactionId)).toBe(1)

    const { data: checks } = await adminClient()
      .from('payment_checks')
      .select('source, decision')
      .eq('payment_attempt_id', waiting.id)
      .order('checked_at')
    expect(checks).toEqual([
      { source: 'queue', decision: 'waiting' },
      { source: 'queue', decision: 'accepted' },
    ])
  })

  it('waiting until the 24 h window closes → expired, and no further message', async () => {
    const invoiceId = await createDueInvoice(5_000)
    const { transactionId } = await startAttempt(invoiceId)
    const created = Date.parse((await attemptRow(transactionId)).created_at)

    // 10 s before the deadline: the last check is pulled in to land on 24 h exactly.
    const late = testDeps({ now: () => new Date(created + 24 * 3600_000 - 10_000) })
    await deliver(late, message(transactionId, 29))
    expect(late.queue.sent).toHaveLength(1)
    expect(late.queue.sent[0]!.delaySeconds).toBeLessThanOrEqual(10)
    expect(late.queue.sent[0]!.message.attempt).toBe(30)

    const over = testDeps({ now: () => new Date(created + 24 * 3600_000 + 1_000) })
    const last = await deliver(over, message(transactionId, 30))
    expect(last.result.explicitAcks).toEqual([last.id])
    expect(over.queue.sent).toHaveLength(0)
    const attempt = await attemptRow(transactionId)
    expect(attempt.status).toBe('expired')
    expect(attempt.failure_reason).toMatch(/24 heures/)
    const { data: checks } = await adminClient()
      .from('payment_checks')
      .select('decision')
      .eq('payment_attempt_id', attempt.id)
      .order('checked_at')
    expect((checks as { decision: string }[]).map((c) => c.decision)).toEqual(['waiting', 'expired'])

    // Money confirmed after we gave up (the operator was late): never lost, never silently applied — flagged.
    await sandboxComplete(transactionId, { outcome: 'accepted' })
    const late2 = testDeps()
    const manual = await deliver(late2, message(transactionId, 1, 'manual'))
    expect(manual.result.explicitAcks).toEqual([manual.id])
    const flagged = await attemptRow(transactionId)
    expect(flagged.status).toBe('flagged')
    expect(flagged.failure_reason).toMatch(/après l'abandon|après l’abandon/)
    expect(await countRows('payments', 'transaction_id', transactionId)).toBe(0)
  })

  it('check answers HTTP 500 → the failed check is journaled and re-queued with a delay (not a blind retry)', async () => {
    const invoiceId = await createDueInvoice(5_000)
    const { transactionId } = await startAttempt(invoiceId)
    await sandboxFaults({ checkStatus500: true })
    const deps = testDeps()
    const r = await deliver(deps, message(transactionId, 3))
    expect(r.result.explicitAcks).toEqual([r.id])
    expect(deps.queue.sent).toEqual([{ message: message(transactionId, 4, 'check-error'), delaySeconds: 300 }])
    const attempt = await attemptRow(transactionId)
    expect(attempt.status).toBe('pending')
    const { data: checks } = await adminClient()
      .from('payment_checks')
      .select('decision, http_status, raw_text, error')
      .eq('payment_attempt_id', attempt.id)
    expect(checks).toHaveLength(1)
    expect((checks as any[])[0]).toMatchObject({ decision: 'error', http_status: 500 })
    expect((checks as any[])[0].error).toMatch(/server-error/)
  })

  it('a thrown error (database down) → message.retry() with backoff, nothing acked', async () => {
    const { createClient } = await import('@supabase/supabase-js')
    const broken = createClient('http://127.0.0.1:9', 'x', { auth: { persistSession: false } }) as any
    const r = await deliver(testDeps({ admin: broken }), message('NXQUEUEDBDOWN000001', 1), 3)
    expect(r.result.explicitAcks).toEqual([])
    // The router asks retry({ delaySeconds: backoffSeconds(3) = 120 }); getQueueResult reports the retried id.
    expect(r.result.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual([r.id])
  })

  it('a malformed message is acked (logged), never retried into the DLQ', async () => {
    const r = await deliver(testDeps(), { type: 'payment-check', transactionId: 'bad id!', attempt: 0 })
    expect(r.result.explicitAcks).toEqual([r.id])
    expect(r.result.retryMessages).toEqual([])
  })
})
