// Who is calling: the bearer the gateway hands us, verified as Storage's jwt
// plugin verifies it.
import type { ServiceContext } from '../context.ts'
import type { JwtClaims, JwtFailure } from '../keys.ts'
import { ERRORS } from './errors.ts'

export interface Caller {
  /** Postgres role the caller's queries run as (JWT `role` claim). */
  role: string
  claims: JwtClaims
  /** JWT `sub`: becomes owner/owner_id of what the caller writes. */
  sub: string | undefined
  jwt: string
  /** False when the token was missing or invalid and the route tolerates that (public fallback). */
  authenticated: boolean
}

// Storage verifies with `jose` and puts its message in the AccessDenied error;
// the key ring reports PostgREST-style kinds, so word them as jose does.
const JOSE_MESSAGES: Record<JwtFailure['kind'], string> = {
  malformed: 'Invalid Compact JWS',
  signature: 'signature verification failed',
  expired: '"exp" claim timestamp check failed',
  not_yet_valid: '"nbf" claim timestamp check failed',
}

const ANONYMOUS: Caller = { role: 'anon', claims: { role: 'anon' }, sub: undefined, jwt: '', authenticated: false }

/**
 * Verifies the bearer. On failure, routes that allow it (GET /object/{bucket}/…)
 * continue as an unauthenticated anon caller that may only read public
 * buckets; every other route answers AccessDenied with the verifier's message.
 */
export async function resolveCaller(
  ctx: ServiceContext,
  bearer: string | null | undefined,
  options: { allowInvalid?: boolean } = {},
): Promise<Caller> {
  if (!bearer && options.allowInvalid) return ANONYMOUS
  const result = await ctx.keys.verify(bearer ?? '')
  if (!result.ok) {
    if (options.allowInvalid) return ANONYMOUS
    throw ERRORS.accessDenied(JOSE_MESSAGES[result.error.kind])
  }
  const claims = result.claims
  return {
    role: typeof claims.role === 'string' && claims.role ? claims.role : 'anon',
    claims,
    sub: typeof claims.sub === 'string' && claims.sub ? claims.sub : undefined,
    jwt: bearer ?? '',
    authenticated: true,
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-5][0-9a-f]{3}-[089ab][0-9a-f]{3}-[0-9a-f]{12}$/i

/** Storage writes `owner` (uuid, deprecated) only when the sub is a uuid; `owner_id` always. */
export function ownerColumns(sub: string | undefined): { owner?: string; owner_id?: string } {
  if (sub === undefined) return {}
  return UUID.test(sub) ? { owner: sub, owner_id: sub } : { owner_id: sub }
}
