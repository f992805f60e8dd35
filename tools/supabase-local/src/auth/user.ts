// GET /user, PUT /user and POST /logout (api/user.go, api/logout.go).
import type { ServiceContext } from '../context.ts'
import { withTx, type Db } from './db.ts'
import { badRequest, forbidden, unprocessable } from './errors.ts'
import { sendEmailChange } from './flows.ts'
import { obj, optStr, readParams, str } from './params.ts'
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords.ts'
import { createFlowState, pkceParams } from './pkce.ts'
import { redirectTo, requireUser, validateEmail, type AuthContext } from './request.ts'
import { logout as logoutSessions, logoutEverywhere } from './sessions.ts'
import { clearOneTimeTokens, findUserByEmail, findUserById, mergeAppMetaData, mergeUserMetaData, renderUser } from './users.ts'

export async function getUser(ctx: ServiceContext, c: AuthContext): Promise<Response> {
  const { user } = await requireUser(ctx, c, ctx.db.authAdmin)
  return c.json(renderUser(user))
}

/**
 * User.UpdatePassword: stores the hash, drops every pending token, and signs
 * the user out of all other sessions (all sessions when no session is given,
 * as for an admin update).
 */
export async function updatePassword(db: Db, userId: string, hash: string, keepSessionId: string | null) {
  await db.query(
    `update auth.users set encrypted_password = $2,
            confirmation_token = '', confirmation_sent_at = null, recovery_token = '', recovery_sent_at = null,
            email_change_token_current = '', email_change_token_new = '', email_change_sent_at = null,
            phone_change_token = '', phone_change_sent_at = null,
            reauthentication_token = '', reauthentication_sent_at = null, updated_at = now()
      where id = $1`,
    [userId, hash],
  )
  await clearOneTimeTokens(db, userId)
  if (keepSessionId) await logoutSessions(db, 'others', userId, keepSessionId)
  else await logoutEverywhere(db, userId)
}

export async function updateUser(ctx: ServiceContext, c: AuthContext): Promise<Response> {
  const { user, sessionId } = await requireUser(ctx, c, ctx.db.authAdmin)
  const p = await readParams(c)
  let email = str(p, 'email')
  const password = optStr(p, 'password')
  const data = obj(p, 'data')
  const appData = obj(p, 'app_metadata')
  if (email) email = validateEmail(email)
  if (str(p, 'phone')) throw badRequest('validation_failed', 'Unsupported phone provider')
  if (password !== undefined) checkPasswordStrength(ctx.config.auth, password)
  // GoTrue's isAdmin: the user's own role column must be the admin group ("admin").
  if (appData && user.role !== 'admin') {
    throw forbidden('not_admin', 'Updating app_metadata requires admin privileges')
  }
  const changingEmail = !!email && email !== (user.email ?? '')
  if (changingEmail) {
    const other = await findUserByEmail(ctx.db.authAdmin, email)
    if (other && other.id !== user.id) {
      throw unprocessable('email_exists', 'A user with this email address has already been registered')
    }
  }
  const pkce = changingEmail ? pkceParams(p) : null
  let newHash: string | null = null
  if (password !== undefined) {
    if (password && (await verifyPassword(password, user.encrypted_password))) {
      throw unprocessable('same_password', 'New password should be different from the old password.')
    }
    newHash = password ? await hashPassword(password) : ''
  }
  const target = redirectTo(ctx, c)
  const updated = await withTx(ctx.db.authAdmin, async (db) => {
    if (newHash !== null) await updatePassword(db, user.id, newHash, sessionId)
    if (data) await mergeUserMetaData(db, user.id, data)
    if (appData) await mergeAppMetaData(db, user.id, appData)
    if (changingEmail) {
      if (pkce) await createFlowState(db, user.id, 'email_change', 'email_change', pkce)
      const fresh = (await findUserById(db, user.id))!
      await sendEmailChange({ ctx, db, user: fresh, pkce: !!pkce, redirectTo: target }, email)
    }
    return (await findUserById(db, user.id))!
  })
  return c.json(renderUser(updated))
}

export async function logout(ctx: ServiceContext, c: AuthContext): Promise<Response> {
  const { user, sessionId } = await requireUser(ctx, c, ctx.db.authAdmin)
  const scopeParam = c.req.query('scope') ?? ''
  const scope = scopeParam === '' ? 'global' : scopeParam
  if (scope !== 'global' && scope !== 'local' && scope !== 'others') {
    throw badRequest('validation_failed', `Unsupported logout scope "${scopeParam}"`)
  }
  await withTx(ctx.db.authAdmin, (db) => logoutSessions(db, scope, user.id, sessionId))
  return c.body(null, 204)
}
