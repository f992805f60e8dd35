// POST /verify (verifyOtp) and GET /verify (the link in the email), as
// api/verify.go.
//
// POST takes {type, email, token} (the 6-digit code) or {type, token_hash}
// and answers with a session. GET takes ?token=<hash>&type=&redirect_to= and
// answers 303: implicit flow → tokens in the URL fragment; PKCE flow (token
// starting with "pkce_") → ?code=<auth code> for exchangeCodeForSession.
// Failures of GET are redirects too, with error, error_code and
// error_description in the fragment (and in the query for PKCE).
import type { ServiceContext } from '../context.ts'
import { withTx, type Db } from './db.ts'
import { AuthError, badRequest, forbidden, unprocessable } from './errors.ts'
import { tokenHash } from './mail.ts'
import { readParams, str } from './params.ts'
import { hashPassword } from './passwords.ts'
import { issueAuthCode } from './pkce.ts'
import { clientInfo, redirectTo as referrerOf, validateEmail, type AuthContext } from './request.ts'
import { issueSession, secureAlphanumeric, type ClientInfo, type TokenResponse } from './sessions.ts'
import {
  clearOneTimeTokens, confirmEmail, createIdentity, findUserByEmail, findUserById, hasPassword, isBanned, isConfirmed,
  markEmailIdentityVerified, refreshProviders, type UserRow,
} from './users.ts'

const SINGLE_CONFIRMATION = 'Confirmation link accepted. Please proceed to confirm link sent to the other email'
const LINK_INVALID = 'Email link is invalid or has expired'
const TOKEN_INVALID = 'Token has expired or is invalid'

/** The auth.users column that holds the token and the one that dates it, per type. */
const TYPE_COLUMNS: Record<string, { token: string[]; sentAt: string }> = {
  signup: { token: ['confirmation_token'], sentAt: 'confirmation_sent_at' },
  invite: { token: ['confirmation_token'], sentAt: 'confirmation_sent_at' },
  recovery: { token: ['recovery_token'], sentAt: 'recovery_sent_at' },
  magiclink: { token: ['recovery_token'], sentAt: 'recovery_sent_at' },
  email_change: { token: ['email_change_token_current', 'email_change_token_new'], sentAt: 'email_change_sent_at' },
}

interface VerifyState {
  type: string
  token: string
  hash: string
}

function otpExpired(ctx: ServiceContext, sentAt: string | null): boolean {
  return !sentAt || Date.parse(sentAt) + ctx.config.auth.otpExpiry * 1000 < Date.now()
}

/** verifyTokenHash: find the user by the stored token; `email` resolves to signup or magiclink. */
async function userByTokenHash(ctx: ServiceContext, db: Db, v: VerifyState): Promise<UserRow> {
  let columns: string[]
  if (v.type === 'email') columns = ['confirmation_token', 'recovery_token']
  else if (TYPE_COLUMNS[v.type]) columns = TYPE_COLUMNS[v.type].token
  else throw badRequest('validation_failed', 'Invalid email verification type')
  const where = columns.map((col) => `${col} = $1`).join(' or ')
  const r = await db.query(`select id from auth.users where (${where}) limit 1`, [v.hash])
  const user = r.rows[0] ? await findUserById(db, r.rows[0].id) : null
  if (!user) throw forbidden('otp_expired', LINK_INVALID)
  if (isBanned(user)) throw forbidden('user_banned', 'User is banned')
  if (v.type === 'email') {
    v.type = user.recovery_token === v.hash ? 'magiclink' : 'signup'
  }
  const sentAt = (user as unknown as Record<string, string | null>)[TYPE_COLUMNS[v.type].sentAt]
  if (otpExpired(ctx, sentAt)) throw forbidden('otp_expired', LINK_INVALID)
  return user
}

/** verifyUserAndToken: email + 6-digit code. */
async function userByEmailAndCode(ctx: ServiceContext, db: Db, v: VerifyState, email: string): Promise<UserRow> {
  let user: UserRow | null
  if (v.type === 'email_change') {
    const r = await db.query(
      `select id from auth.users where (lower(email) = $1 or lower(email_change) = $1) and is_sso_user = false
        order by coalesce(lower(email_change) = $1, false) desc limit 1`,
      [email],
    )
    user = r.rows[0] ? await findUserById(db, r.rows[0].id) : null
  } else {
    user = await findUserByEmail(db, email)
  }
  if (!user) throw forbidden('otp_expired', TOKEN_INVALID)
  if (isBanned(user)) throw forbidden('user_banned', 'User is banned')
  const row = user as unknown as Record<string, string | null>
  const valid = (tokenCol: string, sentCol: string) => {
    const expected = row[tokenCol]
    return !!expected && !otpExpired(ctx, row[sentCol]) && (expected === v.hash || expected === `pkce_${v.hash}`)
  }
  let ok = false
  switch (v.type) {
    case 'email':
      if (valid('confirmation_token', 'confirmation_sent_at')) {
        ok = true
        v.type = 'signup'
      } else if (valid('recovery_token', 'recovery_sent_at')) {
        ok = true
        v.type = 'magiclink'
      }
      break
    case 'signup':
    case 'invite':
      ok = valid('confirmation_token', 'confirmation_sent_at')
      break
    case 'recovery':
    case 'magiclink':
      ok = valid('recovery_token', 'recovery_sent_at')
      break
    case 'email_change': {
      // The hash was computed with the address the code was sent to.
      const newHash = tokenHash(email, v.token)
      ok = [row.email_change_token_current, row.email_change_token_new].some(
        (t) => !!t && (t === newHash || t === `pkce_${newHash}`),
      ) && !otpExpired(ctx, row.email_change_sent_at)
      if (ok) v.hash = [row.email_change_token_current, row.email_change_token_new].find((t) => t?.endsWith(newHash))!
      break
    }
  }
  if (!ok) throw forbidden('otp_expired', TOKEN_INVALID)
  return user
}

/** signupVerify: confirm the address (invited users without password get a random one). */
async function signupVerify(db: Db, user: UserRow) {
  if (!hasPassword(user) && user.invited_at) {
    const hash = await hashPassword(secureAlphanumeric(64))
    await db.query(`update auth.users set encrypted_password = $2, updated_at = now() where id = $1`, [user.id, hash])
  }
  await confirmEmail(db, user.id)
  await markEmailIdentityVerified(db, user.id, user.email)
}

/** recoverVerify: consume the recovery token; confirm the address if needed. */
async function recoverVerify(db: Db, user: UserRow) {
  await db.query(`update auth.users set recovery_token = '', updated_at = now() where id = $1`, [user.id])
  await clearOneTimeTokens(db, user.id)
  if (!isConfirmed(user)) await confirmEmail(db, user.id)
}

/**
 * emailChangeVerify. With secure email change (hosted default) and
 * confirmations on, the first link only records the confirmation; the second
 * one switches the address. Under autoconfirm one link is enough.
 * Returns false when only the first half was confirmed.
 */
async function emailChangeVerify(ctx: ServiceContext, db: Db, user: UserRow, v: VerifyState): Promise<boolean> {
  if (ctx.config.auth.enableConfirmations && (user.email_change_confirm_status ?? 0) === 0 && user.email) {
    const column =
      user.email_change_token_current === v.hash ? 'email_change_token_current'
        : user.email_change_token_new === v.hash ? 'email_change_token_new' : null
    await db.query(
      `update auth.users set email_change_confirm_status = 1, updated_at = now()${column ? `, ${column} = ''` : ''} where id = $1`,
      [user.id],
    )
    if (column) await clearOneTimeTokens(db, user.id, column)
    return false
  }
  const newEmail = (user.email_change ?? '').toLowerCase()
  const identity = await db.query(`select id from auth.identities where provider = 'email' and provider_id = $1`, [user.id])
  if (identity.rows.length) {
    await db.query(
      `update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text, 'email_verified', true),
              updated_at = now() where id = $1`,
      [identity.rows[0].id, newEmail],
    )
  } else {
    await createIdentity(db, user.id, 'email', { sub: user.id, email: newEmail, email_verified: true, phone_verified: false })
  }
  await db.query(
    `update auth.users set email = $2, email_change = '', email_change_token_current = '', email_change_token_new = '',
            email_change_confirm_status = 0, is_anonymous = false, updated_at = now() where id = $1`,
    [user.id, newEmail],
  )
  await clearOneTimeTokens(db, user.id)
  if (!isConfirmed(user)) await confirmEmail(db, user.id)
  return true
}

type Verified = { user: UserRow; done: true } | { user: UserRow; done: false }

/** The part of Verify shared by GET and POST: consume the token and update the user. */
async function applyVerification(ctx: ServiceContext, db: Db, user: UserRow, v: VerifyState): Promise<Verified> {
  switch (v.type) {
    case 'signup':
    case 'invite':
      await signupVerify(db, user)
      break
    case 'recovery':
    case 'magiclink':
      await recoverVerify(db, user)
      break
    case 'email_change':
      if (!(await emailChangeVerify(ctx, db, user, v))) return { user, done: false }
      break
    default:
      throw badRequest('validation_failed', 'Unsupported verification type')
  }
  await refreshProviders(db, user.id)
  return { user: (await findUserById(db, user.id))!, done: true }
}

export async function verifyPost(ctx: ServiceContext, c: AuthContext): Promise<Response> {
  const p = await readParams(c)
  const v: VerifyState = { type: str(p, 'type'), token: str(p, 'token'), hash: str(p, 'token_hash') }
  let email = str(p, 'email')
  const phone = str(p, 'phone')
  if (!v.type) throw badRequest('validation_failed', 'Verify requires a verification type')
  if ((v.token === '' && v.hash === '') || (v.token !== '' && v.hash !== '')) {
    throw badRequest('validation_failed', 'Verify requires either a token or a token hash')
  }
  if (v.token) {
    if (phone && !email) throw badRequest('phone_provider_disabled', 'Unsupported phone provider')
    if (!(email && !phone)) {
      throw badRequest('validation_failed', 'Only an email address or phone number should be provided on verify')
    }
    try {
      email = validateEmail(email)
    } catch {
      throw unprocessable('validation_failed', 'Invalid email format')
    }
    v.hash = tokenHash(email, v.token)
  } else if (email || phone || str(p, 'redirect_to')) {
    throw badRequest('validation_failed', 'Only the token_hash and type should be provided')
  }
  if (v.type === 'sms' || v.type === 'phone_change') throw forbidden('otp_expired', TOKEN_INVALID)
  const client = clientInfo(c)
  const result = await withTx(ctx.db.authAdmin, async (db): Promise<TokenResponse | null> => {
    const user = v.token ? await userByEmailAndCode(ctx, db, v, email) : await userByTokenHash(ctx, db, v)
    const verified = await applyVerification(ctx, db, user, v)
    if (!verified.done) return null
    return issueSession(ctx, db, verified.user.id, 'otp', client)
  })
  if (!result) return c.json({ msg: SINGLE_CONFIRMATION, code: '200' })
  return c.json(result)
}

/** Go's url.Values.Encode: keys sorted, form encoding. */
function encodeSorted(values: Record<string, string>): string {
  const params = new URLSearchParams()
  for (const k of Object.keys(values).sort()) params.set(k, values[k])
  return params.toString()
}

const OAUTH_ERROR: Record<number, string> = {
  400: 'invalid_request', 401: 'unauthorized_client', 403: 'access_denied', 500: 'server_error', 503: 'temporarily_unavailable',
}

function errorRedirect(base: string, err: AuthError, pkce: boolean): string {
  const values: Record<string, string> = { error_code: err.code, error_description: err.message }
  if (OAUTH_ERROR[err.status]) values.error = OAUTH_ERROR[err.status]
  let url: URL
  try {
    url = new URL(base)
  } catch {
    return base
  }
  if (pkce) {
    for (const [k, v] of Object.entries(values)) url.searchParams.set(k, v)
    url.searchParams.sort()
  }
  url.hash = encodeSorted({ ...values, sb: '' })
  return url.toString()
}

/** The authentication method a PKCE flow state was stored under, per link type. */
const FLOW_METHOD: Record<string, string> = {
  signup: 'email/signup', invite: 'invite', magiclink: 'magiclink', recovery: 'recovery', email_change: 'email_change',
}

export async function verifyGet(ctx: ServiceContext, c: AuthContext): Promise<Response> {
  const v: VerifyState = { type: c.req.query('type') ?? '', token: c.req.query('token') ?? '', hash: '' }
  if (!v.type) throw badRequest('validation_failed', 'Verify requires a verification type')
  if (!v.token) throw badRequest('validation_failed', 'Verify requires a token or a token hash')
  v.hash = v.token
  const target = referrerOf(ctx, c)
  const pkce = v.token.startsWith('pkce_')
  const client: ClientInfo = clientInfo(c)
  let location: string
  try {
    location = await withTx(ctx.db.authAdmin, async (db) => {
      const user = await userByTokenHash(ctx, db, v)
      const verified = await applyVerification(ctx, db, user, v)
      if (!verified.done) {
        const url = new URL(target)
        if (pkce) url.searchParams.set('message', SINGLE_CONFIRMATION)
        url.hash = encodeSorted({ message: SINGLE_CONFIRMATION })
        return url.toString()
      }
      if (pkce) {
        const code = await issueAuthCode(db, verified.user.id, FLOW_METHOD[v.type])
        const url = new URL(target)
        url.searchParams.set('code', code)
        url.searchParams.sort()
        return url.toString()
      }
      const session = await issueSession(ctx, db, verified.user.id, 'otp', client)
      return `${target}#${encodeSorted({
        access_token: session.access_token,
        expires_at: String(session.expires_at),
        expires_in: String(session.expires_in),
        refresh_token: session.refresh_token,
        sb: '',
        token_type: 'bearer',
        type: v.type,
      })}`
    })
  } catch (e) {
    if (!(e instanceof AuthError)) throw e
    location = errorRedirect(target, e, pkce)
  }
  return c.redirect(location, 303)
}
