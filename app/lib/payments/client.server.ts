// CinetPay checkout v2 HTTP client: payment initialisation and transaction
// check (cinetpay.md §1, §3). fetch + zod only, so it runs in Workers.
//
// Contract: these functions never throw for anything CinetPay or the network
// does. Every outcome is a typed result that keeps what the journal needs
// (HTTP status, raw JSON or raw text, duration):
// - a CinetPay JSON answer, whatever the HTTP status (errors come as 4xx with
//   a JSON body; the status of errors is undocumented, cinetpay.md §12.5);
// - 'unavailable' for a timeout, a network error, a 5xx, a Cloudflare block
//   (403 "error code: 1010" when User-Agent is missing) or a body that is not
//   the JSON CinetPay sends.
//
// Request rules (cinetpay.md §1, §8): JSON bodies, credentials in the body, an
// explicit User-Agent on every call (Cloudflare in front of CinetPay refuses
// requests without one, and workerd's default headers differ from Node's),
// lang=fr, metadata base64-encoded (raw JSON in metadata triggers a Cloudflare
// 403 at CinetPay), description without "# / $ _ &".
import { z } from 'zod'
import { isCinetPayAmount } from './amount.ts'
import { describeCinetPayCode, INIT_UNAVAILABLE_MESSAGE } from './codes.ts'
import { CINETPAY_SAFE_ID_PATTERN } from './transaction-id.ts'

export interface CinetPayConfig {
  /** CINETPAY_API_URL, e.g. https://api-checkout.cinetpay.com (no trailing slash needed). */
  apiUrl: string
  /** CINETPAY_APIKEY */
  apiKey: string
  /** CINETPAY_SITE_ID */
  siteId: string
  /** Sent on every request. */
  userAgent?: string
  /** Per-request timeout (whole request, body included). Default 15 000 ms. */
  timeoutMs?: number
  /** For tests; defaults to the global fetch. */
  fetch?: typeof fetch
}

export const DEFAULT_USER_AGENT = 'NOURX-EspaceClient/1.0 (+CinetPay checkout v2)'
export const DEFAULT_TIMEOUT_MS = 15_000
/** Raw text kept for the journal (HTML error pages can be large). */
const RAW_TEXT_LIMIT = 8_000

export const CHANNELS = ['ALL', 'MOBILE_MONEY', 'CREDIT_CARD', 'WALLET'] as const
export type Channel = (typeof CHANNELS)[number]

/** The customer_* fields CinetPay needs to offer card payment (cinetpay.md §1.1). */
export const CARD_CUSTOMER_FIELDS = [
  'name',
  'surname',
  'email',
  'phoneNumber',
  'address',
  'city',
  'country',
  'state',
  'zipCode',
] as const

// ————————————————————————————————————————————————————————————————— input

const CustomerSchema = z.object({
  /** Our customer id (customer_id). */
  id: z.string().trim().max(100).optional(),
  /** Last name (customer_name, "nom"). */
  name: z.string().trim().max(100).optional(),
  /** First name (customer_surname, "prénom"). */
  surname: z.string().trim().max(100).optional(),
  email: z.email().optional(),
  /** With the country code, e.g. +2250707000001. */
  phoneNumber: z.string().trim().max(20).optional(),
  address: z.string().trim().max(200).optional(),
  city: z.string().trim().max(100).optional(),
  /** ISO 3166 alpha-2, e.g. CI. */
  country: z.string().trim().regex(/^[A-Z]{2}$/).optional(),
  /** Defaults to the country code, as CinetPay's own examples do. */
  state: z.string().trim().max(50).optional(),
  zipCode: z.string().trim().max(20).optional(),
})
export type CinetPayCustomer = z.input<typeof CustomerSchema>

const ChannelsSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((value, ctx) => {
    const list = (Array.isArray(value) ? value : value.split(',')).map((c) => c.trim().toUpperCase()).filter(Boolean)
    if (list.length === 0) return ['ALL'] as Channel[]
    for (const c of list) {
      if (!(CHANNELS as readonly string[]).includes(c)) {
        ctx.addIssue({ code: 'custom', message: `canal CinetPay inconnu : ${c}` })
        return z.NEVER
      }
    }
    return [...new Set(list)] as Channel[]
  })

const InitInputSchema = z.object({
  transactionId: z.string().regex(CINETPAY_SAFE_ID_PATTERN, 'transaction_id : [A-Za-z0-9], 8 à 30 caractères'),
  amount: z.number(),
  currency: z.literal('XOF').default('XOF'),
  description: z.string().trim().min(1),
  notifyUrl: z.url({ protocol: /^https?$/ }),
  returnUrl: z.url({ protocol: /^https?$/ }),
  /** From the settings: "ALL", "MOBILE_MONEY,WALLET", or a list. Default ALL. */
  channels: ChannelsSchema.default(['ALL']),
  lang: z.enum(['fr', 'en']).default('fr'),
  customer: CustomerSchema.default({}),
  /** Any JSON value; sent base64url-encoded (see encodeMetadata). */
  metadata: z.unknown().optional(),
  /** Up to 3 lines printed on CinetPay's receipt. */
  invoiceData: z
    .record(z.string(), z.string())
    .refine((o) => Object.keys(o).length <= 3, 'invoice_data : 3 clés au plus')
    .optional(),
  /** Pre-fill and lock the payer's number on the checkout page (needs customer.phoneNumber). */
  lockPhoneNumber: z.boolean().optional(),
})
export type InitPaymentInput = z.input<typeof InitInputSchema>

// ————————————————————————————————————————————————————————————————— results

export type UnavailableReason = 'timeout' | 'network' | 'server-error' | 'blocked' | 'invalid-response'

export interface Unavailable {
  kind: 'unavailable'
  reason: UnavailableReason
  /** null when no HTTP answer arrived. */
  httpStatus: number | null
  /** For logs and the admin journal. */
  detail: string
  /** Body text when there was one that was not usable JSON (cut at 8 000 characters). */
  rawText: string | null
  durationMs: number
}

export type InitPaymentResult =
  | {
      ok: true
      kind: 'created'
      paymentToken: string
      paymentUrl: string
      apiResponseId: string | null
      httpStatus: number
      durationMs: number
      /** Channels actually sent (CREDIT_CARD may have been dropped, see droppedChannels). */
      channels: Channel[]
      /** CREDIT_CARD is dropped from an explicit list when the customer data cards need is incomplete. */
      droppedChannels: Channel[]
    }
  | {
      ok: false
      kind: 'rejected'
      /** CinetPay's code, e.g. "608". */
      code: string
      message: string
      description: string | null
      apiResponseId: string | null
      /** French, for the client. */
      userMessage: string
      httpStatus: number
      raw: unknown
      durationMs: number
    }
  | {
      /** Refused locally before any network call: the request could not be valid. */
      ok: false
      kind: 'invalid'
      detail: string
      userMessage: string
    }
  | ({ ok: false; userMessage: string } & Unavailable)

export interface CheckData {
  /** As CinetPay sent it (a string, e.g. "5000"). */
  amount: string
  /** Parsed amount, null when not a plain number. */
  amountValue: number | null
  currency: string
  /** ACCEPTED, REFUSED, WAITING_FOR_CUSTOMER, or anything CinetPay invents later. */
  status: string
  paymentMethod: string | null
  description: string | null
  /** The metadata sent at init (base64url), null when none. */
  metadata: string | null
  operatorId: string | null
  /** "YYYY-MM-DD HH:MM:SS", null when CinetPay sent " " (not paid). */
  paymentDate: string | null
  fundAvailabilityDate: string | null
}

export interface CheckAnswer {
  kind: 'answer'
  httpStatus: number
  code: string
  message: string
  description: string | null
  apiResponseId: string | null
  /** null on error answers (CinetPay sends no data then). */
  data: CheckData | null
  /** The parsed JSON body, for payment_checks.raw_response. */
  raw: unknown
  durationMs: number
}

export type CheckPaymentResult = CheckAnswer | Unavailable

export type CheckQuery = { transactionId: string } | { token: string }

// ————————————————————————————————————————————————————————————————— CinetPay's shapes

const CodeSchema = z.union([z.string(), z.number()]).transform((c) => String(c).trim())
const OptionalText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : String(v)))
/** " " and "" mean "no value" in CinetPay's answers (payment_date on a failed payment). */
const BlankableText = OptionalText.transform((v) => (v === null || v.trim() === '' ? null : v.trim()))

/** Errors carry no data; some stacks send [] or {} instead of leaving it out. */
const emptyToNull = (v: unknown) =>
  v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && Object.keys(v as object).length === 0)
    ? null
    : v

const InitResponseSchema = z.object({
  code: CodeSchema,
  message: z.string().default(''),
  description: OptionalText,
  api_response_id: OptionalText,
  data: z.preprocess(
    emptyToNull,
    z.object({ payment_token: z.string().min(1), payment_url: z.url({ protocol: /^https?$/ }) }).loose().nullable(),
  ),
})

const CheckDataSchema = z
  .object({
    amount: z.union([z.string(), z.number()]).transform((a) => String(a).trim()),
    currency: z.string().transform((c) => c.trim().toUpperCase()),
    status: z.string().transform((s) => s.trim().toUpperCase()),
    payment_method: BlankableText,
    description: OptionalText,
    metadata: BlankableText,
    operator_id: BlankableText,
    payment_date: BlankableText,
    fund_availability_date: BlankableText,
  })
  .loose()

const CheckResponseSchema = z.object({
  code: CodeSchema,
  message: z.string().default(''),
  description: OptionalText,
  api_response_id: OptionalText,
  data: z.preprocess(emptyToNull, CheckDataSchema.nullable()),
})

// ————————————————————————————————————————————————————————————————— API

/**
 * POST {apiUrl}/v2/payment. On 'created', store paymentToken and paymentUrl
 * on the attempt and redirect the client to paymentUrl. On anything else,
 * mark the attempt failed with userMessage and create a NEW attempt (new
 * transaction_id) for a retry: after a timeout CinetPay may have registered the
 * id, and it refuses a reused one.
 */
export async function initPayment(config: CinetPayConfig, input: InitPaymentInput): Promise<InitPaymentResult> {
  const parsed = InitInputSchema.safeParse(input)
  if (!parsed.success) {
    return {
      ok: false,
      kind: 'invalid',
      detail: z.prettifyError(parsed.error),
      userMessage: 'Le paiement en ligne n’a pas pu être préparé. Contactez NOURX si le problème persiste.',
    }
  }
  const p = parsed.data
  if (!isCinetPayAmount(p.amount, p.currency)) {
    return {
      ok: false,
      kind: 'invalid',
      detail: `montant refusé par les règles CinetPay : ${p.amount} ${p.currency}`,
      userMessage: 'Ce montant ne peut pas être payé en ligne (CinetPay exige un montant entier, multiple de 5, d’au moins 100 F CFA).',
    }
  }
  const customer = customerFields(p.customer)
  const missingCard = missingCardFields(p.customer)
  let channels = p.channels
  let droppedChannels: Channel[] = []
  if (missingCard.length > 0 && channels.includes('CREDIT_CARD')) {
    if (channels.length === 1) {
      return {
        ok: false,
        kind: 'invalid',
        detail: `paiement par carte seul, informations client manquantes : ${missingCard.join(', ')}`,
        userMessage:
          'Pour payer par carte bancaire, complétez votre nom, prénom, e-mail, téléphone, adresse, ville et pays dans votre profil, puis réessayez.',
      }
    }
    // CinetPay answers 624/608 to card parameters without full customer data (cinetpay.md §8.8).
    channels = channels.filter((c) => c !== 'CREDIT_CARD')
    droppedChannels = ['CREDIT_CARD']
  }
  if (p.lockPhoneNumber && !customer.customer_phone_number) {
    return { ok: false, kind: 'invalid', detail: 'lockPhoneNumber sans customer.phoneNumber', userMessage: 'Numéro de téléphone manquant.' }
  }

  const body: Record<string, unknown> = {
    apikey: config.apiKey,
    site_id: String(config.siteId),
    transaction_id: p.transactionId,
    amount: p.amount,
    currency: p.currency,
    description: cinetpayDescription(p.description),
    notify_url: p.notifyUrl,
    return_url: p.returnUrl,
    channels: channels.join(','),
    lang: p.lang,
    ...customer,
  }
  if (p.metadata !== undefined) body.metadata = encodeMetadata(p.metadata)
  if (p.invoiceData) body.invoice_data = p.invoiceData
  if (p.lockPhoneNumber) body.lock_phone_number = true

  const response = await postJson(config, '/v2/payment', body)
  if (response.kind === 'unavailable') return { ok: false, userMessage: INIT_UNAVAILABLE_MESSAGE, ...response }
  const result = InitResponseSchema.safeParse(response.json)
  if (!result.success) {
    return { ok: false, userMessage: INIT_UNAVAILABLE_MESSAGE, ...invalidResponse(response, result.error) }
  }
  const r = result.data
  if (r.code === '201' && r.data) {
    return {
      ok: true,
      kind: 'created',
      paymentToken: r.data.payment_token,
      paymentUrl: r.data.payment_url,
      apiResponseId: r.api_response_id,
      httpStatus: response.httpStatus,
      durationMs: response.durationMs,
      channels,
      droppedChannels,
    }
  }
  return {
    ok: false,
    kind: 'rejected',
    code: r.code,
    message: r.message,
    description: r.description,
    apiResponseId: r.api_response_id,
    // A "201" without data is not a success (SDK-PHP treats empty data as an error).
    userMessage: r.code === '201' ? INIT_UNAVAILABLE_MESSAGE : describeCinetPayCode(r.code).userMessage,
    httpStatus: response.httpStatus,
    raw: response.json,
    durationMs: response.durationMs,
  }
}

/**
 * POST {apiUrl}/v2/payment/check, by our transaction_id (or by the
 * payment_token from init). Read-only at CinetPay, so it is safe to call as
 * often as needed. Feed the result to decidePayment() (decision.ts).
 */
export async function checkPayment(config: CinetPayConfig, query: CheckQuery): Promise<CheckPaymentResult> {
  const body: Record<string, unknown> = { apikey: config.apiKey, site_id: String(config.siteId) }
  if ('transactionId' in query) body.transaction_id = query.transactionId
  else body.token = query.token
  const response = await postJson(config, '/v2/payment/check', body)
  if (response.kind === 'unavailable') return response
  const result = CheckResponseSchema.safeParse(response.json)
  if (!result.success) return invalidResponse(response, result.error)
  const r = result.data
  const d = r.data
  return {
    kind: 'answer',
    httpStatus: response.httpStatus,
    code: r.code,
    message: r.message,
    description: r.description,
    apiResponseId: r.api_response_id,
    data: d
      ? {
          amount: d.amount,
          amountValue: parseAmount(d.amount),
          currency: d.currency,
          status: d.status,
          paymentMethod: d.payment_method,
          description: d.description,
          metadata: d.metadata,
          operatorId: d.operator_id,
          paymentDate: d.payment_date,
          fundAvailabilityDate: d.fund_availability_date,
        }
      : null,
    raw: response.json,
    durationMs: response.durationMs,
  }
}

/** Both calls bound to one configuration. */
export function createCinetPayClient(config: CinetPayConfig) {
  return {
    initPayment: (input: InitPaymentInput) => initPayment(config, input),
    checkPayment: (query: CheckQuery) => checkPayment(config, query),
  }
}
export type CinetPayClient = ReturnType<typeof createCinetPayClient>

// ————————————————————————————————————————————————————————————————— helpers

/**
 * JSON → UTF-8 → base64url (no "+", "/" or "="): CinetPay's Cloudflare blocks
 * raw JSON in metadata, and "/" is one of the characters its docs warn about.
 */
export function encodeMetadata(value: unknown): string {
  const json = JSON.stringify(value)
  if (json === undefined) throw new TypeError('encodeMetadata : valeur non sérialisable en JSON')
  let binary = ''
  for (const byte of new TextEncoder().encode(json)) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Inverse of encodeMetadata (cpm_custom in notifications, data.metadata in checks); null when not ours. */
export function decodeMetadata(text: string | null | undefined): unknown {
  if (!text || !/^[A-Za-z0-9_-]+$/.test(text)) return null
  try {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=')
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    return null
  }
}

/** CinetPay's docs advise against "# / $ _ &" in the description: each becomes a space. */
export function cinetpayDescription(text: string): string {
  return text.replace(/[#/$_&]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200)
}

/** Card fields still missing for this customer (state counts as present when the country is). */
export function missingCardFields(customer: CinetPayCustomer | undefined): string[] {
  const c = customer ?? {}
  return CARD_CUSTOMER_FIELDS.filter((field) => {
    if (field === 'state') return !c.state?.trim() && !c.country?.trim()
    return !c[field]?.trim()
  })
}

function customerFields(c: z.output<typeof CustomerSchema>): Record<string, string> {
  const out: Record<string, string | undefined> = {
    customer_id: c.id,
    customer_name: c.name,
    customer_surname: c.surname,
    customer_email: c.email,
    customer_phone_number: c.phoneNumber,
    customer_address: c.address,
    customer_city: c.city,
    customer_country: c.country,
    customer_state: c.state || c.country,
    customer_zip_code: c.zipCode,
  }
  return Object.fromEntries(Object.entries(out).filter((e): e is [string, string] => !!e[1]))
}

function parseAmount(amount: string): number | null {
  if (!/^\d+(\.0+)?$/.test(amount)) return null
  const n = Number(amount)
  return Number.isSafeInteger(n) ? n : null
}

type JsonResponse = { kind: 'json'; httpStatus: number; json: unknown; durationMs: number }

async function postJson(config: CinetPayConfig, path: string, body: Record<string, unknown>): Promise<JsonResponse | Unavailable> {
  const doFetch = config.fetch ?? fetch
  const url = `${config.apiUrl.replace(/\/+$/, '')}${path}`
  const started = Date.now()
  const elapsed = () => Date.now() - started
  let response: Response
  let text: string
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'user-agent': config.userAgent ?? DEFAULT_USER_AGENT,
      },
      body: JSON.stringify(body),
      // Covers the whole exchange, body included.
      signal: AbortSignal.timeout(config.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    })
    text = await response.text()
  } catch (error) {
    const timeout = isTimeout(error)
    return {
      kind: 'unavailable',
      reason: timeout ? 'timeout' : 'network',
      httpStatus: null,
      detail: timeout
        ? `pas de réponse de CinetPay en ${config.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms (${path})`
        : `erreur réseau vers CinetPay (${path}) : ${errorText(error)}`,
      rawText: null,
      durationMs: elapsed(),
    }
  }
  const durationMs = elapsed()
  const rawText = text.slice(0, RAW_TEXT_LIMIT)
  if (response.status >= 500) {
    return { kind: 'unavailable', reason: 'server-error', httpStatus: response.status, detail: `HTTP ${response.status} sur ${path}`, rawText, durationMs }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    const blocked = response.status === 403 || /error code: 10\d\d|cloudflare/i.test(text)
    return {
      kind: 'unavailable',
      reason: blocked ? 'blocked' : 'invalid-response',
      httpStatus: response.status,
      detail: blocked
        ? `requête bloquée devant CinetPay (HTTP ${response.status}, Cloudflare) sur ${path}`
        : `réponse non JSON (HTTP ${response.status}) sur ${path}`,
      rawText,
      durationMs,
    }
  }
  return { kind: 'json', httpStatus: response.status, json, durationMs }
}

function invalidResponse(response: JsonResponse, error: z.ZodError): Unavailable {
  return {
    kind: 'unavailable',
    reason: 'invalid-response',
    httpStatus: response.httpStatus,
    detail: `réponse CinetPay inattendue : ${z.prettifyError(error)}`,
    rawText: safeStringify(response.json).slice(0, RAW_TEXT_LIMIT),
    durationMs: response.durationMs,
  }
}

/** AbortSignal.timeout() rejects with a DOMException named TimeoutError (not always an Error subclass). */
function isTimeout(error: unknown): boolean {
  const e = error as { name?: unknown; message?: unknown } | null
  return (
    typeof e === 'object' &&
    e !== null &&
    (e.name === 'TimeoutError' || (e.name === 'AbortError' && /time/i.test(String(e.message))))
  )
}

function errorText(error: unknown): string {
  const e = error as { name?: unknown; message?: unknown } | null
  return typeof e === 'object' && e !== null && 'message' in e ? `${String(e.name)}: ${String(e.message)}` : String(error)
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
