// Waiting-then-final outcomes, duplicates and delays, with short waits.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { CinetPaySandbox } from '../src/server.ts'
import { CREDENTIALS, check, createPayment, postJson, startReceiver, startSandbox } from './helpers.ts'
import { independentVerify } from './independent-verifier.ts'

let sandbox: CinetPaySandbox
let receiver: Awaited<ReturnType<typeof startReceiver>>
beforeAll(async () => {
  sandbox = await startSandbox()
  receiver = await startReceiver()
})
afterAll(async () => {
  await sandbox.stop()
  await receiver.close()
})
beforeEach(() => {
  sandbox.reset()
  receiver.received.length = 0
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const valid = (r: { headers: Record<string, unknown>; form: Record<string, string> }) =>
  independentVerify(CREDENTIALS.secretKey, r.headers['x-token'] as string, r.form)

async function submitForm(paymentUrl: string, fields: Record<string, string>) {
  return fetch(paymentUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  })
}

describe('waiting then final', () => {
  it('waiting then accepted (checkout form): WAITING until N seconds, then ACCEPTED and a second notification', async () => {
    const p = await createPayment(sandbox, receiver)
    const submittedAt = Date.now()
    await submitForm(p.paymentUrl, { outcome: 'waiting_then_accepted', operator: 'MTN', wait_seconds: '1.2' })

    const [first] = await receiver.waitFor(1)
    expect(first.at - submittedAt).toBeLessThan(500)
    expect(first.form).toMatchObject({ cpm_trans_id: p.transactionId, cpm_error_message: 'WAITING_CUSTOMER_TO_VALIDATE', payment_method: 'MOMO' })
    expect(valid(first)).toBe(true)

    const during = await check(sandbox, { transaction_id: p.transactionId })
    expect(Date.now() - submittedAt).toBeLessThan(1200)
    expect(during.json).toMatchObject({ code: '623', data: { status: 'WAITING_FOR_CUSTOMER', payment_date: ' ' } })
    expect(receiver.received).toHaveLength(1)

    const [, second] = await receiver.waitFor(2, 5000)
    expect(second.at - submittedAt).toBeGreaterThanOrEqual(1180)
    expect(second.at - submittedAt).toBeLessThan(3000)
    expect(second.form).toMatchObject({ cpm_trans_id: p.transactionId, cpm_error_message: 'SUCCES', payment_method: 'MOMO' })
    expect(valid(second)).toBe(true)

    const after = await check(sandbox, { transaction_id: p.transactionId })
    expect(after.json).toMatchObject({ code: '00', message: 'SUCCES', data: { status: 'ACCEPTED' } })
    // The payment date is when the operator confirmed, not when the customer chose.
    const paidAt = Date.parse(`${after.json.data.payment_date.replace(' ', 'T')}Z`)
    expect(paidAt).toBeGreaterThanOrEqual(Math.floor((submittedAt + 1200) / 1000) * 1000)
    expect(sandbox.transaction(p.transactionId)!.notifications.map((n) => [n.kind, n.status])).toEqual([
      ['waiting', 200],
      ['final', 200],
    ])
  })

  it('waiting then cancelled (control endpoint): 623 until N seconds, then 627 and TRANSACTION_CANCEL', async () => {
    const p = await createPayment(sandbox, receiver)
    const started = Date.now()
    const res = await postJson(`${sandbox.url}/__sandbox/transactions/${p.transactionId}/complete`, {
      outcome: 'waiting_then_cancelled',
      operator: 'OM',
      delaySeconds: 0.6,
    })
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ phase: 'WAITING', outcome: 'waiting_then_cancelled', check: { code: '623' } })
    expect((await check(sandbox, { transaction_id: p.transactionId })).json.code).toBe('623')

    const [first, second] = await receiver.waitFor(2, 5000)
    expect(first.form.cpm_error_message).toBe('WAITING_CUSTOMER_TO_VALIDATE')
    expect(second.form.cpm_error_message).toBe('TRANSACTION_CANCEL')
    expect(second.at - started).toBeGreaterThanOrEqual(580)
    expect(valid(first) && valid(second)).toBe(true)
    expect((await check(sandbox, { transaction_id: p.transactionId })).json).toMatchObject({
      code: '627',
      data: { status: 'REFUSED', payment_date: ' ' },
    })
  })

  it('idle() waits for the second notification', async () => {
    const p = await createPayment(sandbox, receiver)
    sandbox.complete(p.transactionId, { outcome: 'waiting_then_accepted', delaySeconds: 0.3 })
    await sandbox.idle()
    expect(receiver.received.map((r) => r.form.cpm_error_message)).toEqual(['WAITING_CUSTOMER_TO_VALIDATE', 'SUCCES'])
  })
})

describe('duplicates', () => {
  it('sends N extra identical copies when asked on the checkout page', async () => {
    const p = await createPayment(sandbox, receiver)
    await submitForm(p.paymentUrl, { outcome: 'accepted', operator: 'OM', duplicates: '3' })
    const got = await receiver.waitFor(4)
    await sleep(100)
    expect(receiver.received).toHaveLength(4)
    expect(new Set(got.map((r) => r.body)).size).toBe(1)
    expect(new Set(got.map((r) => r.headers['x-token'])).size).toBe(1)
    expect(got.every(valid)).toBe(true)
    expect(sandbox.transaction(p.transactionId)!.notifications.map((n) => n.copy).sort()).toEqual([0, 1, 2, 3])
  })

  it('duplicates every notification (waiting and final) under the fault switch', async () => {
    sandbox.setFault({ duplicateNotifications: 2 })
    const p = await createPayment(sandbox, receiver)
    sandbox.complete(p.transactionId, { outcome: 'waiting_then_accepted', delaySeconds: 0.2 })
    await sandbox.idle()
    const kinds = receiver.received.map((r) => r.form.cpm_error_message)
    expect(kinds.filter((k) => k === 'WAITING_CUSTOMER_TO_VALIDATE')).toHaveLength(3)
    expect(kinds.filter((k) => k === 'SUCCES')).toHaveLength(3)
  })

  it('a per-transaction duplicates value overrides the fault switch', async () => {
    sandbox.setFault({ duplicateNotifications: 5 })
    const p = await createPayment(sandbox, receiver)
    sandbox.complete(p.transactionId, { outcome: 'accepted', duplicates: 1 })
    await sandbox.idle()
    expect(receiver.received).toHaveLength(2)
  })
})

describe('delays', () => {
  it('delays the notification when asked on the checkout page, not the state', async () => {
    const p = await createPayment(sandbox, receiver)
    const submittedAt = Date.now()
    await submitForm(p.paymentUrl, { outcome: 'accepted', notification_delay_seconds: '0.6' })
    expect((await check(sandbox, { transaction_id: p.transactionId })).json.code).toBe('00')
    expect(receiver.received).toHaveLength(0)
    const [n] = await receiver.waitFor(1, 5000)
    expect(n.at - submittedAt).toBeGreaterThanOrEqual(580)
    expect(valid(n)).toBe(true)
  })

  it('delays every notification under the fault switch', async () => {
    sandbox.setFault({ notificationDelayMs: 500 })
    const p = await createPayment(sandbox, receiver)
    const started = Date.now()
    sandbox.complete(p.transactionId, { outcome: 'refused' })
    const [n] = await receiver.waitFor(1, 5000)
    expect(n.at - started).toBeGreaterThanOrEqual(480)
    expect(n.form.cpm_error_message).toBe('PAYMENT_FAILED')
  })

  it('the final notification of a waiting payment is delayed after the wait', async () => {
    const p = await createPayment(sandbox, receiver)
    const started = Date.now()
    sandbox.complete(p.transactionId, { outcome: 'waiting_then_accepted', delaySeconds: 0.3, notificationDelayMs: 300 })
    const [first, second] = await receiver.waitFor(2, 5000)
    expect(first.at - started).toBeGreaterThanOrEqual(280)
    expect(second.at - started).toBeGreaterThanOrEqual(580)
  })
})
