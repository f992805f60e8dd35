// /auth/v1 with email confirmations on (as most hosted projects run) and a
// 60-second email rate limit: confirmation emails, email_not_confirmed,
// obfuscated repeat sign-ups, the two-step secure email change, PKCE sign-up,
// and config.auth switches.
import { createServerClient } from '@supabase/ssr'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixtureProject, startTestServer, type TestServer } from './helpers.ts'
import { CookieJar, authFetch, decodeJwt, lastMail, mailParts, mailsTo, sql, uniqueEmail } from './fixtures/auth/helpers.ts'

let s: TestServer
const PASSWORD = 'correct-horse-1'

beforeAll(async () => {
  s = await startTestServer({
    projectRoot: fixtureProject('auth'),
    auth: {
      enableConfirmations: true,
      emailMaxFrequency: 60,
      minimumPasswordLength: 8,
      additionalRedirectUrls: ['http://localhost:5173/**', 'https://*.nourx.test/auth/*'],
    },
  })
})
afterAll(() => s?.close())

describe('sign-up with confirmations', () => {
  it('returns the user (no session), emails a confirmation, refuses password sign-in until confirmed', async () => {
    const email = uniqueEmail('confirm')
    const { data, error } = await s.client().auth.signUp({ email, password: PASSWORD })
    expect(error).toBeNull()
    expect(data.session).toBeNull()
    expect(data.user!.email_confirmed_at).toBeUndefined()
    expect(data.user!.confirmation_sent_at).toBeTruthy()
    const mail = await lastMail(s, email)
    expect(mail.subject).toBe('Confirmez votre adresse e-mail')
    expect(mail.to).toEqual([email.toLowerCase()])
    const parts = mailParts(mail)
    expect(parts.confirmationUrl).toContain('type=signup')
    expect(mail.html).toContain(parts.confirmationUrl.replace(/&/g, '&amp;'))

    const early = await s.client().auth.signInWithPassword({ email, password: PASSWORD })
    expect(early.error).toMatchObject({ status: 400, code: 'email_not_confirmed', message: 'Email not confirmed' })

    const landed = new URL((await fetch(parts.confirmationUrl, { redirect: 'manual' })).headers.get('location')!)
    expect(new URLSearchParams(landed.hash.slice(1)).get('type')).toBe('signup')
    const after = await s.client().auth.signInWithPassword({ email, password: PASSWORD })
    expect(after.error).toBeNull()
    expect(after.data.user!.identities![0].identity_data!.email_verified).toBe(true)
    expect(after.data.user!.user_metadata.email_verified).toBe(true)
  })

  it('answers a repeated sign-up of a confirmed address with an obfuscated user', async () => {
    const email = uniqueEmail('twice')
    await s.admin().auth.admin.createUser({ email, password: PASSWORD, email_confirm: true })
    const { data, error } = await s.client().auth.signUp({ email, password: PASSWORD, options: { data: { a: 1 } } })
    expect(error).toBeNull()
    expect(data.session).toBeNull()
    expect(data.user!.identities).toEqual([])
    expect(data.user!.user_metadata).toEqual({ a: 1 })
    const real = await sql(s, 'select id::text from auth.users where email = $1', [email.toLowerCase()])
    expect(data.user!.id).not.toBe(real[0].id)
  })

  it('rate-limits emails per address (429 over_email_send_rate_limit), resend included', async () => {
    const email = uniqueEmail('limited')
    await s.client().auth.signUp({ email, password: PASSWORD })
    const again = await s.client().auth.signUp({ email, password: PASSWORD })
    expect(again.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' })
    expect(again.error!.message).toMatch(/^For security purposes, you can only request this after \d+ seconds\.$/)
    const resend = await s.client().auth.resend({ type: 'signup', email })
    expect(resend.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' })
    await sql(s, `update auth.users set confirmation_sent_at = now() - interval '2 minutes' where email = $1`, [email.toLowerCase()])
    expect((await s.client().auth.resend({ type: 'signup', email })).error).toBeNull()
    expect((await mailsTo(s, email)).length).toBe(2)
    const { token } = mailParts(await lastMail(s, email))
    const verified = await s.client().auth.verifyOtp({ email, token, type: 'signup' })
    expect(verified.error).toBeNull()
  })

  it('uses minimumPasswordLength from config.auth', async () => {
    const { error } = await s.client().auth.signUp({ email: uniqueEmail(), password: 'seven77' })
    expect(error).toMatchObject({ status: 422, code: 'weak_password', message: 'Password should be at least 8 characters.' })
  })

  it('PKCE sign-up: the confirmation link returns ?code= for exchangeCodeForSession', async () => {
    const email = uniqueEmail('pkce-signup')
    const jar = new CookieJar()
    const client = () => createServerClient(s.apiUrl, s.anonKey, { cookies: { getAll: jar.getAll, setAll: jar.setAll } })
    const signed = await client().auth.signUp({
      email, password: PASSWORD, options: { emailRedirectTo: 'http://localhost:5173/auth/callback' },
    })
    expect(signed.error).toBeNull()
    const parts = mailParts(await lastMail(s, email))
    expect(parts.tokenHash.startsWith('pkce_')).toBe(true)
    const flows = await sql(s, `select authentication_method, provider_type from auth.flow_state f join auth.users u on u.id = f.user_id where u.email = $1`, [email.toLowerCase()])
    expect(flows).toEqual([{ authentication_method: 'email/signup', provider_type: 'email' }])
    const landed = new URL((await fetch(parts.confirmationUrl, { redirect: 'manual' })).headers.get('location')!)
    expect(landed.origin + landed.pathname).toBe('http://localhost:5173/auth/callback')
    const { data, error } = await client().auth.exchangeCodeForSession(landed.searchParams.get('code')!)
    expect(error).toBeNull()
    expect(decodeJwt(data.session!.access_token).payload.amr[0].method).toBe('email/signup')
  })

  it('magic link for a new address sends the confirmation email', async () => {
    const email = uniqueEmail('ml-new')
    expect((await s.client().auth.signInWithOtp({ email })).error).toBeNull()
    const mail = await lastMail(s, email)
    expect(mail.subject).toBe('Confirmez votre adresse e-mail')
    const { tokenHash } = mailParts(mail)
    const { data, error } = await s.client().auth.verifyOtp({ token_hash: tokenHash, type: 'email' })
    expect(error).toBeNull()
    expect(data.user!.email_confirmed_at).toBeTruthy()
  })
})

describe('redirect allow list globs', () => {
  it('accepts ** and * patterns, falls back to SITE_URL otherwise', async () => {
    const cases: [string, string][] = [
      ['http://localhost:5173/any/depth/here', 'http://localhost:5173/any/depth/here'],
      ['https://app.nourx.test/auth/confirm', 'https://app.nourx.test/auth/confirm'],
      ['https://app.nourx.test/auth/deep/confirm', 'http://127.0.0.1:3000'],
      ['https://evil.test/auth/confirm', 'http://127.0.0.1:3000'],
      ['http://127.0.0.1:3000/chemin', 'http://127.0.0.1:3000/chemin'],
    ]
    for (const [asked, expected] of cases) {
      const email = uniqueEmail('redirect')
      await s.client().auth.signUp({ email, password: PASSWORD, options: { emailRedirectTo: asked } })
      const { confirmationUrl } = mailParts(await lastMail(s, email))
      expect(new URL(confirmationUrl).searchParams.get('redirect_to'), asked).toBe(expected)
    }
  })
})

describe('secure email change', () => {
  it('needs both links: the first answers {msg, code}, the second switches the address', async () => {
    const email = uniqueEmail('change')
    await s.admin().auth.admin.createUser({ email, password: PASSWORD, email_confirm: true })
    const client = s.client()
    await client.auth.signInWithPassword({ email, password: PASSWORD })
    const newEmail = uniqueEmail('changed')
    expect((await client.auth.updateUser({ email: newEmail })).error).toBeNull()
    const toOld = mailParts(await lastMail(s, email))
    const toNew = mailParts(await lastMail(s, newEmail))
    const first = await authFetch(s, '/verify', { body: { type: 'email_change', token_hash: toOld.tokenHash } })
    expect(first.status).toBe(200)
    expect(first.body).toEqual({
      msg: 'Confirmation link accepted. Please proceed to confirm link sent to the other email', code: '200',
    })
    const viaClient = await s.client().auth.verifyOtp({ email: newEmail, token: toNew.token, type: 'email_change' })
    expect(viaClient.error).toBeNull()
    expect(viaClient.data.user!.email).toBe(newEmail.toLowerCase())
  })
})

describe('config.auth switches', () => {
  it('enableSignup=false → 422 signup_disabled (sign-up and OTP for new addresses)', async () => {
    s.config.auth.enableSignup = false
    try {
      const { error } = await s.client().auth.signUp({ email: uniqueEmail(), password: PASSWORD })
      expect(error).toMatchObject({ status: 422, code: 'signup_disabled', message: 'Signups not allowed for this instance' })
      const otp = await s.client().auth.signInWithOtp({ email: uniqueEmail() })
      expect(otp.error).toMatchObject({ status: 422, code: 'signup_disabled' })
      expect((await authFetch(s, '/settings')).body.disable_signup).toBe(true)
    } finally {
      s.config.auth.enableSignup = true
    }
  })

  it('jwtExpiry sets exp - iat and expires_in', async () => {
    const previous = s.config.auth.jwtExpiry
    s.config.auth.jwtExpiry = 600
    try {
      const email = uniqueEmail('expiry')
      await s.admin().auth.admin.createUser({ email, password: PASSWORD, email_confirm: true })
      const { data } = await s.client().auth.signInWithPassword({ email, password: PASSWORD })
      expect(data.session!.expires_in).toBe(600)
      const { payload } = decodeJwt(data.session!.access_token)
      expect(payload.exp - payload.iat).toBe(600)
    } finally {
      s.config.auth.jwtExpiry = previous
    }
  })
})
