// Reading notifications: every body encoding CinetPay might use, the raw text
// kept for the journal, and each refusal with its reason.
import { describe, expect, it } from 'vitest'
import { MAX_NOTIFICATION_BYTES, readNotification, type NotificationResult } from '../notification.ts'
import { signXToken } from '../x-token.ts'
import vectors from './fixtures/cinetpay-vectors.json'

const SETTINGS = { siteId: vectors.base.cpm_site_id, secretKey: vectors.secret }
const BASE = vectors.base as Record<string, string>
const BASE_TOKEN = vectors.cases[0]!.x_token
const URL_ = 'https://portail.nourx.test/api/webhooks/cinetpay'

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request(URL_, { method: 'POST', headers, body })
}

function urlencoded(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString()
}

function expectOk(result: NotificationResult) {
  if (!result.ok) throw new Error(`refused: ${result.reason} (${result.detail})`)
  return result
}

function expectRefused(result: NotificationResult) {
  if (result.ok) throw new Error('accepted, expected a refusal')
  return result
}

describe('application/x-www-form-urlencoded', () => {
  it('accepts the reference body and keeps its raw text for the journal', async () => {
    const body = vectors.base_body_urlencoded
    const r = expectOk(
      await readNotification(post(body, { 'content-type': 'application/x-www-form-urlencoded', 'x-token': BASE_TOKEN }), SETTINGS),
    )
    expect(r.transactionId).toBe('ORD20240915A1B2C3')
    expect(r.tokenVariant).toBe('documented')
    expect(r.fields).toEqual(BASE)
    // "+" is a space and %3A a colon once decoded.
    expect(r.fields.cpm_trans_date).toBe('2024-09-15 22:57:15')
    expect(r.fields.cpm_designation).toBe('Commande 42')
    expect(r.postedValues).toEqual(Object.values(BASE))
    expect(r.journal).toEqual({
      contentType: 'application/x-www-form-urlencoded',
      rawBody: body,
      truncated: false,
      fields: BASE,
      transactionId: 'ORD20240915A1B2C3',
      siteId: '5867321',
      xToken: BASE_TOKEN,
      tokenValid: true,
      tokenVariant: 'documented',
      siteIdValid: true,
    })
  })

  it('decodes UTF-8 percent-escapes (vector C: "Commande n°42 – été")', async () => {
    const c = vectors.cases.find((v) => v.name.startsWith('non-ASCII'))!
    const body = vectors.base_body_urlencoded.replace('Commande+42', 'Commande+n%C2%B042+%E2%80%93+%C3%A9t%C3%A9')
    const r = expectOk(
      await readNotification(
        post(body, { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8', 'x-token': c.x_token }),
        SETTINGS,
      ),
    )
    expect(r.fields.cpm_designation).toBe('Commande n°42 – été')
    expect(r.journal.rawBody).toBe(body)
  })

  it('accepts a body without cpm_error_message (vector A)', async () => {
    const a = vectors.cases.find((v) => v.name === 'error message absent')!
    const { cpm_error_message: _, ...fields } = BASE
    const r = await readNotification(post(urlencoded(fields), { 'content-type': 'application/x-www-form-urlencoded', 'x-token': a.x_token }), SETTINGS)
    expect(expectOk(r).tokenVariant).toBe('documented')
  })

  it('keeps PHP $_POST semantics for a repeated name: first position, last value', async () => {
    const body = `${vectors.base_body_urlencoded.replace('cpm_amount=5000', 'cpm_amount=1')}&cpm_amount=5000`
    const r = expectOk(await readNotification(post(body, { 'content-type': 'application/x-www-form-urlencoded', 'x-token': BASE_TOKEN }), SETTINGS))
    expect(r.fields.cpm_amount).toBe('5000')
    expect(Object.keys(r.fields)[3]).toBe('cpm_amount')
  })

  it('accepts the "implode all posted values" variant when a field is added, and reports it', async () => {
    const fields = { ...BASE, cpm_extra: 'ajout' }
    // Token over every posted value in posted order (what SDK-PHP's implode('', $_POST) signs).
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(vectors.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
    const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(Object.values(fields).join('')))
    const token = Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('')
    const request = () => post(urlencoded(fields), { 'content-type': 'application/x-www-form-urlencoded', 'x-token': token })

    const r = expectOk(await readNotification(request(), SETTINGS))
    expect(r.tokenVariant).toBe('posted_order')
    expect(r.journal.tokenVariant).toBe('posted_order')

    const strict = expectRefused(await readNotification(request(), { ...SETTINGS, acceptPostedOrder: false }))
    expect(strict.reason).toBe('bad-token')
  })
})

describe('multipart/form-data', () => {
  it('accepts a multipart body and keeps it raw', async () => {
    const form = new FormData()
    for (const [name, value] of Object.entries(BASE)) form.append(name, value)
    const request = new Request(URL_, { method: 'POST', body: form, headers: { 'x-token': BASE_TOKEN } })
    expect(request.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/)
    const r = expectOk(await readNotification(request, SETTINGS))
    expect(r.fields).toEqual(BASE)
    expect(r.journal.rawBody).toContain('name="cpm_trans_id"')
    expect(r.journal.rawBody).toContain('ORD20240915A1B2C3')
  })

  it('skips file parts (PHP leaves them out of $_POST)', async () => {
    const form = new FormData()
    for (const [name, value] of Object.entries(BASE)) form.append(name, value)
    form.append('piece', new File(['%PDF'], 'x.pdf', { type: 'application/pdf' }))
    const r = expectOk(await readNotification(new Request(URL_, { method: 'POST', body: form, headers: { 'x-token': BASE_TOKEN } }), SETTINGS))
    expect(r.fields.piece).toBeUndefined()
  })

  it('refuses a multipart body that does not match its boundary', async () => {
    const r = expectRefused(
      await readNotification(post('--autre\r\nnimporte quoi', { 'content-type': 'multipart/form-data; boundary=xyz', 'x-token': BASE_TOKEN }), SETTINGS),
    )
    expect(r.reason).toBe('unparsable-body')
    expect(r.httpStatus).toBe(400)
    expect(r.journal.rawBody).toBe('--autre\r\nnimporte quoi')
  })
})

describe('JSON', () => {
  it('accepts a JSON object of strings', async () => {
    const r = expectOk(await readNotification(post(JSON.stringify(BASE), { 'content-type': 'application/json', 'x-token': BASE_TOKEN }), SETTINGS))
    expect(r.fields).toEqual(BASE)
    expect(r.journal.rawBody).toBe(JSON.stringify(BASE))
  })

  it('turns numbers into their JSON text and null into ""', async () => {
    const json = JSON.stringify({ ...BASE, cpm_amount: 5000, cpm_site_id: 5867321, cel_phone_num: null })
    const token = await signXToken(vectors.secret, { ...BASE, cel_phone_num: '' })
    const r = expectOk(await readNotification(post(json, { 'content-type': 'application/json; charset=utf-8', 'x-token': token }), SETTINGS))
    expect(r.fields.cpm_amount).toBe('5000')
    expect(r.fields.cel_phone_num).toBe('')
  })

  it.each([
    ['an array', JSON.stringify([BASE])],
    ['nested objects', JSON.stringify({ ...BASE, cpm_custom: { order: 42 } })],
    ['broken JSON', '{"cpm_site_id": "5867321",'],
    ['a string', '"cpm_site_id=5867321"'],
  ])('refuses %s as unparsable', async (_label, body) => {
    const r = expectRefused(await readNotification(post(body, { 'content-type': 'application/json', 'x-token': BASE_TOKEN }), SETTINGS))
    expect(r.reason).toBe('unparsable-body')
    expect(r.journal.rawBody).toBe(body)
  })
})

describe('missing or odd content type', () => {
  it('sniffs JSON without a content type', async () => {
    const r = await readNotification(new Request(URL_, { method: 'POST', body: new TextEncoder().encode(JSON.stringify(BASE)), headers: { 'x-token': BASE_TOKEN } }), SETTINGS)
    expect(expectOk(r).journal.contentType).toBeNull()
  })

  it('reads a urlencoded body sent as text/plain', async () => {
    const r = await readNotification(post(vectors.base_body_urlencoded, { 'content-type': 'text/plain;charset=UTF-8', 'x-token': BASE_TOKEN }), SETTINGS)
    expect(expectOk(r).fields).toEqual(BASE)
  })

  it('refuses a content type it does not read', async () => {
    const r = expectRefused(await readNotification(post('<xml/>', { 'content-type': 'application/xml', 'x-token': BASE_TOKEN }), SETTINGS))
    expect(r.reason).toBe('unparsable-body')
    expect(r.detail).toContain('application/xml')
  })
})

describe('empty and huge bodies', () => {
  it.each([
    ['no body', null, {}],
    ['an empty urlencoded body', '', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['an empty JSON object', '{}', { 'content-type': 'application/json' }],
  ] as const)('refuses %s (400)', async (_label, body, headers) => {
    const r = expectRefused(await readNotification(post(body, { ...headers, 'x-token': BASE_TOKEN }), SETTINGS))
    expect(r.reason).toBe('unparsable-body')
    expect(r.httpStatus).toBe(400)
  })

  it('stops reading past the limit and keeps only the beginning for the journal', async () => {
    const huge = `${vectors.base_body_urlencoded}&pad=${'A'.repeat(2 * 1024 * 1024)}`
    let pulled = 0
    const encoded = new TextEncoder().encode(huge)
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= encoded.length) return controller.close()
        controller.enqueue(encoded.subarray(pulled, pulled + 16 * 1024))
        pulled += 16 * 1024
      },
    })
    const r = expectRefused(
      await readNotification(post(stream, { 'content-type': 'application/x-www-form-urlencoded', 'x-token': BASE_TOKEN }), SETTINGS),
    )
    expect(r.reason).toBe('unparsable-body')
    expect(r.journal.truncated).toBe(true)
    expect(r.journal.rawBody).toHaveLength(MAX_NOTIFICATION_BYTES)
    expect(r.journal.rawBody.startsWith(vectors.base_body_urlencoded)).toBe(true)
    // It did not buffer the 2 MB: a few chunks past the limit at most.
    expect(pulled).toBeLessThan(MAX_NOTIFICATION_BYTES + 4 * 16 * 1024)
  })
})

describe('refusals', () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' }

  it('missing x-token: 401, but the journal still holds the parsed fields', async () => {
    const r = expectRefused(await readNotification(post(vectors.base_body_urlencoded, form), SETTINGS))
    expect(r.reason).toBe('missing-token')
    expect(r.httpStatus).toBe(401)
    expect(r.journal).toMatchObject({ transactionId: 'ORD20240915A1B2C3', siteId: '5867321', xToken: null, tokenValid: false, siteIdValid: null })
    expect(r.journal.rawBody).toBe(vectors.base_body_urlencoded)
  })

  it.each([
    ['garbage', 'nimporte quoi, pas un jeton'],
    ['a token made with another secret', '7ad7f0b1c7bd8e1a8a4b4b8c0a6de4f15c1f1d0e9f0a2b4c6d8e0f1a3b5c7d9e'],
    ['the old-order (negative) vector', vectors.cases.find((c) => !c.valid)!.x_token],
  ])('bad token (%s): 401', async (_label, token) => {
    const r = expectRefused(await readNotification(post(vectors.base_body_urlencoded, { ...form, 'x-token': token }), SETTINGS))
    expect(r.reason).toBe('bad-token')
    expect(r.httpStatus).toBe(401)
    expect(r.journal.xToken).toBe(token)
    expect(r.journal.tokenValid).toBe(false)
  })

  it('forged amount (body altered after signing): bad token', async () => {
    const body = vectors.base_body_urlencoded.replace('cpm_amount=5000', 'cpm_amount=50')
    const r = expectRefused(await readNotification(post(body, { ...form, 'x-token': BASE_TOKEN }), SETTINGS))
    expect(r.reason).toBe('bad-token')
  })

  it('wrong site id, correctly signed (another merchant’s secret leaked? a misrouted notification?): 401', async () => {
    const fields = { ...BASE, cpm_site_id: '999999' }
    const token = await signXToken(vectors.secret, fields)
    const r = expectRefused(await readNotification(post(urlencoded(fields), { ...form, 'x-token': token }), SETTINGS))
    expect(r.reason).toBe('wrong-site')
    expect(r.httpStatus).toBe(401)
    expect(r.journal).toMatchObject({ tokenValid: true, siteIdValid: false, siteId: '999999' })
  })

  it('signed but without cpm_trans_id: refused, nothing to check', async () => {
    const { cpm_trans_id: _, ...fields } = BASE
    const token = await signXToken(vectors.secret, fields)
    const r = expectRefused(await readNotification(post(urlencoded(fields), { ...form, 'x-token': token }), SETTINGS))
    expect(r.reason).toBe('missing-transaction-id')
  })
})
