// French formatting for Côte d'Ivoire, used on the server and in the browser
// alike. Times are shown in Africa/Abidjan (UTC+0, no DST) whatever the
// machine's zone, so server HTML and hydrated HTML always agree.

export const LOCALE = 'fr-CI'
export const TIME_ZONE = 'Africa/Abidjan'

/** U+202F NARROW NO-BREAK SPACE: French thousands separator, and before units. */
export const NNBSP = '\u202F'
/** U+00A0 NO-BREAK SPACE: inside "F CFA", so the unit never wraps. */
const NBSP = '\u00A0'
export const XOF_UNIT = `F${NBSP}CFA`

/**
 * THE money formatter: integer XOF amounts → "1 500 000 F CFA" with narrow
 * no-break spaces between digit groups and before the unit.
 *
 * XOF has no minor unit, so a fractional amount is a bug upstream (a float
 * crept into a computation): it throws instead of rounding silently.
 * Accepts numbers, bigints and integer strings (Postgres bigint over JSON).
 */
export function formatXOF(amount: number | bigint | string): string {
  let value: bigint
  if (typeof amount === 'bigint') {
    value = amount
  } else if (typeof amount === 'number') {
    if (!Number.isSafeInteger(amount)) throw new RangeError(`Montant XOF non entier ou hors limites : ${amount}`)
    value = BigInt(amount)
  } else {
    const text = amount.trim()
    if (!/^-?\d+$/.test(text)) throw new RangeError(`Montant XOF invalide : « ${amount} »`)
    value = BigInt(text)
  }
  const negative = value < 0n
  const digits = (negative ? -value : value).toString()
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP)
  return `${negative ? '−' : ''}${grouped}${NNBSP}${XOF_UNIT}`
}

type DateInput = Date | string | number

function toDate(input: DateInput): Date {
  const date = input instanceof Date ? input : new Date(input)
  if (Number.isNaN(date.getTime())) throw new RangeError(`Date invalide : ${String(input)}`)
  return date
}

const dateFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'long', timeZone: TIME_ZONE })
const shortDateFormat = new Intl.DateTimeFormat(LOCALE, {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: TIME_ZONE,
})
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: TIME_ZONE,
})

/** "12 mars 2026" */
export const formatDate = (input: DateInput) => dateFormat.format(toDate(input))
/** "12/03/2026" (tables, where space is short) */
export const formatShortDate = (input: DateInput) => shortDateFormat.format(toDate(input))
/** "12 mars 2026 à 14:05" */
export const formatDateTime = (input: DateInput) => dateTimeFormat.format(toDate(input))

/**
 * A date-only value from Postgres (`2026-03-12`) is a calendar day, not an
 * instant: format it without any time-zone shift.
 */
export function formatDay(isoDay: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDay)) throw new RangeError(`Jour invalide : ${isoDay}`)
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDay}T00:00:00Z`))
}

const relativeFormat = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' })

/**
 * "il y a 3 jours", "dans 2 heures". `now` is explicit: a relative time
 * computed separately on the server and in the browser would differ.
 */
export function formatRelative(input: DateInput, now: DateInput): string {
  const seconds = Math.round((toDate(input).getTime() - toDate(now).getTime()) / 1000)
  const abs = Math.abs(seconds)
  if (abs < 60) return relativeFormat.format(seconds, 'second')
  if (abs < 3600) return relativeFormat.format(Math.round(seconds / 60), 'minute')
  if (abs < 86_400) return relativeFormat.format(Math.round(seconds / 3600), 'hour')
  if (abs < 30 * 86_400) return relativeFormat.format(Math.round(seconds / 86_400), 'day')
  if (abs < 365 * 86_400) return relativeFormat.format(Math.round(seconds / (30 * 86_400)), 'month')
  return relativeFormat.format(Math.round(seconds / (365 * 86_400)), 'year')
}

/** "3 tâches", "1 tâche", "0 tâche" (French: 0 and 1 take the singular). */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count}${NBSP}${Math.abs(count) < 2 ? singular : pluralForm}`
}

/** "2,5 Mo", "317 octets" — French units, narrow no-break space. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes}${NNBSP}octet${bytes > 1 ? 's' : ''}`
  const units = ['Ko', 'Mo', 'Go']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const text = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value)
  return `${text}${NNBSP}${units[unit]}`
}
