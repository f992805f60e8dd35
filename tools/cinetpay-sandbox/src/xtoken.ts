// The `x-token` header CinetPay puts on every notification (cinetpay.md §2.3):
// lowercase hex HMAC-SHA256, keyed with the merchant's Secret Key, over the 16
// documented form values concatenated in a fixed order with no separator.
// Built on WebCrypto only, so the same code runs in Node and in Workers.

/** The documented order (D-HMAC, current version). Not the posted order. */
export const CINETPAY_HMAC_FIELDS = [
  'cpm_site_id',
  'cpm_trans_id',
  'cpm_trans_date',
  'cpm_amount',
  'cpm_currency',
  'signature',
  'payment_method',
  'cel_phone_num',
  'cpm_phone_prefixe',
  'cpm_language',
  'cpm_version',
  'cpm_payment_config',
  'cpm_page_action',
  'cpm_custom',
  'cpm_designation',
  'cpm_error_message',
] as const

export type CinetPayHmacField = (typeof CINETPAY_HMAC_FIELDS)[number]
export type NotificationFields = Partial<Record<CinetPayHmacField, string>> & Record<string, string | undefined>

const encoder = new TextEncoder()

/**
 * The signed message. A missing field counts as "" (never "undefined"), and the
 * values are the decoded form values, not their URL-encoded text.
 */
export function xTokenMessage(fields: NotificationFields): string {
  return CINETPAY_HMAC_FIELDS.map((name) => fields[name] ?? '').join('')
}

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ])
}

function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('')
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return null
  const out = new Uint8Array(32)
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return out
}

/** The x-token CinetPay would send for these form values (lowercase hex, 64 chars). */
export async function signXToken(secret: string, fields: NotificationFields): Promise<string> {
  const key = await hmacKey(secret)
  return toHex(await crypto.subtle.sign('HMAC', key, encoder.encode(xTokenMessage(fields))))
}

/**
 * Constant-time check of a received x-token (crypto.subtle.verify compares the
 * MAC itself). Case-insensitive hex, surrounding spaces tolerated; anything that
 * is not 64 hex characters is rejected before any crypto.
 */
export async function verifyXToken(
  secret: string,
  xToken: string | null | undefined,
  fields: NotificationFields,
): Promise<boolean> {
  const mac = xToken ? fromHex(xToken.trim()) : null
  if (!mac) return false
  const key = await hmacKey(secret)
  return crypto.subtle.verify('HMAC', key, mac, encoder.encode(xTokenMessage(fields)))
}
