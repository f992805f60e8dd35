// CinetPay's `x-token` notification header (cinetpay.md §2.3–2.4): lowercase
// hex HMAC-SHA256, keyed with the merchant Secret Key, over 16 posted values
// concatenated in a fixed documented order with no separator.
//
// Rules that matter (each one is a bug someone shipped, see cinetpay.md §8.3):
// - the DOCUMENTED order, starting with cpm_site_id (older docs started with
//   cpm_trans_id: a token built that way must be rejected);
// - the DECODED form values, not their URL-encoded text;
// - a missing field counts as "" (never "undefined");
// - UTF-8 bytes of the message;
// - comparison in constant time: we hex-decode the header and let
//   crypto.subtle.verify compare the MACs, never `===` on strings.
//
// CinetPay's own PHP SDK signs `implode('', $_POST)` instead (every posted
// value in posted order). Both agree when the body holds exactly the 16 fields
// in formula order. We verify the documented formula first and, when the
// caller passes the posted-order values, accept that variant too and REPORT it
// (`variant: 'posted_order'`), so a CinetPay-side change is visible in the
// journal instead of silently dropping notifications. The token is defence in
// depth anyway: the payment decision always comes from /v2/payment/check.
//
// WebCrypto only: runs unchanged in Workers, Node and the browser.

/** The documented order (D-HMAC, current version). */
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

/** Decoded form values of a notification; extra fields are allowed and ignored by the formula. */
export type NotificationFields = Readonly<Record<string, string | undefined>>

/** Which message the received token matched. Same spelling as payment_notifications.token_variant. */
export type XTokenVariant = 'documented' | 'posted_order'

export type XTokenVerification =
  | { ok: true; variant: XTokenVariant }
  | {
      ok: false
      /** missing: no header or blank; malformed: not 64 hex characters; mismatch: well-formed but wrong. */
      reason: 'missing' | 'malformed' | 'mismatch'
    }

const encoder = new TextEncoder()

/** The signed message: the 16 documented values in order, "" for a missing one. */
export function xTokenMessage(fields: NotificationFields): string {
  return CINETPAY_HMAC_FIELDS.map((name) => fields[name] ?? '').join('')
}

// Importing a key is cheap but not free; a Worker isolate sees one secret, so
// one cached key covers every notification it handles.
let cachedKey: { secret: string; key: Promise<CryptoKey> } | null = null

function hmacKey(secret: string): Promise<CryptoKey> {
  if (cachedKey?.secret !== secret) {
    const key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ])
    // A failed import must not poison the cache for the next call.
    key.catch(() => {
      if (cachedKey?.key === key) cachedKey = null
    })
    cachedKey = { secret, key }
  }
  return cachedKey.key
}

const HEX_TOKEN = /^[0-9a-fA-F]{64}$/

/**
 * 64 hex characters (either case) → the 32 MAC bytes; anything else → null.
 * Only surrounding whitespace is tolerated (HTTP stacks may keep it).
 */
export function decodeHexToken(header: string): Uint8Array<ArrayBuffer> | null {
  const hex = header.trim()
  if (!HEX_TOKEN.test(hex)) return null
  const out = new Uint8Array(32)
  for (let i = 0; i < 32; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return out
}

function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** The x-token CinetPay would send for these values (lowercase hex, 64 chars). For tests and tools. */
export async function signXToken(secret: string, fields: NotificationFields): Promise<string> {
  return toHex(await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(xTokenMessage(fields))))
}

export interface VerifyXTokenInput {
  /** Merchant Secret Key (CINETPAY_SECRET_KEY). */
  secret: string
  /** The `x-token` request header as received (null when absent). */
  header: string | null | undefined
  /** Decoded form values. */
  fields: NotificationFields
  /**
   * Every posted value in posted order (PHP `implode('', $_POST)` semantics).
   * When given, a token matching only this message is accepted as 'posted_order'.
   */
  postedValues?: readonly string[]
}

/** Constant-time verification of a notification's x-token. Never throws for bad input. */
export async function verifyXToken(input: VerifyXTokenInput): Promise<XTokenVerification> {
  if (!input.secret) throw new Error('verifyXToken: secret manquant (CINETPAY_SECRET_KEY)')
  if (input.header == null || input.header.trim() === '') return { ok: false, reason: 'missing' }
  const mac = decodeHexToken(input.header)
  if (!mac) return { ok: false, reason: 'malformed' }
  const key = await hmacKey(input.secret)
  if (await crypto.subtle.verify('HMAC', key, mac, encoder.encode(xTokenMessage(input.fields)))) {
    return { ok: true, variant: 'documented' }
  }
  if (input.postedValues && (await crypto.subtle.verify('HMAC', key, mac, encoder.encode(input.postedValues.join(''))))) {
    return { ok: true, variant: 'posted_order' }
  }
  return { ok: false, reason: 'mismatch' }
}
