// Who is asking, and may they? Guards for every loader, action and resource
// route. Identity comes from getClaims() (the access token verified against
// the project's JWKS, or by the auth server for HS256 tokens); the role for
// routing comes from the `app_metadata.role` claim, which a database trigger
// copies from public.profiles.role. RLS never trusts that claim: it is only
// a routing hint here, the database decides what data comes back.
import { data, redirect, type RouterContextProvider } from 'react-router'
import { getSupabase } from './context.server.ts'
import { homeFor, loginUrlFor, type Role } from './redirect.ts'

export interface SessionUser {
  id: string
  email: string
  role: Role
  fullName: string | null
}

type GuardArgs = { request: Request; context: Pick<RouterContextProvider, 'get'> }

interface Claims {
  sub?: unknown
  email?: unknown
  app_metadata?: Record<string, unknown> | null
  user_metadata?: Record<string, unknown> | null
}

/** Maps verified claims to the app's user; null when they are not a user token. */
export function userFromClaims(claims: Claims | null | undefined): SessionUser | null {
  if (!claims || typeof claims.sub !== 'string' || claims.sub.length === 0) return null
  const role: Role = claims.app_metadata?.role === 'admin' ? 'admin' : 'client'
  const rawName = claims.user_metadata?.full_name ?? claims.user_metadata?.name
  return {
    id: claims.sub,
    email: typeof claims.email === 'string' ? claims.email : '',
    role,
    fullName: typeof rawName === 'string' && rawName.trim() ? rawName.trim() : null,
  }
}

/** The signed-in user, or null. Refreshes an expiring session (cookies follow). */
export async function getSessionUser({ context }: Pick<GuardArgs, 'context'>): Promise<SessionUser | null> {
  const supabase = getSupabase(context)
  const { data: result, error } = await supabase.auth.getClaims()
  if (error) throwIfUnavailable(error)
  if (error || !result) return null
  return userFromClaims(result.claims as Claims)
}

/**
 * An auth server that cannot be reached is not a signed-out user: answering
 * 503 keeps people from being bounced to the login page during an outage.
 */
function throwIfUnavailable(error: { name?: string; status?: number }) {
  if (error.name === 'AuthRetryableFetchError' || (error.status !== undefined && error.status >= 500)) {
    throw data({ message: 'Le service de connexion est momentanément indisponible. Réessayez dans un instant.' }, { status: 503 })
  }
}

/** Anonymous → /connexion?redirectTo=<this page>. */
export async function requireUser(args: GuardArgs): Promise<SessionUser> {
  const user = await getSessionUser(args)
  if (!user) throw redirect(loginUrlFor(args.request))
  return user
}

/**
 * Admin pages and actions. A signed-in client gets a 403 (rendered by the
 * admin layout's error boundary), not a redirect: they should know they
 * reached a place that is not theirs.
 */
export async function requireAdmin(args: GuardArgs): Promise<SessionUser> {
  const user = await requireUser(args)
  if (user.role !== 'admin') {
    throw data({ message: 'Cette page est réservée à l’équipe NOURX.' }, { status: 403 })
  }
  return user
}

/**
 * Client-portal pages and actions. An admin has no client view: sent to the
 * back office instead (GET), refused for writes.
 */
export async function requireClient(args: GuardArgs): Promise<SessionUser> {
  const user = await requireUser(args)
  if (user.role !== 'client') {
    if (args.request.method === 'GET' || args.request.method === 'HEAD') throw redirect(homeFor(user.role))
    throw data({ message: 'Cette action est réservée aux clients.' }, { status: 403 })
  }
  return user
}

/**
 * Before a sensitive write (password, e-mail, payment): asks the auth server
 * itself, so a session revoked elsewhere (logout everywhere, banned user)
 * cannot act on a still-unexpired token.
 */
export async function requireFreshUser(args: GuardArgs): Promise<SessionUser> {
  const claimsUser = await requireUser(args)
  const { data: result, error } = await getSupabase(args.context).auth.getUser()
  if (error) throwIfUnavailable(error)
  if (error || !result.user || result.user.id !== claimsUser.id) {
    throw redirect(loginUrlFor(args.request))
  }
  return userFromClaims({
    sub: result.user.id,
    email: result.user.email,
    app_metadata: result.user.app_metadata,
    user_metadata: result.user.user_metadata,
  })!
}
