// Sessions, refresh tokens and access tokens (GoTrue's models/sessions.go,
// models/refresh_token.go, api/token.go, api/token_refresh.go).
//
// Every sign-in creates an auth.sessions row; its id is the `session_id`
// claim. Refresh tokens rotate: presenting a token revokes it and issues a
// child. Reuse is handled as GoTrue does so parallel SSR loaders refreshing
// the same cookie do not log the user out:
//   - the parent of the session's active token gets the active token back;
//   - another revoked token is still accepted within refresh_token_reuse_interval
//     seconds of its revocation;
//   - after that, the whole session's token family is revoked and the answer is
//     400 refresh_token_already_used.
import { randomBytes, randomUUID } from 'node:crypto'
import type pg from 'pg'
import type { ServiceContext } from '../context.ts'
import { withTx, type Db } from './db.ts'
import { AuthError, badRequest, internal, oauthError } from './errors.ts'
import { findUserById, goMap, isBanned, renderUser, type UserRow } from './users.ts'

export interface ClientInfo {
  userAgent: string | null
  ip: string | null
}

export interface TokenResponse {
  access_token: string
  token_type: 'bearer'
  expires_in: number
  expires_at: number
  refresh_token: string
  user: Record<string, unknown>
  weak_password?: { message: string; reasons: string[] }
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000'
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567'

/** crypto.SecureAlphanumeric(12): lowercase base32, as GoTrue's refresh tokens. */
export function secureAlphanumeric(length = 12): string {
  const bytes = randomBytes(length)
  let s = ''
  for (let i = 0; i < length; i++) s += BASE32[bytes[i] & 31]
  return s
}

/**
 * auth.mfa_amr_claims holds the `amr` entries of each session. GoTrue creates
 * it with its own migrations; the bootstrap does not, so the auth service adds
 * it (as the schema owner) when missing.
 */
export async function ensureAuthTables(pool: pg.Pool) {
  await pool.query(`
    create table if not exists auth.mfa_amr_claims (
      session_id uuid not null references auth.sessions (id) on delete cascade,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      authentication_method text not null,
      id uuid not null primary key,
      constraint mfa_amr_claims_session_id_authentication_method_pkey unique (session_id, authentication_method)
    );
    alter table auth.mfa_amr_claims enable row level security;`)
}

/** GoTrue's GrantAuthenticatedUser + AddClaimToSession + generateAccessToken. */
export async function issueSession(
  ctx: ServiceContext,
  db: Db,
  userId: string,
  method: string,
  client: ClientInfo,
): Promise<TokenResponse> {
  const sessionId = randomUUID()
  await db.query(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
     values ($1, $2, now(), now(), 'aal1', $3, $4)`,
    [sessionId, userId, client.userAgent, client.ip],
  )
  const token = secureAlphanumeric()
  await db.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ($1, $2, $3, false, now(), now(), null, $4)`,
    [NIL_UUID, token, userId, sessionId],
  )
  await db.query(`update auth.users set last_sign_in_at = now(), updated_at = now() where id = $1`, [userId])
  await db.query(
    `insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method)
     values (gen_random_uuid(), $1, now(), now(), $2)
     on conflict (session_id, authentication_method) do update set updated_at = now()`,
    [sessionId, method],
  )
  const user = await findUserById(db, userId)
  if (!user) throw internal('Database error granting user')
  return tokenResponse(ctx, db, user, sessionId, token)
}

async function tokenResponse(ctx: ServiceContext, db: Db, user: UserRow, sessionId: string, refreshToken: string): Promise<TokenResponse> {
  const { token, expiresAt } = await accessToken(ctx, db, user, sessionId)
  return {
    access_token: token,
    token_type: 'bearer',
    expires_in: ctx.config.auth.jwtExpiry,
    expires_at: expiresAt,
    refresh_token: refreshToken,
    user: renderUser(user),
  }
}

/** Signs the access token with exactly the claims GoTrue puts in it. */
export async function accessToken(ctx: ServiceContext, db: Db, user: UserRow, sessionId: string) {
  const s = await db.query(`select aal::text as aal from auth.sessions where id = $1`, [sessionId])
  const amr = await db.query(
    `select authentication_method as method, extract(epoch from updated_at)::bigint as timestamp
       from auth.mfa_amr_claims where session_id = $1 order by updated_at desc`,
    [sessionId],
  )
  const iat = Math.floor(Date.now() / 1000)
  const exp = iat + ctx.config.auth.jwtExpiry
  const claims = {
    iss: `${ctx.config.apiUrl}/auth/v1`,
    sub: user.id,
    aud: user.aud || 'authenticated',
    exp,
    iat,
    email: user.email ?? '',
    phone: user.phone ?? '',
    app_metadata: goMap(user.raw_app_meta_data ?? {}),
    user_metadata: goMap(user.raw_user_meta_data ?? {}),
    role: user.role || 'authenticated',
    aal: (s.rows[0]?.aal as string) ?? 'aal1',
    amr: amr.rows.map((r) => ({ method: r.method as string, timestamp: Number(r.timestamp) })),
    session_id: sessionId,
    is_anonymous: user.is_anonymous ?? false,
  }
  return { token: await ctx.keys.signAccessToken(claims), expiresAt: exp }
}

type RefreshOutcome = { ok: TokenResponse } | { error: AuthError }

/** POST /token?grant_type=refresh_token */
export async function refreshGrant(ctx: ServiceContext, refreshToken: string, client: ClientInfo): Promise<TokenResponse> {
  if (!refreshToken) throw oauthError('invalid_request', 'refresh_token required')
  const pool = ctx.db.authAdmin
  // Some outcomes must commit before answering with an error (a revoked
  // family, a dropped orphan token), so the transaction returns them.
  const outcome: RefreshOutcome = await withTx(pool, async (db) => {
    const found = await db.query(`select session_id from auth.refresh_tokens where token = $1`, [refreshToken])
    if (!found.rows.length) {
      return { error: badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found') }
    }
    const sessionId = found.rows[0].session_id as string | null
    if (!sessionId) {
      await db.query(`delete from auth.refresh_tokens where token = $1`, [refreshToken])
      return { error: badRequest('session_not_found', 'Invalid Refresh Token: No Valid Session Found') }
    }
    // Serialise refreshes of one session: whoever comes second sees the
    // first one's rotation (READ COMMITTED re-reads after the lock).
    const session = await db.query(
      `select id, not_after is not null and not_after < now() as expired from auth.sessions where id = $1 for update`,
      [sessionId],
    )
    if (!session.rows.length) {
      return { error: badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found') }
    }
    const tok = await db.query(
      `select id, token, user_id, revoked, parent,
              updated_at + make_interval(secs => $2) < now() as reuse_expired
         from auth.refresh_tokens where token = $1`,
      [refreshToken, ctx.config.auth.refreshTokenReuseInterval],
    )
    const token = tok.rows[0]
    if (!token) return { error: badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found') }
    const user = await findUserById(db, token.user_id)
    if (!user) return { error: badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found') }
    if (isBanned(user)) return { error: badRequest('user_banned', 'Invalid Refresh Token: User Banned') }
    if (session.rows[0].expired) return { error: badRequest('session_expired', 'Invalid Refresh Token: Session Expired') }

    let issued: string | null = null
    if (token.revoked) {
      const active = await db.query(
        `select token, parent from auth.refresh_tokens where session_id = $1 and revoked = false order by id desc limit 1`,
        [sessionId],
      )
      if (active.rows[0] && active.rows[0].parent === token.token) {
        // The client lost the answer of its previous refresh: give it the active token.
        issued = active.rows[0].token as string
      } else if (token.reuse_expired) {
        await db.query(
          `update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and revoked = false`,
          [sessionId],
        )
        return { error: badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used') }
      }
    }
    if (!issued) {
      // GrantRefreshTokenSwap: revoke the presented token, issue a child.
      await db.query(`update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1`, [token.id])
      issued = secureAlphanumeric()
      await db.query(
        `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
         values ($1, $2, $3, false, now(), now(), $4, $5)`,
        [NIL_UUID, issued, user.id, token.token, sessionId],
      )
      await db.query(`update auth.users set updated_at = now() where id = $1`, [user.id])
    }
    await db.query(
      `update auth.sessions set refreshed_at = now() at time zone 'utc', updated_at = now(), user_agent = $2, ip = $3 where id = $1`,
      [sessionId, client.userAgent, client.ip],
    )
    const fresh = (await findUserById(db, user.id))!
    return { ok: await tokenResponse(ctx, db, fresh, sessionId, issued) }
  })
  if ('error' in outcome) throw outcome.error
  return outcome.ok
}

/** POST /logout scopes (models.Logout, LogoutSession, LogoutAllExceptMe). */
export async function logout(db: Db, scope: 'global' | 'local' | 'others', userId: string, sessionId: string | null) {
  if (sessionId && scope === 'local') {
    await db.query(`delete from auth.sessions where id = $1`, [sessionId])
  } else if (sessionId && scope === 'others') {
    await db.query(`delete from auth.sessions where user_id = $1 and id <> $2`, [userId, sessionId])
  } else {
    await logoutEverywhere(db, userId)
  }
}

export async function logoutEverywhere(db: Db, userId: string) {
  await db.query(`delete from auth.sessions where user_id = $1`, [userId])
  await db.query(`delete from auth.refresh_tokens where user_id = $1`, [userId])
}

export async function findSession(db: Db, sessionId: string) {
  const r = await db.query(`select id, user_id, aal::text as aal from auth.sessions where id = $1`, [sessionId])
  return r.rows[0] ?? null
}
