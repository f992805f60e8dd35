// Sends one e-mail through a Resend-compatible API:
//   POST {EMAIL_API_URL}/emails  Authorization: Bearer {EMAIL_API_KEY}
//   { from, to: [...], subject, text, html }  →  2xx { id }
// In development and tests EMAIL_API_URL points at the local mail catcher
// (tools/supabase-local, `/mail/emails`), which answers the same way.
//
// Never throws: a notification must not break what the user just did. A
// failure is one log line (no body, no key) and a Sentry event when Sentry
// is on (captureException is a no-op otherwise).
import { captureException } from '@sentry/cloudflare'
import type { AppEnv } from '../env.server.ts'

export type EmailConfig = Pick<AppEnv, 'EMAIL_API_URL' | 'EMAIL_API_KEY' | 'EMAIL_FROM'>

export interface OutgoingEmail {
  to: string[]
  subject: string
  text: string
  html: string
}

export type SendResult = { ok: true; id: string | null } | { ok: false; error: string }

export interface SendOptions {
  /** Tests inject a failing or slow fetch. */
  fetch?: typeof fetch
  /** The provider must answer within this time (default 8 s). */
  timeoutMs?: number
  /** Short label for the log line, e.g. "invoice_sent FAC-2026-00042". */
  label?: string
}

export const EMAIL_TIMEOUT_MS = 8000

export async function sendEmail(config: EmailConfig, email: OutgoingEmail, options: SendOptions = {}): Promise<SendResult> {
  const doFetch = options.fetch ?? fetch
  const label = options.label ?? email.subject
  const started = Date.now()
  try {
    const response = await doFetch(`${config.EMAIL_API_URL.replace(/\/+$/, '')}/emails`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${config.EMAIL_API_KEY}`,
        'Content-Type': 'application/json',
        'User-Agent': 'nourx-espace-client',
      },
      body: JSON.stringify({ from: config.EMAIL_FROM, to: email.to, subject: email.subject, text: email.text, html: email.html }),
      signal: AbortSignal.timeout(options.timeoutMs ?? EMAIL_TIMEOUT_MS),
    })
    if (!response.ok) {
      // The provider's error name/message helps (e.g. "validation_error"); the body never carries our secrets.
      const detail = (await response.text().catch(() => '')).replace(/\s+/g, ' ').slice(0, 200)
      return failed(`HTTP ${response.status} ${detail}`.trim(), label, email.to, started)
    }
    const body = (await response.json().catch(() => null)) as { id?: unknown } | null
    return { ok: true, id: typeof body?.id === 'string' ? body.id : null }
  } catch (error) {
    const reason =
      error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
        ? `délai dépassé (${options.timeoutMs ?? EMAIL_TIMEOUT_MS} ms)`
        : error instanceof Error
          ? error.message
          : String(error)
    return failed(reason, label, email.to, started)
  }
}

function failed(reason: string, label: string, to: string[], started: number): SendResult {
  const error = `e-mail « ${label} » non envoyé à ${to.length} destinataire(s) : ${reason}`
  console.error(`[email] ${error} (${Date.now() - started} ms)`)
  try {
    captureException(new Error(`[email] ${error}`))
  } catch {
    // Reporting must not fail either.
  }
  return { ok: false, error }
}
