// POST /signup (api/signup.go).
//
// With confirmations off (the CLI default, "autoconfirm") the answer is a
// session; with confirmations on it is the user, and a confirmation email is
// sent (PKCE-aware). Signing up again with a confirmed address gives
// 422 user_already_exists under autoconfirm, and an obfuscated fake user
// (200) when confirmations are on, so addresses cannot be enumerated.
import { randomUUID } from 'node:crypto'
import type { ServiceContext } from '../context.ts'
import { withTx } from './db.ts'
import { badRequest, unprocessable } from './errors.ts'
import { sendConfirmation } from './flows.ts'
import { obj, readParams, str } from './params.ts'
import { checkPasswordStrength, hashPassword } from './passwords.ts'
import { createFlowState, pkceParams, type PkceChallenge } from './pkce.ts'
import { clientInfo, redirectTo, validateEmail, type AuthContext } from './request.ts'
import { issueSession, type ClientInfo } from './sessions.ts'
import { confirmEmail, createEmailUser, findUserByEmail, findUserById, isConfirmed, renderUser, type UserRow } from './users.ts'

export interface SignupInput {
  email: string
  passwordHash: string
  data: Record<string, unknown>
  pkce: PkceChallenge | null
  redirectTo: string
  client: ClientInfo
  /** The magic-link path signs new users up but does not want a session. */
  wantSession: boolean
}

export type SignupOutcome =
  | { kind: 'session'; body: Record<string, unknown> }
  | { kind: 'user'; user: UserRow }
  | { kind: 'exists'; user: UserRow }

/** The body of GoTrue's Signup, shared with the magic link's "new user" path. */
export async function runSignup(ctx: ServiceContext, input: SignupInput): Promise<SignupOutcome> {
  if (!ctx.config.auth.enableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance')
  const autoconfirm = !ctx.config.auth.enableConfirmations
  return withTx(ctx.db.authAdmin, async (db) => {
    let user = await findUserByEmail(db, input.email)
    if (user) {
      if (isConfirmed(user)) return { kind: 'exists', user } as const
      // Unconfirmed: GoTrue does not touch the row (the claimed identity is
      // unproven) and simply sends the confirmation again.
    } else {
      user = await createEmailUser(db, { email: input.email, passwordHash: input.passwordHash, data: input.data })
    }
    if (!isConfirmed(user)) {
      if (autoconfirm) {
        await confirmEmail(db, user.id)
      } else {
        if (input.pkce) await createFlowState(db, user.id, 'email/signup', 'email', input.pkce)
        await sendConfirmation({ ctx, db, user, pkce: !!input.pkce, redirectTo: input.redirectTo })
      }
    }
    user = (await findUserById(db, user.id))!
    if (isConfirmed(user) && input.wantSession) {
      const session = await issueSession(ctx, db, user.id, 'password', input.client)
      return { kind: 'session', body: session as unknown as Record<string, unknown> }
    }
    return { kind: 'user', user }
  })
}

/** sanitizeUser: what a repeated sign-up sees when confirmations are on. */
function sanitizedUser(user: UserRow, data: Record<string, unknown>): Record<string, unknown> {
  const now = new Date().toISOString()
  const out = renderUser(user)
  for (const k of ['email_confirmed_at', 'confirmed_at', 'phone_confirmed_at', 'last_sign_in_at']) delete out[k]
  return {
    ...out,
    id: randomUUID(),
    phone: '',
    confirmation_sent_at: now,
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: data,
    identities: [],
    created_at: now,
    updated_at: now,
  }
}

export async function signup(ctx: ServiceContext, c: AuthContext): Promise<Response> {
  if (!ctx.config.auth.enableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance')
  const p = await readParams(c)
  const email = str(p, 'email')
  const phone = str(p, 'phone')
  const password = str(p, 'password')
  const data = obj(p, 'data') ?? {}
  if (!email && !phone) throw unprocessable('anonymous_provider_disabled', 'Anonymous sign-ins are disabled')
  if (!password) throw badRequest('validation_failed', 'Signup requires a valid password')
  checkPasswordStrength(ctx.config.auth, password)
  if (email && phone) {
    throw badRequest('validation_failed', 'Only an email address or phone number should be provided on signup.')
  }
  const pkce = pkceParams(p)
  if (phone) throw badRequest('phone_provider_disabled', 'Phone signups are disabled')
  const normalized = validateEmail(email)
  const outcome = await runSignup(ctx, {
    email: normalized,
    passwordHash: await hashPassword(password),
    data,
    pkce,
    redirectTo: redirectTo(ctx, c),
    client: clientInfo(c),
    wantSession: true,
  })
  if (outcome.kind === 'exists') {
    if (!ctx.config.auth.enableConfirmations) throw unprocessable('user_already_exists', 'User already registered')
    return c.json(sanitizedUser(outcome.user, data))
  }
  if (outcome.kind === 'session') return c.json(outcome.body)
  return c.json(renderUser(outcome.user))
}
