import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { PaymentCheckMessage, paymentCheckMessage } from '../messages.ts'

describe('payment-check queue message', () => {
  it('builds and parses a valid message', () => {
    const m = paymentCheckMessage('NX0MHXYZ12ABCDEFGHIJ0', 'waiting', 3)
    expect(m).toEqual({ type: 'payment-check', transactionId: 'NX0MHXYZ12ABCDEFGHIJ0', attempt: 3, reason: 'waiting' })
    expect(PaymentCheckMessage.parse(JSON.parse(JSON.stringify(m)))).toEqual(m)
  })

  it('defaults to the first check', () => {
    expect(paymentCheckMessage('NX0MHXYZ12ABCDEFGHIJ0', 'return-page').attempt).toBe(1)
  })

  it.each([
    ['another type', { type: 'email', transactionId: 'NX0MHXYZ12ABCDEFGHIJ0', attempt: 1, reason: 'waiting' }],
    ['an unsafe transaction id', { type: 'payment-check', transactionId: 'NX_1/2', attempt: 1, reason: 'waiting' }],
    ['attempt 0', { type: 'payment-check', transactionId: 'NX0MHXYZ12ABCDEFGHIJ0', attempt: 0, reason: 'waiting' }],
    ['a fractional attempt', { type: 'payment-check', transactionId: 'NX0MHXYZ12ABCDEFGHIJ0', attempt: 1.5, reason: 'waiting' }],
    ['an unknown reason', { type: 'payment-check', transactionId: 'NX0MHXYZ12ABCDEFGHIJ0', attempt: 1, reason: 'cron' }],
    ['no reason', { type: 'payment-check', transactionId: 'NX0MHXYZ12ABCDEFGHIJ0', attempt: 1 }],
  ])('rejects %s', (_label, body) => {
    expect(PaymentCheckMessage.safeParse(body).success).toBe(false)
  })

  it('strips unknown keys instead of refusing (rolling deploys)', () => {
    const parsed = PaymentCheckMessage.parse({ type: 'payment-check', transactionId: 'NX0MHXYZ12ABCDEFGHIJ0', attempt: 1, reason: 'manual', extra: 1 })
    expect(parsed).not.toHaveProperty('extra')
  })

  it('fits in the queue router’s discriminated union', () => {
    const Other = z.object({ type: z.literal('send-email'), to: z.string() })
    const Router = z.discriminatedUnion('type', [PaymentCheckMessage, Other])
    expect(Router.parse({ type: 'payment-check', transactionId: 'NX0MHXYZ12ABCDEFGHIJ0', attempt: 2, reason: 'check-error' }).type).toBe('payment-check')
  })

  it('throws at the producer on a bad id', () => {
    expect(() => paymentCheckMessage('bad id', 'manual')).toThrow()
  })
})
