// POST /v2/payment: validates a payment initialisation the way cinetpay.md §1
// describes it and records the transaction. Checks run in a fixed order so a
// request gets the one error CinetPay would most plausibly give first:
// presence (608) → apikey (609) → site_id (613) → field rules (608) → card
// customer data (624/608) → lock_phone_number (624) → uniqueness (608).
import { z } from 'zod'
import { CinetPayError } from './codes.ts'
import { CHANNELS, randomHex, type Channel, type StoredTransaction } from './store.ts'

export const REQUIRED_FIELDS = [
  'apikey',
  'site_id',
  'transaction_id',
  'amount',
  'currency',
  'description',
  'notify_url',
  'return_url',
] as const

export const CARD_FIELDS = [
  'customer_name',
  'customer_surname',
  'customer_email',
  'customer_phone_number',
  'customer_address',
  'customer_city',
  'customer_country',
  'customer_state',
  'customer_zip_code',
] as const
const CUSTOMER_FIELDS = ['customer_id', ...CARD_FIELDS] as const

export const ALL_CURRENCIES = ['XOF', 'XAF', 'CDF', 'GNF', 'USD'] as const
/** Documented minimum (Android SDK doc, legacy docs); none is documented for the others. */
const MINIMUM: Record<string, number> = { XOF: 100, XAF: 100 }
const NO_CARD_CURRENCIES = ['GNF', 'CDF']
/** "do not put special characters in the parameter value (#,/,$,_,&)" (D-INIT). */
const FORBIDDEN_CHARS = /[#/$_&]/

/** Thrown when CinetPay's Cloudflare front would block the request before the API sees it. */
export class CloudflareBlock extends Error {}

export interface InitSettings {
  apiKey: string
  siteId: string
  currencies: readonly string[]
  rejectJsonMetadata: boolean
}

const present = (v: unknown) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '')

const httpUrl = z
  .string()
  .refine((s) => {
    try {
      const u = new URL(s)
      return u.protocol === 'http:' || u.protocol === 'https:'
    } catch {
      return false
    }
  })

// Each rule: the field, a zod schema, and the description CinetPay's 608 would carry.
const FIELD_RULES: [string, z.ZodType, string][] = [
  ['apikey', z.string(), 'apikey doit être une chaîne'],
  ['site_id', z.union([z.string(), z.number().int()]), 'site_id doit être une chaîne ou un entier'],
  [
    'transaction_id',
    z.string().regex(/^[A-Za-z0-9-]{1,30}$/),
    'transaction_id doit faire 1 à 30 caractères parmi A-Z, a-z, 0-9 et « - » (sans # / $ _ & ni espace)',
  ],
  ['amount', z.union([z.number().int().positive(), z.string().regex(/^[1-9][0-9]*$/)]), 'amount doit être un nombre entier positif'],
  ['currency', z.string().regex(/^[A-Z]{3}$/), 'currency doit être un code de devise de 3 lettres'],
  ['description', z.string().refine((s) => !FORBIDDEN_CHARS.test(s)), 'description ne doit pas contenir les caractères # / $ _ &'],
  ['notify_url', httpUrl, 'notify_url doit être une URL http(s) absolue'],
  ['return_url', httpUrl, 'return_url doit être une URL http(s) absolue'],
  ['lang', z.enum(['fr', 'en']), 'lang doit valoir fr ou en'],
  ['metadata', z.string(), 'metadata doit être une chaîne (encodez les données structurées en base64)'],
  [
    'invoice_data',
    z.record(z.string(), z.union([z.string(), z.number()])).refine((o) => Object.keys(o).length <= 3),
    'invoice_data doit être un objet d’au plus 3 clés aux valeurs texte',
  ],
  ['lock_phone_number', z.boolean(), 'lock_phone_number doit être un booléen'],
  ...CUSTOMER_FIELDS.map((f): [string, z.ZodType, string] => [f, z.union([z.string(), z.number()]), `${f} doit être une chaîne`]),
  ['customer_email', z.email(), 'customer_email doit être une adresse e-mail valide'],
  ['customer_country', z.string().regex(/^[A-Z]{2}$/), 'customer_country doit être un code pays ISO 3166 alpha-2 (ex. CI)'],
]

export function parseChannels(value: unknown): Channel[] {
  if (!present(value)) return ['ALL'] // "By default, channels is ALL"
  if (typeof value !== 'string') throw invalidChannels()
  const parts = value.split(',').map((s) => s.trim())
  if (parts.some((p) => !(CHANNELS as readonly string[]).includes(p))) throw invalidChannels()
  return [...new Set(parts as Channel[])]
}
function invalidChannels() {
  return new CinetPayError('608', 'channels doit valoir ALL, MOBILE_MONEY, CREDIT_CARD, WALLET ou une combinaison séparée par des virgules')
}

/** A JSON object/array in metadata: D-JS reports a Cloudflare 403 at CinetPay for that. */
function looksLikeJson(s: string): boolean {
  const t = s.trim()
  if (!/^[[{]/.test(t)) return false
  try {
    JSON.parse(t)
    return true
  } catch {
    return false
  }
}

/**
 * Validates the body and returns the transaction to store. Throws CinetPayError
 * (answered as CinetPay's error body) or CloudflareBlock.
 */
export function validateInit(
  raw: unknown,
  settings: InitSettings,
  isDuplicate: (transactionId: string) => boolean,
): Omit<StoredTransaction, 'token' | 'createdAt'> {
  const body = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>

  const missing = REQUIRED_FIELDS.filter((f) => !present(body[f]))
  if (missing.length) throw new CinetPayError('608', `Champs obligatoires manquants : ${missing.join(', ')}`)

  if (body.apikey !== settings.apiKey) throw new CinetPayError('609', 'apikey introuvable')
  if (String(body.site_id) !== settings.siteId) throw new CinetPayError('613', 'site_id invalide pour cet apikey')

  for (const [field, schema, description] of FIELD_RULES) {
    if (body[field] === undefined || body[field] === null) continue
    if (field.startsWith('customer_') && body[field] === '') continue
    if (!schema.safeParse(body[field]).success) throw new CinetPayError('608', description)
  }

  const currency = body.currency as string
  if (!settings.currencies.includes(currency)) {
    throw new CinetPayError('608', `currency doit être l’une des devises du compte : ${settings.currencies.join(', ')}`)
  }
  const amount = Number(body.amount)
  if (currency !== 'USD' && amount % 5 !== 0) throw new CinetPayError('608', 'amount doit être un multiple de 5')
  const minimum = MINIMUM[currency] ?? 1
  if (amount < minimum) throw new CinetPayError('608', `amount doit être d’au moins ${minimum} ${currency}`)

  const channels = parseChannels(body.channels)
  const metadata = present(body.metadata) ? (body.metadata as string) : null
  if (metadata !== null && settings.rejectJsonMetadata && looksLikeJson(metadata)) {
    throw new CloudflareBlock('JSON in metadata')
  }

  const customer: Record<string, string> = {}
  for (const f of CUSTOMER_FIELDS) if (present(body[f])) customer[f] = String(body[f]).trim()
  const cardDataComplete = CARD_FIELDS.every((f) => customer[f])

  // Card only universe: SDK-PHP refuses incomplete customer data; the docs give 624
  // for a missing address/city, and cards do not exist for GNF/CDF.
  if (channels.includes('CREDIT_CARD')) {
    if (!customer.customer_address || !customer.customer_city) {
      throw new CinetPayError('624', 'Paiement par carte : customer_address et customer_city sont obligatoires')
    }
    const missingCard = CARD_FIELDS.filter((f) => !customer[f])
    if (missingCard.length) {
      throw new CinetPayError('608', `Paiement par carte : champs obligatoires manquants : ${missingCard.join(', ')}`)
    }
    if (NO_CARD_CURRENCIES.includes(currency)) {
      throw new CinetPayError('608', `Le paiement par carte n’est pas disponible en ${currency}`)
    }
  }

  const lockPhoneNumber = body.lock_phone_number === true
  if (lockPhoneNumber && !customer.customer_phone_number) {
    throw new CinetPayError('624', 'lock_phone_number vaut true mais customer_phone_number est absent : la variable doit valoir false')
  }

  const transactionId = body.transaction_id as string
  if (isDuplicate(transactionId)) throw new CinetPayError('608', `transaction_id déjà utilisé : ${transactionId}`)

  const invoiceData = body.invoice_data
    ? Object.fromEntries(Object.entries(body.invoice_data as Record<string, unknown>).map(([k, v]) => [k, String(v)]))
    : null

  return {
    transactionId,
    siteId: settings.siteId,
    amount,
    currency,
    description: body.description as string,
    notifyUrl: body.notify_url as string,
    returnUrl: body.return_url as string,
    channels,
    lang: (body.lang as 'fr' | 'en' | undefined) ?? 'fr',
    metadata,
    invoiceData,
    customer,
    lockPhoneNumber,
    mobileAllowed: channels.some((c) => c !== 'CREDIT_CARD'),
    cardAllowed:
      (channels.includes('CREDIT_CARD') || channels.includes('ALL')) && cardDataComplete && !NO_CARD_CURRENCIES.includes(currency),
    completion: null,
    notifications: [],
    checks: [],
  }
}

/** A CinetPay-looking payment token (long opaque hex). */
export function newPaymentToken(): string {
  return randomHex(32)
}
