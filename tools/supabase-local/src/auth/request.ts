// Per-request helpers shared by the handlers: who is calling (bearer JWT,
// admin role), client info for the session row, email validation, redirect.
import { isIP } from 'node:net'
import type { Context } from 'hono'
import type { GatewayVariables, ServiceContext } from '../context.ts'
import type { JwtClaims, JwtFailure } from '../keys.ts'
import type { Db } from './db.ts'
import { AuthError, badRequest, forbidden } from './errors.ts'
import { referrer } from './redirect.ts'
import { findSession, type ClientInfo } from './sessions.ts'
import { findUserById, type UserRow } from './users.ts'

export type AuthContext = Context<{ Variables: GatewayVariables }>

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (s: string) => UUID_RE.test(s)

/** checkmail.ValidateFormat, the regexp GoTrue validates addresses with. */
const EMAIL_RE =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/

/** GoTrue's validateEmail: required, ≤ 255 chars, valid format; returns it lower-cased. */
export function validateEmail(email: string): string {
  if (!email) throw badRequest('validation_failed', 'An email address is required')
  if (email.length > 255) throw badRequest('validation_failed', 'An email address is too long')
  if (!EMAIL_RE.test(email)) throw badRequest('validation_failed', 'Unable to validate email address: invalid format')
  return email.toLowerCase()
}

export function redirectTo(ctx: ServiceContext, c: AuthContext): string {
  return referrer(ctx.config.auth, { header: (n) => c.req.header(n), query: (n) => c.req.query(n) })
}

/** User-Agent and client IP (X-Forwarded-For first, as GoTrue's GetIPAddress), stored on the session. */
export function clientInfo(c: AuthContext): ClientInfo {
  const userAgent = c.req.header('user-agent') || null
  let ip: string | null = null
  for (const candidate of (c.req.header('x-forwarded-for') ?? '').split(',')) {
    if (isIP(candidate.trim())) {
      ip = candidate.trim()
      break
    }
  }
  if (!ip) {
    const remote = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
      ?.remoteAddress
    if (remote && isIP(remote)) ip = remote.replace(/^::ffff:/, '')
  }
  return { userAgent, ip }
}

/** golang-jwt v5 wording of a verification failure, as GoTrue prints it. */
function goJwtError(e: JwtFailure): string {
  switch (e.kind) {
    case 'expired':
      return 'token has invalid claims: token is expired'
    case 'not_yet_valid':
      return /issued/i.test(e.message)
        ? 'token has invalid claims: token used before issued'
        : 'token has invalid claims: token is not valid yet'
    case 'signature':
      return /algorithm/i.test(e.message)
        ? 'token signature is invalid: signing method is invalid'
        : 'token signature is invalid: signature is invalid'
    default:
      return 'token is malformed: token contains an invalid number of segments'
  }
}

/** extractBearerToken + parseJWTClaims. */
async function verifiedClaims(ctx: ServiceContext, c: AuthContext): Promise<JwtClaims> {
  const bearer = c.get('bearer')
  if (!bearer) throw new AuthError(401, 'no_authorization', 'This endpoint requires a Bearer token')
  const result = await ctx.keys.verify(bearer)
  if (!result.ok) {
    throw forbidden('bad_jwt', `invalid JWT: unable to parse or verify signature, ${goJwtError(result.error)}`)
  }
  return result.claims
}

export interface Caller {
  claims: JwtClaims
  user: UserRow
  sessionId: string | null
}

/** requireAuthentication: a valid user JWT whose user and session still exist. */
export async function requireUser(ctx: ServiceContext, c: AuthContext, db: Db): Promise<Caller> {
  const claims = await verifiedClaims(ctx, c)
  const sub = typeof claims.sub === 'string' ? claims.sub : ''
  if (!sub) throw forbidden('bad_jwt', 'invalid claim: missing sub claim')
  if (!isUuid(sub)) throw badRequest('bad_jwt', 'invalid claim: sub claim must be a UUID')
  const user = await findUserById(db, sub)
  if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist')
  let sessionId: string | null = null
  const sid = typeof claims.session_id === 'string' ? claims.session_id : ''
  if (sid && sid !== '00000000-0000-0000-0000-000000000000') {
    if (!isUuid(sid)) throw forbidden('bad_jwt', 'invalid claim: session_id claim must be a UUID')
    if (!(await findSession(db, sid))) {
      throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist')
    }
    sessionId = sid
  }
  return { claims, user, sessionId }
}

const ADMIN_ROLES = ['service_role', 'supabase_admin']

/** requireAdminCredentials: the JWT's role must be an admin role (service_role). */
export async function requireAdmin(ctx: ServiceContext, c: AuthContext): Promise<JwtClaims> {
  const claims = await verifiedClaims(ctx, c)
  if (typeof claims.role !== 'string' || !ADMIN_ROLES.includes(claims.role)) {
    throw forbidden('not_admin', 'User not allowed')
  }
  return claims
}

/** Go's time.ParseDuration, for ban_duration ("24h", "1h30m", "90s"…); milliseconds. */
export function parseGoDuration(s: string): number {
  const invalid = () => badRequest('validation_failed', `invalid format for ban duration: time: invalid duration "${s}"`)
  if (s === '0') return 0
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(s)
  if (!m) throw invalid()
  const unitMs: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }
  let total = 0
  for (const part of s.replace(/^[-+]/, '').matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(part[1]) * unitMs[part[2]]
  }
  return m[1] === '-' ? -total : total
}
