// PKCE (RFC 7636) as GoTrue implements it for email flows: the client sends
// `code_challenge` + `code_challenge_method` with sign-up, OTP, recovery,
// email change; GoTrue stores an auth.flow_state row for the user, prefixes
// the emailed token with "pkce_", and GET /verify redirects with `?code=`
// (the flow state's auth_code) instead of tokens in the fragment. The client
// then trades code + verifier at POST /token?grant_type=pkce. A flow state
// lives 300 s (from its creation; for magic links, from the code's issue).
import { createHash, timingSafeEqual } from 'node:crypto'
import type { ServiceContext } from '../context.ts'
import { withTx, type Db } from './db.ts'
import { badRequest, internal, notFound, unprocessable } from './errors.ts'
import { str, type Params } from './params.ts'
import { issueSession, type ClientInfo, type TokenResponse } from './sessions.ts'

export const FLOW_STATE_TTL_SECONDS = 300

export interface PkceChallenge {
  challenge: string
  method: 's256' | 'plain'
}

/** validatePKCEParams + ParseCodeChallengeMethod; null when the flow is implicit. */
export function pkceParams(p: Params): PkceChallenge | null {
  const challenge = str(p, 'code_challenge')
  const method = str(p, 'code_challenge_method')
  if ((challenge === '') !== (method === '')) {
    throw badRequest('validation_failed', 'PKCE flow requires code_challenge_method and code_challenge')
  }
  if (!challenge) return null
  if (challenge.length < 43 || challenge.length > 128) {
    throw badRequest('validation_failed', 'code challenge has to be between 43 and 128 characters')
  }
  if (!/^[a-zA-Z._~0-9-]+$/.test(challenge)) {
    throw badRequest(
      'validation_failed',
      'code challenge can only contain alphanumeric characters, hyphens, periods, underscores and tildes',
    )
  }
  const m = method.toLowerCase()
  if (m !== 's256' && m !== 'plain') {
    throw badRequest('validation_failed', `unsupported code_challenge method "${method}"`)
  }
  return { challenge, method: m }
}

/** models.NewFlowState for an email flow of a known user. */
export async function createFlowState(db: Db, userId: string, authMethod: string, providerType: string, pkce: PkceChallenge) {
  await db.query(
    `insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type,
                                  created_at, updated_at, authentication_method)
     values (gen_random_uuid(), $1, gen_random_uuid()::text, $2::auth.code_challenge_method, $3, $4, now(), now(), $5)`,
    [userId, pkce.method, pkce.challenge, providerType, authMethod],
  )
}

/** issueAuthCode: the newest flow state of this user and method; stamps auth_code_issued_at. */
export async function issueAuthCode(db: Db, userId: string, authMethod: string): Promise<string> {
  const r = await db.query(
    `update auth.flow_state set auth_code_issued_at = now(), updated_at = now()
      where id = (select id from auth.flow_state where user_id = $1 and authentication_method = $2
                   order by created_at desc limit 1)
      returning auth_code`,
    [userId, authMethod],
  )
  if (!r.rows.length) {
    throw badRequest('flow_state_not_found', 'No associated flow state found. No valid flow state found for user.')
  }
  return r.rows[0].auth_code as string
}

function verifierMatches(method: string, challenge: string, verifier: string): boolean {
  const expected = method === 's256' ? createHash('sha256').update(verifier).digest('base64url') : verifier
  const a = Buffer.from(challenge)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** POST /token?grant_type=pkce */
export async function pkceGrant(ctx: ServiceContext, p: Params, client: ClientInfo): Promise<TokenResponse> {
  const authCode = str(p, 'auth_code')
  const verifier = str(p, 'code_verifier')
  if (!authCode || !verifier) {
    throw badRequest('validation_failed', 'invalid request: both auth code and code verifier should be non-empty')
  }
  return withTx(ctx.db.authAdmin, async (db) => {
    // FOR UPDATE: a second exchange of the same code waits, then finds nothing.
    const r = await db.query(
      `select id, user_id, code_challenge, code_challenge_method::text as method, authentication_method,
              coalesce(case when authentication_method = 'magiclink' then auth_code_issued_at end, created_at)
                + make_interval(secs => $2) < now() as expired
         from auth.flow_state where auth_code = $1 for update`,
      [authCode, FLOW_STATE_TTL_SECONDS],
    )
    const flow = r.rows[0]
    if (!flow || !flow.user_id) throw notFound('flow_state_not_found', 'invalid flow state, no valid flow state found')
    if (flow.expired) throw unprocessable('flow_state_expired', 'invalid flow state, flow state has expired')
    const user = await db.query('select id from auth.users where id = $1', [flow.user_id])
    if (!user.rows.length) throw internal('Database error finding user')
    if (!verifierMatches(flow.method, flow.code_challenge, verifier)) {
      throw badRequest('bad_code_verifier', 'code challenge does not match previously saved code verifier')
    }
    const session = await issueSession(ctx, db, flow.user_id, flow.authentication_method, client)
    await db.query('delete from auth.flow_state where id = $1', [flow.id])
    return session
  })
}
