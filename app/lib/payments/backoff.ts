// When to ask CinetPay again about a payment that is still waiting (operator
// push not yet confirmed, customer not yet paid) or whose check failed.
//
// Schedule, counted from the previous check: 30 s, 1 min, 2 min, 5 min,
// 10 min, 30 min, then every hour, until 24 h after the attempt was created;
// after that the attempt expires. The last check is pulled in to land exactly
// on the 24 h mark, so an attempt is never expired without a check at the end.
//
// Cloudflare Queues caps `delaySeconds` (send and retry) at 12 hours = 43 200 s
// (developers.cloudflare.com/queues/platform/limits; local Miniflare accepts up
// to 86 400 but production refuses more than 43 200). The schedule never
// needs more than an hour, but every value is clamped anyway so no caller can
// produce a delay the platform refuses.
//
// Pure: (attempt created_at, checks already made, now) → delay | 'expire'.

export const RECHECK_STEPS_SECONDS = [30, 60, 120, 300, 600, 1800] as const
export const RECHECK_HOURLY_SECONDS = 3600
/** How long after its creation an attempt can still be confirmed. */
export const RECHECK_WINDOW_SECONDS = 24 * 3600
/** Cloudflare Queues' maximum delaySeconds. */
export const QUEUE_MAX_DELAY_SECONDS = 43_200

export interface NextCheckInput {
  /** payment_attempts.created_at */
  createdAt: Date | string | number
  /**
   * Checks already made in this chain (0 before the first one). The queue
   * consumer passes the message's `attempt` after running it, and enqueues
   * `attempt + 1`.
   */
  checkCount: number
  now?: Date | number
}

/** Seconds to wait before the next check, or 'expire' when the 24 h window is over. */
export function nextCheckDelay({ createdAt, checkCount, now = Date.now() }: NextCheckInput): number | 'expire' {
  const created = toMillis(createdAt)
  const current = toMillis(now)
  if (!Number.isInteger(checkCount) || checkCount < 0) throw new RangeError(`nextCheckDelay: checkCount invalide (${checkCount})`)
  // A clock a little behind the database's created_at must not stretch the window.
  const elapsedSeconds = Math.max(0, (current - created) / 1000)
  const remaining = Math.ceil(RECHECK_WINDOW_SECONDS - elapsedSeconds)
  if (remaining <= 0) return 'expire'
  const step = RECHECK_STEPS_SECONDS[checkCount] ?? RECHECK_HOURLY_SECONDS
  return clampQueueDelay(Math.min(step, remaining))
}

/** Any delay made acceptable to Cloudflare Queues: a whole number of seconds in [0, 43 200]. */
export function clampQueueDelay(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds <= 0) return 0
  return Math.min(QUEUE_MAX_DELAY_SECONDS, Math.ceil(seconds))
}

/** The deadline after which a still-waiting attempt is expired. */
export function recheckDeadline(createdAt: Date | string | number): Date {
  return new Date(toMillis(createdAt) + RECHECK_WINDOW_SECONDS * 1000)
}

function toMillis(value: Date | string | number): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value)
  if (!Number.isFinite(ms)) throw new RangeError(`Date invalide : ${String(value)}`)
  return ms
}
