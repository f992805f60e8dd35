// CinetPay's code table (cinetpay.md §4.1, official D-TAB) and the exact body
// shapes of its answers: `code` is always a string, `message` the constant
// name, errors carry no `data`, every answer an `api_response_id`.
import { randomInt } from 'node:crypto'

export const CODES = {
  '00': 'SUCCES',
  '201': 'CREATED',
  '600': 'PAYMENT_FAILED',
  '602': 'INSUFFICIENT_BALANCE',
  '604': 'OTP_CODE_ERROR',
  '606': 'INCORRECT_SETTINGS',
  '608': 'MINIMUM_REQUIRED_FIELDS',
  '609': 'AUTH_NOT_FOUND',
  // Community only (yabisordc); the official table has no site_id code.
  '613': 'ERROR_SITE_ID_NOTVALID',
  '623': 'WAITING_CUSTOMER_TO_VALIDATE',
  // The official table prints this sentence where the others print a constant;
  // the literal message is uncertain (cinetpay.md §12.8), so we keep the table's.
  '624': 'An error occurred while processing the request',
  '625': 'ABONNEMENT_OR_TRANSACTIONS_EXPIRED',
  '627': 'TRANSACTION_CANCEL',
  '662': 'WAITING_CUSTOMER_PAYMENT',
  '663': 'WAITING_CUSTOMER_OTP_CODE',
} as const

export type CinetPayCode = keyof typeof CODES

/** Like the official example "1663323067.7677": epoch seconds, a dot, 4 digits. */
export function apiResponseId(now = Date.now()): string {
  return `${Math.floor(now / 1000)}.${String(randomInt(0, 10_000)).padStart(4, '0')}`
}

export interface ErrorBody {
  code: string
  message: string
  description: string
  api_response_id: string
}

export function errorBody(code: CinetPayCode, description: string): ErrorBody {
  return { code, message: CODES[code], description, api_response_id: apiResponseId() }
}

/** Thrown by validators; the route turns it into CinetPay's error body. */
export class CinetPayError extends Error {
  readonly code: CinetPayCode
  constructor(code: CinetPayCode, description: string) {
    super(description)
    this.code = code
  }
  body(): ErrorBody {
    return errorBody(this.code, this.message)
  }
}
