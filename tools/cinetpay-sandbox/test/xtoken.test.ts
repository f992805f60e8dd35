import { describe, expect, it } from 'vitest'
import { CINETPAY_HMAC_FIELDS, signXToken, verifyXToken, xTokenMessage } from '../src/xtoken.ts'
import { casePayload, independentToken, vectors } from './independent-verifier.ts'

describe('x-token (HMAC-SHA256) against cinetpay-vectors.json', () => {
  it('uses the documented field order', () => {
    expect([...CINETPAY_HMAC_FIELDS]).toEqual(vectors.field_order)
  })

  it('builds the 171-character message of the worked example', () => {
    const message = xTokenMessage(vectors.base)
    expect(message).toHaveLength(171)
    expect(message).toBe(
      '5867321ORD20240915A1B2C32024-09-15 22:57:155000XOFc1a9e0f2d7b34c58a61e9f0b2d4c6e8a1f3b5d7c9e0a2b4c6d8e0f1a3b5c7d9eOM0707000001225frV4SinglePaymentorder-42Commande 42SUCCES',
    )
  })

  it('decodes the urlencoded body of the example to the same values', () => {
    const form = Object.fromEntries(new URLSearchParams(vectors.base_body_urlencoded))
    expect(form).toEqual(vectors.base)
  })

  for (const c of vectors.cases) {
    const form = casePayload(c)
    if (c.valid) {
      it(`signs and accepts "${c.name}"`, async () => {
        expect(await signXToken(vectors.secret, form)).toBe(c.x_token)
        expect(await verifyXToken(vectors.secret, c.x_token, form)).toBe(true)
        expect(await verifyXToken(vectors.secret, c.x_token.toUpperCase(), form)).toBe(true)
      })
    } else {
      it(`rejects "${c.name}"`, async () => {
        expect(await signXToken(vectors.secret, form)).not.toBe(c.x_token)
        expect(await verifyXToken(vectors.secret, c.x_token, form)).toBe(false)
        // The vector really is the old order (trans_id before site_id): the
        // independent implementation reproduces it only with that order.
        const oldOrder = ['cpm_trans_id', 'cpm_site_id', ...vectors.field_order.slice(2)]
        expect(independentToken(vectors.secret, form, oldOrder)).toBe(c.x_token)
      })
    }
  }

  it('treats a missing field as empty, never as "undefined"', async () => {
    const { cpm_custom: _omit, ...withoutCustom } = vectors.base
    const empty = { ...vectors.base, cpm_custom: '' }
    expect(await signXToken(vectors.secret, withoutCustom)).toBe(await signXToken(vectors.secret, empty))
    expect(xTokenMessage(withoutCustom)).not.toContain('undefined')
  })

  it('rejects malformed, missing, or wrong-secret tokens', async () => {
    const good = vectors.cases[0].x_token
    expect(await verifyXToken(vectors.secret, null, vectors.base)).toBe(false)
    expect(await verifyXToken(vectors.secret, '', vectors.base)).toBe(false)
    expect(await verifyXToken(vectors.secret, good.slice(0, 62), vectors.base)).toBe(false)
    expect(await verifyXToken(vectors.secret, good.replace(/.$/, 'z'), vectors.base)).toBe(false)
    expect(await verifyXToken('another-secret', good, vectors.base)).toBe(false)
    expect(await verifyXToken(vectors.secret, good, { ...vectors.base, cpm_amount: '5005' })).toBe(false)
  })

  it('agrees with the independent node:crypto implementation on random payloads', async () => {
    for (let i = 0; i < 20; i++) {
      const form = Object.fromEntries(
        vectors.field_order.map((k) => [k, Math.random() < 0.2 ? '' : `${k}-${Math.random().toString(36).slice(2)}-é–°`]),
      )
      expect(await signXToken('s3cr3t-é', form)).toBe(independentToken('s3cr3t-é', form))
    }
  })
})
