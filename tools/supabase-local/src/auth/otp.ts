// Passwordless and recovery emails: POST /otp (magic link + code),
// POST /magiclink (legacy), POST /recover, POST /resend — api/otp.go,
// magic_link.go, recover.go, resend.go.
import type { ServiceContext } from '../context.ts'
import { withTx } from './db.ts'
import { badRequest, unprocessable } from './errors.ts'
import { sendConfirmation, sendEmailChange, sendMagicLink, sendRecovery } from './flows.ts'
import { bool, obj, readParams, str, type Params } from './params.ts'
import { hashPassword } from './passwords.ts'
import { createFlowState, pkceParams } from './pkce.ts'
import { clientInfo, redirectTo, validateEmail, type AuthContext } from './request.ts'
import { secureAlphanumeric } from './sessions.ts'
import { runSignup } from './signup.ts'
import { findUserByEmail, findUserById, isConfirmed } from './users.ts'

export async function otp(ctx: ServiceContext, c: AuthContext): Promise<Response> {
  const p = await readParams(c)
  let email = str(p, 'email')
  const phone = str(p, 'phone')
  const createUser = bool(p, 'create_user', true)
  const channel = str(p, 'channel')
  if (email && phone) throw badRequest('validation_failed', 'Only an email address or phone number should be provided')
  if (email && channel) throw badRequest('validation_failed', 'Channel should only be specified with Phone OTP')
  pkceParams(p)
  if (!createUser && (email || phone)) {
    if (phone) throw unprocessable('otp_disabled', 'Signups not allowed for otp')
    email = validateEmail(email)
    if (!(await findUserByEmail(ctx.db.authAdmin, email))) {
      throw unprocessable('otp_disabled', 'Signups not allowed for otp')
    }
  }
  if (email) return magicLinkFor(ctx, c, p)
  if (phone) throw badRequest('phone_provider_disabled', 'Unsupported phone provider')
  throw badRequest('validation_failed', 'One of email or phone must be set')
}

export async function magicLink(ctx: ServiceContext, c: AuthContext): Promise<Response> {
  return magicLinkFor(ctx, c, await readParams(c))
}

/**
 * MagicLink: an unknown or unconfirmed address is first signed up with a
 * random password. Under autoconfirm the magic link is then sent; with
 * confirmations on, the confirmation email (which logs in too) is the email.
 */
async function magicLinkFor(ctx: ServiceContext, c: AuthContext, p: Params): Promise<Response> {
  const raw = str(p, 'email')
  if (!raw) throw unprocessable('validation_failed', 'Password recovery requires an email')
  const email = validateEmail(raw)
  const pkce = pkceParams(p)
  const data = obj(p, 'data') ?? {}
  const target = redirectTo(ctx, c)

  let user = await findUserByEmail(ctx.db.authAdmin, email)
  if (!user || !isConfirmed(user)) {
    const outcome = await runSignup(ctx, {
      email,
      passwordHash: await hashPassword(secureAlphanumeric(33)),
      data,
      pkce,
      redirectTo: target,
      client: clientInfo(c),
      wantSession: false,
    })
    if (ctx.config.auth.enableConfirmations || outcome.kind === 'session') return c.json({})
    user = outcome.user
  }
  const confirmed = user
  await withTx(ctx.db.authAdmin, async (db) => {
    if (pkce) await createFlowState(db, confirmed.id, 'magiclink', 'magiclink', pkce)
    const fresh = (await findUserById(db, confirmed.id))!
    await sendMagicLink({ ctx, db, user: fresh, pkce: !!pkce, redirectTo: target })
  })
  return c.json({})
}

/** POST /recover: always 200 {} (no account enumeration); 429 when asked too often. */
export async function recover(ctx: ServiceContext, c: AuthContext): Promise<Response> {
  const p = await readParams(c)
  const raw = str(p, 'email')
  if (!raw) throw unprocessable('validation_failed', 'Password recovery requires an email')
  const email = validateEmail(raw)
  const pkce = pkceParams(p)
  const target = redirectTo(ctx, c)
  await withTx(ctx.db.authAdmin, async (db) => {
    const user = await findUserByEmail(db, email)
    if (!user) return
    if (pkce) await createFlowState(db, user.id, 'recovery', 'recovery', pkce)
    await sendRecovery({ ctx, db, user, pkce: !!pkce, redirectTo: target })
  })
  return c.json({})
}

/** POST /resend: signup confirmation or email change, implicit flow (as GoTrue). */
export async function resend(ctx: ServiceContext, c: AuthContext): Promise<Response> {
  const p = await readParams(c)
  const type = str(p, 'type')
  const rawEmail = str(p, 'email')
  const phone = str(p, 'phone')
  if (!['signup', 'email_change', 'sms', 'phone_change'].includes(type)) {
    throw badRequest('validation_failed', 'Missing one of these types: signup, email_change, sms, phone_change')
  }
  if (!rawEmail && type === 'signup') throw badRequest('validation_failed', 'Type provided requires an email address')
  if (!phone && type === 'sms') throw badRequest('validation_failed', 'Type provided requires a phone number')
  if (rawEmail && phone) throw badRequest('validation_failed', 'Only an email address or phone number should be provided.')
  if (phone) throw badRequest('phone_provider_disabled', 'Phone logins are disabled')
  if (!rawEmail) throw badRequest('validation_failed', 'Missing email address or phone number')
  const email = validateEmail(rawEmail)
  const target = redirectTo(ctx, c)
  await withTx(ctx.db.authAdmin, async (db) => {
    const user = await findUserByEmail(db, email)
    if (!user) return
    if (type === 'signup') {
      if (isConfirmed(user)) return
      await sendConfirmation({ ctx, db, user, pkce: false, redirectTo: target })
    } else if (type === 'email_change') {
      if (!user.email_change) return
      await sendEmailChange({ ctx, db, user, pkce: false, redirectTo: target }, user.email_change)
    }
  })
  return c.json({})
}
