// Reading a CinetPay notification (POST notify_url) into something the webhook
// route can journal and act on. Pure with respect to the database: it takes
// the Request and the merchant settings, and returns either an accepted
// notification or a typed refusal — both carrying the `journal` record the
// route stores in payment_notifications (raw body included), so a refused
// notification is still visible to the admin.
//
// The body encoding is not settled (cinetpay.md §2.1, §12.3): the docs and the
// official PHP SDK say form values, a CinetPay draft says JSON. We accept
// application/x-www-form-urlencoded, multipart/form-data and JSON, and sniff
// when the content type is missing.
//
// What a notification is NOT: proof of payment. The route must call
// /v2/payment/check and decide from that answer (decision.ts).
import { z } from 'zod'
import { CINETPAY_HMAC_FIELDS, verifyXToken, type XTokenVariant } from './x-token.ts'

/** Notifications are ~1 KB; anything far larger is not CinetPay. */
export const MAX_NOTIFICATION_BYTES = 64 * 1024

export type NotificationRefusalReason =
  | 'unparsable-body'
  | 'missing-token'
  | 'bad-token'
  | 'wrong-site'
  | 'missing-transaction-id'

/** What the route stores in payment_notifications, whatever the outcome. Column names in comments. */
export interface NotificationJournal {
  /** content_type */
  contentType: string | null
  /** raw_body: the body as received, decoded as UTF-8 (cut at MAX_NOTIFICATION_BYTES when too large). */
  rawBody: string
  /** True when rawBody was cut because the body was too large. */
  truncated: boolean
  /** payload: decoded field map (empty when the body could not be parsed). */
  fields: Record<string, string>
  /** transaction_id (cpm_trans_id), null when absent. */
  transactionId: string | null
  /** site_id (cpm_site_id), null when absent. */
  siteId: string | null
  /** x_token: the header as received. */
  xToken: string | null
  /** token_valid */
  tokenValid: boolean
  /** token_variant */
  tokenVariant: XTokenVariant | null
  /** site_id_valid: null when not evaluated (body unparsable or token refused first). */
  siteIdValid: boolean | null
}

export interface AcceptedNotification {
  ok: true
  transactionId: string
  /** Decoded values (last value wins for a repeated name, like PHP's $_POST). */
  fields: Record<string, string>
  /** All posted values in posted order (PHP `implode('', $_POST)` semantics). */
  postedValues: string[]
  tokenVariant: XTokenVariant
  journal: NotificationJournal
}

export interface RefusedNotification {
  ok: false
  reason: NotificationRefusalReason
  /** Suggested HTTP answer: 400 for a body we cannot read, 401 for authentication failures. */
  httpStatus: 400 | 401
  /** For the log (not shown to end users). */
  detail: string
  journal: NotificationJournal
}

export type NotificationResult = AcceptedNotification | RefusedNotification

export interface NotificationSettings {
  /** CINETPAY_SITE_ID */
  siteId: string
  /** CINETPAY_SECRET_KEY */
  secretKey: string
  /** Accept a token built over all posted values in posted order (logged as 'posted_order'). Default true. */
  acceptPostedOrder?: boolean
  /** Default MAX_NOTIFICATION_BYTES. */
  maxBytes?: number
}

/** A JSON notification: an object of scalar values (CinetPay's fields are all strings). */
const JsonNotificationSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))

/** The fields we read by name. Everything is optional here; what is required is decided below. */
const NotificationFieldsSchema = z
  .object(Object.fromEntries(CINETPAY_HMAC_FIELDS.map((name) => [name, z.string().optional()])))
  .catchall(z.string())

interface ParsedBody {
  fields: Record<string, string>
  postedValues: string[]
}

class BodyError extends Error {}

/**
 * Reads, parses, authenticates and checks the site of one notification.
 * Never throws for anything the sender controls; the Request body is consumed.
 */
export async function readNotification(request: Request, settings: NotificationSettings): Promise<NotificationResult> {
  const maxBytes = settings.maxBytes ?? MAX_NOTIFICATION_BYTES
  const contentType = request.headers.get('content-type')
  const xToken = request.headers.get('x-token')
  const journal: NotificationJournal = {
    contentType,
    rawBody: '',
    truncated: false,
    fields: {},
    transactionId: null,
    siteId: null,
    xToken,
    tokenValid: false,
    tokenVariant: null,
    siteIdValid: null,
  }
  const refuse = (reason: NotificationRefusalReason, detail: string): RefusedNotification => ({
    ok: false,
    reason,
    httpStatus: reason === 'unparsable-body' ? 400 : 401,
    detail,
    journal,
  })

  const body = await readLimited(request, maxBytes)
  journal.rawBody = new TextDecoder().decode(body.bytes)
  journal.truncated = body.truncated
  if (body.truncated) return refuse('unparsable-body', `corps trop volumineux (plus de ${maxBytes} octets)`)

  let parsed: ParsedBody
  try {
    parsed = await parseBody(body.bytes, journal.rawBody, contentType)
  } catch (error) {
    return refuse('unparsable-body', error instanceof BodyError ? error.message : `corps illisible : ${String(error)}`)
  }
  const fields = NotificationFieldsSchema.parse(parsed.fields) as Record<string, string>
  journal.fields = fields
  journal.transactionId = nonEmpty(fields.cpm_trans_id)
  journal.siteId = nonEmpty(fields.cpm_site_id)
  if (Object.keys(fields).length === 0) return refuse('unparsable-body', 'corps vide ou sans champ')

  const token = await verifyXToken({
    secret: settings.secretKey,
    header: xToken,
    fields,
    postedValues: settings.acceptPostedOrder === false ? undefined : parsed.postedValues,
  })
  if (!token.ok) {
    return token.reason === 'missing'
      ? refuse('missing-token', 'en-tête x-token absent')
      : refuse('bad-token', token.reason === 'malformed' ? 'x-token mal formé (64 caractères hexadécimaux attendus)' : 'x-token invalide')
  }
  journal.tokenValid = true
  journal.tokenVariant = token.variant

  journal.siteIdValid = journal.siteId === String(settings.siteId).trim()
  if (!journal.siteIdValid) return refuse('wrong-site', `cpm_site_id inattendu : ${journal.siteId ?? '(absent)'}`)

  if (!journal.transactionId) return refuse('missing-transaction-id', 'cpm_trans_id absent')
  return {
    ok: true,
    transactionId: journal.transactionId,
    fields,
    postedValues: parsed.postedValues,
    tokenVariant: token.variant,
    journal,
  }
}

function nonEmpty(value: string | undefined): string | null {
  const v = value?.trim()
  return v ? v : null
}

/**
 * Reads at most maxBytes of the body. Stops reading (and cancels the stream)
 * as soon as the limit is passed, so a huge body is never buffered whole.
 */
async function readLimited(request: Request, maxBytes: number): Promise<{ bytes: Uint8Array<ArrayBuffer>; truncated: boolean }> {
  if (!request.body) return { bytes: new Uint8Array(0), truncated: false }
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  let truncated = false
  while (true) {
    const { done, value } = await reader.read()
    if (done) break
    if (size + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size))
      size = maxBytes
      truncated = true
      await reader.cancel().catch(() => undefined)
      break
    }
    chunks.push(value)
    size += value.byteLength
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return { bytes, truncated }
}

async function parseBody(bytes: Uint8Array<ArrayBuffer>, text: string, contentType: string | null): Promise<ParsedBody> {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  if (type === 'application/json' || type.endsWith('+json')) return parseJson(text)
  if (type === 'application/x-www-form-urlencoded') return parseUrlEncoded(text)
  if (type === 'multipart/form-data') return parseMultipart(bytes, contentType!)
  if (type === '' || type === 'text/plain') {
    // No usable content type: a JSON object, else urlencoded (what a form post looks like).
    if (text.trim() === '') return { fields: {}, postedValues: [] }
    return text.trimStart().startsWith('{') ? parseJson(text) : parseUrlEncoded(text)
  }
  throw new BodyError(`type de contenu non pris en charge : ${type}`)
}

function parseJson(text: string): ParsedBody {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new BodyError('JSON invalide')
  }
  const result = JsonNotificationSchema.safeParse(value)
  if (!result.success) throw new BodyError('JSON attendu : un objet de valeurs simples')
  // null → "" like a missing field; numbers and booleans as JSON writes them.
  const entries = Object.entries(result.data).map(([k, v]): [string, string] => [k, v === null ? '' : String(v)])
  return fromEntries(entries)
}

function parseUrlEncoded(text: string): ParsedBody {
  // URLSearchParams decodes "+" as a space and %XX as UTF-8, like PHP does for $_POST.
  return fromEntries([...new URLSearchParams(text)])
}

async function parseMultipart(bytes: Uint8Array<ArrayBuffer>, contentType: string): Promise<ParsedBody> {
  let form: FormData
  try {
    form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData()
  } catch {
    throw new BodyError('multipart/form-data illisible')
  }
  // A file part is not a CinetPay field: skipped, as PHP leaves files out of $_POST.
  const entries: [string, string][] = []
  for (const [name, value] of form.entries()) if (typeof value === 'string') entries.push([name, value])
  return fromEntries(entries)
}

/**
 * PHP $_POST semantics for repeated names: the key keeps its first position,
 * the last value wins. postedValues follows the same map, in that order.
 */
function fromEntries(entries: [string, string][]): ParsedBody {
  const map = new Map<string, string>()
  for (const [name, value] of entries) map.set(name, value)
  return { fields: Object.fromEntries(map), postedValues: [...map.values()] }
}
