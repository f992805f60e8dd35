// Our CinetPay `transaction_id`s: one per payment attempt, never reused (a
// reused id is refused by CinetPay, cinetpay.md §8.7).
//
// Shape: "NX" + 9 base36 characters of the creation time in milliseconds +
// 10 random base36 characters = 21 characters of [0-9A-Z].
// - CinetPay-safe: no "# / $ _ &", no "-", well under 30 characters (the
//   charset and length are undocumented, cinetpay.md §12.10); also matches
//   payment_attempts.transaction_id's check `^[A-Za-z0-9]{8,30}$`.
// - Time-sortable: fixed-width upper-case base36 sorts like the timestamp
//   ("0"–"9" sort before "A"–"Z" in ASCII), so ids sort by creation in logs.
//   9 characters cover dates up to the year 5188.
// - Collision-resistant: 10 random base36 characters ≈ 51.7 bits from
//   crypto.getRandomValues, drawn without modulo bias. Two ids can only collide
//   within the same millisecond, with probability ≈ 1 / 4·10¹⁵ per pair; the
//   unique constraint in the database is the last line of defence.
// - Upper case only: a client reading it to support over the phone cannot
//   confuse "o" and "O".

export const TRANSACTION_ID_PREFIX = 'NX'
const TIME_WIDTH = 9
const RANDOM_WIDTH = 10
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'

/** What we generate. */
export const TRANSACTION_ID_PATTERN = /^NX[0-9A-Z]{19}$/
/** What CinetPay and the database accept; use it to validate ids coming back from outside. */
export const CINETPAY_SAFE_ID_PATTERN = /^[A-Za-z0-9]{8,30}$/

export function newTransactionId(now: Date | number = Date.now()): string {
  const ms = typeof now === 'number' ? now : now.getTime()
  if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`newTransactionId: date invalide (${String(now)})`)
  const time = ms.toString(36).toUpperCase().padStart(TIME_WIDTH, '0')
  if (time.length > TIME_WIDTH) throw new RangeError('newTransactionId: date hors de la plage prise en charge')
  return `${TRANSACTION_ID_PREFIX}${time}${randomBase36(RANDOM_WIDTH)}`
}

/** True for an id this module generated (shape only). */
export function isTransactionId(value: unknown): value is string {
  return typeof value === 'string' && TRANSACTION_ID_PATTERN.test(value)
}

/** The creation time encoded in one of our ids, or null for any other string. */
export function transactionIdTime(id: string): Date | null {
  if (!isTransactionId(id)) return null
  return new Date(Number.parseInt(id.slice(TRANSACTION_ID_PREFIX.length, TRANSACTION_ID_PREFIX.length + TIME_WIDTH), 36))
}

/** Uniform random base36 characters: bytes ≥ 252 (= 7 × 36) are redrawn, so no character is favoured. */
function randomBase36(length: number): string {
  let out = ''
  const bytes = new Uint8Array(length * 2)
  while (out.length < length) {
    crypto.getRandomValues(bytes)
    for (const byte of bytes) {
      if (byte >= 252) continue
      out += ALPHABET[byte % 36]
      if (out.length === length) break
    }
  }
  return out
}
