// Can this balance be paid online through CinetPay, and if not, why (in French)?
//
// CinetPay's rules for XOF (cinetpay.md §1.1, §12.9): an integer amount, a
// multiple of 5, at least 100. Invoices, however, are computed to the franc
// (totals with 18 % VAT easily end in 1, 2, 3…), so a balance of 1 183 F CFA
// is perfectly legitimate and still cannot be sent to CinetPay.
//
// DECISION: we never round. Rounding down would leave a few francs due that
// nobody can pay online (and the invoice would never turn "payée"); rounding
// up would charge the client more than they owe, silently. Instead the client
// gets an honest explanation and two ways out: NOURX adjusts the invoice, or
// the client pays by bank transfer. The payment_attempts table enforces the
// same rules (check constraint), so a rounded amount could not sneak in later.
import { formatXOF } from '../format.ts'

export const CINETPAY_MIN_AMOUNT_XOF = 100
export const CINETPAY_AMOUNT_STEP = 5
/** The only currency the portal bills in, and so the only one paid online. */
export const ONLINE_PAYMENT_CURRENCY = 'XOF'

export type AmountRefusalReason =
  | 'nothing-due'
  | 'not-integer'
  | 'below-minimum'
  | 'not-multiple-of-5'
  | 'unsupported-currency'

export type OnlineAmountCheck =
  | { ok: true; amount: number; currency: 'XOF' }
  | {
      ok: false
      reason: AmountRefusalReason
      /** French, shown to the client as is. */
      message: string
    }

const CONTACT = 'Contactez NOURX pour ajuster la facture, ou réglez-la par virement bancaire.'

/**
 * Checks the balance due of an invoice against CinetPay's rules.
 * `balanceDue` may be a number, a bigint, or an integer string (Postgres bigint over JSON).
 */
export function checkOnlineAmount(balanceDue: number | bigint | string, currency: string = ONLINE_PAYMENT_CURRENCY): OnlineAmountCheck {
  if (currency.trim().toUpperCase() !== ONLINE_PAYMENT_CURRENCY) {
    return {
      ok: false,
      reason: 'unsupported-currency',
      message: `Le paiement en ligne n’est disponible que pour les factures en F CFA (XOF). ${CONTACT}`,
    }
  }
  const amount = toSafeInteger(balanceDue)
  if (amount === null) {
    return {
      ok: false,
      reason: 'not-integer',
      message: `Le solde de cette facture n’est pas un montant entier en F CFA : il ne peut pas être payé en ligne. ${CONTACT}`,
    }
  }
  if (amount <= 0) {
    return { ok: false, reason: 'nothing-due', message: 'Cette facture n’a plus de solde à régler.' }
  }
  if (amount < CINETPAY_MIN_AMOUNT_XOF) {
    return {
      ok: false,
      reason: 'below-minimum',
      message:
        `Le solde de cette facture est de ${formatXOF(amount)}. Le paiement en ligne n’est possible qu’à partir de ` +
        `${formatXOF(CINETPAY_MIN_AMOUNT_XOF)}. ${CONTACT}`,
    }
  }
  if (amount % CINETPAY_AMOUNT_STEP !== 0) {
    return {
      ok: false,
      reason: 'not-multiple-of-5',
      message:
        `Le solde de cette facture est de ${formatXOF(amount)}. Notre prestataire de paiement CinetPay n’accepte que des ` +
        `montants multiples de 5 F CFA : ce solde ne peut donc pas être payé en ligne tel quel. Nous ne l’arrondissons pas, ` +
        `pour que vous payiez exactement ce que vous devez. ${CONTACT}`,
    }
  }
  return { ok: true, amount, currency: ONLINE_PAYMENT_CURRENCY }
}

/** True when CinetPay accepts this amount in this currency (what the init request is checked against). */
export function isCinetPayAmount(amount: number, currency: string = ONLINE_PAYMENT_CURRENCY): boolean {
  return (
    currency === ONLINE_PAYMENT_CURRENCY &&
    Number.isSafeInteger(amount) &&
    amount >= CINETPAY_MIN_AMOUNT_XOF &&
    amount % CINETPAY_AMOUNT_STEP === 0
  )
}

function toSafeInteger(value: number | bigint | string): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : null
  }
  const text = value.trim()
  if (!/^-?\d+$/.test(text)) return null
  const n = Number(text)
  return Number.isSafeInteger(n) ? n : null
}
