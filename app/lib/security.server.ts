// Security baseline applied by workers/app.ts to every response: CSP with a
// per-request nonce, framing refused, referrer and feature policies, HSTS on
// https deployments; and the Origin check that stands in for CSRF tokens on
// every non-GET request.
import type { AppEnv } from './env.server.ts'

/** 128 random bits, base64: a fresh CSP nonce per request. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary)
}

const originOf = (url: string | undefined) => {
  if (!url) return null
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

export interface CspOptions {
  nonce: string
  /** Vite dev server: HMR websocket and inline style injection. */
  isDev: boolean
  env: Pick<AppEnv, 'SUPABASE_URL' | 'CINETPAY_API_URL' | 'POSTHOG_HOST' | 'isLocalHttp'>
}

export function contentSecurityPolicy({ nonce, isDev, env }: CspOptions): string {
  const supabase = originOf(env.SUPABASE_URL)
  const cinetpay = originOf(env.CINETPAY_API_URL)
  const posthog = originOf(env.POSTHOG_HOST)
  const list = (...sources: (string | null | false | undefined)[]) => sources.filter(Boolean).join(' ')
  const directives: Record<string, string> = {
    'default-src': "'self'",
    // 'strict-dynamic' lets the nonce'd module scripts load their own chunks.
    'script-src': list(`'nonce-${nonce}'`, "'strict-dynamic'", "'self'"),
    // Radix positions popovers with inline style attributes; Vite injects
    // <style> tags in dev. Styles cannot run code, so this stays acceptable.
    'style-src': "'self' 'unsafe-inline'",
    // Storage signed URLs (avatars, previews) are served by Supabase.
    'img-src': list("'self'", 'data:', 'blob:', supabase),
    'font-src': "'self' data:",
    'connect-src': list("'self'", supabase, posthog, isDev && 'ws:', isDev && 'wss:'),
    // Inline previews of documents (PDF) from signed URLs.
    'frame-src': list("'self'", supabase),
    'media-src': list("'self'", supabase),
    'object-src': "'none'",
    'base-uri': "'self'",
    // A form may redirect to the CinetPay checkout (issue 7): form-action
    // also governs redirects that follow a submission.
    'form-action': list("'self'", cinetpay, 'https://checkout.cinetpay.com'),
    'frame-ancestors': "'none'",
    'worker-src': "'self' blob:",
    'manifest-src': "'self'",
  }
  const policy = Object.entries(directives).map(([k, v]) => `${k} ${v}`)
  if (!env.isLocalHttp) policy.push('upgrade-insecure-requests')
  return policy.join('; ')
}

/**
 * Adds the security headers to a response. Responses straight from fetch()
 * have immutable headers, so they are copied first when needed.
 */
export function withSecurityHeaders(response: Response, options: CspOptions): Response {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
  }
  if (!options.env.isLocalHttp) {
    headers['Strict-Transport-Security'] = 'max-age=63072000; includeSubDomains'
  }
  return setHeaders(response, headers)
}

export function setHeaders(response: Response, headers: Record<string, string>): Response {
  try {
    for (const [k, v] of Object.entries(headers)) response.headers.set(k, v)
    return response
  } catch {
    const copy = new Response(response.body, response)
    for (const [k, v] of Object.entries(headers)) copy.headers.set(k, v)
    return copy
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Paths that legitimately receive cross-site POSTs and never act on them:
 * CinetPay POSTs the customer back to the payment return page, which only
 * displays a status (issue 7 never takes the return as proof). The CinetPay
 * webhook is dispatched before this check runs and needs no entry here.
 */
const CROSS_SITE_POST_ALLOWED: RegExp[] = [/^\/factures-devis\/[^/]+\/paiement\/retour\/?$/]

export type OriginCheck = { ok: true } | { ok: false; reason: string }

/**
 * CSRF defence for every state-changing request: the browser-set Origin (or,
 * when a privacy setting strips it, Referer) must be the app's own origin.
 * A request carrying neither is refused: every browser sends Origin on POST.
 */
export function checkRequestOrigin(request: Request, appUrl: string): OriginCheck {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { ok: true }
  const path = new URL(request.url).pathname
  if (CROSS_SITE_POST_ALLOWED.some((re) => re.test(path))) return { ok: true }
  const expected = new URL(appUrl).origin
  const origin = request.headers.get('Origin')
  if (origin && origin !== 'null') {
    return origin === expected ? { ok: true } : { ok: false, reason: `origin ${origin}` }
  }
  const referer = originOf(request.headers.get('Referer') ?? undefined)
  if (referer) return referer === expected ? { ok: true } : { ok: false, reason: `referer ${referer}` }
  return { ok: false, reason: origin === 'null' ? 'opaque origin' : 'no origin' }
}

export function forbiddenOriginResponse(): Response {
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Requête refusée — NOURX</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#111}</style></head>
<body><h1>Requête refusée</h1><p>Cette action doit être envoyée depuis l’Espace Client NOURX. Rechargez la page puis réessayez.</p>
<p><a href="/">Retour à l’accueil</a></p></body></html>`
  return new Response(html, { status: 403, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } })
}
