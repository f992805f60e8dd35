// The payment decision as a table: CinetPay's check answer × the attempt as
// stored → what happens. Each row reads: code, data.status, amount, currency
// CinetPay confirms | attempt status | expected decision kind, new attempt
// status, payment_checks.decision.
import { describe, expect, it } from 'vitest'
import type { CheckPaymentResult } from '../client.server.ts'
import { cinetpayDateToIso, decidePayment, planNextCheck, type AttemptStatus, type PaymentDecision } from '../decision.ts'

const EXPECTED = { amount: 5000, currency: 'XOF' }

/** A /v2/payment/check answer as client.server.ts returns it. `status: null` = no data (error answers). */
function answer(code: string, status: string | null, amount = '5000', currency = 'XOF'): CheckPaymentResult {
  const accepted = status === 'ACCEPTED'
  return {
    kind: 'answer',
    httpStatus: status === null ? 400 : 200,
    code,
    message: 'MESSAGE',
    description: null,
    apiResponseId: '1663323067.7677',
    data:
      status === null
        ? null
        : {
            amount,
            amountValue: /^\d+$/.test(amount) ? Number(amount) : null,
            currency,
            status,
            paymentMethod: 'OM',
            description: 'Facture FAC-2026-0042',
            metadata: null,
            operatorId: accepted ? 'MP220915.2257.A76307' : null,
            paymentDate: accepted ? '2022-09-15 22:57:15' : null,
            fundAvailabilityDate: '2022-09-17 00:00:00',
          },
    raw: {},
    durationMs: 120,
  }
}

const unavailable = (reason: 'timeout' | 'server-error' | 'network' | 'invalid-response' | 'blocked'): CheckPaymentResult => ({
  kind: 'unavailable',
  reason,
  httpStatus: reason === 'server-error' ? 500 : null,
  detail: reason,
  rawText: null,
  durationMs: 10_000,
})

type Row = [
  label: string,
  check: CheckPaymentResult,
  attemptStatus: AttemptStatus,
  kind: PaymentDecision['kind'],
  nextStatus: AttemptStatus | null,
  checkDecision: PaymentDecision['checkDecision'],
  alert: boolean,
]

// prettier-ignore
const TABLE: Row[] = [
  // label                                      check (code, status, amount, currency)            attempt      → kind        next status   journal     alert
  ['paid, amount and currency match',           answer('00',  'ACCEPTED'),                         'pending',    'accepted', 'accepted',   'accepted', false],
  ['paid after waiting',                        answer('00',  'ACCEPTED'),                         'waiting',    'accepted', 'accepted',   'accepted', false],
  ['paid, currency in lower case',              answer('00',  'ACCEPTED', '5000', 'xof'),          'pending',    'accepted', 'accepted',   'accepted', false],
  ['paid a different amount',                   answer('00',  'ACCEPTED', '4995'),                 'pending',    'flagged',  'flagged',    'flagged',  true ],
  ['paid more than asked',                      answer('00',  'ACCEPTED', '50000'),                'waiting',    'flagged',  'flagged',    'flagged',  true ],
  ['paid in another currency',                  answer('00',  'ACCEPTED', '5000', 'XAF'),          'pending',    'flagged',  'flagged',    'flagged',  true ],
  ['paid, unreadable amount',                   answer('00',  'ACCEPTED', '5 000'),                'pending',    'flagged',  'flagged',    'flagged',  true ],
  ['refused by the operator (600)',             answer('600', 'REFUSED'),                          'pending',    'failed',   'refused',    'refused',  false],
  ['insufficient balance (602)',                answer('602', 'REFUSED'),                          'waiting',    'failed',   'refused',    'refused',  false],
  ['cancelled by the customer (627)',           answer('627', 'REFUSED'),                          'waiting',    'failed',   'cancelled',  'cancelled',false],
  ['cancelled, no data (unknown transaction)',  answer('627', null),                               'pending',    'failed',   'cancelled',  'cancelled',false],
  ['failed (600), no data',                     answer('600', null),                               'pending',    'failed',   'refused',    'refused',  false],
  ['refusal code, undocumented status',         answer('627', 'CANCELED'),                         'waiting',    'failed',   'cancelled',  'cancelled',false],
  ['REFUSED with an unknown code',              answer('699', 'REFUSED'),                          'pending',    'failed',   'refused',    'refused',  false],
  ['waiting for the customer (662)',            answer('662', 'WAITING_FOR_CUSTOMER'),             'pending',    'recheck',  'waiting',    'waiting',  false],
  ['operator push pending (623)',               answer('623', 'WAITING_FOR_CUSTOMER'),             'waiting',    'recheck',  null,         'waiting',  false],
  ['waiting for OTP (663), no data',            answer('663', null),                               'pending',    'recheck',  'waiting',    'waiting',  false],
  ['waiting at the operator (664)',             answer('664', 'WAITING_FOR_CUSTOMER'),             'waiting',    'recheck',  null,         'waiting',  false],
  ['refusal code but status still waiting',     answer('600', 'WAITING_FOR_CUSTOMER'),             'waiting',    'recheck',  null,         'waiting',  false],
  ['code 00 but status still waiting',          answer('00',  'WAITING_FOR_CUSTOMER'),             'pending',    'recheck',  'waiting',    'waiting',  false],
  ['undocumented status (PENDING)',             answer('662', 'PENDING'),                          'pending',    'recheck',  'waiting',    'waiting',  false],
  ['unknown code and status',                   answer('777', 'CREATED'),                          'waiting',    'recheck',  null,         'waiting',  true ],
  ['ACCEPTED without code 00',                  answer('623', 'ACCEPTED'),                         'waiting',    'recheck',  null,         'error',    true ],
  ['check refused: bad apikey (609)',           answer('609', null),                               'pending',    'recheck',  null,         'error',    true ],
  ['check refused: bad site_id (613)',          answer('613', null),                               'waiting',    'recheck',  null,         'error',    true ],
  ['check refused: missing field (608)',        answer('608', null),                               'waiting',    'recheck',  null,         'error',    true ],
  ['check refused: subscription expired (625)', answer('625', null),                               'waiting',    'recheck',  null,         'error',    true ],
  ['CinetPay service unavailable (603)',        answer('603', null),                               'waiting',    'recheck',  null,         'error',    false],
  ['unknown code without data',                 answer('999', null),                               'waiting',    'recheck',  null,         'error',    true ],
  ['check timed out',                           unavailable('timeout'),                            'pending',    'recheck',  null,         'error',    false],
  ['check answered 500',                        unavailable('server-error'),                       'waiting',    'recheck',  null,         'error',    false],
  ['check network error',                       unavailable('network'),                            'waiting',    'recheck',  null,         'error',    false],
  ['check blocked by Cloudflare',               unavailable('blocked'),                            'waiting',    'recheck',  null,         'error',    false],
  // Forward only: a closed attempt never changes, except money confirmed after we gave up.
  ['duplicate confirmation',                    answer('00',  'ACCEPTED'),                         'accepted',   'ignored',  null,         'ignored',  false],
  ['late REFUSED after ACCEPTED',               answer('627', 'REFUSED'),                          'accepted',   'ignored',  null,         'ignored',  true ],
  ['WAITING after ACCEPTED',                    answer('623', 'WAITING_FOR_CUSTOMER'),             'accepted',   'ignored',  null,         'ignored',  true ],
  ['check error after ACCEPTED',                unavailable('timeout'),                            'accepted',   'ignored',  null,         'ignored',  false],
  ['REFUSED again',                             answer('600', 'REFUSED'),                          'refused',    'ignored',  null,         'ignored',  false],
  ['WAITING after expiry',                      answer('662', 'WAITING_FOR_CUSTOMER'),             'expired',    'ignored',  null,         'ignored',  false],
  ['flagged stays with the admin',              answer('00',  'ACCEPTED'),                         'flagged',    'ignored',  null,         'ignored',  false],
  ['flagged, then REFUSED',                     answer('627', 'REFUSED'),                          'flagged',    'ignored',  null,         'ignored',  false],
  ['paid after expiry',                         answer('00',  'ACCEPTED'),                         'expired',    'flagged',  'flagged',    'flagged',  true ],
  ['paid after a refusal',                      answer('00',  'ACCEPTED'),                         'refused',    'flagged',  'flagged',    'flagged',  true ],
  ['paid after a cancellation',                 answer('00',  'ACCEPTED'),                         'cancelled',  'flagged',  'flagged',    'flagged',  true ],
  ['paid after a failed init',                  answer('00',  'ACCEPTED'),                         'failed',     'flagged',  'flagged',    'flagged',  true ],
]

describe('decidePayment', () => {
  it.each(TABLE)('%s — attempt %s', (_label, check, status, kind, nextStatus, checkDecision, alert) => {
    const d = decidePayment(check, { ...EXPECTED, status })
    expect({ kind: d.kind, nextStatus: d.nextStatus, checkDecision: d.checkDecision, alert: d.alert }).toEqual({
      kind,
      nextStatus,
      checkDecision,
      alert,
    })
    expect(d.detail).not.toBe('')
  })

  it('hands record_online_payment() what CinetPay confirmed', () => {
    const d = decidePayment(answer('00', 'ACCEPTED'), { ...EXPECTED, status: 'waiting' })
    if (d.kind !== 'accepted') throw new Error(d.kind)
    expect(d.payment).toEqual({
      amount: 5000,
      amountText: '5000',
      currency: 'XOF',
      paymentMethod: 'OM',
      operatorId: 'MP220915.2257.A76307',
      paidAt: '2022-09-15T22:57:15.000Z',
    })
  })

  it('explains a mismatch in French for the admin', () => {
    const d = decidePayment(answer('00', 'ACCEPTED', '4995'), { ...EXPECTED, status: 'pending' })
    if (d.kind !== 'flagged') throw new Error(d.kind)
    expect(d.reason).toBe('Montant confirmé par CinetPay (4\u202F995\u202FF\u00A0CFA) différent du montant demandé (5\u202F000\u202FF\u00A0CFA).')
    expect(d.lateAcceptance).toBe(false)
  })

  it('marks money confirmed after expiry as a late acceptance', () => {
    const d = decidePayment(answer('00', 'ACCEPTED'), { ...EXPECTED, status: 'expired' })
    if (d.kind !== 'flagged') throw new Error(d.kind)
    expect(d.lateAcceptance).toBe(true)
    expect(d.reason).toContain('« expired »')
    expect(d.reason).toContain('à rapprocher manuellement')
  })

  it('gives the client a French reason for each refusal', () => {
    const messages = Object.fromEntries(
      ['600', '602', '604', '606', '627'].map((code) => {
        const d = decidePayment(answer(code, 'REFUSED'), { ...EXPECTED, status: 'pending' })
        if (d.kind !== 'failed') throw new Error(d.kind)
        return [code, d.userMessage]
      }),
    )
    expect(messages['602']).toContain('solde')
    expect(messages['604']).toContain('OTP')
    expect(messages['606']).toContain('Orange Money')
    expect(messages['627']).toContain('annulé')
    expect(new Set(Object.values(messages)).size).toBe(5)
  })

  it('reads CinetPay dates as UTC (Abidjan) and " " as absent', () => {
    expect(cinetpayDateToIso('2022-09-15 22:57:15')).toBe('2022-09-15T22:57:15.000Z')
    expect(cinetpayDateToIso(' ')).toBeNull()
    expect(cinetpayDateToIso(null)).toBeNull()
    expect(cinetpayDateToIso('15/09/2022')).toBeNull()
  })
})

describe('planNextCheck', () => {
  const created = Date.UTC(2026, 10, 24, 8, 0, 0)
  const waiting = decidePayment(answer('623', 'WAITING_FOR_CUSTOMER'), { ...EXPECTED, status: 'waiting' })
  const erroring = decidePayment(unavailable('server-error'), { ...EXPECTED, status: 'waiting' })

  it('enqueues the next check with the backoff delay and the next attempt number', () => {
    const now = created + 90_000
    expect(planNextCheck(waiting, { transactionId: 'NX0MHXYZ12ABCDEFGHIJ0', createdAt: created, checkCount: 2, now })).toEqual({
      action: 'enqueue',
      delaySeconds: 120,
      nextCheckAt: new Date(now + 120_000),
      message: { type: 'payment-check', transactionId: 'NX0MHXYZ12ABCDEFGHIJ0', attempt: 3, reason: 'waiting' },
    })
  })

  it('re-enqueues a failed check with reason check-error', () => {
    const plan = planNextCheck(erroring, { transactionId: 'NX0MHXYZ12ABCDEFGHIJ0', createdAt: created, checkCount: 0, now: created })
    expect(plan).toMatchObject({ action: 'enqueue', delaySeconds: 30, message: { reason: 'check-error', attempt: 1 } })
  })

  it('expires after 24 h', () => {
    expect(planNextCheck(waiting, { transactionId: 'NX0MHXYZ12ABCDEFGHIJ0', createdAt: created, checkCount: 30, now: created + 86_400_000 })).toMatchObject({
      action: 'expire',
      nextStatus: 'expired',
      checkDecision: 'expired',
    })
  })

  it('does nothing after a final decision', () => {
    const accepted = decidePayment(answer('00', 'ACCEPTED'), { ...EXPECTED, status: 'waiting' })
    expect(planNextCheck(accepted, { transactionId: 'NX0MHXYZ12ABCDEFGHIJ0', createdAt: created, checkCount: 3 })).toEqual({ action: 'none' })
  })
})
