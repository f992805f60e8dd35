// What the payment wiring needs from the outside world, passed explicitly so
// that every module below can be driven by tests with their own clients,
// queues and clocks: the service-role Supabase client (payment attempts,
// notifications and checks are written by the service role only, see
// supabase/migrations/20261124000600_payments.sql), the CinetPay settings and
// the `payment-check` queue producer.
//
// Only this module imports the service-role client. Every caller authorises
// the user first (requireClient + an RLS read of the invoice or attempt,
// requireAdmin, or the webhook's x-token): the service role then writes what
// RLS grants nobody else.
import type { AppEnv } from '../env.server.ts'
import { paymentNotifier, type PaymentNotifier } from '../notifications/background.server.ts'
import { createSupabaseAdminClient } from '../supabase-admin.server.ts'
import type { AppSupabaseClient } from '../supabase.server.ts'
import type { CinetPayConfig } from './client.server.ts'
import type { PaymentCheckMessage } from './messages.ts'

/** The subset of a Cloudflare Queue producer we use (a fake in tests). */
export interface PaymentCheckQueue {
  send(message: PaymentCheckMessage, options?: { delaySeconds?: number }): Promise<unknown>
}

export interface PaymentDeps {
  /** Service-role client: bypasses RLS. */
  admin: AppSupabaseClient
  cinetpay: CinetPayConfig
  /** null when the binding is missing: re-checks then rely on notifications, the return page and the admin. */
  queue: PaymentCheckQueue | null
  now?: () => Date
  /** payment_received e-mail once a payment is recorded (absent in tests that do not care). */
  notify?: PaymentNotifier
}

export interface NotificationSecrets {
  siteId: string
  secretKey: string
}

export function cinetpayConfig(env: Pick<AppEnv, 'CINETPAY_API_URL' | 'CINETPAY_APIKEY' | 'CINETPAY_SITE_ID'>): CinetPayConfig {
  return { apiUrl: env.CINETPAY_API_URL, apiKey: env.CINETPAY_APIKEY, siteId: env.CINETPAY_SITE_ID }
}

/**
 * Production wiring from the validated env and the Worker bindings. With the
 * execution context, the payment_received e-mail leaves after the response
 * (waitUntil); without it, it is sent inline (bounded, never throwing).
 */
export function paymentDeps(env: AppEnv, bindings: unknown, executionContext?: Pick<ExecutionContext, 'waitUntil'>): PaymentDeps {
  const queue = (bindings as { PAYMENT_CHECK_QUEUE?: PaymentCheckQueue } | null)?.PAYMENT_CHECK_QUEUE ?? null
  const admin = createSupabaseAdminClient(env)
  return { admin, cinetpay: cinetpayConfig(env), queue, notify: paymentNotifier(admin, env, executionContext) }
}

export function notificationSecrets(env: Pick<AppEnv, 'CINETPAY_SITE_ID' | 'CINETPAY_SECRET_KEY'>): NotificationSecrets {
  return { siteId: env.CINETPAY_SITE_ID, secretKey: env.CINETPAY_SECRET_KEY }
}

/** A database error from supabase-js, rethrown so callers answer 5xx (webhook) or retry (queue). */
export class PaymentStoreError extends Error {
  constructor(what: string, error: { message?: string; code?: string } | null) {
    super(`${what} : ${error?.message ?? 'erreur inconnue'}${error?.code ? ` (${error.code})` : ''}`)
    this.name = 'PaymentStoreError'
  }
}
