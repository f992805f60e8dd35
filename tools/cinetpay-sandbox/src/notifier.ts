// Sends CinetPay notifications to notify_url (cinetpay.md §2): a form POST
// (application/x-www-form-urlencoded) with the 16 documented fields in the
// documented order and an `x-token` header. Fault switches can drop, delay or
// duplicate them; every attempt is logged with the status notify_url answered.
import { CODES } from './codes.ts'
import { cinetpayDateTime, type NotificationLog, type StoredTransaction } from './store.ts'
import { CINETPAY_HMAC_FIELDS, signXToken, type CinetPayHmacField } from './xtoken.ts'

export type NotificationKind = 'waiting' | 'final'

export interface NotifierFaults {
  dropNotifications: boolean
  duplicateNotifications: number
  notificationDelayMs: number
}

export interface DispatchOptions {
  /** Extra copies of this notification, overriding the fault switch. */
  duplicates?: number
  /** Delay before sending, overriding the fault switch. */
  delayMs?: number
}

export function notificationFields(tx: StoredTransaction, kind: NotificationKind): Record<CinetPayHmacField, string> {
  const c = tx.completion
  if (!c) throw new Error(`transaction ${tx.transactionId} has no outcome yet`)
  const errorMessage = kind === 'waiting' ? CODES['623'] : CODES[c.finalCode]
  const values: Record<CinetPayHmacField, string> = {
    cpm_site_id: tx.siteId,
    cpm_trans_id: tx.transactionId,
    cpm_trans_date: cinetpayDateTime(tx.createdAt),
    cpm_amount: String(tx.amount),
    cpm_currency: tx.currency,
    signature: c.signature,
    payment_method: c.paymentMethod,
    cel_phone_num: c.phone,
    cpm_phone_prefixe: c.phonePrefix,
    cpm_language: tx.lang,
    cpm_version: 'V4',
    cpm_payment_config: 'Single',
    cpm_page_action: 'Payment',
    cpm_custom: tx.metadata ?? '',
    cpm_designation: tx.description,
    cpm_error_message: errorMessage,
  }
  // Rebuild in the documented order so the body order matches the formula too.
  return Object.fromEntries(CINETPAY_HMAC_FIELDS.map((k) => [k, values[k]])) as Record<CinetPayHmacField, string>
}

export class Notifier {
  readonly #secretKey: string
  readonly #faults: () => NotifierFaults
  readonly #log: (m: string) => void
  readonly #timeoutMs: number
  readonly #record: (entry: NotificationLog) => void
  #timers = new Map<ReturnType<typeof setTimeout>, () => void>()
  #inflight = new Set<Promise<unknown>>()
  #controllers = new Set<AbortController>()

  constructor(opts: {
    secretKey: string
    faults: () => NotifierFaults
    log: (m: string) => void
    timeoutMs: number
    record: (entry: NotificationLog) => void
  }) {
    this.#secretKey = opts.secretKey
    this.#faults = opts.faults
    this.#log = opts.log
    this.#timeoutMs = opts.timeoutMs
    this.#record = opts.record
  }

  /** Runs `fn` after `ms`, tracked so reset/stop can cancel it and idle() can wait for it. */
  schedule(ms: number, fn: () => Promise<unknown> | void): void {
    let settle!: () => void
    const pending = new Promise<void>((r) => (settle = r))
    const release = () => {
      this.#inflight.delete(pending)
      settle()
    }
    this.#inflight.add(pending)
    const timer = setTimeout(async () => {
      this.#timers.delete(timer)
      try {
        await fn()
      } catch (e) {
        this.#log(`erreur d’envoi : ${e instanceof Error ? e.message : e}`)
      } finally {
        release()
      }
    }, Math.max(0, ms))
    // A cancelled timer must still release idle() waiters.
    this.#timers.set(timer, release)
  }

  /** Sends (or drops) the notification, after the configured delay, with its duplicates. */
  dispatch(tx: StoredTransaction, kind: NotificationKind, opts: DispatchOptions = {}): void {
    const faults = this.#faults()
    const delayMs = opts.delayMs ?? faults.notificationDelayMs
    this.schedule(delayMs, () => this.#sendAll(tx, kind, opts.duplicates ?? this.#faults().duplicateNotifications))
  }

  async #sendAll(tx: StoredTransaction, kind: NotificationKind, duplicates: number): Promise<void> {
    const fields = notificationFields(tx, kind)
    const xToken = await signXToken(this.#secretKey, fields)
    const copies = 1 + Math.max(0, Math.floor(duplicates))
    // The fault is read when the notification leaves, so a switch flipped during a delay applies.
    const dropped = this.#faults().dropNotifications
    // Copies leave together: duplicates racing each other is the harsh case for the receiver.
    await Promise.all(Array.from({ length: copies }, (_, copy) => this.#sendOne(tx, kind, copy, fields, xToken, dropped)))
  }

  async #sendOne(
    tx: StoredTransaction,
    kind: NotificationKind,
    copy: number,
    fields: Record<string, string>,
    xToken: string,
    dropped: boolean,
  ): Promise<void> {
    const started = Date.now()
    const entry: NotificationLog = {
      transactionId: tx.transactionId,
      kind,
      copy,
      url: tx.notifyUrl,
      at: new Date(started).toISOString(),
      status: null,
      dropped,
      durationMs: 0,
      xToken,
      fields,
    }
    if (!dropped) {
      const controller = new AbortController()
      this.#controllers.add(controller)
      const timeout = setTimeout(() => controller.abort(new Error(`pas de réponse en ${this.#timeoutMs} ms`)), this.#timeoutMs)
      try {
        const res = await fetch(tx.notifyUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-token': xToken,
            'user-agent': 'CinetPay-Sandbox/1.0 (NOURX local)',
          },
          body: new URLSearchParams(fields).toString(),
          signal: controller.signal,
        })
        entry.status = res.status
        await res.arrayBuffer().catch(() => undefined)
      } catch (e) {
        entry.error = e instanceof Error ? (e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message) : String(e)
      } finally {
        clearTimeout(timeout)
        this.#controllers.delete(controller)
      }
    }
    entry.durationMs = Date.now() - started
    tx.notifications.push(entry)
    this.#record(entry)
    const outcome = dropped ? 'PERDUE (faute simulée)' : entry.status !== null ? `HTTP ${entry.status}` : `échec : ${entry.error}`
    const label = copy ? ` (doublon ${copy})` : ''
    this.#log(`notification ${kind} ${tx.transactionId}${label} → ${tx.notifyUrl} : ${outcome} en ${entry.durationMs} ms`)
  }

  /** Resolves when no notification is scheduled or in flight. */
  async idle(): Promise<void> {
    while (this.#inflight.size) await Promise.allSettled([...this.#inflight])
  }

  /** Forgets every scheduled notification and aborts those in flight. */
  cancelAll(): void {
    for (const [timer, release] of this.#timers) {
      clearTimeout(timer)
      release()
    }
    this.#timers.clear()
    for (const c of this.#controllers) c.abort(new Error('sandbox arrêtée ou réinitialisée'))
  }
}
