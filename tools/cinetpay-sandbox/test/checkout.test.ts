import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CinetPaySandbox } from '../src/server.ts'
import { CARD_CUSTOMER, CREDENTIALS, check, createPayment, startReceiver, startSandbox, type ReceivedRequest } from './helpers.ts'
import { independentVerify, vectors } from './independent-verifier.ts'

let sandbox: CinetPaySandbox
let receiver: Awaited<ReturnType<typeof startReceiver>>
beforeAll(async () => {
  sandbox = await startSandbox()
  receiver = await startReceiver()
})
afterAll(async () => {
  await sandbox.stop()
  await receiver.close()
})

const decode = (s: string) =>
  s.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&')

/** The first <form> of a page: its method, action, and named inputs (hidden/text/number/checked radios/selects' first option). */
function readForm(html: string) {
  const form = /<form([^>]*)>([\s\S]*?)<\/form>/.exec(html)
  if (!form) throw new Error('no form in page')
  const attr = (tag: string, name: string) => {
    const m = new RegExp(`${name}="([^"]*)"`).exec(tag)
    return m ? decode(m[1]) : undefined
  }
  const inputs = [...form[2].matchAll(/<input([^>]*)>/g)].map((m) => ({
    type: attr(m[1], 'type'),
    name: attr(m[1], 'name'),
    value: attr(m[1], 'value'),
    checked: /\schecked/.test(m[1]),
  }))
  return { method: attr(form[1], 'method'), action: attr(form[1], 'action'), inputs }
}

const notifications = (txId: string) =>
  receiver.received.filter((r) => r.url === '/api/webhooks/cinetpay' && r.form.cpm_trans_id === txId)
const returns = (txId: string) =>
  receiver.received.filter((r) => r.url.startsWith('/factures-devis/') && r.form.transaction_id === txId)

async function waitUntil<T>(fn: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = fn()
    if (v) return v
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** Submits the checkout form as a browser would, with the given choices. */
async function submitCheckout(paymentUrl: string, choices: Record<string, string>) {
  const page = await (await fetch(paymentUrl)).text()
  const form = readForm(page)
  expect(form.method).toBe('post')
  const fields: Record<string, string> = {}
  for (const i of form.inputs) if (i.name && i.type !== 'radio') fields[i.name] = i.value ?? ''
  Object.assign(fields, choices)
  return fetch(new URL(form.action!, paymentUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  })
}

function expectSignedNotification(n: ReceivedRequest) {
  expect(n.method).toBe('POST')
  expect(n.headers['content-type']).toBe('application/x-www-form-urlencoded')
  expect(n.keys).toEqual(vectors.field_order)
  const token = n.headers['x-token'] as string
  expect(token).toMatch(/^[0-9a-f]{64}$/)
  expect(independentVerify(CREDENTIALS.secretKey, token, n.form)).toBe(true)
  expect(independentVerify('another-secret', token, n.form)).toBe(false)
  expect(independentVerify(CREDENTIALS.secretKey, token, { ...n.form, cpm_amount: '1' })).toBe(false)
}

describe('checkout flow over HTTP', () => {
  it('page → choice → signed notification → POST back to return_url', async () => {
    const p = await createPayment(sandbox, receiver, { amount: 12500 })

    const pageRes = await fetch(p.paymentUrl)
    expect(pageRes.status).toBe(200)
    expect(pageRes.headers.get('content-type')).toMatch(/text\/html/)
    const page = await pageRes.text()
    expect(page).toContain('<html lang="fr">')
    expect(page).toContain('NOURX')
    expect(page).toMatch(/12\s500 F CFA/)
    expect(page).toContain('Facture FAC-2026-0042')
    expect(page).toContain(p.transactionId)
    for (const outcome of ['accepted', 'refused', 'waiting_then_accepted', 'waiting_then_cancelled', 'cancelled']) {
      expect(page).toContain(`value="${outcome}"`)
    }
    expect(page).not.toContain('value="card_accepted"') // no customer data → no card universe
    for (const op of ['OM', 'MTN', 'MOOV', 'WAVE']) expect(page).toContain(`<option value="${op}">`)

    const submitted = await submitCheckout(p.paymentUrl, { outcome: 'accepted', operator: 'WAVE' })
    expect(submitted.status).toBe(200)
    const back = await submitted.text()
    const form = readForm(back)
    expect(form).toMatchObject({ method: 'post', action: receiver.returnUrl })
    expect(form.inputs.filter((i) => i.type === 'hidden').map((i) => [i.name, i.value])).toEqual([
      ['transaction_id', p.transactionId],
      ['token', p.token],
    ])
    expect(back).toMatch(/<script>document\.getElementById\('retour'\)\.submit\(\)<\/script>/)

    const [n] = await waitUntil(() => notifications(p.transactionId).length === 1 && notifications(p.transactionId))
    expectSignedNotification(n)
    expect(n.form).toEqual({
      cpm_site_id: CREDENTIALS.siteId,
      cpm_trans_id: p.transactionId,
      cpm_trans_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      cpm_amount: '12500',
      cpm_currency: 'XOF',
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
      payment_method: 'WAVECI',
      cel_phone_num: '0707000002',
      cpm_phone_prefixe: '225',
      cpm_language: 'fr',
      cpm_version: 'V4',
      cpm_payment_config: 'Single',
      cpm_page_action: 'Payment',
      cpm_custom: p.body.metadata,
      cpm_designation: 'Facture FAC-2026-0042',
      cpm_error_message: 'SUCCES',
    })

    // The browser follows the auto-submitting form.
    await fetch(new URL(form.action!), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(Object.fromEntries(form.inputs.map((i) => [i.name!, i.value!]))).toString(),
    })
    const [ret] = returns(p.transactionId)
    expect(ret.method).toBe('POST')
    expect(ret.form).toEqual({ transaction_id: p.transactionId, token: p.token })

    expect((await check(sandbox, { transaction_id: p.transactionId })).json).toMatchObject({ code: '00', data: { status: 'ACCEPTED', payment_method: 'WAVECI' } })
    const log = sandbox.transaction(p.transactionId)!.notifications
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({ kind: 'final', copy: 0, url: receiver.notifyUrl, status: 200, dropped: false })
  })

  it('a refused payment notifies PAYMENT_FAILED, also signed', async () => {
    const p = await createPayment(sandbox, receiver)
    await submitCheckout(p.paymentUrl, { outcome: 'refused', operator: 'MTN', phone: '0505123456' })
    const [n] = await waitUntil(() => notifications(p.transactionId).length === 1 && notifications(p.transactionId))
    expectSignedNotification(n)
    expect(n.form).toMatchObject({ cpm_error_message: 'PAYMENT_FAILED', payment_method: 'MOMO', cel_phone_num: '0505123456' })
  })

  it('signs non-ASCII values over their UTF-8 bytes', async () => {
    const p = await createPayment(sandbox, receiver, { description: 'Facture n°42 – été' })
    await submitCheckout(p.paymentUrl, { outcome: 'accepted', operator: 'OM' })
    const [n] = await waitUntil(() => notifications(p.transactionId).length === 1 && notifications(p.transactionId))
    expect(n.body).toContain('cpm_designation=Facture+n%C2%B042+%E2%80%93+%C3%A9t%C3%A9')
    expectSignedNotification(n)
  })

  it('locks the payer number when asked, and reports it without the country code', async () => {
    const p = await createPayment(sandbox, receiver, { lock_phone_number: true, customer_phone_number: '+2250707070707' })
    const page = await (await fetch(p.paymentUrl)).text()
    expect(page).toMatch(/name="phone"[^>]*value="\+2250707070707"[^>]*readonly/)
    await submitCheckout(p.paymentUrl, { outcome: 'accepted', operator: 'OM' })
    const [n] = await waitUntil(() => notifications(p.transactionId).length === 1 && notifications(p.transactionId))
    expect(n.form).toMatchObject({ cel_phone_num: '0707070707', cpm_phone_prefixe: '225' })
  })

  it('offers the card when customer data is complete, and only the card for CREDIT_CARD', async () => {
    const all = await createPayment(sandbox, receiver, CARD_CUSTOMER)
    const allPage = await (await fetch(all.paymentUrl)).text()
    expect(allPage).toContain('value="card_accepted"')
    expect(allPage).toContain('value="accepted"')

    const cardOnly = await createPayment(sandbox, receiver, { channels: 'CREDIT_CARD', ...CARD_CUSTOMER })
    const cardPage = await (await fetch(cardOnly.paymentUrl)).text()
    expect(cardPage).toContain('value="card_accepted"')
    expect(cardPage).not.toContain('value="accepted"')
    expect(cardPage).not.toContain('name="operator"')

    await submitCheckout(cardOnly.paymentUrl, { outcome: 'card_accepted' })
    const [n] = await waitUntil(() => notifications(cardOnly.transactionId).length === 1 && notifications(cardOnly.transactionId))
    expectSignedNotification(n)
    expect(n.form).toMatchObject({ payment_method: 'VISAM', cel_phone_num: '0707070707', cpm_error_message: 'SUCCES' })
  })

  it('refuses an outcome the checkout does not offer', async () => {
    const p = await createPayment(sandbox, receiver, { channels: 'MOBILE_MONEY' })
    const res = await submitCheckout(p.paymentUrl, { outcome: 'card_accepted' })
    expect(res.status).toBe(409)
    expect(await res.text()).toContain('Le paiement par carte n’est pas proposé')
    expect(sandbox.transaction(p.transactionId)!.phase).toBe('CREATED')
  })

  it('refuses an incomplete form', async () => {
    const p = await createPayment(sandbox, receiver)
    const res = await submitCheckout(p.paymentUrl, { outcome: 'paid-twice' })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Choix invalide')
  })

  it('a handled transaction cannot be paid again', async () => {
    const p = await createPayment(sandbox, receiver)
    await submitCheckout(p.paymentUrl, { outcome: 'accepted' })
    const page = await (await fetch(p.paymentUrl)).text()
    expect(page).toContain('Transaction déjà traitée')
    expect(page).toContain('Paiement accepté')
    const again = await fetch(p.paymentUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=refused',
    })
    expect(again.status).toBe(409)
    expect(sandbox.transaction(p.transactionId)!.phase).toBe('ACCEPTED')
  })

  it('answers 404 for an unknown token', async () => {
    const res = await fetch(`${sandbox.url}/checkout/${'0'.repeat(64)}`)
    expect(res.status).toBe(404)
    expect(await res.text()).toContain('Lien de paiement invalide')
  })

  it('lists transactions on the index page', async () => {
    const p = await createPayment(sandbox, receiver)
    const html = await (await fetch(`${sandbox.url}/`)).text()
    expect(html).toContain(p.transactionId)
  })
})
