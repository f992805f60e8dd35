// Runtime configuration of the Worker, validated once per request from the
// bindings (wrangler.toml [vars], secrets, `.dev.vars` locally).
//
// A missing or malformed variable must never end in a blank 500: parseEnv()
// returns every problem by variable name, and workers/app.ts renders them on
// a bilingual error page (see envErrorResponse below).
import { z } from 'zod'

const required = (name: string) =>
  z
    .string({ error: () => `${name} est manquante / is missing` })
    .trim()
    .min(1, { error: () => `${name} est manquante / is missing` })

const httpUrl = (name: string) =>
  required(name).refine(
    (value) => {
      try {
        const url = new URL(value)
        return url.protocol === 'http:' || url.protocol === 'https:'
      } catch {
        return false
      }
    },
    { error: () => `${name} doit être une URL http(s) / must be an http(s) URL` },
  )

/** Empty string and absence both mean "off" for optional integrations. */
const optional = (schema: z.ZodType<string>) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional())

const EnvSchema = z.object({
  APP_URL: httpUrl('APP_URL').transform((value) => new URL(value).origin),
  SUPABASE_URL: httpUrl('SUPABASE_URL').transform((value) => value.replace(/\/+$/, '')),
  SUPABASE_ANON_KEY: required('SUPABASE_ANON_KEY'),
  SUPABASE_SERVICE_ROLE_KEY: required('SUPABASE_SERVICE_ROLE_KEY'),
  CINETPAY_APIKEY: required('CINETPAY_APIKEY'),
  CINETPAY_SITE_ID: required('CINETPAY_SITE_ID'),
  CINETPAY_SECRET_KEY: required('CINETPAY_SECRET_KEY'),
  CINETPAY_API_URL: httpUrl('CINETPAY_API_URL').transform((value) => value.replace(/\/+$/, '')),
  EMAIL_API_URL: httpUrl('EMAIL_API_URL').transform((value) => value.replace(/\/+$/, '')),
  EMAIL_API_KEY: required('EMAIL_API_KEY'),
  EMAIL_FROM: required('EMAIL_FROM').refine((value) => /\S+@\S+\.\S+/.test(value), {
    error: () => 'EMAIL_FROM doit contenir une adresse e-mail / must contain an email address',
  }),
  SENTRY_DSN: optional(httpUrl('SENTRY_DSN')),
  POSTHOG_KEY: optional(z.string().trim()),
  POSTHOG_HOST: optional(httpUrl('POSTHOG_HOST')),
})

export type AppEnv = z.infer<typeof EnvSchema> & {
  /** True when the app is served over plain http (local dev): no Secure cookies, no HSTS. */
  isLocalHttp: boolean
}

export const ENV_VARIABLES = Object.keys(EnvSchema.shape) as (keyof z.infer<typeof EnvSchema>)[]

export interface EnvProblem {
  variable: string
  message: string
}

export type EnvResult = { ok: true; env: AppEnv } | { ok: false; problems: EnvProblem[] }

/** Validates the Worker bindings. Never throws; never echoes a secret's value. */
export function parseEnv(bindings: Record<string, unknown>): EnvResult {
  const result = EnvSchema.safeParse(bindings)
  if (!result.success) {
    // One line per variable: the first problem (an empty value also fails
    // the URL check; "missing" is the useful message).
    const problems: EnvProblem[] = []
    for (const issue of result.error.issues) {
      const variable = String(issue.path[0] ?? '?')
      if (!problems.some((p) => p.variable === variable)) problems.push({ variable, message: issue.message })
    }
    return { ok: false, problems }
  }
  return { ok: true, env: { ...result.data, isLocalHttp: result.data.APP_URL.startsWith('http:') } }
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

/**
 * The page shown instead of the app when configuration is broken. Static HTML
 * (no React, no env needed) so it renders whatever else is wrong.
 */
export function envErrorResponse(problems: EnvProblem[]): Response {
  const items = problems
    .map((p) => `<li><code>${escapeHtml(p.variable)}</code> — ${escapeHtml(p.message)}</li>`)
    .join('')
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Configuration incomplète — NOURX</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#111}code{background:#f2f2f2;padding:.1rem .3rem;border-radius:.25rem}h1{font-size:1.4rem}</style>
</head><body><h1>Configuration incomplète</h1>
<p>L’application ne peut pas démarrer : corrigez ces variables d’environnement (fichier <code>.dev.vars</code> en local, <code>wrangler secret put</code> ou <code>wrangler.toml</code> en production).</p>
<p lang="en">The app cannot start: fix these environment variables (<code>.dev.vars</code> locally, <code>wrangler secret put</code> or <code>wrangler.toml</code> when deployed).</p>
<ul>${items}</ul></body></html>`
  return new Response(html, {
    status: 500,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  })
}
