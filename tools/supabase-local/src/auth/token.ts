// POST /token?grant_type=password|refresh_token|pkce (api/token.go).
import type { ServiceContext } from '../context.ts'
import { withTx } from './db.ts'
import { badRequest, oauthError, unprocessable } from './errors.ts'
import { readParams, str } from './params.ts'
import { passwordWeakness, verifyPassword } from './passwords.ts'
import { pkceGrant } from './pkce.ts'
import { clientInfo, type AuthContext } from './request.ts'
import { issueSession, refreshGrant } from './sessions.ts'
import { findUserByEmail, isBanned, isConfirmed } from './users.ts'

const INVALID_LOGIN = 'Invalid login credentials'

export async function token(ctx: ServiceContext, c: AuthContext): Promise<Response> {
  const grantType = c.req.query('grant_type') ?? ''
  switch (grantType) {
    case 'password':
      return c.json(await passwordGrant(ctx, c))
    case 'refresh_token': {
      const p = await readParams(c)
      return c.json(await refreshGrant(ctx, str(p, 'refresh_token'), clientInfo(c)))
    }
    case 'pkce':
      return c.json(await pkceGrant(ctx, await readParams(c), clientInfo(c)))
    default:
      throw oauthError('unsupported_grant_type', '')
  }
}

async function passwordGrant(ctx: ServiceContext, c: AuthContext) {
  const p = await readParams(c)
  const email = str(p, 'email')
  const phone = str(p, 'phone')
  const password = str(p, 'password')
  if (email && phone) {
    throw badRequest('validation_failed', 'Only an email address or phone number should be provided on login.')
  }
  if (!email && !phone) throw badRequest('validation_failed', 'missing email or phone')
  if (phone) throw unprocessable('phone_provider_disabled', 'Phone logins are disabled')

  const user = await findUserByEmail(ctx.db.authAdmin, email)
  if (!user) throw badRequest('invalid_credentials', INVALID_LOGIN)
  if (isBanned(user)) throw badRequest('user_banned', 'User is banned')
  // bcrypt outside any transaction, as GoTrue does (it is slow on purpose).
  if (!(await verifyPassword(password, user.encrypted_password))) throw badRequest('invalid_credentials', INVALID_LOGIN)
  if (!isConfirmed(user)) throw badRequest('email_not_confirmed', 'Email not confirmed')

  const session = await withTx(ctx.db.authAdmin, (db) => issueSession(ctx, db, user.id, 'password', clientInfo(c)))
  // A valid password that no longer meets the policy signs in but is reported.
  const weak = passwordWeakness(ctx.config.auth, password)
  if (weak) session.weak_password = weak
  return session
}
