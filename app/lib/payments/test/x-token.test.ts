// x-token: every vector of cinetpay-vectors.json (copied verbatim from
// /work/shared/reference), run in the Workers runtime, plus the header shapes
// a forger or a broken proxy could send.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CINETPAY_HMAC_FIELDS, decodeHexToken, signXToken, verifyXToken, xTokenMessage } from '../x-token.ts'
import vectors from './fixtures/cinetpay-vectors.json'

type Fields = Record<string, string | undefined>

function caseFields(c: (typeof vectors.cases)[number]): Fields {
  const fields: Fields = { ...vectors.base, ...('changes' in c ? c.changes : {}) }
  const remove: readonly string[] = ('remove' in c && c.remove) || []
  for (const name of remove) delete fields[name]
  return fields
}

const base = vectors.base as Fields
const baseToken = vectors.cases[0]!.x_token

afterEach(() => vi.restoreAllMocks())

describe('x-token vectors (cinetpay-vectors.json)', () => {
  it('runs inside workerd, not Node', () => {
    expect(navigator.userAgent).toBe('Cloudflare-Workers')
  })

  it('uses the documented field order', () => {
    expect([...CINETPAY_HMAC_FIELDS]).toEqual(vectors.field_order)
  })

  it('builds the documented 171-character message for the base payload', () => {
    const message = xTokenMessage(base)
    expect(message).toBe(
      '5867321ORD20240915A1B2C32024-09-15 22:57:155000XOFc1a9e0f2d7b34c58a61e9f0b2d4c6e8a1f3b5d7c9e0a2b4c6d8e0f1a3b5c7d9eOM0707000001225frV4SinglePaymentorder-42Commande 42SUCCES',
    )
    expect(message).toHaveLength(171)
  })

  for (const c of vectors.cases) {
    it(`${c.valid ? 'accepts' : 'rejects'}: ${c.name}`, async () => {
      const fields = caseFields(c)
      const result = await verifyXToken({ secret: vectors.secret, header: c.x_token, fields })
      if (c.valid) {
        expect(result).toEqual({ ok: true, variant: 'documented' })
        expect(await signXToken(vectors.secret, fields)).toBe(c.x_token)
      } else {
        expect(result).toEqual({ ok: false, reason: 'mismatch' })
        expect(await signXToken(vectors.secret, fields)).not.toBe(c.x_token)
      }
    })
  }

  it('rejects the old-order token even with the posted-order fallback when the body is posted in documented order', async () => {
    const neg = vectors.cases.find((c) => !c.valid)!
    const postedValues = CINETPAY_HMAC_FIELDS.map((name) => base[name] ?? '')
    expect(await verifyXToken({ secret: vectors.secret, header: neg.x_token, fields: base, postedValues })).toEqual({
      ok: false,
      reason: 'mismatch',
    })
  })

  it('the negative vector really is the old order (cpm_trans_id first): proves the test above tests something', async () => {
    const neg = vectors.cases.find((c) => !c.valid)!
    const oldOrder = ['cpm_trans_id', 'cpm_site_id', ...CINETPAY_HMAC_FIELDS.slice(2)].map((name) => base[name] ?? '')
    // Posted in the old order, the implode variant matches, and is reported as such.
    expect(await verifyXToken({ secret: vectors.secret, header: neg.x_token, fields: base, postedValues: oldOrder })).toEqual({
      ok: true,
      variant: 'posted_order',
    })
  })

  it('treats an undefined field like an absent one (never the string "undefined")', async () => {
    const absent = vectors.cases.find((c) => c.name === 'error message absent')!
    const fields = { ...base, cpm_error_message: undefined }
    expect(await verifyXToken({ secret: vectors.secret, header: absent.x_token, fields })).toEqual({ ok: true, variant: 'documented' })
  })
})

describe('x-token header shapes', () => {
  const verify = (header: string | null | undefined, fields: Fields = base, secret = vectors.secret) =>
    verifyXToken({ secret, header, fields })

  it('accepts upper-case and mixed-case hex', async () => {
    expect(await verify(baseToken.toUpperCase())).toEqual({ ok: true, variant: 'documented' })
    const mixed = [...baseToken].map((ch, i) => (i % 2 ? ch.toUpperCase() : ch)).join('')
    expect(await verify(mixed)).toEqual({ ok: true, variant: 'documented' })
  })

  it('tolerates surrounding whitespace only', async () => {
    expect(await verify(`  ${baseToken}\t`)).toEqual({ ok: true, variant: 'documented' })
    expect(await verify(`${baseToken.slice(0, 32)} ${baseToken.slice(32)}`)).toEqual({ ok: false, reason: 'malformed' })
  })

  it.each([
    ['absent', null, 'missing'],
    ['undefined', undefined, 'missing'],
    ['empty', '', 'missing'],
    ['blank', '   ', 'missing'],
    ['one character short', baseToken.slice(0, 63), 'malformed'],
    ['one character long', `${baseToken}0`, 'malformed'],
    ['128 characters (two tokens)', baseToken + baseToken, 'malformed'],
    ['non-hex character', `${baseToken.slice(0, 63)}g`, 'malformed'],
    ['base64 of the MAC', 'm+6quli1HtaC9gue1PQF5OxabxsZQq9Esaqa+UXbw+k=', 'malformed'],
    ['"sha256=" prefix', `sha256=${baseToken}`, 'malformed'],
    ['garbage', 'indisponible', 'malformed'],
    ['all zeros', '0'.repeat(64), 'mismatch'],
  ] as const)('refuses a header that is %s', async (_label, header, reason) => {
    expect(await verify(header)).toEqual({ ok: false, reason })
  })

  it('refuses a token made with another secret', async () => {
    const forged = await signXToken('not-the-merchant-secret', base)
    expect(await verify(forged)).toEqual({ ok: false, reason: 'mismatch' })
  })

  it.each(CINETPAY_HMAC_FIELDS.map((name) => [name]))('refuses the base token once %s is altered', async (name) => {
    const altered = { ...base, [name]: `${base[name] ?? ''}x` }
    expect(await verify(baseToken, altered)).toEqual({ ok: false, reason: 'mismatch' })
  })

  it('ignores fields outside the formula', async () => {
    expect(await verify(baseToken, { ...base, cpm_extra: 'whatever' })).toEqual({ ok: true, variant: 'documented' })
  })

  it('compares through crypto.subtle.verify on the decoded 32 bytes (constant time), never as strings', async () => {
    const spy = vi.spyOn(crypto.subtle, 'verify')
    await verify(baseToken.toUpperCase())
    expect(spy).toHaveBeenCalledTimes(1)
    const [algorithm, , signature] = spy.mock.calls[0]!
    expect(algorithm).toBe('HMAC')
    expect(new Uint8Array(signature as ArrayBuffer)).toEqual(decodeHexToken(baseToken))
  })

  it('does no crypto at all for a malformed header', async () => {
    const spy = vi.spyOn(crypto.subtle, 'verify')
    await verify('zz')
    expect(spy).not.toHaveBeenCalled()
  })

  it('decodes hex exactly', () => {
    expect(decodeHexToken('00ff'.repeat(16))).toEqual(new Uint8Array(Array.from({ length: 32 }, (_, i) => (i % 2 ? 255 : 0))))
    expect(decodeHexToken('abc')).toBeNull()
  })

  it('signs lower-case hex of 64 characters', async () => {
    expect(await signXToken(vectors.secret, base)).toMatch(/^[0-9a-f]{64}$/)
  })
})
