// Sentry options for the Worker (fetch and queue). Off when SENTRY_DSN is
// empty. Nothing that could carry a credential leaves the Worker: cookies,
// Authorization / apikey / x-token headers, query strings (auth codes ride
// there) and form fields that look like passwords or tokens are scrubbed.
import type { CloudflareOptions } from '@sentry/cloudflare'

type ErrorEvent = Parameters<NonNullable<CloudflareOptions['beforeSend']>>[0]
type TransactionEvent = Parameters<NonNullable<CloudflareOptions['beforeSendTransaction']>>[0]
type SentryEvent = ErrorEvent | TransactionEvent

const SECRET_HEADERS = /^(cookie|set-cookie|authorization|proxy-authorization|apikey|x-token|x-api-key)$/i
const SECRET_FIELDS = /pass(word)?|mot_?de_?passe|confirmation|secret|token|apikey|api_key|code_verifier|refresh|access_token/i

export function scrubEvent<E extends SentryEvent>(event: E): E {
  const request = event.request
  if (request) {
    delete request.cookies
    if (request.headers) {
      for (const key of Object.keys(request.headers)) {
        if (SECRET_HEADERS.test(key)) request.headers[key] = '[Filtered]'
      }
    }
    if (request.query_string) request.query_string = '[Filtered]'
    if (request.url) request.url = request.url.replace(/\?.*$/, '')
    request.data = scrubData(request.data)
  }
  if (event.breadcrumbs) {
    for (const crumb of event.breadcrumbs) {
      if (crumb.data && typeof crumb.data.url === 'string') crumb.data.url = crumb.data.url.replace(/\?.*$/, '')
    }
  }
  return event
}

function scrubData(data: unknown): unknown {
  if (typeof data === 'string') {
    // urlencoded form bodies
    return data.replace(/([^&=]+)=([^&]*)/g, (pair, key: string) =>
      SECRET_FIELDS.test(decodeURIComponent(key)) ? `${key}=[Filtered]` : pair,
    )
  }
  if (Array.isArray(data)) return data.map(scrubData)
  if (data && typeof data === 'object') {
    return Object.fromEntries(
      Object.entries(data).map(([k, v]) => [k, SECRET_FIELDS.test(k) ? '[Filtered]' : scrubData(v)]),
    )
  }
  return data
}

export function sentryOptions(bindings: Partial<Record<string, unknown>>): CloudflareOptions | undefined {
  const dsn = typeof bindings.SENTRY_DSN === 'string' ? bindings.SENTRY_DSN.trim() : ''
  if (!dsn) return undefined
  return {
    dsn,
    // Collect as little as possible in the first place…
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: {
        request: { deny: ['cookie', 'authorization', 'apikey', 'x-token', 'x-api-key'] },
        response: { deny: ['set-cookie'] },
      },
      httpBodies: [],
      urlQueryParams: false,
      queues: false,
    },
    // …and scrub whatever still gets through.
    tracesSampleRate: 0.1,
    beforeSend: (event) => scrubEvent<ErrorEvent>(event),
    beforeSendTransaction: (event) => scrubEvent<TransactionEvent>(event),
  }
}
