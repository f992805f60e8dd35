// The local CinetPay sandbox: CinetPay's checkout v2 API (init, check), a
// checkout page, notifications to notify_url, and test controls, on one port.
// Everything lives in memory. See README.md for the contract.
import { setTimeout as sleep } from 'node:timers/promises'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { checkAnswer, findCheckedTransaction, type CheckBody } from './check.ts'
import { alreadyDonePage, checkoutPage, indexPage, messagePage, returnPage } from './checkout.ts'
import { CinetPayError, apiResponseId } from './codes.ts'
import { ALL_CURRENCIES, CloudflareBlock, newPaymentToken, validateInit } from './init.ts'
import { Notifier, type NotifierFaults } from './notifier.ts'
import {
  CARD_PAYMENT_METHOD,
  OPERATORS,
  OPERATOR_NAMES,
  OUTCOMES,
  TransactionStore,
  operatorReference,
  outcomeAllowed,
  phaseAt,
  randomHex,
  type Completion,
  type NotificationLog,
  type Operator,
  type Outcome,
  type Phase,
  type StoredTransaction,
} from './store.ts'

export interface CinetPaySandboxOptions {
  /** 0 picks a free port. */
  port: number
  apiKey: string
  siteId: string
  /** Merchant Secret Key: keys the x-token HMAC. */
  secretKey: string
  /** Base of payment_url when the sandbox is reached through another address. Default: http://<hostname>:<port>. */
  publicUrl?: string
  quiet?: boolean
  /** Listening address. Default 127.0.0.1. */
  hostname?: string
  /** Shown on the checkout page. Default "NOURX". */
  merchantName?: string
  /** Currencies enabled on the merchant account. Default: all five CinetPay currencies. */
  currencies?: readonly string[]
  /** Answer 403 "error code: 1010" to API calls without User-Agent, like CinetPay's Cloudflare. Default true. */
  requireUserAgent?: boolean
  /** Answer a Cloudflare 403 to an init whose metadata is raw JSON (cinetpay.md §6). Default true. */
  rejectJsonMetadata?: boolean
  /** How long a notify_url may take to answer. Default 10 000 ms. */
  notificationTimeoutMs?: number
}

export interface SandboxFaults extends NotifierFaults {
  /** /v2/payment/check answers HTTP 500 with an HTML body. */
  checkStatus500: boolean
  /** /v2/payment/check waits this long before answering (0 = no delay). */
  checkTimeoutMs: number
  /** Notifications are logged but never sent. */
  dropNotifications: boolean
  /** Extra copies sent with each notification, all at once. */
  duplicateNotifications: number
  /** Delay before each notification leaves. */
  notificationDelayMs: number
}

export const DEFAULT_FAULTS: SandboxFaults = Object.freeze({
  checkStatus500: false,
  checkTimeoutMs: 0,
  dropNotifications: false,
  duplicateNotifications: 0,
  notificationDelayMs: 0,
})

export interface CompleteOptions {
  outcome: Outcome
  /** Mobile Money operator (default OM); ignored for card_accepted. */
  operator?: Operator
  /** For waiting_then_*: seconds of WAITING_FOR_CUSTOMER before the final state. Default 10. */
  delaySeconds?: number
  /** Payer number (cel_phone_num); defaults to a test number of the operator. */
  phone?: string
  /** Extra copies of each notification of this transaction (overrides the fault switch). */
  duplicates?: number
  /** Delay of each notification of this transaction (overrides the fault switch). */
  notificationDelayMs?: number
}

export interface TransactionSnapshot {
  transactionId: string
  token: string
  paymentUrl: string
  amount: number
  currency: string
  description: string
  notifyUrl: string
  returnUrl: string
  channels: string[]
  lang: string
  metadata: string | null
  customer: Record<string, string>
  mobileAllowed: boolean
  cardAllowed: boolean
  createdAt: string
  phase: Phase
  outcome: Outcome | null
  operator: Operator | null
  paymentMethod: string | null
  operatorId: string | null
  submittedAt: string | null
  finalAt: string | null
  /** What /v2/payment/check would answer right now. */
  check: CheckBody
  notifications: NotificationLog[]
  checks: StoredTransaction['checks']
}

export interface CinetPaySandbox {
  url: string
  port: number
  stop(): Promise<void>
  /** Merges the given switches into the current faults and returns them. */
  setFault(patch: Partial<SandboxFaults>): SandboxFaults
  faults(): SandboxFaults
  /** Forgets transactions, notifications and faults; cancels pending notifications. */
  reset(): void
  transactions(): TransactionSnapshot[]
  transaction(transactionId: string): TransactionSnapshot | undefined
  /** Drives an outcome without a browser (same effect as the checkout form). */
  complete(transactionId: string, options: CompleteOptions): TransactionSnapshot
  /** Every notification attempt since the last reset, in order. */
  notifications(): NotificationLog[]
  /** Resolves once no notification is scheduled or in flight (includes waiting periods). */
  idle(): Promise<void>
}

/** A refusal of the sandbox's own control API (not a CinetPay answer). */
export class SandboxError extends Error {
  readonly status: 400 | 404 | 409
  constructor(status: 400 | 404 | 409, message: string) {
    super(message)
    this.status = status
  }
}

const FaultsSchema = z.strictObject({
  checkStatus500: z.boolean().optional(),
  checkTimeoutMs: z.number().int().min(0).max(600_000).optional(),
  dropNotifications: z.boolean().optional(),
  duplicateNotifications: z.number().int().min(0).max(1000).optional(),
  notificationDelayMs: z.number().int().min(0).max(3_600_000).optional(),
})

const CompleteSchema = z.strictObject({
  outcome: z.enum(OUTCOMES),
  operator: z.enum(OPERATOR_NAMES as [Operator, ...Operator[]]).optional(),
  delaySeconds: z.number().min(0).max(86_400).optional(),
  phone: z.string().max(20).optional(),
  duplicates: z.number().int().min(0).max(1000).optional(),
  notificationDelayMs: z.number().int().min(0).max(3_600_000).optional(),
})

const optionalNumber = (max: number) =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.coerce.number().min(0).max(max).optional())

const CheckoutFormSchema = z.object({
  outcome: z.enum(OUTCOMES),
  operator: z.enum(OPERATOR_NAMES as [Operator, ...Operator[]]).optional(),
  phone: z.string().max(20).optional(),
  wait_seconds: optionalNumber(86_400),
  duplicates: optionalNumber(50).pipe(z.number().int().optional()),
  notification_delay_seconds: optionalNumber(3600),
})

const CLOUDFLARE_BLOCK_HTML = `<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head>
<body><h1>Sorry, you have been blocked</h1><p>You are unable to access api-checkout.cinetpay.com</p></body></html>`
const INTERNAL_ERROR_HTML = `<html><head><title>500 Internal Server Error</title></head>
<body><center><h1>500 Internal Server Error</h1></center><hr><center>nginx</center></body></html>`

const DEFAULT_WAIT_SECONDS = 10

export async function startCinetPaySandbox(options: CinetPaySandboxOptions): Promise<CinetPaySandbox> {
  const hostname = options.hostname ?? '127.0.0.1'
  const merchantName = options.merchantName ?? 'NOURX'
  const settings = {
    apiKey: options.apiKey,
    siteId: String(options.siteId),
    currencies: options.currencies ?? ALL_CURRENCIES,
    rejectJsonMetadata: options.rejectJsonMetadata ?? true,
  }
  const requireUserAgent = options.requireUserAgent ?? true
  const log = (m: string) => {
    if (!options.quiet) console.log(`[cinetpay-sandbox] ${m}`)
  }

  const store = new TransactionStore()
  let faults: SandboxFaults = { ...DEFAULT_FAULTS }
  let notificationLog: NotificationLog[] = []
  // Aborted on stop, so that a check held back by checkTimeoutMs does not keep the process alive.
  const stopping = new AbortController()
  const notifier = new Notifier({
    secretKey: options.secretKey,
    faults: () => faults,
    log,
    timeoutMs: options.notificationTimeoutMs ?? 10_000,
    record: (entry) => notificationLog.push(entry),
  })
  let publicUrl = ''

  const paymentUrl = (tx: StoredTransaction) => `${publicUrl}/checkout/${tx.token}`

  function snapshot(tx: StoredTransaction): TransactionSnapshot {
    const c = tx.completion
    const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString())
    return structuredClone({
      transactionId: tx.transactionId,
      token: tx.token,
      paymentUrl: paymentUrl(tx),
      amount: tx.amount,
      currency: tx.currency,
      description: tx.description,
      notifyUrl: tx.notifyUrl,
      returnUrl: tx.returnUrl,
      channels: tx.channels,
      lang: tx.lang,
      metadata: tx.metadata,
      customer: tx.customer,
      mobileAllowed: tx.mobileAllowed,
      cardAllowed: tx.cardAllowed,
      createdAt: new Date(tx.createdAt).toISOString(),
      phase: phaseAt(tx),
      outcome: c?.outcome ?? null,
      operator: c?.operator ?? null,
      paymentMethod: c?.paymentMethod ?? null,
      operatorId: c && phaseAt(tx) === 'ACCEPTED' ? c.operatorId : null,
      submittedAt: iso(c?.submittedAt),
      finalAt: iso(c?.finalAt),
      check: checkAnswer(tx),
      notifications: tx.notifications,
      checks: tx.checks,
    })
  }

  /** Records the outcome and sends the notifications CinetPay would send for it. */
  function complete(tx: StoredTransaction, opts: CompleteOptions): void {
    if (tx.completion) throw new SandboxError(409, `La transaction ${tx.transactionId} est déjà traitée.`)
    if (!outcomeAllowed(tx, opts.outcome)) {
      throw new SandboxError(
        409,
        opts.outcome === 'card_accepted'
          ? 'Le paiement par carte n’est pas proposé pour cette transaction (channels, devise ou informations client incomplètes).'
          : 'Le Mobile Money n’est pas proposé pour cette transaction (channels).',
      )
    }
    const now = Date.now()
    const card = opts.outcome === 'card_accepted'
    const operator = card ? null : (opts.operator ?? 'OM')
    const waiting = opts.outcome === 'waiting_then_accepted' || opts.outcome === 'waiting_then_cancelled'
    const waitMs = waiting ? Math.round((opts.delaySeconds ?? DEFAULT_WAIT_SECONDS) * 1000) : 0
    const paymentMethod = operator ? OPERATORS[operator].paymentMethod : CARD_PAYMENT_METHOD
    const accepted = opts.outcome === 'accepted' || opts.outcome === 'card_accepted' || opts.outcome === 'waiting_then_accepted'
    const rawPhone =
      opts.phone?.trim() ||
      (tx.lockPhoneNumber || card ? tx.customer.customer_phone_number : undefined) ||
      (operator ? OPERATORS[operator].phone : '')
    const completion: Completion = {
      outcome: opts.outcome,
      operator,
      paymentMethod,
      // cel_phone_num is the national number; the country code goes in cpm_phone_prefixe.
      phone: rawPhone.replace(/^\+?225(?=\d{10}$)/, ''),
      phonePrefix: '225',
      operatorId: accepted ? operatorReference(paymentMethod, now + waitMs) : null,
      signature: randomHex(32),
      submittedAt: now,
      finalAt: now + waitMs,
      finalStatus: accepted ? 'ACCEPTED' : 'REFUSED',
      finalCode: accepted ? '00' : opts.outcome === 'refused' ? '600' : '627',
    }
    tx.completion = completion
    log(`issue choisie pour ${tx.transactionId} : ${opts.outcome}${operator ? ` (${operator})` : ''}${waiting ? `, attente ${waitMs} ms` : ''}`)

    const dispatch = { duplicates: opts.duplicates, delayMs: opts.notificationDelayMs }
    if (waiting) {
      // First notification says WAITING_FOR_CUSTOMER; the second comes when the operator confirms.
      notifier.dispatch(tx, 'waiting', dispatch)
      notifier.schedule(waitMs, () => notifier.dispatch(tx, 'final', dispatch))
    } else {
      notifier.dispatch(tx, 'final', dispatch)
    }
  }

  function requireTransaction(transactionId: string): StoredTransaction {
    const tx = store.byId(transactionId)
    if (!tx) throw new SandboxError(404, `Transaction inconnue : ${transactionId}`)
    return tx
  }

  const app = new Hono()

  app.onError((err, c) => {
    if (err instanceof SandboxError) return c.json({ error: err.message }, err.status)
    log(`erreur interne : ${err?.stack ?? err}`)
    return c.json({ error: 'Erreur interne du bac à sable' }, 500)
  })

  // CinetPay's API sits behind Cloudflare, which refuses requests without User-Agent (error 1010).
  app.use('/v2/*', async (c, next) => {
    if (requireUserAgent && !c.req.header('user-agent')?.trim()) {
      log(`${c.req.path} refusé : pas de User-Agent (Cloudflare 1010)`)
      return c.text('error code: 1010', 403)
    }
    await next()
  })

  app.post('/v2/payment', async (c) => {
    // JSON only (D-INIT): any other body reaches the API as "no fields at all".
    let body: unknown = {}
    if ((c.req.header('content-type') ?? '').includes('application/json')) body = await c.req.json().catch(() => ({}))
    try {
      const fields = validateInit(body, settings, (id) => store.has(id))
      const tx: StoredTransaction = { ...fields, token: newPaymentToken(), createdAt: Date.now() }
      store.add(tx)
      log(`paiement initialisé : ${tx.transactionId}, ${tx.amount} ${tx.currency}, channels ${tx.channels.join(',')}`)
      return c.json(
        {
          code: '201',
          message: 'CREATED',
          description: 'Transaction created with success',
          data: { payment_token: tx.token, payment_url: paymentUrl(tx) },
          api_response_id: apiResponseId(),
        },
        200,
      )
    } catch (e) {
      if (e instanceof CloudflareBlock) {
        log('initialisation bloquée : metadata en JSON brut (Cloudflare 403)')
        return c.html(CLOUDFLARE_BLOCK_HTML, 403)
      }
      if (!(e instanceof CinetPayError)) throw e
      log(`initialisation refusée : ${e.code} ${e.message}`)
      return c.json(e.body(), 400)
    }
  })

  app.post('/v2/payment/check', async (c) => {
    const f = faults
    if (f.checkTimeoutMs > 0) {
      log(`vérification retenue ${f.checkTimeoutMs} ms (faute simulée)`)
      await sleep(f.checkTimeoutMs, undefined, { signal: stopping.signal }).catch(() => undefined)
    }
    if (f.checkStatus500) {
      log('vérification : HTTP 500 (faute simulée)')
      return c.html(INTERNAL_ERROR_HTML, 500)
    }
    const body = await readAnyBody(c)
    try {
      const tx = findCheckedTransaction(body, settings, store)
      const answer = checkAnswer(tx)
      tx.checks.push({ at: new Date().toISOString(), code: answer.code, status: answer.data.status })
      log(`vérification ${tx.transactionId} : ${answer.code} ${answer.data.status}`)
      return c.json(answer, 200)
    } catch (e) {
      if (!(e instanceof CinetPayError)) throw e
      log(`vérification refusée : ${e.code} ${e.message}`)
      return c.json(e.body(), 400)
    }
  })

  app.get('/checkout/:token', (c) => {
    const tx = store.byToken(c.req.param('token'))
    if (!tx) return c.html(messagePage('Lien de paiement invalide', 'Ce lien de paiement est inconnu ou a expiré.'), 404)
    if (tx.completion) return c.html(alreadyDonePage(tx, merchantName))
    return c.html(checkoutPage(tx, merchantName))
  })

  app.post('/checkout/:token', async (c) => {
    const tx = store.byToken(c.req.param('token'))
    if (!tx) return c.html(messagePage('Lien de paiement invalide', 'Ce lien de paiement est inconnu ou a expiré.'), 404)
    const form = CheckoutFormSchema.safeParse(await c.req.parseBody())
    if (!form.success) {
      return c.html(messagePage('Choix invalide', 'Le formulaire est incomplet ou invalide. Revenez en arrière et réessayez.'), 400)
    }
    if (tx.completion) return c.html(alreadyDonePage(tx, merchantName), 409)
    const v = form.data
    try {
      complete(tx, {
        outcome: v.outcome,
        operator: v.operator,
        phone: v.phone,
        delaySeconds: v.wait_seconds,
        duplicates: v.duplicates,
        notificationDelayMs: v.notification_delay_seconds === undefined ? undefined : Math.round(v.notification_delay_seconds * 1000),
      })
    } catch (e) {
      if (e instanceof SandboxError) return c.html(messagePage('Choix impossible', e.message), e.status)
      throw e
    }
    return c.html(returnPage(tx, merchantName))
  })

  // ---- Test controls (not part of CinetPay) ----
  app.get('/__sandbox/faults', (c) => c.json(faults))
  app.post('/__sandbox/faults', async (c) => {
    const parsed = FaultsSchema.safeParse(await c.req.json().catch(() => undefined))
    if (!parsed.success) return c.json({ error: 'Fautes invalides', issues: parsed.error.issues }, 400)
    return c.json(handle.setFault(parsed.data))
  })
  app.post('/__sandbox/reset', (c) => {
    handle.reset()
    return c.json({ ok: true })
  })
  app.get('/__sandbox/transactions', (c) => c.json(handle.transactions()))
  app.get('/__sandbox/transactions/:id', (c) => c.json(snapshot(requireTransaction(c.req.param('id')))))
  app.post('/__sandbox/transactions/:id/complete', async (c) => {
    const tx = requireTransaction(c.req.param('id'))
    const parsed = CompleteSchema.safeParse(await c.req.json().catch(() => undefined))
    if (!parsed.success) return c.json({ error: 'Issue invalide', issues: parsed.error.issues }, 400)
    complete(tx, parsed.data)
    return c.json(snapshot(tx))
  })
  app.get('/__sandbox/notifications', (c) => c.json(notificationLog))
  app.get('/', (c) => c.html(indexPage(store.all(), merchantName)))

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname }, () => resolve(s))
    s.once('error', reject)
  })
  const port = (server.address() as AddressInfo).port
  const urlHost = hostname === '0.0.0.0' || hostname === '::' ? '127.0.0.1' : hostname.includes(':') ? `[${hostname}]` : hostname
  const url = `http://${urlHost}:${port}`
  publicUrl = (options.publicUrl ?? url).replace(/\/+$/, '')
  log(`à l’écoute sur ${url} (site_id ${settings.siteId})`)

  let stopped = false
  const handle: CinetPaySandbox = {
    url,
    port,
    async stop() {
      if (stopped) return
      stopped = true
      stopping.abort()
      notifier.cancelAll()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        if ('closeAllConnections' in server) server.closeAllConnections()
      })
    },
    setFault(patch) {
      const parsed = FaultsSchema.parse(patch)
      faults = { ...faults, ...Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) }
      log(`fautes : ${JSON.stringify(faults)}`)
      return { ...faults }
    },
    faults: () => ({ ...faults }),
    reset() {
      notifier.cancelAll()
      store.clear()
      notificationLog = []
      faults = { ...DEFAULT_FAULTS }
      log('réinitialisé')
    },
    transactions: () => store.all().map(snapshot),
    transaction(transactionId) {
      const tx = store.byId(transactionId)
      return tx && snapshot(tx)
    },
    complete(transactionId, opts) {
      const tx = requireTransaction(transactionId)
      complete(tx, CompleteSchema.parse(opts))
      return snapshot(tx)
    },
    notifications: () => structuredClone(notificationLog),
    idle: () => notifier.idle(),
  }
  return handle
}

/** Check bodies: JSON, urlencoded or multipart; without a content type, JSON then urlencoded. */
async function readAnyBody(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? ''
  const asObject = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {})
  if (type.includes('application/json')) return asObject(await c.req.json().catch(() => ({})))
  if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
    const form = await c.req.parseBody().catch(() => ({}))
    return Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === 'string'))
  }
  const text = await c.req.text()
  try {
    return asObject(JSON.parse(text))
  } catch {
    return Object.fromEntries(new URLSearchParams(text))
  }
}
