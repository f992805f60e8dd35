import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CinetPaySandbox } from '../src/server.ts'
import { API_RESPONSE_ID, CARD_CUSTOMER, CREDENTIALS, UA, check, createPayment, startReceiver, startSandbox } from './helpers.ts'

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

const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/

describe('POST /v2/payment/check — one shape per state', () => {
  it('CREATED (nobody paid yet): 662 WAITING_CUSTOMER_PAYMENT, WAITING_FOR_CUSTOMER', async () => {
    const p = await createPayment(sandbox, receiver)
    const res = await check(sandbox, { transaction_id: p.transactionId })
    expect(res.status).toBe(200)
    expect(res.json).toEqual({
      code: '662',
      message: 'WAITING_CUSTOMER_PAYMENT',
      data: {
        amount: '12500',
        currency: 'XOF',
        status: 'WAITING_FOR_CUSTOMER',
        payment_method: '',
        description: 'Facture FAC-2026-0042',
        metadata: p.body.metadata,
        operator_id: null,
        payment_date: ' ',
        fund_availability_date: ' ',
      },
      api_response_id: expect.stringMatching(API_RESPONSE_ID),
    })
  })

  it('WAITING (operator push pending): 623 WAITING_CUSTOMER_TO_VALIDATE', async () => {
    const p = await createPayment(sandbox, receiver)
    sandbox.complete(p.transactionId, { outcome: 'waiting_then_accepted', operator: 'MTN', delaySeconds: 60 })
    const res = await check(sandbox, { transaction_id: p.transactionId })
    expect(res.json).toMatchObject({
      code: '623',
      message: 'WAITING_CUSTOMER_TO_VALIDATE',
      data: { status: 'WAITING_FOR_CUSTOMER', payment_method: 'MOMO', operator_id: null, payment_date: ' ', amount: '12500' },
    })
  })

  it('ACCEPTED: 00 SUCCES, string amount, operator reference, payment and fund dates', async () => {
    const p = await createPayment(sandbox, receiver, { amount: 100 })
    sandbox.complete(p.transactionId, { outcome: 'accepted', operator: 'OM' })
    const res = await check(sandbox, { transaction_id: p.transactionId })
    expect(res.json).toEqual({
      code: '00',
      message: 'SUCCES',
      data: {
        amount: '100',
        currency: 'XOF',
        status: 'ACCEPTED',
        payment_method: 'OM',
        description: 'Facture FAC-2026-0042',
        metadata: p.body.metadata,
        operator_id: expect.stringMatching(/^MP\d{6}\.\d{4}\.[0-9A-F]{6}$/),
        payment_date: expect.stringMatching(DATE_TIME),
        fund_availability_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} 00:00:00$/),
      },
      api_response_id: expect.stringMatching(API_RESPONSE_ID),
    })
    const paid = new Date(`${res.json.data.payment_date.replace(' ', 'T')}Z`)
    const funds = new Date(`${res.json.data.fund_availability_date.replace(' ', 'T')}Z`)
    expect(Math.abs(paid.getTime() - Date.now())).toBeLessThan(5000)
    expect(Math.round((funds.getTime() - Date.UTC(paid.getUTCFullYear(), paid.getUTCMonth(), paid.getUTCDate())) / 86_400_000)).toBe(2)
  })

  it('REFUSED by the operator: 600 PAYMENT_FAILED, payment_date " ", no operator_id', async () => {
    const p = await createPayment(sandbox, receiver)
    sandbox.complete(p.transactionId, { outcome: 'refused', operator: 'MTN' })
    const res = await check(sandbox, { transaction_id: p.transactionId })
    expect(res.json).toEqual({
      code: '600',
      message: 'PAYMENT_FAILED',
      data: {
        amount: '12500',
        currency: 'XOF',
        status: 'REFUSED',
        payment_method: 'MOMO',
        description: 'Facture FAC-2026-0042',
        metadata: p.body.metadata,
        operator_id: null,
        payment_date: ' ',
        fund_availability_date: expect.stringMatching(DATE_TIME),
      },
      api_response_id: expect.stringMatching(API_RESPONSE_ID),
    })
  })

  it('cancelled by the customer: 627 TRANSACTION_CANCEL, REFUSED', async () => {
    const p = await createPayment(sandbox, receiver)
    sandbox.complete(p.transactionId, { outcome: 'cancelled' })
    const res = await check(sandbox, { transaction_id: p.transactionId })
    expect(res.json).toMatchObject({ code: '627', message: 'TRANSACTION_CANCEL', data: { status: 'REFUSED', payment_date: ' ', operator_id: null } })
  })

  it('waiting then cancelled, once the wait is over: 627 TRANSACTION_CANCEL', async () => {
    const p = await createPayment(sandbox, receiver)
    sandbox.complete(p.transactionId, { outcome: 'waiting_then_cancelled', delaySeconds: 0 })
    const res = await check(sandbox, { transaction_id: p.transactionId })
    expect(res.json).toMatchObject({ code: '627', message: 'TRANSACTION_CANCEL', data: { status: 'REFUSED', payment_method: 'OM' } })
  })

  it('card accepted: 00 SUCCES with the card payment method', async () => {
    const p = await createPayment(sandbox, receiver, { channels: 'CREDIT_CARD', ...CARD_CUSTOMER })
    sandbox.complete(p.transactionId, { outcome: 'card_accepted' })
    const res = await check(sandbox, { transaction_id: p.transactionId })
    expect(res.json).toMatchObject({ code: '00', message: 'SUCCES', data: { status: 'ACCEPTED', payment_method: 'VISAM', operator_id: expect.any(String) } })
  })

  it('maps the operators to their payment_method', async () => {
    for (const [operator, method] of [['OM', 'OM'], ['MTN', 'MOMO'], ['MOOV', 'FLOOZ'], ['WAVE', 'WAVECI']] as const) {
      const p = await createPayment(sandbox, receiver)
      sandbox.complete(p.transactionId, { outcome: 'accepted', operator })
      expect((await check(sandbox, { transaction_id: p.transactionId })).json.data.payment_method).toBe(method)
    }
  })

  it('metadata is null when none was sent', async () => {
    const p = await createPayment(sandbox, receiver, { metadata: undefined })
    expect((await check(sandbox, { transaction_id: p.transactionId })).json.data.metadata).toBeNull()
  })

  it('logs every check on the transaction', async () => {
    const p = await createPayment(sandbox, receiver)
    await check(sandbox, { transaction_id: p.transactionId })
    sandbox.complete(p.transactionId, { outcome: 'accepted' })
    await check(sandbox, { transaction_id: p.transactionId })
    expect(sandbox.transaction(p.transactionId)!.checks.map((c) => [c.code, c.status])).toEqual([
      ['662', 'WAITING_FOR_CUSTOMER'],
      ['00', 'ACCEPTED'],
    ])
  })
})

describe('POST /v2/payment/check — request variants', () => {
  let p: Awaited<ReturnType<typeof createPayment>>
  beforeAll(async () => {
    p = await createPayment(sandbox, receiver)
    sandbox.complete(p.transactionId, { outcome: 'accepted' })
  })
  const creds = () => ({ apikey: CREDENTIALS.apiKey, site_id: CREDENTIALS.siteId })
  const expectAccepted = (json: any) => expect(json).toMatchObject({ code: '00', data: { status: 'ACCEPTED', amount: '12500' } })

  it('JSON by transaction_id', async () => {
    expectAccepted((await check(sandbox, { transaction_id: p.transactionId })).json)
  })
  it('JSON by token', async () => {
    expectAccepted((await check(sandbox, { token: p.token })).json)
  })
  it('JSON by payment_token (TIDEV spelling)', async () => {
    expectAccepted((await check(sandbox, { payment_token: p.token })).json)
  })
  it('application/x-www-form-urlencoded', async () => {
    const res = await fetch(`${sandbox.url}/v2/payment/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...UA },
      body: new URLSearchParams({ ...creds(), transaction_id: p.transactionId }).toString(),
    })
    expectAccepted(await res.json())
  })
  it('multipart/form-data by token', async () => {
    const form = new FormData()
    for (const [k, v] of Object.entries({ ...creds(), token: p.token })) form.append(k, v)
    const res = await fetch(`${sandbox.url}/v2/payment/check`, { method: 'POST', headers: UA, body: form })
    expectAccepted(await res.json())
  })
  it('a JSON body without content type', async () => {
    const res = await fetch(`${sandbox.url}/v2/payment/check`, {
      method: 'POST',
      headers: UA,
      body: new Blob([JSON.stringify({ ...creds(), transaction_id: p.transactionId })]),
    })
    expectAccepted(await res.json())
  })
  it('a numeric site_id', async () => {
    expectAccepted((await check(sandbox, { site_id: Number(CREDENTIALS.siteId), transaction_id: p.transactionId })).json)
  })
})

describe('POST /v2/payment/check — errors', () => {
  const errorKeys = ['api_response_id', 'code', 'description', 'message']
  it('608 without apikey', async () => {
    const res = await check(sandbox, { apikey: undefined, transaction_id: 'X1' })
    expect(res.status).toBe(400)
    expect(Object.keys(res.json).sort()).toEqual(errorKeys)
    expect(res.json).toMatchObject({ code: '608', message: 'MINIMUM_REQUIRED_FIELDS', description: expect.stringMatching(/apikey/) })
  })
  it('608 without transaction_id nor token', async () => {
    const res = await check(sandbox, {})
    expect(res.json).toMatchObject({ code: '608', description: expect.stringMatching(/transaction_id \(ou token\)/) })
  })
  it('609 for a wrong apikey', async () => {
    const res = await check(sandbox, { apikey: 'nope', transaction_id: 'X1' })
    expect(res.json).toMatchObject({ code: '609', message: 'AUTH_NOT_FOUND' })
  })
  it('613 for a wrong site_id', async () => {
    const res = await check(sandbox, { site_id: '42', transaction_id: 'X1' })
    expect(res.json).toMatchObject({ code: '613', message: 'ERROR_SITE_ID_NOTVALID' })
  })
  it('627 without data for an unknown transaction', async () => {
    const res = await check(sandbox, { transaction_id: 'UNKNOWN42' })
    expect(res.status).toBe(400)
    expect(Object.keys(res.json).sort()).toEqual(errorKeys)
    expect(res.json).toMatchObject({ code: '627', message: 'TRANSACTION_CANCEL', description: expect.stringMatching(/UNKNOWN42/) })
  })
})
