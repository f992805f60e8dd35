// Contract tests of /auth/v1 with the CLI's default settings (email
// confirmations off = autoconfirm), driven through the real supabase-js client
// and raw fetch where statuses and headers matter.
import { createClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixtureProject, startTestServer, type TestServer } from './helpers.ts'
import { authFetch, decodeJwt, lastMail, mailParts, mailsTo, recordingFetch, sql, uniqueEmail } from './fixtures/auth/helpers.ts'

let s: TestServer
const PASSWORD = 'correct-horse-1'

beforeAll(async () => {
  s = await startTestServer({ projectRoot: fixtureProject('auth') })
})
afterAll(() => s?.close())

async function signedIn(email = uniqueEmail()) {
  const client = s.client()
  const { data, error } = await client.auth.signUp({ email, password: PASSWORD })
  expect(error).toBeNull()
  return { client, email, session: data.session!, user: data.user! }
}

describe('sign-up (autoconfirm)', () => {
  it('returns a session whose access token carries exactly the claims Supabase issues', async () => {
    const email = uniqueEmail('Claims')
    const { data, error } = await s.client().auth.signUp({
      email, password: PASSWORD, options: { data: { full_name: 'Awa Koné' } },
    })
    expect(error).toBeNull()
    const session = data.session!
    expect(session.token_type).toBe('bearer')
    expect(session.expires_in).toBe(3600)
    expect(session.refresh_token).toMatch(/^[a-z2-7]{12}$/)
    const { header, payload } = decodeJwt(session.access_token)
    expect(header).toMatchObject({ alg: 'ES256', typ: 'JWT' })
    const jwks = await (await fetch(`${s.apiUrl}/auth/v1/.well-known/jwks.json`)).json()
    expect(header.kid).toBe(jwks.keys[0].kid)
    expect(Object.keys(payload).sort()).toEqual(
      ['aal', 'amr', 'app_metadata', 'aud', 'email', 'exp', 'iat', 'is_anonymous', 'iss', 'phone', 'role', 'session_id', 'sub', 'user_metadata'].sort(),
    )
    expect(payload).toMatchObject({
      iss: `${s.apiUrl}/auth/v1`,
      sub: data.user!.id,
      aud: 'authenticated',
      email: email.toLowerCase(),
      phone: '',
      role: 'authenticated',
      aal: 'aal1',
      is_anonymous: false,
    })
    expect(payload.exp - payload.iat).toBe(3600)
    expect(payload.amr).toEqual([{ method: 'password', timestamp: expect.any(Number) }])
    // app_metadata from raw_app_meta_data, including the role the app's trigger copies there.
    expect(payload.app_metadata).toEqual({ provider: 'email', providers: ['email'], role: 'client' })
    expect(payload.user_metadata).toEqual({
      email: email.toLowerCase(), email_verified: true, full_name: 'Awa Koné', phone_verified: false, sub: data.user!.id,
    })
    const sessions = await sql(s, 'select id::text from auth.sessions where user_id = $1', [data.user!.id])
    expect(sessions.map((r) => r.id)).toEqual([payload.session_id])
  })

  it('renders the user as GoTrue does (omitempty timestamps, identities, lower-cased email)', async () => {
    const email = uniqueEmail('Shape')
    const { data } = await s.client().auth.signUp({ email, password: PASSWORD })
    const user = data.user as any
    expect(user.email).toBe(email.toLowerCase())
    expect(user.phone).toBe('')
    expect(user.email_confirmed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/)
    expect(user).not.toHaveProperty('invited_at')
    expect(user).not.toHaveProperty('new_email')
    expect(user).not.toHaveProperty('banned_until')
    expect(user.identities).toHaveLength(1)
    expect(user.identities[0]).toMatchObject({
      id: user.id, user_id: user.id, provider: 'email', email: email.toLowerCase(),
      identity_data: { email: email.toLowerCase(), email_verified: false, phone_verified: false, sub: user.id },
    })
    expect(user.is_anonymous).toBe(false)
  })

  it('answers 422 user_already_exists for a confirmed address', async () => {
    const { email } = await signedIn()
    const { error } = await s.client().auth.signUp({ email, password: PASSWORD })
    expect(error).toMatchObject({ status: 422, code: 'user_already_exists', message: 'User already registered' })
  })

  it('rejects weak passwords with reasons, bad emails and missing passwords', async () => {
    const weak = await s.client().auth.signUp({ email: uniqueEmail(), password: '123' })
    expect(weak.error).toMatchObject({ status: 422, code: 'weak_password', name: 'AuthWeakPasswordError' })
    expect((weak.error as any).reasons).toEqual(['length'])
    expect(weak.error!.message).toBe('Password should be at least 6 characters.')
    const badEmail = await authFetch(s, '/signup', { body: { email: 'not-an-email', password: PASSWORD } })
    expect(badEmail.status).toBe(400)
    expect(badEmail.body).toMatchObject({ code: 'validation_failed', message: 'Unable to validate email address: invalid format' })
    const noPassword = await authFetch(s, '/signup', { body: { email: uniqueEmail() } })
    expect(noPassword.body).toMatchObject({ code: 'validation_failed', message: 'Signup requires a valid password' })
    const anonymous = await authFetch(s, '/signup', { body: {} })
    expect(anonymous.status).toBe(422)
    expect(anonymous.body.code).toBe('anonymous_provider_disabled')
  })

  it('answers 500 "Database error saving new user" when an auth.users trigger fails', async () => {
    // Not SECURITY DEFINER: runs as supabase_auth_admin, which may not write public.signup_audit.
    const invoker = await s.client().auth.signUp({ email: uniqueEmail('x', 'invoker-trigger.test'), password: PASSWORD })
    expect(invoker.error).toMatchObject({ status: 500, name: 'AuthRetryableFetchError', message: 'Database error saving new user' })
    const raw = await authFetch(s, '/signup', { body: { email: uniqueEmail('y', 'refused-trigger.test'), password: PASSWORD } })
    expect(raw.status).toBe(500)
    expect(raw.body).toMatchObject({ code: 'unexpected_failure', message: 'Database error saving new user' })
    expect(raw.headers.get('x-sb-error-code')).toBe('unexpected_failure')
    const leftovers = await sql(s, `select count(*)::int as n from auth.users where email like '%trigger.test'`)
    expect(leftovers[0].n).toBe(0)
  })
})

describe('error transport', () => {
  it('sends the API version and error code headers and {code, message} (plus msg/error_code)', async () => {
    const res = await authFetch(s, '/token?grant_type=password', { body: { email: uniqueEmail(), password: 'whatever' } })
    expect(res.status).toBe(400)
    expect(res.headers.get('x-supabase-api-version')).toBe('2024-01-01')
    expect(res.headers.get('x-sb-error-code')).toBe('invalid_credentials')
    expect(res.body).toEqual({
      code: 'invalid_credentials', message: 'Invalid login credentials', msg: 'Invalid login credentials', error_code: 'invalid_credentials',
    })
  })

  it('answers 400 bad_json to malformed or mistyped bodies, never a 500', async () => {
    for (const rawBody of ['{', '[1,2]', '"text"']) {
      const res = await authFetch(s, '/signup', { rawBody })
      expect(res.status).toBe(400)
      expect(res.body.code).toBe('bad_json')
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts/)
    }
    const typed = await authFetch(s, '/token?grant_type=password', { body: { email: 42, password: 'x' } })
    expect(typed.status).toBe(400)
    expect(typed.body.code).toBe('bad_json')
    const empty = await authFetch(s, '/otp', { rawBody: '' })
    expect(empty.status).toBe(400)
  })

  it('never answers 500 to bad input on any endpoint', async () => {
    const admin = { token: s.serviceRoleKey }
    const cases: [string, Parameters<typeof authFetch>[2]][] = [
      ['/signup', { rawBody: '{"email": ["a"], "password": {}}' }],
      ['/token?grant_type=password', { rawBody: 'null' }],
      ['/token?grant_type=refresh_token', { rawBody: '{}' }],
      ['/token?grant_type=pkce', { body: { auth_code: 'nope', code_verifier: 'nope' } }],
      ['/otp', { body: { email: 'bad@', create_user: 'yes' } }],
      ['/otp', { body: {} }],
      ['/recover', { body: { email: '' } }],
      ['/resend', { body: { type: 'bogus', email: 'a@b.c' } }],
      ['/verify', { body: { type: 'magiclink', token_hash: 'x', email: 'a@b.c' } }],
      ['/verify', { body: { type: 'bogus', token_hash: 'x' } }],
      ['/verify', { body: { type: 'email', token: '123456' } }],
      ['/verify?type=signup', { method: 'GET' }],
      ['/user', { method: 'PUT', token: 'a.b.c', body: {} }],
      ['/logout', { method: 'POST' }],
      ['/admin/users/not-a-uuid', { ...admin, method: 'PUT', body: {} }],
      ['/admin/users/not-a-uuid', { ...admin, method: 'DELETE', rawBody: '{' }],
      ['/admin/users', { ...admin, body: { email: 'x@y.test', id: 'not-a-uuid' } }],
      ['/admin/users', { ...admin, body: { email: 'x@y.test', password: 'a', password_hash: 'b' } }],
      ['/admin/generate_link', { ...admin, body: { type: 'bogus', email: 'x@y.test' } }],
      ['/invite', { ...admin, body: { email: 'not an email' } }],
    ]
    for (const [path, init] of cases) {
      const res = await authFetch(s, path, init)
      expect(res.status, `${path} ${JSON.stringify(init)}`).toBeGreaterThanOrEqual(400)
      expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBeLessThan(500)
      expect(typeof res.body, path).toBe('object')
    }
  })

  it('answers unsupported grant types the OAuth way', async () => {
    const res = await authFetch(s, '/token?grant_type=nope', { body: {} })
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ error: 'unsupported_grant_type', error_description: '' })
  })
})

describe('password sign-in', () => {
  it('signs in, creates a session row each time, and refuses bad credentials', async () => {
    const { email, user } = await signedIn()
    const client = s.client()
    const ok = await client.auth.signInWithPassword({ email: email.toUpperCase(), password: PASSWORD })
    expect(ok.error).toBeNull()
    expect(ok.data.user!.id).toBe(user.id)
    const count = await sql(s, 'select count(*)::int as n from auth.sessions where user_id = $1', [user.id])
    expect(count[0].n).toBe(2)
    const wrong = await client.auth.signInWithPassword({ email, password: 'wrong-password' })
    expect(wrong.error).toMatchObject({ status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' })
    const unknown = await client.auth.signInWithPassword({ email: uniqueEmail(), password: PASSWORD })
    expect(unknown.error).toMatchObject({ status: 400, code: 'invalid_credentials' })
    const missing = await authFetch(s, '/token?grant_type=password', { body: { password: 'x' } })
    expect(missing.body).toMatchObject({ code: 'validation_failed', message: 'missing email or phone' })
  })

  it('logs in users seeded in SQL with pgcrypto hashes, with or without an identities row', async () => {
    const admin = await s.client().auth.signInWithPassword({ email: 'seeded-admin@nourx.test', password: 'demo-nourx-2026' })
    expect(admin.error).toBeNull()
    expect(admin.data.user!.app_metadata.role).toBe('admin')
    expect(decodeJwt(admin.data.session!.access_token).payload.app_metadata.role).toBe('admin')
    const hash = await sql(s, `select encrypted_password from auth.users where email = 'seeded-admin@nourx.test'`)
    expect(hash[0].encrypted_password).toMatch(/^\$2a\$06\$/)
    const bare = await s.client().auth.signInWithPassword({ email: 'seeded-noidentity@nourx.test', password: 'demo-nourx-2026' })
    expect(bare.error).toBeNull()
    expect(bare.data.user!.identities).toEqual([])
    const wrong = await s.client().auth.signInWithPassword({ email: 'seeded-admin@nourx.test', password: 'nope-nope' })
    expect(wrong.error?.code).toBe('invalid_credentials')
  })

  it('reports a weak password on sign-in without refusing it', async () => {
    const email = uniqueEmail()
    await s.admin().auth.admin.createUser({ email, password: 'abc', email_confirm: true })
    const { data, error } = await s.client().auth.signInWithPassword({ email, password: 'abc' })
    expect(error).toBeNull()
    expect(data.weakPassword).toEqual({ message: 'Password should be at least 6 characters.', reasons: ['length'] })
  })
})

describe('getClaims through the JWKS', () => {
  it('verifies locally: fetches the JWKS, never GET /user', async () => {
    const { session } = await signedIn()
    const rec = recordingFetch()
    const client = createClient(s.apiUrl, s.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      global: { fetch: rec.fetch },
    })
    const { data, error } = await client.auth.getClaims(session.access_token)
    expect(error).toBeNull()
    expect(data!.claims.sub).toBe(decodeJwt(session.access_token).payload.sub)
    expect(rec.calls.some((c) => c.url.endsWith('/auth/v1/.well-known/jwks.json'))).toBe(true)
    expect(rec.calls.some((c) => c.url.endsWith('/auth/v1/user'))).toBe(false)
    const jwks = await fetch(`${s.apiUrl}/auth/v1/.well-known/jwks.json`)
    expect(jwks.headers.get('cache-control')).toBe('public, max-age=600')
  })
})

describe('GET /user and bad tokens', () => {
  it('returns the user for a valid token and words bad tokens as GoTrue', async () => {
    const { client, user } = await signedIn()
    const got = await client.auth.getUser()
    expect(got.data.user!.id).toBe(user.id)
    const garbage = await authFetch(s, '/user', { token: 'not.a.jwt' })
    expect(garbage.status).toBe(403)
    expect(garbage.body.code).toBe('bad_jwt')
    expect(garbage.body.message).toMatch(/^invalid JWT: unable to parse or verify signature, /)
    // An expired but well-signed token (HS256 with the project secret).
    const now = Math.floor(Date.now() / 1000)
    const expired = await authFetch(s, '/user', {
      token: await signHs256(s, { sub: user.id, role: 'authenticated', aud: 'authenticated', exp: now - 600, iat: now - 4200 }),
    })
    expect(expired.status).toBe(403)
    expect(expired.body).toMatchObject({
      code: 'bad_jwt', message: 'invalid JWT: unable to parse or verify signature, token has invalid claims: token is expired',
    })
    const anon = await authFetch(s, '/user', { token: s.anonKey })
    expect(anon.body).toMatchObject({ code: 'bad_jwt', message: 'invalid claim: missing sub claim' })
  })
})

async function signHs256(server: TestServer, claims: Record<string, unknown>) {
  const { SignJWT } = await import('jose')
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(server.jwtSecret))
}

describe('PUT /user', () => {
  it('updates user_metadata, refuses app_metadata from a user', async () => {
    const { client } = await signedIn()
    const { data, error } = await client.auth.updateUser({ data: { full_name: 'Yao', theme: 'sombre' } })
    expect(error).toBeNull()
    expect(data.user!.user_metadata).toMatchObject({ full_name: 'Yao', theme: 'sombre', email_verified: true })
    const removed = await client.auth.updateUser({ data: { theme: null } })
    expect(removed.data.user!.user_metadata).not.toHaveProperty('theme')
    const token = (await client.auth.getSession()).data.session!.access_token
    const app = await authFetch(s, '/user', { method: 'PUT', token, body: { app_metadata: { role: 'admin' } } })
    expect(app.status).toBe(403)
    expect(app.body.code).toBe('not_admin')
  })

  it('changes the password, signs out the other sessions, refuses the same password', async () => {
    const { client, email } = await signedIn()
    const other = s.client()
    await other.auth.signInWithPassword({ email, password: PASSWORD })
    const otherToken = (await other.auth.getSession()).data.session!.access_token
    const same = await client.auth.updateUser({ password: PASSWORD })
    expect(same.error).toMatchObject({ status: 422, code: 'same_password' })
    const weak = await client.auth.updateUser({ password: 'a' })
    expect(weak.error).toMatchObject({ status: 422, code: 'weak_password' })
    const changed = await client.auth.updateUser({ password: 'brand-new-pass' })
    expect(changed.error).toBeNull()
    expect((await client.auth.getUser()).error).toBeNull()
    const stale = await authFetch(s, '/user', { token: otherToken })
    expect(stale.status).toBe(403)
    expect(stale.body.code).toBe('session_not_found')
    expect((await s.client().auth.signInWithPassword({ email, password: 'brand-new-pass' })).error).toBeNull()
  })

  it('changes the email through two emailed links (secure email change)', async () => {
    const { client, email, user } = await signedIn()
    const newEmail = uniqueEmail('moved')
    const { data, error } = await client.auth.updateUser({ email: newEmail }, { emailRedirectTo: 'http://127.0.0.1:3000/compte' })
    expect(error).toBeNull()
    expect(data.user!.email).toBe(email.toLowerCase())
    expect((data.user as any).new_email).toBe(newEmail.toLowerCase())
    const toNew = mailParts(await lastMail(s, newEmail))
    const toOld = mailParts(await lastMail(s, email))
    expect(toNew.confirmationUrl).toContain('type=email_change')
    expect(toOld.tokenHash).not.toBe(toNew.tokenHash)
    // Autoconfirm: one confirmation is enough (GoTrue's emailChangeVerify).
    const res = await fetch(toNew.confirmationUrl, { redirect: 'manual' })
    expect(res.status).toBe(303)
    const location = res.headers.get('location')!
    expect(location.startsWith('http://127.0.0.1:3000/compte#')).toBe(true)
    expect(new URLSearchParams(location.split('#')[1]).get('type')).toBe('email_change')
    const after = await s.admin().auth.admin.getUserById(user.id)
    expect(after.data.user!.email).toBe(newEmail.toLowerCase())
    expect((after.data.user as any).new_email).toBeUndefined()
    expect(after.data.user!.identities![0].identity_data!.email).toBe(newEmail.toLowerCase())
  })
})

describe('refresh tokens', () => {
  it('rotates: a new refresh token each time, the old one revoked', async () => {
    const { client, session } = await signedIn()
    const { data, error } = await client.auth.refreshSession({ refresh_token: session.refresh_token })
    expect(error).toBeNull()
    expect(data.session!.refresh_token).not.toBe(session.refresh_token)
    expect(decodeJwt(data.session!.access_token).payload.session_id).toBe(decodeJwt(session.access_token).payload.session_id)
    const rows = await sql(s, 'select token, revoked, parent from auth.refresh_tokens where token = any($1) order by id', [
      [session.refresh_token, data.session!.refresh_token],
    ])
    expect(rows).toEqual([
      { token: session.refresh_token, revoked: true, parent: null },
      { token: data.session!.refresh_token, revoked: false, parent: session.refresh_token },
    ])
  })

  it('gives the active token back to its parent, accepts other revoked tokens within the reuse interval, then revokes the family', async () => {
    const { session } = await signedIn()
    const t0 = session.refresh_token
    const r1 = await authFetch(s, '/token?grant_type=refresh_token', { body: { refresh_token: t0 } })
    const t1 = r1.body.refresh_token
    const r2 = await authFetch(s, '/token?grant_type=refresh_token', { body: { refresh_token: t1 } })
    const t2 = r2.body.refresh_token
    // t1 is the parent of the active t2: the answer is t2 again, no new token.
    const parent = await authFetch(s, '/token?grant_type=refresh_token', { body: { refresh_token: t1 } })
    expect(parent.status).toBe(200)
    expect(parent.body.refresh_token).toBe(t2)
    // t0 is revoked and not the parent: accepted within 10 s of its revocation
    // (GoTrue then issues a child of t0, which becomes the active token t3).
    const reuse = await authFetch(s, '/token?grant_type=refresh_token', { body: { refresh_token: t0 } })
    expect(reuse.status).toBe(200)
    const t3 = reuse.body.refresh_token
    expect([t0, t1, t2]).not.toContain(t3)
    // t1 is neither active nor the active token's parent; once its interval has
    // passed (aged in SQL rather than waited for) the whole family is revoked.
    await sql(s, `update auth.refresh_tokens set updated_at = now() - interval '1 minute' where token = $1`, [t1])
    const late = await authFetch(s, '/token?grant_type=refresh_token', { body: { refresh_token: t1 } })
    expect(late.status).toBe(400)
    expect(late.body).toMatchObject({ code: 'refresh_token_already_used', message: 'Invalid Refresh Token: Already Used' })
    const active = await sql(s, 'select count(*)::int as n from auth.refresh_tokens where token = any($1) and revoked = false', [[t2, t3]])
    expect(active[0].n).toBe(0)
    const unknown = await s.client().auth.refreshSession({ refresh_token: 'doesnotexist' })
    expect(unknown.error).toMatchObject({ status: 400, code: 'refresh_token_not_found' })
  })

  it('survives parallel refreshes of the same token', async () => {
    const { session } = await signedIn()
    const results = await Promise.all(
      Array.from({ length: 5 }, () => authFetch(s, '/token?grant_type=refresh_token', { body: { refresh_token: session.refresh_token } })),
    )
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
    expect(new Set(results.map((r) => r.body.refresh_token)).size).toBe(1)
  })
})

describe('logout scopes', () => {
  async function threeSessions() {
    const { email } = await signedIn()
    const clients = [s.client(), s.client(), s.client()]
    for (const c of clients) await c.auth.signInWithPassword({ email, password: PASSWORD })
    const tokens = await Promise.all(clients.map(async (c) => (await c.auth.getSession()).data.session!.access_token))
    return { clients, tokens }
  }
  const status = async (token: string) => (await authFetch(s, '/user', { token })).status

  it('local ends this session only', async () => {
    const { clients, tokens } = await threeSessions()
    const res = await authFetch(s, '/logout?scope=local', { token: tokens[0], body: undefined, method: 'POST' })
    expect(res.status).toBe(204)
    expect(await status(tokens[0])).toBe(403)
    expect(await status(tokens[1])).toBe(200)
    expect((await clients[0].auth.getSession()).data.session).not.toBeNull()
  })

  it('others ends the other sessions', async () => {
    const { clients, tokens } = await threeSessions()
    expect((await clients[0].auth.signOut({ scope: 'others' })).error).toBeNull()
    expect(await status(tokens[0])).toBe(200)
    expect(await status(tokens[1])).toBe(403)
    expect(await status(tokens[2])).toBe(403)
  })

  it('global (default) ends them all; later GET /user → 403 session_not_found', async () => {
    const { clients, tokens } = await threeSessions()
    expect((await clients[1].auth.signOut()).error).toBeNull()
    const after = await authFetch(s, '/user', { token: tokens[0] })
    expect(after.status).toBe(403)
    expect(after.body).toMatchObject({ code: 'session_not_found', message: 'Session from session_id claim in JWT does not exist' })
    expect((await authFetch(s, '/logout', { token: tokens[2], method: 'POST' })).status).toBe(403)
    const fresh = await signedIn()
    const bad = await authFetch(s, '/logout?scope=everything', { token: fresh.session.access_token, method: 'POST' })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ code: 'validation_failed', message: 'Unsupported logout scope "everything"' })
  })
})

describe('magic link and email code (implicit flow)', () => {
  it('signInWithOtp emails a link and a code; the code verifies into a session', async () => {
    const { email, user } = await signedIn()
    const { error } = await s.client().auth.signInWithOtp({ email })
    expect(error).toBeNull()
    const mail = await lastMail(s, email)
    expect(mail.subject).toBe('Votre lien de connexion')
    const parts = mailParts(mail)
    expect(parts.token).toMatch(/^\d{6}$/)
    expect(parts.confirmationUrl).toBe(
      `${s.apiUrl}/auth/v1/verify?token=${parts.tokenHash}&type=magiclink&redirect_to=${encodeURIComponent('http://127.0.0.1:3000')}`,
    )
    expect(parts.tokenHashUrl).toBe(`http://127.0.0.1:3000/?token_hash=${parts.tokenHash}&type=email`)
    const client = s.client()
    const verified = await client.auth.verifyOtp({ email, token: parts.token, type: 'email' })
    expect(verified.error).toBeNull()
    expect(verified.data.user!.id).toBe(user.id)
    expect(decodeJwt(verified.data.session!.access_token).payload.amr[0].method).toBe('otp')
    const again = await s.client().auth.verifyOtp({ email, token: parts.token, type: 'email' })
    expect(again.error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Token has expired or is invalid' })
  })

  it('creates the user on first use (create_user) and refuses when shouldCreateUser is false', async () => {
    const email = uniqueEmail('newcomer')
    const refused = await s.client().auth.signInWithOtp({ email, options: { shouldCreateUser: false } })
    expect(refused.error).toMatchObject({ status: 422, code: 'otp_disabled', message: 'Signups not allowed for otp' })
    const { error } = await s.client().auth.signInWithOtp({ email, options: { data: { full_name: 'Nouvelle' } } })
    expect(error).toBeNull()
    const parts = mailParts(await lastMail(s, email))
    const verified = await s.client().auth.verifyOtp({ token_hash: parts.tokenHash, type: 'email' })
    expect(verified.error).toBeNull()
    expect(verified.data.user!.email).toBe(email.toLowerCase())
    expect(verified.data.user!.user_metadata.full_name).toBe('Nouvelle')
    const profile = await sql(s, 'select full_name from public.profiles where id = $1', [verified.data.user!.id])
    expect(profile[0].full_name).toBe('Nouvelle')
  })

  it('GET /verify redirects with the session in the fragment, errors in the fragment', async () => {
    const { email } = await signedIn()
    await s.client().auth.signInWithOtp({ email, options: { emailRedirectTo: 'http://127.0.0.1:3000/tableau-de-bord' } })
    const parts = mailParts(await lastMail(s, email))
    const res = await fetch(parts.confirmationUrl, { redirect: 'manual' })
    expect(res.status).toBe(303)
    const [base, fragment] = res.headers.get('location')!.split('#')
    expect(base).toBe('http://127.0.0.1:3000/tableau-de-bord')
    const params = new URLSearchParams(fragment)
    expect([...params.keys()]).toEqual(['access_token', 'expires_at', 'expires_in', 'refresh_token', 'sb', 'token_type', 'type'])
    expect(params.get('type')).toBe('magiclink')
    expect(decodeJwt(params.get('access_token')!).payload.email).toBe(email.toLowerCase())
    // The same link again: consumed.
    const reused = await fetch(parts.confirmationUrl, { redirect: 'manual' })
    const errorFragment = new URLSearchParams(reused.headers.get('location')!.split('#')[1])
    expect(Object.fromEntries(errorFragment)).toEqual({
      error: 'access_denied', error_code: 'otp_expired', error_description: 'Email link is invalid or has expired', sb: '',
    })
  })

  it('honours redirect_to only for SITE_URL and the allow list', async () => {
    const { email } = await signedIn()
    await s.client().auth.signInWithOtp({ email, options: { emailRedirectTo: 'https://evil.example.com/steal' } })
    expect(mailParts(await lastMail(s, email)).confirmationUrl).toContain(`redirect_to=${encodeURIComponent('http://127.0.0.1:3000')}`)
  })

  it('expires codes after otp_expiry', async () => {
    const { email, user } = await signedIn()
    await s.client().auth.signInWithOtp({ email })
    const parts = mailParts(await lastMail(s, email))
    await sql(s, `update auth.users set recovery_sent_at = now() - interval '2 hours' where id = $1`, [user.id])
    const late = await s.client().auth.verifyOtp({ token_hash: parts.tokenHash, type: 'magiclink' })
    expect(late.error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Email link is invalid or has expired' })
  })
})

describe('recovery', () => {
  it('resetPasswordForEmail → verifyOtp(recovery) → updateUser(password)', async () => {
    const { email } = await signedIn()
    const unknown = await s.client().auth.resetPasswordForEmail(uniqueEmail('ghost'))
    expect(unknown.error).toBeNull()
    const client = s.client()
    expect((await client.auth.resetPasswordForEmail(email)).error).toBeNull()
    const mail = await lastMail(s, email)
    expect(mail.subject).toBe('Réinitialisation du mot de passe')
    const parts = mailParts(mail)
    const events: string[] = []
    client.auth.onAuthStateChange((event) => events.push(event))
    const verified = await client.auth.verifyOtp({ token_hash: parts.tokenHash, type: 'recovery' })
    expect(verified.error).toBeNull()
    expect(events).toContain('PASSWORD_RECOVERY')
    expect((await client.auth.updateUser({ password: 'after-recovery' })).error).toBeNull()
    expect((await s.client().auth.signInWithPassword({ email, password: 'after-recovery' })).error).toBeNull()
  })
})

describe('settings and health', () => {
  it('GET /settings reflects config.auth; GET /health needs no apikey', async () => {
    const settings = await authFetch(s, '/settings')
    expect(settings.status).toBe(200)
    expect(settings.body).toMatchObject({ disable_signup: false, mailer_autoconfirm: true, phone_autoconfirm: false })
    expect(settings.body.external.email).toBe(true)
    const health = await fetch(`${s.apiUrl}/auth/v1/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ name: 'GoTrue' })
  })
})

describe('admin API', () => {
  it('requires a service_role JWT', async () => {
    const { session } = await signedIn()
    const asUser = await authFetch(s, '/admin/users', { token: session.access_token })
    expect(asUser.status).toBe(403)
    expect(asUser.body).toMatchObject({ code: 'not_admin', message: 'User not allowed' })
    const asAnon = await s.client().auth.admin.listUsers()
    expect(asAnon.error).toMatchObject({ status: 403, code: 'not_admin' })
    const viaSecretKey = await authFetch(s, '/admin/users?per_page=1', { apikey: s.secretKey })
    expect(viaSecretKey.status).toBe(200)
  })

  it('creates, reads, updates (app_metadata, ban) and deletes users', async () => {
    const admin = s.admin().auth.admin
    const email = uniqueEmail('admin-made')
    const created = await admin.createUser({
      email, password: PASSWORD, email_confirm: true, user_metadata: { full_name: 'Koffi' }, app_metadata: { plan: 'pro' },
    })
    expect(created.error).toBeNull()
    const user = created.data.user!
    expect(user.app_metadata).toEqual({ plan: 'pro', provider: 'email', providers: ['email'], role: 'client' })
    expect(user.email_confirmed_at).toBeTruthy()
    const dup = await admin.createUser({ email, password: PASSWORD })
    expect(dup.error).toMatchObject({ status: 422, code: 'email_exists' })

    const fetched = await admin.getUserById(user.id)
    expect(fetched.data.user!.user_metadata.full_name).toBe('Koffi')
    const missing = await admin.getUserById('00000000-0000-4000-8000-00000000dead')
    expect(missing.error).toMatchObject({ status: 404, code: 'user_not_found' })

    const updated = await admin.updateUserById(user.id, { app_metadata: { plan: null, tier: 2 } })
    expect(updated.data.user!.app_metadata).toEqual({ provider: 'email', providers: ['email'], role: 'client', tier: 2 })
    const signin = await s.client().auth.signInWithPassword({ email, password: PASSWORD })
    expect(decodeJwt(signin.data.session!.access_token).payload.app_metadata.tier).toBe(2)

    const banned = await admin.updateUserById(user.id, { ban_duration: '24h' })
    expect(Date.parse(banned.data.user!.banned_until!)).toBeGreaterThan(Date.now() + 23 * 3600_000)
    const refused = await s.client().auth.signInWithPassword({ email, password: PASSWORD })
    expect(refused.error).toMatchObject({ status: 400, code: 'user_banned' })
    const badBan = await admin.updateUserById(user.id, { ban_duration: 'forever' })
    expect(badBan.error).toMatchObject({ status: 400, code: 'validation_failed' })
    const unbanned = await admin.updateUserById(user.id, { ban_duration: 'none' })
    expect(unbanned.data.user!.banned_until).toBeUndefined()

    const deleted = await admin.deleteUser(user.id)
    expect(deleted.error).toBeNull()
    expect((await admin.getUserById(user.id)).error?.code).toBe('user_not_found')
    const profile = await sql(s, 'select count(*)::int as n from public.profiles where id = $1', [user.id])
    expect(profile[0].n).toBe(0)
  })

  it('soft-deletes: frees the address, keeps the row', async () => {
    const admin = s.admin().auth.admin
    const email = uniqueEmail('soft')
    const { data } = await admin.createUser({ email, password: PASSWORD, email_confirm: true })
    expect((await admin.deleteUser(data.user!.id, true)).error).toBeNull()
    const row = (await admin.getUserById(data.user!.id)).data.user!
    expect(row.deleted_at).toBeTruthy()
    expect(row.email).not.toBe(email.toLowerCase())
    expect((await s.client().auth.signInWithPassword({ email, password: PASSWORD })).error?.code).toBe('invalid_credentials')
  })

  it('lists users with pagination headers', async () => {
    const admin = s.admin().auth.admin
    for (let i = 0; i < 3; i++) await admin.createUser({ email: uniqueEmail('page'), password: PASSWORD })
    const raw = await authFetch(s, '/admin/users?page=1&per_page=2', { apikey: s.serviceRoleKey, token: s.serviceRoleKey })
    const total = Number(raw.headers.get('x-total-count'))
    expect(total).toBeGreaterThanOrEqual(3)
    expect(raw.body.aud).toBe('authenticated')
    expect(raw.body.users).toHaveLength(2)
    const lastPage = Math.ceil(total / 2)
    expect(raw.headers.get('link')).toBe(
      `</admin/users?page=2&per_page=2>; rel="next", </admin/users?page=${lastPage}&per_page=2>; rel="last"`,
    )
    const listed = await admin.listUsers({ page: 1, perPage: 2 })
    expect(listed.error).toBeNull()
    expect(listed.data.users).toHaveLength(2)
    expect((listed.data as any).total).toBe(total)
    expect((listed.data as any).nextPage).toBe(2)
    const bad = await authFetch(s, '/admin/users?page=abc', { token: s.serviceRoleKey })
    expect(bad.body.code).toBe('validation_failed')
  })

  it('invites by email; the invite link confirms and signs in', async () => {
    const email = uniqueEmail('invited')
    const { data, error } = await s.admin().auth.admin.inviteUserByEmail(email, {
      data: { full_name: 'Invitée' }, redirectTo: 'http://127.0.0.1:3000/bienvenue',
    })
    expect(error).toBeNull()
    expect(data.user!.invited_at).toBeTruthy()
    expect(data.user!.email_confirmed_at).toBeUndefined()
    const mail = await lastMail(s, email)
    expect(mail.subject).toBe('Vous avez reçu une invitation')
    const parts = mailParts(mail)
    expect(parts.tokenHashUrl).toBe(`http://127.0.0.1:3000/bienvenue?token_hash=${parts.tokenHash}&type=invite`)
    const verified = await s.client().auth.verifyOtp({ token_hash: parts.tokenHash, type: 'invite' })
    expect(verified.error).toBeNull()
    expect(verified.data.user!.email_confirmed_at).toBeTruthy()
    const again = await s.admin().auth.admin.inviteUserByEmail(email)
    expect(again.error).toMatchObject({ status: 422, code: 'email_exists' })
  })

  it('generates links of every type without sending email', async () => {
    const admin = s.admin().auth.admin
    const existing = await signedIn()
    const before = (await mailsTo(s, existing.email)).length

    const magic = await admin.generateLink({ type: 'magiclink', email: existing.email })
    expect(magic.error).toBeNull()
    expect(magic.data.properties).toMatchObject({ verification_type: 'magiclink', redirect_to: 'http://127.0.0.1:3000' })
    expect(magic.data.properties!.email_otp).toMatch(/^\d{6}$/)
    expect(magic.data.properties!.action_link).toBe(
      `${s.apiUrl}/auth/v1/verify?token=${magic.data.properties!.hashed_token}&type=magiclink&redirect_to=${encodeURIComponent('http://127.0.0.1:3000')}`,
    )
    expect(magic.data.user!.id).toBe(existing.user.id)
    const viaCode = await s.client().auth.verifyOtp({ email: existing.email, token: magic.data.properties!.email_otp, type: 'magiclink' })
    expect(viaCode.error).toBeNull()

    const recovery = await admin.generateLink({ type: 'recovery', email: existing.email })
    expect(recovery.data.properties!.verification_type).toBe('recovery')
    const link = await fetch(recovery.data.properties!.action_link, { redirect: 'manual' })
    expect(new URLSearchParams(link.headers.get('location')!.split('#')[1]).get('type')).toBe('recovery')

    const fresh = uniqueEmail('gen-signup')
    const signup = await admin.generateLink({ type: 'signup', email: fresh, password: PASSWORD })
    expect(signup.data.user!.email_confirmed_at).toBeUndefined()
    const confirmed = await s.client().auth.verifyOtp({ token_hash: signup.data.properties!.hashed_token, type: 'signup' })
    expect(confirmed.error).toBeNull()

    const unknownMagic = await admin.generateLink({ type: 'magiclink', email: uniqueEmail('gen-magic') })
    expect(unknownMagic.data.properties!.verification_type).toBe('signup')

    const invite = await admin.generateLink({ type: 'invite', email: uniqueEmail('gen-invite') })
    expect(invite.data.user!.invited_at).toBeTruthy()

    const target = uniqueEmail('gen-new')
    const change = await admin.generateLink({ type: 'email_change_new', email: existing.email, newEmail: target })
    expect(change.error).toBeNull()
    expect(change.data.properties!.action_link).toContain('type=email_change')
    expect((change.data.user as any).new_email).toBe(target.toLowerCase())

    const missing = await admin.generateLink({ type: 'recovery', email: uniqueEmail('nobody') })
    expect(missing.error).toMatchObject({ status: 404, code: 'user_not_found' })
    expect((await mailsTo(s, existing.email)).length).toBe(before)
  })
})
