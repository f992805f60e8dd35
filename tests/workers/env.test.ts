import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { envErrorResponse, ENV_VARIABLES, parseEnv } from '../../app/lib/env.server.ts'

const valid = {
  APP_URL: 'https://espace.nourx.ci/',
  SUPABASE_URL: 'https://abc.supabase.co/',
  SUPABASE_ANON_KEY: 'sb_publishable_x',
  SUPABASE_SERVICE_ROLE_KEY: 'sb_secret_y',
  CINETPAY_APIKEY: 'k',
  CINETPAY_SITE_ID: '1',
  CINETPAY_SECRET_KEY: 's',
  CINETPAY_API_URL: 'https://api-checkout.cinetpay.com',
  EMAIL_API_URL: 'https://api.resend.com',
  EMAIL_API_KEY: 're_x',
  EMAIL_FROM: 'NOURX <noreply@nourx.ci>',
  SENTRY_DSN: '',
  POSTHOG_KEY: '',
  POSTHOG_HOST: 'https://eu.i.posthog.com',
}

describe('parseEnv', () => {
  it('accepts a complete configuration and normalises URLs', () => {
    const result = parseEnv(valid)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.env.APP_URL).toBe('https://espace.nourx.ci')
    expect(result.env.SUPABASE_URL).toBe('https://abc.supabase.co')
    expect(result.env.isLocalHttp).toBe(false)
    expect(result.env.SENTRY_DSN).toBeUndefined()
  })

  it('marks plain-http APP_URL as local (no Secure cookies, no HSTS)', () => {
    const result = parseEnv({ ...valid, APP_URL: 'http://localhost:5173' })
    expect(result.ok && result.env.isLocalHttp).toBe(true)
  })

  it.each(ENV_VARIABLES.filter((name) => !['SENTRY_DSN', 'POSTHOG_KEY', 'POSTHOG_HOST'].includes(name)))(
    'names %s when it is missing or empty',
    (name) => {
      for (const bad of [undefined, '', '   ']) {
        const result = parseEnv({ ...valid, [name]: bad })
        expect(result.ok).toBe(false)
        if (result.ok) continue
        expect(result.problems.map((p) => p.variable)).toEqual([name])
        expect(result.problems[0].message).toContain(name)
        expect(result.problems[0].message).toMatch(/manquante \/ is missing|invalide|doit/)
      }
    },
  )

  it.each(['APP_URL', 'SUPABASE_URL', 'CINETPAY_API_URL', 'EMAIL_API_URL', 'SENTRY_DSN', 'POSTHOG_HOST'])(
    'names %s when it is not an http(s) URL',
    (name) => {
      const result = parseEnv({ ...valid, [name]: 'ftp://nope' })
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.problems).toEqual([{ variable: name, message: `${name} doit être une URL http(s) / must be an http(s) URL` }])
    },
  )

  it('reports every broken variable at once', () => {
    const result = parseEnv({ ...valid, APP_URL: 'pas une url', EMAIL_FROM: 'personne', CINETPAY_SITE_ID: undefined })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems.map((p) => p.variable).sort()).toEqual(['APP_URL', 'CINETPAY_SITE_ID', 'EMAIL_FROM'])
  })

  it('validates the bindings of this test Worker (wrangler.toml + test values)', () => {
    expect(parseEnv(env as unknown as Record<string, unknown>).ok).toBe(true)
  })
})

describe('envErrorResponse', () => {
  it('is a bilingual 500 page naming the variables, never their values', async () => {
    const result = parseEnv({ ...valid, SUPABASE_SERVICE_ROLE_KEY: '', APP_URL: 'javascript:alert(1)' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    const response = envErrorResponse(result.problems)
    expect(response.status).toBe(500)
    expect(response.headers.get('Content-Type')).toContain('text/html')
    const html = await response.text()
    expect(html).toContain('<html lang="fr">')
    expect(html).toContain('Configuration incomplète')
    expect(html).toContain('The app cannot start')
    expect(html).toContain('<code>SUPABASE_SERVICE_ROLE_KEY</code>')
    expect(html).toContain('<code>APP_URL</code>')
    expect(html).not.toContain('javascript:alert')
  })
})
