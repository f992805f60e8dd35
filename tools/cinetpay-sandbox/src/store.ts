// In-memory transactions and the outcome model. A transaction's state is a
// function of the clock: once an outcome is chosen, it is WAITING until
// `finalAt`, then final. Nothing is persisted; a restart forgets everything.
import { randomBytes, randomInt } from 'node:crypto'
import type { CinetPayCode } from './codes.ts'

export const OUTCOMES = [
  'accepted', // Mobile Money accepted at once
  'refused', // refused by the operator (600 PAYMENT_FAILED)
  'waiting_then_accepted', // push confirmation: WAITING for N seconds, then ACCEPTED
  'waiting_then_cancelled', // push confirmation: WAITING for N seconds, then cancelled (627)
  'card_accepted', // card payment accepted
  'cancelled', // the customer gave up on the checkout page (627)
] as const
export type Outcome = (typeof OUTCOMES)[number]

/** Côte d'Ivoire operators; payment_method values as seen in CinetPay payloads (cinetpay.md §7). */
export const OPERATORS = {
  OM: { paymentMethod: 'OM', label: 'Orange Money', phone: '0707000001' },
  MTN: { paymentMethod: 'MOMO', label: 'MTN Mobile Money', phone: '0505000001' },
  MOOV: { paymentMethod: 'FLOOZ', label: 'Moov Money (Flooz)', phone: '0101000001' },
  WAVE: { paymentMethod: 'WAVECI', label: 'Wave', phone: '0707000002' },
} as const
export type Operator = keyof typeof OPERATORS
export const OPERATOR_NAMES = Object.keys(OPERATORS) as Operator[]
/** Not in the reference; CinetPay's card universe is reported as Visa/Mastercard. */
export const CARD_PAYMENT_METHOD = 'VISAM'

export const CHANNELS = ['ALL', 'MOBILE_MONEY', 'CREDIT_CARD', 'WALLET'] as const
export type Channel = (typeof CHANNELS)[number]

export type FinalStatus = 'ACCEPTED' | 'REFUSED'
export type Phase = 'CREATED' | 'WAITING' | FinalStatus

export interface Completion {
  outcome: Outcome
  operator: Operator | null
  paymentMethod: string
  phone: string
  phonePrefix: string
  /** Operator reference, only for accepted payments. */
  operatorId: string | null
  /** Opaque `signature` form value of the notifications. */
  signature: string
  submittedAt: number
  /** When the final state takes effect (= submittedAt unless waiting). */
  finalAt: number
  finalStatus: FinalStatus
  finalCode: Extract<CinetPayCode, '00' | '600' | '627'>
}

export interface NotificationLog {
  transactionId: string
  kind: 'waiting' | 'final'
  /** 0 for the original, 1..n for duplicates. */
  copy: number
  url: string
  at: string
  /** HTTP status answered by notify_url; null when dropped or on network error. */
  status: number | null
  dropped: boolean
  error?: string
  durationMs: number
  xToken: string
  fields: Record<string, string>
}

export interface CheckLog {
  at: string
  code: string
  status: string | null
}

export interface StoredTransaction {
  transactionId: string
  token: string
  siteId: string
  amount: number
  currency: string
  description: string
  notifyUrl: string
  returnUrl: string
  channels: Channel[]
  lang: 'fr' | 'en'
  metadata: string | null
  invoiceData: Record<string, string> | null
  customer: Record<string, string>
  lockPhoneNumber: boolean
  mobileAllowed: boolean
  cardAllowed: boolean
  createdAt: number
  completion: Completion | null
  notifications: NotificationLog[]
  checks: CheckLog[]
}

export function phaseAt(tx: StoredTransaction, now = Date.now()): Phase {
  if (!tx.completion) return 'CREATED'
  if (now < tx.completion.finalAt) return 'WAITING'
  return tx.completion.finalStatus
}

export function isMobileOutcome(outcome: Outcome): boolean {
  return outcome !== 'card_accepted'
}

/** Whether the checkout universes of this transaction allow that outcome. */
export function outcomeAllowed(tx: StoredTransaction, outcome: Outcome): boolean {
  if (outcome === 'cancelled' || outcome === 'refused') return tx.mobileAllowed || tx.cardAllowed
  return outcome === 'card_accepted' ? tx.cardAllowed : tx.mobileAllowed
}

/** "YYYY-MM-DD HH:MM:SS" in UTC, which is Abidjan's time (GMT, no DST). */
export function cinetpayDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
}

/** Funds available two days later at midnight, as in the official example. */
export function fundAvailabilityDate(ms: number): string {
  const d = new Date(ms)
  d.setUTCDate(d.getUTCDate() + 2)
  return `${d.toISOString().slice(0, 10)} 00:00:00`
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex')
}

/** Looks like the official example "MP220915.2257.A76307" for Orange Money. */
export function operatorReference(paymentMethod: string, now: number): string {
  const iso = new Date(now).toISOString()
  const alnum = () => randomBytes(3).toString('hex').toUpperCase()
  if (paymentMethod === 'OM') return `MP${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}.${iso.slice(11, 13)}${iso.slice(14, 16)}.${alnum()}`
  return `${paymentMethod}${String(randomInt(0, 1e9)).padStart(9, '0')}${alnum()}`
}

export class TransactionStore {
  #byId = new Map<string, StoredTransaction>()
  #byToken = new Map<string, StoredTransaction>()

  add(tx: StoredTransaction): void {
    this.#byId.set(tx.transactionId, tx)
    this.#byToken.set(tx.token, tx)
  }
  has(transactionId: string): boolean {
    return this.#byId.has(transactionId)
  }
  byId(transactionId: string): StoredTransaction | undefined {
    return this.#byId.get(transactionId)
  }
  byToken(token: string): StoredTransaction | undefined {
    return this.#byToken.get(token)
  }
  all(): StoredTransaction[] {
    return [...this.#byId.values()]
  }
  clear(): void {
    this.#byId.clear()
    this.#byToken.clear()
  }
}
