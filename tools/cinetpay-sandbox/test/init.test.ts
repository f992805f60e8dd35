import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CinetPaySandbox } from '../src/server.ts'
import { API_RESPONSE_ID, CARD_CUSTOMER, CREDENTIALS, init, initBody, startSandbox, txId } from './helpers.ts'

const urls = { notifyUrl: 'http://127.0.0.1:9/notify', returnUrl: 'http://127.0.0.1:9/retour' }
let sandbox: CinetPaySandbox
beforeAll(async () => {
  sandbox = await startSandbox()
})
afterAll(() => sandbox.stop())

async function expectError(body: unknown, code: string, message: string, description?: RegExp) {
  const res = await init(sandbox, body)
  expect(res.status).toBe(400)
  expect(Object.keys(res.json).sort()).toEqual(['api_response_id', 'code', 'description', 'message'])
  expect(res.json.code).toBe(code)
  expect(res.json.message).toBe(message)
  expect(res.json.api_response_id).toMatch(API_RESPONSE_ID)
  if (description) expect(res.json.description).toMatch(description)
  return res.json
}
const fields608 = (body: unknown, description: RegExp) => expectError(body, '608', 'MINIMUM_REQUIRED_FIELDS', description)

describe('POST /v2/payment — success', () => {
  it('answers code "201" CREATED with a token and a payment_url to its own checkout page', async () => {
    const body = initBody(urls)
    const res = await init(sandbox, body)
    expect(res.status).toBe(200)
    expect(res.json).toEqual({
      code: '201',
      message: 'CREATED',
      description: 'Transaction created with success',
      data: { payment_token: expect.stringMatching(/^[0-9a-f]{64}$/), payment_url: expect.any(String) },
      api_response_id: expect.stringMatching(API_RESPONSE_ID),
    })
    expect(res.json.data.payment_url).toBe(`${sandbox.url}/checkout/${res.json.data.payment_token}`)
    const page = await fetch(res.json.data.payment_url)
    expect(page.status).toBe(200)

    const tx = sandbox.transaction(body.transaction_id)!
    expect(tx).toMatchObject({ amount: 12500, currency: 'XOF', channels: ['ALL'], lang: 'fr', phase: 'CREATED', metadata: body.metadata })
  })

  it('accepts a numeric site_id, a digit-string amount, and defaults channels to ALL and lang to fr', async () => {
    const body = initBody(urls, { site_id: Number(CREDENTIALS.siteId), amount: '500', channels: undefined, lang: undefined })
    const res = await init(sandbox, body)
    expect(res.json.code).toBe('201')
    expect(sandbox.transaction(body.transaction_id)).toMatchObject({ amount: 500, channels: ['ALL'], lang: 'fr' })
  })

  it('accepts comma-separated channel combinations', async () => {
    const body = initBody(urls, { channels: 'MOBILE_MONEY, WALLET' })
    expect((await init(sandbox, body)).json.code).toBe('201')
    expect(sandbox.transaction(body.transaction_id)).toMatchObject({ channels: ['MOBILE_MONEY', 'WALLET'], mobileAllowed: true, cardAllowed: false })
  })

  it('builds payment_url on publicUrl when given', async () => {
    const other = await startSandbox({ publicUrl: 'https://paiement.exemple.ci/' })
    try {
      const res = await init(other, initBody(urls))
      expect(res.json.data.payment_url).toBe(`https://paiement.exemple.ci/checkout/${res.json.data.payment_token}`)
    } finally {
      await other.stop()
    }
  })
})

describe('POST /v2/payment — required fields (608)', () => {
  for (const field of ['apikey', 'site_id', 'transaction_id', 'amount', 'currency', 'description', 'notify_url', 'return_url']) {
    it(`rejects a missing ${field}`, async () => {
      await fields608(initBody(urls, { [field]: undefined }), new RegExp(`manquants : ${field}$`))
    })
    it(`rejects an empty ${field}`, async () => {
      await fields608(initBody(urls, { [field]: '  ' }), new RegExp(field))
    })
  }

  it('lists every missing field', async () => {
    await fields608({ apikey: CREDENTIALS.apiKey }, /site_id, transaction_id, amount, currency, description, notify_url, return_url/)
  })

  it('reads JSON only: a form body arrives as no fields at all', async () => {
    const res = await fetch(`${sandbox.url}/v2/payment`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'x' },
      body: new URLSearchParams(Object.entries(initBody(urls)).map(([k, v]) => [k, String(v)])).toString(),
    })
    const json = await res.json()
    expect(json.code).toBe('608')
    expect(json.description).toMatch(/apikey, site_id, transaction_id/)
  })

  it('reports missing fields before a wrong apikey', async () => {
    await fields608(initBody(urls, { apikey: 'wrong', amount: undefined }), /amount/)
  })
})

describe('POST /v2/payment — credentials', () => {
  it('609 AUTH_NOT_FOUND for an unknown apikey', async () => {
    await expectError(initBody(urls, { apikey: 'not-the-key' }), '609', 'AUTH_NOT_FOUND')
  })
  it('613 ERROR_SITE_ID_NOTVALID for another site_id', async () => {
    await expectError(initBody(urls, { site_id: '1234' }), '613', 'ERROR_SITE_ID_NOTVALID')
  })
  it('checks the apikey before the site_id', async () => {
    await expectError(initBody(urls, { apikey: 'nope', site_id: '1234' }), '609', 'AUTH_NOT_FOUND')
  })
})

describe('POST /v2/payment — amount rules', () => {
  const cases: [string, unknown, RegExp][] = [
    ['not a multiple of 5', 12502, /multiple de 5/],
    ['under 100 XOF', 95, /au moins 100 XOF/],
    ['a decimal', 100.5, /entier/],
    ['a decimal string', '100.5', /entier/],
    ['negative', -100, /entier positif/],
    ['zero', 0, /entier positif/],
    ['not a number', 'mille', /entier/],
  ]
  for (const [name, amount, description] of cases) {
    it(`rejects an amount that is ${name}`, async () => {
      await fields608(initBody(urls, { amount }), description)
    })
  }
  it('accepts exactly 100 XOF', async () => {
    expect((await init(sandbox, initBody(urls, { amount: 100 }))).json.code).toBe('201')
  })
  it('applies the 100 minimum to XAF too', async () => {
    await fields608(initBody(urls, { currency: 'XAF', amount: 95 }), /au moins 100 XAF/)
  })
  it('does not apply the multiple of 5 to USD', async () => {
    expect((await init(sandbox, initBody(urls, { currency: 'USD', amount: 7 }))).json.code).toBe('201')
  })
  it('still wants an integer in USD', async () => {
    await fields608(initBody(urls, { currency: 'USD', amount: 7.5 }), /entier/)
  })
})

describe('POST /v2/payment — other fields', () => {
  it('rejects an unknown currency', async () => {
    await fields608(initBody(urls, { currency: 'EUR' }), /XOF, XAF, CDF, GNF, USD/)
  })
  it('rejects a lowercase currency', async () => {
    await fields608(initBody(urls, { currency: 'xof' }), /currency/)
  })
  it('rejects a currency not enabled on the account', async () => {
    const xofOnly = await startSandbox({ currencies: ['XOF'] })
    try {
      const res = await init(xofOnly, initBody(urls, { currency: 'XAF' }))
      expect(res.json).toMatchObject({ code: '608', description: expect.stringMatching(/devises du compte : XOF$/) })
    } finally {
      await xofOnly.stop()
    }
  })

  for (const ch of ['#', '/', '$', '_', '&']) {
    it(`rejects "${ch}" in description`, async () => {
      await fields608(initBody(urls, { description: `Facture ${ch} 42` }), /description/)
    })
  }
  it('accepts accents and apostrophes in description', async () => {
    expect((await init(sandbox, initBody(urls, { description: 'Facture n°42 – été, l’agence' }))).json.code).toBe('201')
  })

  for (const bad of ['NX_42', 'NX 42', 'NX#42', 'A'.repeat(31)]) {
    it(`rejects transaction_id "${bad}"`, async () => {
      await fields608(initBody(urls, { transaction_id: bad }), /transaction_id/)
    })
  }
  it('rejects a reused transaction_id, but not one whose init had failed', async () => {
    const id = txId('DUP')
    await fields608(initBody(urls, { transaction_id: id, amount: 101 }), /multiple de 5/)
    expect((await init(sandbox, initBody(urls, { transaction_id: id }))).json.code).toBe('201')
    await fields608(initBody(urls, { transaction_id: id }), /transaction_id déjà utilisé/)
  })

  for (const field of ['notify_url', 'return_url']) {
    for (const bad of ['ftp://exemple.ci/notify', 'pas une url', '/relative/path']) {
      it(`rejects ${field} "${bad}"`, async () => {
        await fields608(initBody(urls, { [field]: bad }), new RegExp(field))
      })
    }
  }

  for (const bad of ['PAYPAL', 'mobile_money', 'MOBILE_MONEY,', 42]) {
    it(`rejects channels ${JSON.stringify(bad)}`, async () => {
      await fields608(initBody(urls, { channels: bad }), /channels/)
    })
  }

  it('rejects lang other than fr/en', async () => {
    await fields608(initBody(urls, { lang: 'de' }), /lang/)
  })
  it('accepts lang en', async () => {
    expect((await init(sandbox, initBody(urls, { lang: 'en' }))).json.code).toBe('201')
  })

  it('rejects metadata that is not a string', async () => {
    await fields608(initBody(urls, { metadata: { invoice: 42 } }), /metadata/)
  })
  it('answers a Cloudflare 403 page when metadata is raw JSON (base64 it)', async () => {
    const res = await init(sandbox, initBody(urls, { metadata: '{"invoice":42}' }))
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    expect(res.text).toMatch(/Cloudflare/)
  })
  it('lets raw JSON metadata through when that emulation is off', async () => {
    const lax = await startSandbox({ rejectJsonMetadata: false })
    try {
      expect((await init(lax, initBody(urls, { metadata: '{"invoice":42}' }))).json.code).toBe('201')
    } finally {
      await lax.stop()
    }
  })

  it('accepts invoice_data with up to 3 keys and rejects 4', async () => {
    expect((await init(sandbox, initBody(urls, { invoice_data: { Facture: 'FAC-42', Client: 'ACME', Échéance: '30/06' } }))).json.code).toBe('201')
    await fields608(initBody(urls, { invoice_data: { a: '1', b: '2', c: '3', d: '4' } }), /invoice_data/)
  })
  it('rejects invoice_data that is not an object', async () => {
    await fields608(initBody(urls, { invoice_data: ['a'] }), /invoice_data/)
  })

  it('624 when lock_phone_number is true without customer_phone_number', async () => {
    await expectError(initBody(urls, { lock_phone_number: true }), '624', 'An error occurred while processing the request', /lock_phone_number/)
  })
  it('accepts lock_phone_number with customer_phone_number', async () => {
    const body = initBody(urls, { lock_phone_number: true, customer_phone_number: '0707070707' })
    expect((await init(sandbox, body)).json.code).toBe('201')
  })
  it('rejects a non-boolean lock_phone_number', async () => {
    await fields608(initBody(urls, { lock_phone_number: 'yes' }), /lock_phone_number/)
  })
})

describe('POST /v2/payment — card customer data', () => {
  it('624 for a card-only payment without customer_address/customer_city', async () => {
    const { customer_address: _a, customer_city: _c, ...rest } = CARD_CUSTOMER
    await expectError(initBody(urls, { channels: 'CREDIT_CARD', ...rest }), '624', 'An error occurred while processing the request', /customer_address et customer_city/)
  })
  it('624 for a card-only payment without any customer data', async () => {
    await expectError(initBody(urls, { channels: 'CREDIT_CARD' }), '624', 'An error occurred while processing the request')
  })
  for (const field of ['customer_name', 'customer_surname', 'customer_email', 'customer_phone_number', 'customer_country', 'customer_state', 'customer_zip_code']) {
    it(`608 for a card-only payment without ${field}`, async () => {
      await fields608(initBody(urls, { channels: 'CREDIT_CARD', ...CARD_CUSTOMER, [field]: undefined }), new RegExp(`Paiement par carte.*${field}`))
    })
  }
  it('rejects an invalid customer_email or customer_country', async () => {
    await fields608(initBody(urls, { channels: 'CREDIT_CARD', ...CARD_CUSTOMER, customer_email: 'pas-un-email' }), /customer_email/)
    await fields608(initBody(urls, { channels: 'CREDIT_CARD', ...CARD_CUSTOMER, customer_country: 'CIV' }), /customer_country/)
  })
  it('refuses card payment in GNF', async () => {
    await fields608(initBody(urls, { channels: 'CREDIT_CARD', currency: 'GNF', amount: 10000, ...CARD_CUSTOMER }), /carte.*GNF/)
  })
  it('accepts a complete card-only payment, card only on the checkout', async () => {
    const body = initBody(urls, { channels: 'CREDIT_CARD', ...CARD_CUSTOMER })
    expect((await init(sandbox, body)).json.code).toBe('201')
    expect(sandbox.transaction(body.transaction_id)).toMatchObject({ cardAllowed: true, mobileAllowed: false })
  })
  it('ALL without customer data: accepted, but the card universe is not offered', async () => {
    const body = initBody(urls)
    expect((await init(sandbox, body)).json.code).toBe('201')
    expect(sandbox.transaction(body.transaction_id)).toMatchObject({ cardAllowed: false, mobileAllowed: true })
  })
  it('ALL with complete customer data offers the card too', async () => {
    const body = initBody(urls, CARD_CUSTOMER)
    expect((await init(sandbox, body)).json.code).toBe('201')
    expect(sandbox.transaction(body.transaction_id)).toMatchObject({ cardAllowed: true, mobileAllowed: true })
  })
})

describe('CinetPay front (Cloudflare emulation)', () => {
  it('answers 403 "error code: 1010" to a request without User-Agent', async () => {
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const payload = JSON.stringify(initBody(urls))
      const req = request(`${sandbox.url}/v2/payment`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        let text = ''
        res.on('data', (c) => (text += c))
        res.on('end', () => resolve({ status: res.statusCode!, text }))
      })
      req.on('error', reject)
      req.end(payload)
    })
    expect(status).toBe(403)
    expect(text).toBe('error code: 1010')
  })
})
