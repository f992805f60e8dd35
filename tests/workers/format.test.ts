import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatDay, formatRelative, formatShortDate, formatXOF, NNBSP, plural } from '../../app/lib/format.ts'

const N = '\u202F' // narrow no-break space
const NB = '\u00A0' // no-break space

describe('formatXOF', () => {
  it.each([
    [0, `0${N}F${NB}CFA`],
    [5, `5${N}F${NB}CFA`],
    [100, `100${N}F${NB}CFA`],
    [1000, `1${N}000${N}F${NB}CFA`],
    [25000, `25${N}000${N}F${NB}CFA`],
    [1500000, `1${N}500${N}000${N}F${NB}CFA`],
    [6250000, `6${N}250${N}000${N}F${NB}CFA`],
    [-1500, `−1${N}500${N}F${NB}CFA`],
  ])('%d → %j', (amount, expected) => {
    expect(formatXOF(amount)).toBe(expected)
  })

  it('uses narrow no-break spaces only, never a plain or a no-break space between groups', () => {
    const text = formatXOF(123456789)
    expect(text).toBe(`123${N}456${N}789${N}F${NB}CFA`)
    expect(text).not.toMatch(/ /)
    expect(NNBSP).toBe(N)
  })

  it('accepts bigint and integer strings (Postgres bigint over JSON)', () => {
    expect(formatXOF(9007199254740993n)).toBe(`9${N}007${N}199${N}254${N}740${N}993${N}F${NB}CFA`)
    expect(formatXOF('7250000')).toBe(`7${N}250${N}000${N}F${NB}CFA`)
    expect(formatXOF(' -42 ')).toBe(`−42${N}F${NB}CFA`)
  })

  it('refuses fractions and garbage instead of rounding', () => {
    expect(() => formatXOF(1500.5)).toThrow(RangeError)
    expect(() => formatXOF(Number.NaN)).toThrow(RangeError)
    expect(() => formatXOF(2 ** 60)).toThrow(RangeError)
    expect(() => formatXOF('12,5')).toThrow(RangeError)
    expect(() => formatXOF('1e3')).toThrow(RangeError)
  })
})

describe('dates (fr-CI, Africa/Abidjan)', () => {
  it('formats a date in French', () => {
    expect(formatDate('2026-03-12T10:00:00Z')).toBe('12 mars 2026')
    expect(formatShortDate('2026-03-02T10:00:00Z')).toBe('02/03/2026')
  })

  it('uses Abidjan time (UTC+0) whatever the runtime zone', () => {
    expect(formatDate('2026-03-12T23:30:00Z')).toBe('12 mars 2026')
    expect(formatDateTime('2026-03-12T14:05:00Z')).toMatch(/^12 mars 2026( à|,) 14:05$/)
  })

  it('treats a date-only value as a calendar day', () => {
    expect(formatDay('2026-12-31')).toBe('31 décembre 2026')
    expect(() => formatDay('31/12/2026')).toThrow(RangeError)
  })

  it('refuses invalid dates', () => {
    expect(() => formatDate('pas une date')).toThrow(RangeError)
  })

  it('says relative times in French against an explicit now', () => {
    const now = '2026-03-12T12:00:00Z'
    expect(formatRelative('2026-03-09T12:00:00Z', now)).toBe('il y a 3 jours')
    expect(formatRelative('2026-03-12T14:00:00Z', now)).toBe('dans 2 heures')
    expect(formatRelative('2026-03-11T12:00:00Z', now)).toBe('hier')
  })
})

describe('plural', () => {
  it('follows French: 0 and 1 take the singular', () => {
    expect(plural(0, 'tâche')).toBe(`0${NB}tâche`)
    expect(plural(1, 'tâche')).toBe(`1${NB}tâche`)
    expect(plural(2, 'tâche')).toBe(`2${NB}tâches`)
    expect(plural(3, 'jalon', 'jalons')).toBe(`3${NB}jalons`)
  })
})
