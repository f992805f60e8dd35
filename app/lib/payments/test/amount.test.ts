import { describe, expect, it } from 'vitest'
import { checkOnlineAmount, isCinetPayAmount } from '../amount.ts'

const NNBSP = '\u202F'

describe('checkOnlineAmount (XOF: integer, multiple of 5, at least 100, never rounded)', () => {
  it.each([
    [100, 100],
    [5_000, 5_000],
    [1_180, 1_180],
    [1_500_000, 1_500_000],
    [5_000n, 5_000],
    ['2500', 2_500],
    [' 2500 ', 2_500],
  ] as const)('accepts %s', (balance, amount) => {
    expect(checkOnlineAmount(balance)).toEqual({ ok: true, amount, currency: 'XOF' })
  })

  it.each([
    [0, 'nothing-due'],
    [-500, 'nothing-due'],
    ['0', 'nothing-due'],
    [95, 'below-minimum'],
    [5, 'below-minimum'],
    [1_183, 'not-multiple-of-5'],
    [101, 'not-multiple-of-5'],
    [1_183.5, 'not-integer'],
    ['1183.00', 'not-integer'],
    ['mille', 'not-integer'],
    [Number.NaN, 'not-integer'],
    [2 ** 60, 'not-integer'],
    [2n ** 60n, 'not-integer'],
  ] as const)('refuses %s (%s)', (balance, reason) => {
    const r = checkOnlineAmount(balance)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason).toBe(reason)
  })

  it('explains 1 183 F CFA in French, without rounding, and offers a way out', () => {
    const r = checkOnlineAmount(1_183)
    if (r.ok) throw new Error('expected a refusal')
    expect(r.message).toContain(`1${NNBSP}183${NNBSP}F\u00A0CFA`)
    expect(r.message).toContain('multiples de 5')
    expect(r.message).toContain('Nous ne l’arrondissons pas')
    expect(r.message).toContain('Contactez NOURX')
    expect(r.message).toContain('virement')
    // No rounded figure is suggested as what the client would pay.
    expect(r.message).not.toMatch(/1\D?18[05]/)
  })

  it('explains the minimum with both figures', () => {
    const r = checkOnlineAmount(60)
    if (r.ok) throw new Error('expected a refusal')
    expect(r.message).toContain(`60${NNBSP}F\u00A0CFA`)
    expect(r.message).toContain(`100${NNBSP}F\u00A0CFA`)
  })

  it('refuses other currencies', () => {
    const r = checkOnlineAmount(5_000, 'EUR')
    expect(r).toMatchObject({ ok: false, reason: 'unsupported-currency' })
    expect(checkOnlineAmount(5_000, 'xof')).toEqual({ ok: true, amount: 5_000, currency: 'XOF' })
  })
})

describe('isCinetPayAmount', () => {
  it.each([
    [100, 'XOF', true],
    [105, 'XOF', true],
    [99, 'XOF', false],
    [103, 'XOF', false],
    [100.5, 'XOF', false],
    [5_000, 'USD', false],
  ] as const)('%s %s → %s', (amount, currency, expected) => {
    expect(isCinetPayAmount(amount, currency)).toBe(expected)
  })
})
