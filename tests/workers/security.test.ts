import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { parseEnv } from '../../app/lib/env.server.ts'
import { checkRequestOrigin, contentSecurityPolicy, createNonce, withSecurityHeaders } from '../../app/lib/security.server.ts'
import { createFetchHandler } from '../../workers/fetch.ts'

const APP = 'http://localhost:5173'
const bindings = env as unknown as Env
const appEnv = (() => {
  const parsed = parseEnv(bindings as unknown as Record<string, unknown>)
  if (!parsed.ok) throw new Error('test bindings invalid')
  return parsed.env
})()

describe('nonce and CSP', () => {
  it('makes a fresh 128-bit nonce per call', () => {
    const a = createNonce()
    const b = createNonce()
    expect(a).not.toBe(b)
    expect(atob(a)).toHaveLength(16)
  })

  it('allows scripts only by nonce and forbids framing', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc', isDev: false, env: appEnv })
    expect(csp).toContain("script-src 'nonce-abc' 'strict-dynamic' 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("base-uri 'self'")
    expect(csp).not.toContain("'unsafe-eval'")
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/)
    // dev-only websocket (Vite HMR) stays out of production
    expect(csp).not.toContain('ws:')
    expect(contentSecurityPolicy({ nonce: 'abc', isDev: true, env: appEnv })).toContain('ws:')
  })

  it('lets forms redirect to the CinetPay checkout and images come from Supabase', () => {
    const csp = contentSecurityPolicy({ nonce: 'n', isDev: false, env: appEnv })
    expect(csp).toMatch(/form-action 'self' [^;]*https:\/\/checkout\.cinetpay\.com/)
    expect(csp).toContain(`img-src 'self' data: blob: ${new URL(appEnv.SUPABASE_URL).origin}`)
  })

  it('adds HSTS and upgrade-insecure-requests only on https deployments', () => {
    const local = withSecurityHeaders(new Response('x'), { nonce: 'n', isDev: false, env: appEnv })
    expect(local.headers.get('Strict-Transport-Security')).toBeNull()
    expect(local.headers.get('Content-Security-Policy')).not.toContain('upgrade-insecure-requests')
    const prod = withSecurityHeaders(new Response('x'), {
      nonce: 'n',
      isDev: false,
      env: { ...appEnv, isLocalHttp: false },
    })
    expect(prod.headers.get('Strict-Transport-Security')).toBe('max-age=63072000; includeSubDomains')
    expect(prod.headers.get('Content-Security-Policy')).toContain('upgrade-insecure-requests')
    for (const name of ['X-Frame-Options', 'X-Content-Type-Options', 'Referrer-Policy', 'Permissions-Policy']) {
      expect(prod.headers.get(name), name).toBeTruthy()
    }
  })

  it('copies a response whose headers are immutable', async () => {
    const immutable = Response.redirect('http://localhost:5173/x', 302)
    const secured = withSecurityHeaders(immutable, { nonce: 'n', isDev: false, env: appEnv })
    expect(secured.status).toBe(302)
    expect(secured.headers.get('Location')).toBe('http://localhost:5173/x')
    expect(secured.headers.get('X-Frame-Options')).toBe('DENY')
  })
})

describe('checkRequestOrigin (CSRF)', () => {
  const post = (path: string, headers: Record<string, string> = {}) =>
    new Request(`${APP}${path}`, { method: 'POST', headers })

  it('lets safe methods through', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect(checkRequestOrigin(new Request(`${APP}/x`, { method }), APP).ok).toBe(true)
    }
  })

  it('accepts a POST from the app itself', () => {
    expect(checkRequestOrigin(post('/connexion', { Origin: APP }), APP).ok).toBe(true)
  })

  it('refuses another origin, even a sibling port or scheme', () => {
    for (const origin of ['https://evil.example', 'http://localhost:5174', 'https://localhost:5173', 'null']) {
      const result = checkRequestOrigin(post('/connexion', { Origin: origin }), APP)
      expect(result.ok, origin).toBe(false)
    }
  })

  it('falls back to Referer, and refuses a request carrying neither', () => {
    expect(checkRequestOrigin(post('/x', { Referer: `${APP}/page?a=1` }), APP).ok).toBe(true)
    expect(checkRequestOrigin(post('/x', { Referer: 'https://evil.example/' }), APP).ok).toBe(false)
    expect(checkRequestOrigin(post('/x'), APP)).toEqual({ ok: false, reason: 'no origin' })
  })

  it('checks PUT, PATCH and DELETE too', () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const request = new Request(`${APP}/x`, { method, headers: { Origin: 'https://evil.example' } })
      expect(checkRequestOrigin(request, APP).ok).toBe(false)
    }
  })

  it('lets CinetPay post the customer back to the payment return page only', () => {
    const back = post('/factures-devis/abc/paiement/retour', { Origin: 'https://checkout.cinetpay.com' })
    expect(checkRequestOrigin(back, APP).ok).toBe(true)
    const elsewhere = post('/factures-devis/abc', { Origin: 'https://checkout.cinetpay.com' })
    expect(checkRequestOrigin(elsewhere, APP).ok).toBe(false)
  })
})

describe('the fetch pipeline (workers/fetch.ts)', () => {
  const call = async (handler: ReturnType<typeof createFetchHandler>, request: Request, overrides: Partial<Env> = {}) => {
    const ctx = createExecutionContext()
    const response = await handler(request, { ...bindings, ...overrides } as Env, ctx)
    await waitOnExecutionContext(ctx)
    return response
  }

  it('serves pages with the security headers and the same nonce as the page', async () => {
    const response = await exports.default.fetch(new Request(`${APP}/dashboard`))
    expect(response.status).toBe(200)
    const csp = response.headers.get('Content-Security-Policy') ?? ''
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    expect(await response.text()).toContain(`<script nonce="${nonce}">`)
    expect(response.headers.get('X-Frame-Options')).toBe('DENY')
  })

  it('names a broken variable on an error page instead of a blank 500', async () => {
    let reached = false
    const handler = createFetchHandler({ isDev: false, handleRequest: async () => ((reached = true), new Response('ok')) })
    const response = await call(handler, new Request(`${APP}/`), { SUPABASE_URL: 'pas-une-url' } as Partial<Env>)
    expect(response.status).toBe(500)
    expect(await response.text()).toContain('<code>SUPABASE_URL</code>')
    expect(reached).toBe(false)
  })

  it('refuses a cross-site POST with a French 403 before React Router runs', async () => {
    let reached = false
    const handler = createFetchHandler({ isDev: false, handleRequest: async () => ((reached = true), new Response('ok')) })
    const response = await call(handler, new Request(`${APP}/deconnexion`, { method: 'POST', headers: { Origin: 'https://evil.example' } }))
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('Requête refusée')
    expect(response.headers.get('Content-Security-Policy')).toBeTruthy()
    expect(reached).toBe(false)
  })

  it('dispatches the CinetPay webhook before the CSRF check and React Router', async () => {
    const seen: string[] = []
    const handler = createFetchHandler({
      isDev: false,
      handleRequest: async () => new Response('react-router'),
      webhooks: { cinetpay: async (request) => (seen.push(request.method), new Response('webhook')) },
    })
    // A server-to-server POST: no Origin, no cookies.
    const response = await call(handler, new Request(`${APP}/api/webhooks/cinetpay`, { method: 'POST', body: 'cpm_trans_id=1' }))
    expect(await response.text()).toBe('webhook')
    expect(seen).toEqual(['POST'])
  })

  it('turns an unexpected exception into a French 500 page and reports it', async () => {
    const reported: unknown[] = []
    const handler = createFetchHandler({
      isDev: false,
      handleRequest: async () => {
        throw new Error('boom')
      },
      reportError: (error) => reported.push(error),
    })
    const response = await call(handler, new Request(`${APP}/dashboard`))
    expect(response.status).toBe(500)
    expect(await response.text()).toContain('Une erreur est survenue')
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(reported).toHaveLength(1)
  })
})
