import { describe, expect, it } from 'vitest'
import { CINETPAY_SAFE_ID_PATTERN, isTransactionId, newTransactionId, transactionIdTime } from '../transaction-id.ts'

describe('newTransactionId', () => {
  it('is short, upper-case alphanumeric, CinetPay- and database-safe', () => {
    const id = newTransactionId()
    expect(id).toMatch(/^NX[0-9A-Z]{19}$/)
    expect(id.length).toBeLessThanOrEqual(30)
    expect(id).toMatch(CINETPAY_SAFE_ID_PATTERN)
    expect(id).not.toMatch(/[#/$_&\-\s]/)
    expect(isTransactionId(id)).toBe(true)
  })

  it('encodes its creation time and sorts by it', () => {
    const t = Date.UTC(2026, 10, 24, 9, 30, 0, 123)
    expect(transactionIdTime(newTransactionId(t))?.getTime()).toBe(t)
    const ids = [t + 1000, t, t + 60_000, t + 1].map((ms) => newTransactionId(ms))
    const sorted = [...ids].sort()
    expect(sorted.map((id) => transactionIdTime(id)!.getTime())).toEqual([t, t + 1, t + 1000, t + 60_000])
  })

  it('does not collide: 20 000 ids in the same millisecond are all different', () => {
    const now = Date.now()
    const ids = new Set(Array.from({ length: 20_000 }, () => newTransactionId(now)))
    expect(ids.size).toBe(20_000)
  })

  it('draws random characters without bias (every base36 character appears, none dominates)', () => {
    const counts = new Map<string, number>()
    for (let i = 0; i < 5_000; i++) for (const ch of newTransactionId(0).slice(11)) counts.set(ch, (counts.get(ch) ?? 0) + 1)
    expect(counts.size).toBe(36)
    // 50 000 draws, expected ≈ 1 389 each; a biased draw (e.g. modulo on 256) would skew the first 4 by ~+14 %.
    for (const n of counts.values()) expect(n).toBeGreaterThan(1_150)
    for (const n of counts.values()) expect(n).toBeLessThan(1_650)
  })

  it('refuses dates it cannot encode', () => {
    expect(() => newTransactionId(-1)).toThrow(RangeError)
    expect(() => newTransactionId(Number.NaN)).toThrow(RangeError)
    expect(() => newTransactionId(36 ** 9)).toThrow(RangeError)
  })

  it('recognises only its own shape', () => {
    expect(isTransactionId('ORD20240915A1B2C3')).toBe(false)
    expect(transactionIdTime('ORD20240915A1B2C3')).toBeNull()
    expect(isTransactionId(42)).toBe(false)
  })
})
