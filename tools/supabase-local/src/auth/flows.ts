// The emails that carry a one-time token, each bound to the auth.users
// columns GoTrue keeps it in (api/mail.go): confirmation_token for sign-up
// and invites, recovery_token for recovery and magic links, the two
// email_change_token_* for an email change. The `*_sent_at` column of each
// drives the per-address rate limit (SMTP max_frequency) and the expiry.
import type { ServiceContext } from '../context.ts'
import type { Db } from './db.ts'
import { checkFrequency, generateOtp, sendAuthEmail, tokenHash, withFlowPrefix, type EmailKind } from './mail.ts'
import { recordOneTimeToken, type UserRow } from './users.ts'

interface Target {
  ctx: ServiceContext
  db: Db
  user: UserRow
  pkce: boolean
  redirectTo: string
}

async function sendTokenEmail(
  t: Target,
  kind: EmailKind,
  tokenColumn: 'confirmation_token' | 'recovery_token',
  sentColumn: 'confirmation_sent_at' | 'recovery_sent_at',
  ottType: 'confirmation_token' | 'recovery_token',
  extraSet = '',
) {
  const email = t.user.email ?? ''
  const otp = generateOtp(t.ctx.config.auth.otpLength)
  const hash = withFlowPrefix(tokenHash(email, otp), t.pkce)
  await sendAuthEmail(t.ctx, {
    to: email, kind, otp, hash, redirectTo: t.redirectTo, siteUrl: t.ctx.config.auth.siteUrl, email,
  })
  await t.db.query(
    `update auth.users set ${tokenColumn} = $2, ${sentColumn} = now(), updated_at = now() ${extraSet} where id = $1`,
    [t.user.id, hash],
  )
  await recordOneTimeToken(t.db, t.user.id, ottType, hash, email)
}

/** sendConfirmation (sign-up). */
export async function sendConfirmation(t: Target) {
  checkFrequency(t.ctx, t.user.confirmation_sent_at)
  await sendTokenEmail(t, 'signup', 'confirmation_token', 'confirmation_sent_at', 'confirmation_token')
}

/** sendInvite: no rate limit, implicit flow, stamps invited_at. */
export async function sendInvite(t: Omit<Target, 'pkce'>) {
  await sendTokenEmail({ ...t, pkce: false }, 'invite', 'confirmation_token', 'confirmation_sent_at', 'confirmation_token', ', invited_at = now()')
}

/** sendMagicLink: a magic link reuses the recovery token and its timer. */
export async function sendMagicLink(t: Target) {
  checkFrequency(t.ctx, t.user.recovery_sent_at)
  await sendTokenEmail(t, 'magiclink', 'recovery_token', 'recovery_sent_at', 'recovery_token')
}

/** sendPasswordRecovery. */
export async function sendRecovery(t: Target) {
  checkFrequency(t.ctx, t.user.recovery_sent_at)
  await sendTokenEmail(t, 'recovery', 'recovery_token', 'recovery_sent_at', 'recovery_token')
}

/**
 * sendEmailChange with secure email change (the hosted and CLI default): one
 * email to the new address and one to the current address, each with its own
 * code and token.
 */
export async function sendEmailChange(t: Target, newEmail: string) {
  checkFrequency(t.ctx, t.user.email_change_sent_at)
  const { ctx, db, user } = t
  const otpNew = generateOtp(ctx.config.auth.otpLength)
  const tokenNew = withFlowPrefix(tokenHash(newEmail, otpNew), t.pkce)
  const current = user.email ?? ''
  let otpCurrent = ''
  let tokenCurrent = ''
  if (current) {
    otpCurrent = generateOtp(ctx.config.auth.otpLength)
    tokenCurrent = withFlowPrefix(tokenHash(current, otpCurrent), t.pkce)
  }
  const common = { kind: 'email_change' as const, redirectTo: t.redirectTo, siteUrl: ctx.config.auth.siteUrl, email: current, newEmail }
  await sendAuthEmail(ctx, { ...common, to: newEmail, otp: otpNew, hash: tokenNew })
  if (current) await sendAuthEmail(ctx, { ...common, to: current, otp: otpCurrent, hash: tokenCurrent })
  await db.query(
    `update auth.users set email_change = $2, email_change_token_new = $3, email_change_token_current = $4,
            email_change_sent_at = now(), email_change_confirm_status = 0, updated_at = now()
      where id = $1`,
    [user.id, newEmail, tokenNew, tokenCurrent],
  )
  await recordOneTimeToken(db, user.id, 'email_change_token_new', tokenNew, newEmail)
  if (current) await recordOneTimeToken(db, user.id, 'email_change_token_current', tokenCurrent, current)
}
