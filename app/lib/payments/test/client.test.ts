// The CinetPay client against the local CinetPay sandbox (tools/cinetpay-sandbox),
// started in Node by global-setup.ts; the client itself runs here, in workerd.
// The sandbox's fault switches are global, so this is the only test file that
// talks to it, and its tests run one after the other.
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  checkPayment,
  createCinetPayClient,
  decodeMetadata,
  DEFAULT_USER_AGENT,
  encodeMetadata,
  initPayment,
  type CheckAnswer,
  type CinetPayConfig,
  type InitPaymentInput,
  type InitPaymentResult,
} from '../client.server.ts'
import { decidePayment } from '../decision.ts'
import { readNotification } from '../notification.ts'
import { newTransactionId } from '../transaction-id.ts'

const env = inject('cinetpay')
const config: CinetPayConfig = { apiUrl: env.sandboxUrl, apiKey: env.apiKey, siteId: env.siteId, timeoutMs: 5_000 }
const notifyUrl = `${env.receiverUrl}/api/webhooks/cinetpay`
const returnUrl = `${env.receiverUrl}/factures-devis/42/paiement/retour`

const CARD_CUSTOMER = {
  id: 'client-acme',
  name: 'Kouassi',
  surname: 'Aya',
  email: 'client@acme.test',
  phoneNumber: '+2250707000001',
  address: 'Rue des Jardins, Cocody',
  city: 'Abidjan',
  country: 'CI',
  zipCode: '00225',
}

function input(overrides: Partial<InitPaymentInput> = {}): InitPaymentInput {
  return {
    transactionId: newTransactionId(),
    amount: 5_000,
    description: 'Facture FAC-2026-0042',
    notifyUrl,
    returnUrl,
    channels: 'ALL',
    customer: CARD_CUSTOMER,
    metadata: { invoiceId: 'b7c1', attempt: 1 },
    ...overrides,
  }
}

async function sandbox(path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${env.sandboxUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`sandbox ${path}: HTTP ${res.status} ${await res.text()}`)
  return res.json()
}

const complete = (transactionId: string, options: Record<string, unknown>) =>
  sandbox(`/__sandbox/transactions/${transactionId}/complete`, options)

async function created(overrides: Partial<InitPaymentInput> = {}) {
  const i = input(overrides)
  const r = await initPayment(config, i)
  if (!r.ok) throw new Error(`init failed: ${JSON.stringify(r)}`)
  return { ...r, transactionId: i.transactionId }
}

function expectAnswer(r: Awaited<ReturnType<typeof checkPayment>>): CheckAnswer {
  if (r.kind !== 'answer') throw new Error(`unavailable: ${r.reason} ${r.detail}`)
  return r
}

function expectRejected(r: InitPaymentResult) {
  if (r.ok || r.kind !== 'rejected') throw new Error(`expected rejected, got ${JSON.stringify(r)}`)
  return r
}

/** A fetch that records requests, answers with a canned CinetPay body, or forwards to the sandbox. */
function fakeFetch(respond: (body: Record<string, unknown>, init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; headers: Headers; body: Record<string, unknown> }[] = []
  const f = (async (url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as Record<string, unknown>
    calls.push({ url, headers: new Headers(init.headers), body })
    return respond(body, init)
  }) as unknown as typeof fetch
  return { fetch: f, calls }
}

beforeAll(async () => {
  await sandbox('/__sandbox/reset', {})
})

afterEach(async () => {
  // Never leave a fault switched on for the next test.
  await sandbox('/__sandbox/faults', { checkStatus500: false, checkTimeoutMs: 0 })
})

describe('initPayment', () => {
  it('creates the payment: token and checkout URL, with everything CinetPay needs', async () => {
    const i = input()
    const r = await initPayment(config, i)
    if (!r.ok) throw new Error(JSON.stringify(r))
    expect(r.kind).toBe('created')
    expect(r.paymentUrl).toBe(`${env.sandboxUrl}/checkout/${r.paymentToken}`)
    expect(r.droppedChannels).toEqual([])

    const tx = await sandbox(`/__sandbox/transactions/${i.transactionId}`)
    expect(tx).toMatchObject({
      amount: 5_000,
      currency: 'XOF',
      lang: 'fr',
      channels: ['ALL'],
      notifyUrl,
      returnUrl,
      cardAllowed: true,
      mobileAllowed: true,
      description: 'Facture FAC-2026-0042',
    })
    expect(tx.customer).toEqual({
      customer_id: 'client-acme',
      customer_name: 'Kouassi',
      customer_surname: 'Aya',
      customer_email: 'client@acme.test',
      customer_phone_number: '+2250707000001',
      customer_address: 'Rue des Jardins, Cocody',
      customer_city: 'Abidjan',
      customer_country: 'CI',
      customer_state: 'CI',
      customer_zip_code: '00225',
    })
    // Metadata travels base64url, never as raw JSON (Cloudflare 403 at CinetPay).
    expect(tx.metadata).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decodeMetadata(tx.metadata)).toEqual({ invoiceId: 'b7c1', attempt: 1 })
  })

  it('sends JSON with an explicit User-Agent and lang=fr', async () => {
    const spy = fakeFetch(async (_body, init) => fetch(`${env.sandboxUrl}/v2/payment`, init))
    const r = await initPayment({ ...config, fetch: spy.fetch }, input({ channels: ['MOBILE_MONEY', 'WALLET'] }))
    expect(r.ok).toBe(true)
    const call = spy.calls[0]!
    expect(call.url).toBe(`${env.sandboxUrl}/v2/payment`)
    expect(call.headers.get('user-agent')).toBe(DEFAULT_USER_AGENT)
    expect(call.headers.get('content-type')).toBe('application/json')
    expect(call.body).toMatchObject({ apikey: env.apiKey, site_id: env.siteId, lang: 'fr', channels: 'MOBILE_MONEY,WALLET', amount: 5_000 })
  })

  it('strips the characters CinetPay forbids from the description', async () => {
    const i = input({ description: 'Facture #42 / acompte_1 & solde $' })
    expect((await initPayment(config, i)).ok).toBe(true)
    expect((await sandbox(`/__sandbox/transactions/${i.transactionId}`)).description).toBe('Facture 42 acompte 1 solde')
  })

  it('drops CREDIT_CARD from an explicit list when the customer lacks card data, instead of getting 624', async () => {
    const i = input({ channels: 'MOBILE_MONEY,CREDIT_CARD', customer: { name: 'Kouassi', email: 'client@acme.test' } })
    const r = await initPayment(config, i)
    if (!r.ok) throw new Error(JSON.stringify(r))
    expect(r.channels).toEqual(['MOBILE_MONEY'])
    expect(r.droppedChannels).toEqual(['CREDIT_CARD'])
  })

  it('refuses locally, without calling CinetPay, what CinetPay would refuse', async () => {
    const spy = fakeFetch(() => new Response('{}'))
    const cases: Partial<InitPaymentInput>[] = [
      { amount: 1_183 },
      { amount: 95 },
      { transactionId: 'NX_12/34' },
      { notifyUrl: 'ftp://example.test' },
      { channels: 'CREDIT_CARD', customer: { name: 'Kouassi' } },
      { channels: 'BITCOIN' },
      { invoiceData: { a: '1', b: '2', c: '3', d: '4' } },
    ]
    for (const c of cases) {
      const r = await initPayment({ ...config, fetch: spy.fetch }, input(c))
      expect(r, JSON.stringify(c)).toMatchObject({ ok: false, kind: 'invalid' })
      if (!r.ok) expect(r.userMessage).toMatch(/[a-zé]/)
    }
    expect(spy.calls).toHaveLength(0)
  })

  describe('CinetPay errors become French messages', () => {
    it('608: reused transaction_id', async () => {
      const i = input()
      expect((await initPayment(config, i)).ok).toBe(true)
      const r = expectRejected(await initPayment(config, i))
      expect(r).toMatchObject({ code: '608', message: 'MINIMUM_REQUIRED_FIELDS', httpStatus: 400 })
      expect(r.description).toContain('transaction_id')
      expect(r.userMessage).toContain('n’a pas pu être préparé')
    })

    it('609: wrong apikey (the message does not say so to the client)', async () => {
      const r = expectRejected(await initPayment({ ...config, apiKey: 'wrong' }, input()))
      expect(r).toMatchObject({ code: '609', message: 'AUTH_NOT_FOUND' })
      expect(r.userMessage).toBe('Le paiement en ligne est momentanément indisponible. Contactez NOURX ou réglez la facture par virement.')
      expect(r.userMessage).not.toMatch(/apikey|clé/i)
    })

    it('613: wrong site_id', async () => {
      const r = expectRejected(await initPayment({ ...config, siteId: '1' }, input()))
      expect(r).toMatchObject({ code: '613', message: 'ERROR_SITE_ID_NOTVALID' })
      expect(r.userMessage).toContain('momentanément indisponible')
    })

    it('624: card parameters without address (the sandbox’s real answer, request altered on the way)', async () => {
      // Our client never sends this (see above), so strip customer_address in transit.
      const altering = fakeFetch((body, init) => {
        delete body.customer_address
        return fetch(`${env.sandboxUrl}/v2/payment`, { ...init, body: JSON.stringify(body) })
      })
      const r = expectRejected(await initPayment({ ...config, fetch: altering.fetch }, input({ channels: 'CREDIT_CARD' })))
      expect(r.code).toBe('624')
      expect(r.userMessage).toContain('carte bancaire')
      expect(r.userMessage).toContain('adresse')
    })

    it('625: subscription expired (not emulated by the sandbox: canned CinetPay body)', async () => {
      const canned = fakeFetch(
        () =>
          new Response(
            JSON.stringify({ code: '625', message: 'ABONNEMENT_OR_TRANSACTIONS_EXPIRED', description: 'Votre abonnement a expiré', api_response_id: '1.2' }),
            { status: 200, headers: { 'content-type': 'application/json' } },
          ),
      )
      const r = expectRejected(await initPayment({ ...config, fetch: canned.fetch }, input()))
      expect(r).toMatchObject({ code: '625', httpStatus: 200, apiResponseId: '1.2' })
      expect(r.userMessage).toContain('service de paiement suspendu')
    })

    it('201 without data is not a success', async () => {
      const canned = fakeFetch(() => Response.json({ code: '201', message: 'CREATED', data: [] }))
      const r = expectRejected(await initPayment({ ...config, fetch: canned.fetch }, input()))
      expect(r.code).toBe('201')
      expect(r.userMessage).toContain('ne répond pas')
    })
  })

  describe('CinetPay unreachable → unavailable, never a throw', () => {
    it('blocked by Cloudflare (no User-Agent: 403 "error code: 1010")', async () => {
      const r = await initPayment({ ...config, userAgent: '' }, input())
      expect(r).toMatchObject({ ok: false, kind: 'unavailable', reason: 'blocked', httpStatus: 403, rawText: 'error code: 1010' })
    })

    it('timeout', async () => {
      const hanging = fakeFetch(
        (_b, init) =>
          new Promise<Response>((_resolve, reject) => {
            init.signal!.addEventListener('abort', () => reject(init.signal!.reason))
          }),
      )
      const started = Date.now()
      const r = await initPayment({ ...config, timeoutMs: 200, fetch: hanging.fetch }, input())
      expect(r).toMatchObject({ ok: false, kind: 'unavailable', reason: 'timeout', httpStatus: null })
      expect(Date.now() - started).toBeLessThan(2_000)
      if (!r.ok) expect(r.userMessage).toContain('ne répond pas')
    })

    it('network error (nothing listens)', async () => {
      const r = await initPayment({ ...config, apiUrl: 'http://127.0.0.1:9' }, input())
      expect(r).toMatchObject({ ok: false, kind: 'unavailable', reason: 'network', httpStatus: null })
    })

    it('HTML instead of JSON', async () => {
      const canned = fakeFetch(() => new Response('<html>maintenance</html>', { status: 200, headers: { 'content-type': 'text/html' } }))
      const r = await initPayment({ ...config, fetch: canned.fetch }, input())
      expect(r).toMatchObject({ ok: false, kind: 'unavailable', reason: 'invalid-response', httpStatus: 200, rawText: '<html>maintenance</html>' })
    })

    it('5xx', async () => {
      const canned = fakeFetch(() => Response.json({ code: '500' }, { status: 502 }))
      expect(await initPayment({ ...config, fetch: canned.fetch }, input())).toMatchObject({ kind: 'unavailable', reason: 'server-error', httpStatus: 502 })
    })
  })
})

describe('checkPayment in every state the sandbox offers', () => {
  const attempt = (status: 'pending' | 'waiting' = 'pending') => ({ amount: 5_000, currency: 'XOF', status })

  it('untouched: 662 WAITING_FOR_CUSTOMER → recheck', async () => {
    const { transactionId } = await created()
    const r = expectAnswer(await checkPayment(config, { transactionId }))
    expect(r).toMatchObject({ code: '662', message: 'WAITING_CUSTOMER_PAYMENT', httpStatus: 200 })
    expect(r.data).toMatchObject({ status: 'WAITING_FOR_CUSTOMER', amount: '5000', amountValue: 5_000, paymentDate: null, operatorId: null })
    expect(decidePayment(r, attempt())).toMatchObject({ kind: 'recheck', nextStatus: 'waiting', queueReason: 'waiting' })
  })

  it('Mobile Money accepted: 00 SUCCES, string amount, operator id, payment date → accepted', async () => {
    const { transactionId } = await created()
    await complete(transactionId, { outcome: 'accepted', operator: 'MTN' })
    const r = expectAnswer(await checkPayment(config, { transactionId }))
    expect(r).toMatchObject({ code: '00', message: 'SUCCES' })
    expect(r.data).toMatchObject({ status: 'ACCEPTED', amount: '5000', amountValue: 5_000, currency: 'XOF', paymentMethod: 'MOMO' })
    expect(r.data!.operatorId).toBeTruthy()
    expect(r.data!.paymentDate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    expect(decodeMetadata(r.data!.metadata)).toEqual({ invoiceId: 'b7c1', attempt: 1 })
    const d = decidePayment(r, attempt())
    expect(d).toMatchObject({ kind: 'accepted', payment: { amount: 5_000, currency: 'XOF', paymentMethod: 'MOMO' } })
  })

  it('card accepted → accepted', async () => {
    const { transactionId } = await created()
    await complete(transactionId, { outcome: 'card_accepted' })
    const r = expectAnswer(await checkPayment(config, { transactionId }))
    expect(r.data).toMatchObject({ status: 'ACCEPTED', paymentMethod: 'VISAM' })
    expect(decidePayment(r, attempt()).kind).toBe('accepted')
  })

  it('refused: 600, payment_date " " read as absent → failed (refused)', async () => {
    const { transactionId } = await created()
    await complete(transactionId, { outcome: 'refused' })
    const r = expectAnswer(await checkPayment(config, { transactionId }))
    expect(r).toMatchObject({ code: '600', message: 'PAYMENT_FAILED' })
    expect((r.raw as any).data.payment_date).toBe(' ')
    expect(r.data).toMatchObject({ status: 'REFUSED', paymentDate: null })
    expect(decidePayment(r, attempt())).toMatchObject({ kind: 'failed', nextStatus: 'refused', code: '600' })
  })

  it('cancelled: 627 TRANSACTION_CANCEL → failed (cancelled)', async () => {
    const { transactionId } = await created()
    await complete(transactionId, { outcome: 'cancelled' })
    const r = expectAnswer(await checkPayment(config, { transactionId }))
    expect(r).toMatchObject({ code: '627', message: 'TRANSACTION_CANCEL', data: { status: 'REFUSED' } })
    expect(decidePayment(r, attempt('waiting'))).toMatchObject({ kind: 'failed', nextStatus: 'cancelled' })
  })

  it('waiting (623) then accepted', async () => {
    const { transactionId } = await created()
    await complete(transactionId, { outcome: 'waiting_then_accepted', delaySeconds: 1 })
    const first = expectAnswer(await checkPayment(config, { transactionId }))
    expect(first).toMatchObject({ code: '623', data: { status: 'WAITING_FOR_CUSTOMER' } })
    expect(decidePayment(first, attempt())).toMatchObject({ kind: 'recheck', nextStatus: 'waiting' })
    await new Promise((r) => setTimeout(r, 1_300))
    const second = expectAnswer(await checkPayment(config, { transactionId }))
    expect(second).toMatchObject({ code: '00', data: { status: 'ACCEPTED' } })
    expect(decidePayment(second, attempt('waiting')).kind).toBe('accepted')
  })

  it('waiting (623) then cancelled', async () => {
    const { transactionId } = await created()
    await complete(transactionId, { outcome: 'waiting_then_cancelled', delaySeconds: 0.5 })
    expect(expectAnswer(await checkPayment(config, { transactionId })).code).toBe('623')
    await new Promise((r) => setTimeout(r, 800))
    const r = expectAnswer(await checkPayment(config, { transactionId }))
    expect(r).toMatchObject({ code: '627', data: { status: 'REFUSED' } })
    expect(decidePayment(r, attempt('waiting')).kind).toBe('failed')
  })

  it('by payment token instead of transaction_id', async () => {
    const { transactionId, paymentToken } = await created()
    await complete(transactionId, { outcome: 'accepted' })
    expect(expectAnswer(await checkPayment(config, { token: paymentToken })).code).toBe('00')
  })

  it('unknown transaction: 627 without data (HTTP 400) is still an answer', async () => {
    const r = expectAnswer(await checkPayment(config, { transactionId: newTransactionId() }))
    expect(r).toMatchObject({ httpStatus: 400, code: '627', data: null })
  })

  it('wrong apikey at check: 609 answer → recheck with an alert', async () => {
    const r = expectAnswer(await checkPayment({ ...config, apiKey: 'wrong' }, { transactionId: newTransactionId() }))
    expect(r).toMatchObject({ code: '609', data: null })
    expect(decidePayment(r, attempt('waiting'))).toMatchObject({ kind: 'recheck', queueReason: 'check-error', alert: true })
  })

  it('check answers 500 (nginx HTML) → unavailable server-error, body kept → recheck', async () => {
    const { transactionId } = await created()
    await sandbox('/__sandbox/faults', { checkStatus500: true })
    const r = await checkPayment(config, { transactionId })
    expect(r).toMatchObject({ kind: 'unavailable', reason: 'server-error', httpStatus: 500 })
    if (r.kind === 'unavailable') expect(r.rawText).toContain('500 Internal Server Error')
    expect(decidePayment(r, attempt('waiting'))).toMatchObject({ kind: 'recheck', queueReason: 'check-error', checkDecision: 'error' })
  })

  it('check times out → unavailable timeout within the client’s limit → recheck', async () => {
    const { transactionId } = await created()
    await sandbox('/__sandbox/faults', { checkTimeoutMs: 3_000 })
    const started = Date.now()
    const r = await checkPayment({ ...config, timeoutMs: 300 }, { transactionId })
    expect(r).toMatchObject({ kind: 'unavailable', reason: 'timeout', httpStatus: null })
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(decidePayment(r, attempt())).toMatchObject({ kind: 'recheck', queueReason: 'check-error' })
  })

  it('answers with an unexpected shape → unavailable invalid-response, JSON kept', async () => {
    const canned = fakeFetch(() => Response.json({ code: '00', message: 'SUCCES', data: { amount: '5000' } }))
    const r = await checkPayment({ ...config, fetch: canned.fetch }, { transactionId: 'NX0000000000000000000' })
    expect(r).toMatchObject({ kind: 'unavailable', reason: 'invalid-response', httpStatus: 200 })
    if (r.kind === 'unavailable') expect(r.rawText).toContain('"amount":"5000"')
  })

  it('createCinetPayClient binds both calls to one configuration', async () => {
    const client = createCinetPayClient(config)
    const i = input()
    expect((await client.initPayment(i)).ok).toBe(true)
    expect(expectAnswer(await client.checkPayment({ transactionId: i.transactionId })).code).toBe('662')
  })
})

describe('the sandbox’s notifications pass our notification reader', () => {
  it('verifies the x-token the sandbox signed, for waiting then accepted', async () => {
    const { transactionId } = await created({ description: 'Facture n°42 – été' })
    await complete(transactionId, { outcome: 'waiting_then_accepted', delaySeconds: 0.3 })
    let mine: { method: string; path: string; headers: Record<string, string>; body: string }[] = []
    for (let i = 0; i < 50 && mine.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 100))
      const all = (await (await fetch(`${env.receiverUrl}/received`)).json()) as typeof mine
      mine = all.filter((n) => n.body.includes(transactionId))
    }
    expect(mine).toHaveLength(2)
    const results = await Promise.all(
      mine.map((n) =>
        readNotification(new Request(`https://portail.nourx.test${n.path}`, { method: n.method, headers: n.headers, body: n.body }), {
          siteId: env.siteId,
          secretKey: env.secretKey,
        }),
      ),
    )
    for (const r of results) {
      expect(r).toMatchObject({ ok: true, transactionId, tokenVariant: 'documented' })
      if (r.ok) expect(r.fields.cpm_designation).toBe('Facture n°42 – été')
    }
    expect(results.map((r) => r.ok && r.fields.cpm_error_message)).toEqual(['WAITING_CUSTOMER_TO_VALIDATE', 'SUCCES'])

    // And with another secret, the same notifications are refused.
    const n = mine[0]!
    const forged = await readNotification(new Request('https://portail.nourx.test/', { method: 'POST', headers: n.headers, body: n.body }), {
      siteId: env.siteId,
      secretKey: 'another-secret',
    })
    expect(forged).toMatchObject({ ok: false, reason: 'bad-token' })
  })
})

describe('metadata encoding', () => {
  it('round-trips UTF-8 JSON as base64url', () => {
    const value = { facture: 'FAC-2026-0042', client: 'Côte d’Ivoire — été', montant: 5000 }
    const encoded = encodeMetadata(value)
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decodeMetadata(encoded)).toEqual(value)
  })

  it('returns null for anything that is not ours', () => {
    expect(decodeMetadata('order-42')).toBeNull()
    expect(decodeMetadata('{"a":1}')).toBeNull()
    expect(decodeMetadata(null)).toBeNull()
    expect(decodeMetadata('')).toBeNull()
  })
})
