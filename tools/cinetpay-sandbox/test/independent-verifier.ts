// A second x-token implementation for the tests, deliberately written apart
// from src/xtoken.ts: node:crypto instead of WebCrypto, and the field order
// read from the vectors file rather than imported from the source.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'

export interface Vectors {
  secret: string
  field_order: string[]
  base: Record<string, string>
  base_body_urlencoded: string
  cases: { name: string; changes?: Record<string, string>; remove?: string[]; x_token: string; valid: boolean }[]
}

export const vectors: Vectors = JSON.parse(
  readFileSync(path.join(import.meta.dirname, 'fixtures', 'cinetpay-vectors.json'), 'utf8'),
)

export function independentToken(secret: string, form: Record<string, string | undefined>, order = vectors.field_order) {
  const message = order.map((k) => form[k] ?? '').join('')
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(message, 'utf8')).digest('hex')
}

export function independentVerify(secret: string, header: string | null, form: Record<string, string | undefined>) {
  if (!header || !/^[0-9a-f]{64}$/i.test(header)) return false
  const expected = Buffer.from(independentToken(secret, form), 'hex')
  return timingSafeEqual(expected, Buffer.from(header.toLowerCase(), 'hex'))
}

/** The payload of a vector case: base, then its changes, minus its removals. */
export function casePayload(c: Vectors['cases'][number]): Record<string, string> {
  const form: Record<string, string> = { ...vectors.base, ...(c.changes ?? {}) }
  for (const k of c.remove ?? []) delete form[k]
  return form
}
