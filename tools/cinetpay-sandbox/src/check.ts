// POST /v2/payment/check: CinetPay's answer for a transaction at a given time
// (cinetpay.md §3). Amounts are strings, `message` is "SUCCES", a failed
// payment has `payment_date: " "`, `metadata` is null when none was sent.
import { CinetPayError, apiResponseId, CODES, type CinetPayCode } from './codes.ts'
import {
  cinetpayDateTime,
  fundAvailabilityDate,
  phaseAt,
  type StoredTransaction,
  type TransactionStore,
} from './store.ts'

export interface CheckData {
  amount: string
  currency: string
  status: 'ACCEPTED' | 'REFUSED' | 'WAITING_FOR_CUSTOMER'
  payment_method: string
  description: string
  metadata: string | null
  operator_id: string | null
  payment_date: string
  fund_availability_date: string
}

export interface CheckBody {
  code: string
  message: string
  data: CheckData
  api_response_id: string
}

export function checkAnswer(tx: StoredTransaction, now = Date.now()): CheckBody {
  const phase = phaseAt(tx, now)
  const c = tx.completion
  const base = {
    amount: String(tx.amount),
    currency: tx.currency,
    payment_method: c?.paymentMethod ?? '',
    description: tx.description,
    metadata: tx.metadata,
  }
  let code: CinetPayCode
  let data: CheckData
  if (phase === 'CREATED' || phase === 'WAITING') {
    // Nobody has paid yet (662), or the operator waits for the customer's push confirmation (623).
    code = phase === 'CREATED' ? '662' : '623'
    data = { ...base, status: 'WAITING_FOR_CUSTOMER', operator_id: null, payment_date: ' ', fund_availability_date: ' ' }
  } else if (phase === 'ACCEPTED') {
    code = '00'
    data = {
      ...base,
      status: 'ACCEPTED',
      operator_id: c!.operatorId,
      payment_date: cinetpayDateTime(c!.finalAt),
      fund_availability_date: fundAvailabilityDate(c!.finalAt),
    }
  } else {
    code = c!.finalCode
    data = {
      ...base,
      status: 'REFUSED',
      operator_id: null,
      payment_date: ' ',
      fund_availability_date: fundAvailabilityDate(c!.finalAt),
    }
  }
  return { code, message: CODES[code], data, api_response_id: apiResponseId(now) }
}

/** The check request: JSON or form, by `transaction_id` or by `token` (alias `payment_token`). */
export function findCheckedTransaction(
  body: Record<string, unknown>,
  settings: { apiKey: string; siteId: string },
  store: TransactionStore,
): StoredTransaction {
  const val = (k: string) => (body[k] === undefined || body[k] === null ? '' : String(body[k]).trim())
  const transactionId = val('transaction_id')
  const token = val('token') || val('payment_token')
  const missing = ['apikey', 'site_id'].filter((k) => !val(k))
  if (!transactionId && !token) missing.push('transaction_id (ou token)')
  if (missing.length) throw new CinetPayError('608', `Champs obligatoires manquants : ${missing.join(', ')}`)
  if (val('apikey') !== settings.apiKey) throw new CinetPayError('609', 'apikey introuvable')
  if (val('site_id') !== settings.siteId) throw new CinetPayError('613', 'site_id invalide pour cet apikey')
  const tx = transactionId ? store.byId(transactionId) : store.byToken(token)
  // Undocumented: what CinetPay answers for an unknown id. We say cancelled, without data.
  if (!tx) throw new CinetPayError('627', `Transaction introuvable : ${transactionId || token}`)
  return tx
}
