// PKCE and cookie sessions as a server-rendered app uses them: @supabase/ssr's
// createServerClient with an in-memory cookie jar, mail read from the local
// mailbox, links followed without a browser.
import { createServerClient } from '@supabase/ssr'
import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixtureProject, startTestServer, type TestServer } from './helpers.ts'
import { CookieJar, authFetch, decodeJwt, lastMail, mailParts, recordingFetch, sql, uniqueEmail } from './fixtures/auth/helpers.ts'

let s: TestServer
const PASSWORD = 'correct-horse-1'
const CALLBACK = 'http://127.0.0.1:3000/auth/callback'
const STORAGE_KEY = 'sb-127-auth-token'

beforeAll(async () => {
  s = await startTestServer({ projectRoot: fixtureProject('auth') })
})
afterAll(() => s?.close())

/** A fresh server client per "request", as the SSR guide requires. */
function ssr(jar: CookieJar, fetchImpl?: typeof fetch) {
  return createServerClient(s.apiUrl, s.anonKey, {
    cookies: { getAll: jar.getAll, setAll: jar.setAll },
    ...(fetchImpl ? { global: { fetch: fetchImpl } } : {}),
  })
}

/** Follows the email link like a browser would, returns the Location it redirects to. */
async function follow(url: string): Promise<URL> {
  const res = await fetch(url, { redirect: 'manual' })
  expect(res.status).toBe(303)
  return new URL(res.headers.get('location')!)
}

/** The session @supabase/ssr stored in the jar (handles chunked cookies). */
function storedSession(jar: CookieJar): any {
  let raw = jar.values.get(STORAGE_KEY)
  if (raw === undefined) {
    raw = ''
    for (let i = 0; jar.values.has(`${STORAGE_KEY}.${i}`); i++) raw += jar.values.get(`${STORAGE_KEY}.${i}`)
  }
  if (!raw) return null
  return JSON.parse(raw.startsWith('base64-') ? Buffer.from(raw.slice(7), 'base64url').toString('utf8') : raw)
}

function storeSession(jar: CookieJar, session: unknown) {
  for (const name of [...jar.values.keys()]) if (name.startsWith(`${STORAGE_KEY}.`)) jar.values.delete(name)
  jar.values.set(STORAGE_KEY, `base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}`)
}

async function confirmedUser() {
  const email = uniqueEmail('ssr')
  const { error } = await s.admin().auth.admin.createUser({ email, password: PASSWORD, email_confirm: true })
  expect(error).toBeNull()
  return email
}

describe('PKCE magic link with @supabase/ssr', () => {
  it('signInWithOtp → email → GET /verify ?code= → exchangeCodeForSession', async () => {
    const email = await confirmedUser()
    const jar = new CookieJar()
    const sent = await ssr(jar).auth.signInWithOtp({ email, options: { emailRedirectTo: CALLBACK } })
    expect(sent.error).toBeNull()
    expect(jar.values.has(`${STORAGE_KEY}-code-verifier`)).toBe(true)
    const parts = mailParts(await lastMail(s, email))
    expect(parts.tokenHash.startsWith('pkce_')).toBe(true)
    expect(parts.confirmationUrl).toContain(`redirect_to=${encodeURIComponent(CALLBACK)}`)

    const landed = await follow(parts.confirmationUrl)
    expect(`${landed.origin}${landed.pathname}`).toBe(CALLBACK)
    expect(landed.hash).toBe('')
    const code = landed.searchParams.get('code')!
    expect(code).toMatch(/^[0-9a-f-]{36}$/)

    const { data, error } = await ssr(jar).auth.exchangeCodeForSession(code)
    expect(error).toBeNull()
    expect(data.user!.email).toBe(email.toLowerCase())
    expect((data as { redirectType?: string | null }).redirectType).toBeNull()
    expect(decodeJwt(data.session!.access_token).payload.amr[0].method).toBe('magiclink')
    expect(storedSession(jar).access_token).toBe(data.session!.access_token)
    expect(jar.values.has(`${STORAGE_KEY}-code-verifier`)).toBe(false)

    // A second exchange of the same code: the flow state is gone.
    const again = await authFetch(s, '/token?grant_type=pkce', { body: { auth_code: code, code_verifier: 'x'.repeat(43) } })
    expect(again.status).toBe(404)
    expect(again.body).toMatchObject({ code: 'flow_state_not_found', message: 'invalid flow state, no valid flow state found' })
  })

  it('the token_hash link verifies server-side with verifyOtp (the SSR template style)', async () => {
    const email = await confirmedUser()
    const jar = new CookieJar()
    await ssr(jar).auth.signInWithOtp({ email, options: { emailRedirectTo: 'http://127.0.0.1:3000/auth/confirm' } })
    const parts = mailParts(await lastMail(s, email))
    const link = new URL(parts.tokenHashUrl)
    expect(`${link.origin}${link.pathname}`).toBe('http://127.0.0.1:3000/auth/confirm')
    expect(link.searchParams.get('type')).toBe('email')
    const server = new CookieJar()
    const { data, error } = await ssr(server).auth.verifyOtp({
      token_hash: link.searchParams.get('token_hash')!, type: link.searchParams.get('type') as 'email',
    })
    expect(error).toBeNull()
    expect(data.session).not.toBeNull()
    expect(storedSession(server).user.email).toBe(email.toLowerCase())
  })

  it('the 6-digit code works for a PKCE-started sign-in too', async () => {
    const email = await confirmedUser()
    await ssr(new CookieJar()).auth.signInWithOtp({ email })
    const { token } = mailParts(await lastMail(s, email))
    const { error } = await ssr(new CookieJar()).auth.verifyOtp({ email, token, type: 'email' })
    expect(error).toBeNull()
  })
})

describe('PKCE password recovery with @supabase/ssr', () => {
  it('resetPasswordForEmail → link → exchange (redirectType recovery) → updateUser', async () => {
    const email = await confirmedUser()
    const jar = new CookieJar()
    expect((await ssr(jar).auth.resetPasswordForEmail(email, { redirectTo: CALLBACK })).error).toBeNull()
    const mail = await lastMail(s, email)
    const parts = mailParts(mail)
    expect(parts.confirmationUrl).toContain('type=recovery')
    const code = (await follow(parts.confirmationUrl)).searchParams.get('code')!
    const { data, error } = await ssr(jar).auth.exchangeCodeForSession(code)
    expect(error).toBeNull()
    expect((data as { redirectType?: string | null }).redirectType).toBe('recovery')
    expect(decodeJwt(data.session!.access_token).payload.amr[0].method).toBe('recovery')
    const updated = await ssr(jar).auth.updateUser({ password: 'recovered-pass' })
    expect(updated.error).toBeNull()
    expect((await s.client().auth.signInWithPassword({ email, password: 'recovered-pass' })).error).toBeNull()
  })
})

describe('PKCE email change with @supabase/ssr', () => {
  it('updateUser({ email }) sends pkce_ links; the code exchanges into a session on the new address', async () => {
    const email = await confirmedUser()
    const jar = new CookieJar()
    await ssr(jar).auth.signInWithPassword({ email, password: PASSWORD })
    const newEmail = uniqueEmail('ssr-moved')
    const { data, error } = await ssr(jar).auth.updateUser({ email: newEmail }, { emailRedirectTo: CALLBACK })
    expect(error).toBeNull()
    expect((data.user as any).new_email).toBe(newEmail.toLowerCase())
    const parts = mailParts(await lastMail(s, newEmail))
    expect(parts.tokenHash.startsWith('pkce_')).toBe(true)
    const code = (await follow(parts.confirmationUrl)).searchParams.get('code')!
    const exchanged = await ssr(jar).auth.exchangeCodeForSession(code)
    expect(exchanged.error).toBeNull()
    expect(exchanged.data.user!.email).toBe(newEmail.toLowerCase())
    expect(decodeJwt(exchanged.data.session!.access_token).payload.amr[0].method).toBe('email_change')
  })

  it('resend({ type: "email_change" }) sends the pair again; generate_link covers email_change_current', async () => {
    const email = await confirmedUser()
    const client = s.client()
    await client.auth.signInWithPassword({ email, password: PASSWORD })
    const newEmail = uniqueEmail('resend-change')
    await client.auth.updateUser({ email: newEmail })
    const first = mailParts(await lastMail(s, newEmail))
    await sql(s, `update auth.users set email_change_sent_at = now() - interval '1 minute' where email = $1`, [email.toLowerCase()])
    expect((await s.client().auth.resend({ type: 'email_change', email })).error).toBeNull()
    const second = mailParts(await lastMail(s, newEmail))
    expect(second.tokenHash).not.toBe(first.tokenHash)
    const current = await s.admin().auth.admin.generateLink({ type: 'email_change_current', email, newEmail })
    expect(current.error).toBeNull()
    expect(current.data.properties!.verification_type).toBe('email_change_current')
    const verified = await s.client().auth.verifyOtp({ token_hash: current.data.properties!.hashed_token, type: 'email_change' })
    expect(verified.error).toBeNull()
    expect(verified.data.user!.email).toBe(newEmail.toLowerCase())
  })
})

describe('PKCE errors', () => {
  const verifier = () => randomBytes(32).toString('base64url')
  const s256 = (v: string) => createHash('sha256').update(v).digest('base64url')

  async function codeFor(email: string, challenge: string, method: 's256' | 'plain') {
    const sent = await authFetch(s, '/otp', {
      body: { email, create_user: false, code_challenge: challenge, code_challenge_method: method },
    })
    expect(sent.status).toBe(200)
    return (await follow(mailParts(await lastMail(s, email)).confirmationUrl)).searchParams.get('code')!
  }

  it('accepts the plain method, refuses a wrong verifier with 400 bad_code_verifier', async () => {
    const email = await confirmedUser()
    const v = verifier()
    const code = await codeFor(email, v, 'plain')
    const wrong = await authFetch(s, '/token?grant_type=pkce', { body: { auth_code: code, code_verifier: verifier() } })
    expect(wrong.status).toBe(400)
    expect(wrong.body).toMatchObject({ code: 'bad_code_verifier', message: 'code challenge does not match previously saved code verifier' })
    const right = await authFetch(s, '/token?grant_type=pkce', { body: { auth_code: code, code_verifier: v } })
    expect(right.status).toBe(200)
    expect(right.body.refresh_token).toBeTruthy()
  })

  it('expires flow states after 300 s (422 flow_state_expired) and validates the request', async () => {
    const email = await confirmedUser()
    const v = verifier()
    const code = await codeFor(email, s256(v), 's256')
    await sql(s, `update auth.flow_state set auth_code_issued_at = now() - interval '301 seconds', created_at = now() - interval '301 seconds' where auth_code = $1`, [code])
    const late = await authFetch(s, '/token?grant_type=pkce', { body: { auth_code: code, code_verifier: v } })
    expect(late.status).toBe(422)
    expect(late.body).toMatchObject({ code: 'flow_state_expired', message: 'invalid flow state, flow state has expired' })
    const empty = await authFetch(s, '/token?grant_type=pkce', { body: { auth_code: '', code_verifier: '' } })
    expect(empty.status).toBe(400)
    expect(empty.body.code).toBe('validation_failed')
    const badChallenge = await authFetch(s, '/otp', { body: { email, code_challenge: 'short', code_challenge_method: 's256' } })
    expect(badChallenge.status).toBe(400)
    expect(badChallenge.body.code).toBe('validation_failed')
    const halfPkce = await authFetch(s, '/otp', { body: { email, code_challenge: s256(v) } })
    expect(halfPkce.body.message).toBe('PKCE flow requires code_challenge_method and code_challenge')
  })

  it('reports a PKCE link error in the query and the fragment', async () => {
    const email = await confirmedUser()
    await ssr(new CookieJar()).auth.signInWithOtp({ email, options: { emailRedirectTo: CALLBACK } })
    const { confirmationUrl } = mailParts(await lastMail(s, email))
    await follow(confirmationUrl)
    const second = await follow(confirmationUrl)
    expect(second.searchParams.get('error_code')).toBe('otp_expired')
    expect(second.searchParams.get('error_description')).toBe('Email link is invalid or has expired')
    expect(new URLSearchParams(second.hash.slice(1)).get('error')).toBe('access_denied')
  })
})

describe('cookie sessions', () => {
  async function signedInJar() {
    const email = await confirmedUser()
    const jar = new CookieJar()
    const { error } = await ssr(jar).auth.signInWithPassword({ email, password: PASSWORD })
    expect(error).toBeNull()
    return { jar, email }
  }

  it('parallel loaders refreshing the same cookie all succeed', async () => {
    const { jar } = await signedInJar()
    // Make the stored session look about to expire so each client refreshes it.
    const session = storedSession(jar)
    const oldRefresh = session.refresh_token
    session.expires_at = Math.floor(Date.now() / 1000) + 10
    storeSession(jar, session)
    const jars = Array.from({ length: 4 }, () => jar.clone())
    const results = await Promise.all(jars.map((j) => ssr(j).auth.getUser()))
    for (const r of results) expect(r.error).toBeNull()
    const refreshed = jars.map((j) => storedSession(j))
    for (const r of refreshed) {
      expect(r.refresh_token).not.toBe(oldRefresh)
      expect((await authFetch(s, '/user', { token: r.access_token })).status).toBe(200)
    }
    expect(new Set(refreshed.map((r) => r.refresh_token)).size).toBe(1)
  })

  it('getClaims() verifies the cookie session through the JWKS without GET /user', async () => {
    const { jar, email } = await signedInJar()
    const rec = recordingFetch()
    const { data, error } = await ssr(jar, rec.fetch).auth.getClaims()
    expect(error).toBeNull()
    expect(data!.claims.email).toBe(email.toLowerCase())
    expect(rec.calls.map((c) => new URL(c.url).pathname)).toEqual(['/auth/v1/.well-known/jwks.json'])
  })

  it('signOut clears the cookies and ends the session on the server', async () => {
    const { jar } = await signedInJar()
    const token = storedSession(jar).access_token
    expect((await ssr(jar).auth.signOut()).error).toBeNull()
    expect(storedSession(jar)).toBeNull()
    expect((await authFetch(s, '/user', { token })).body.code).toBe('session_not_found')
  })
})
