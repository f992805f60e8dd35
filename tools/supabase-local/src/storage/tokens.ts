// Signed URL tokens: HS256 JWTs signed with the project JWT secret (the CLI's
// local Storage does the same; hosted signs with a per-project URL key).
//   download: {url: "<bucket>/<path>", iat, exp}
//   upload:   {owner, url, upsert, scope: "upload", iat, exp}  (valid 2 h)
import { jwtVerify, type JWTPayload } from 'jose'
import type { ServiceContext } from '../context.ts'
import { ERRORS } from './errors.ts'

/** Lifetime of a signed upload URL (Storage's UPLOAD_SIGNED_URL_EXPIRATION_TIME default). */
export const UPLOAD_URL_TTL_SECONDS = 2 * 60 * 60

const now = () => Math.floor(Date.now() / 1000)

export function signDownloadToken(ctx: ServiceContext, url: string, expiresIn: number): Promise<string> {
  const iat = now()
  return ctx.keys.signHs256({ url, iat, exp: iat + expiresIn })
}

export function signUploadToken(
  ctx: ServiceContext,
  url: string,
  owner: string | undefined,
  upsert: boolean,
): Promise<string> {
  const iat = now()
  const claims: Record<string, unknown> = { url, upsert, scope: 'upload', iat, exp: iat + UPLOAD_URL_TTL_SECONDS }
  if (owner !== undefined) claims.owner = owner
  return ctx.keys.signHs256(claims)
}

export type SignedToken = JWTPayload & { url?: unknown; owner?: unknown; upsert?: unknown; scope?: unknown }

/**
 * Verifies a signed URL token as Storage does: a bad or expired JWT is
 * InvalidJWT with the verifier's (jose) message, a token for another object is
 * InvalidSignature, then the explicit expiry check gives ExpiredToken. With no
 * clock tolerance (as hosted), jose already refuses expired tokens, so in
 * practice an expired link answers InvalidJWT `"exp" claim timestamp check failed`.
 * A download token cannot be used to upload, nor the reverse.
 */
export async function verifySignedToken(
  ctx: ServiceContext,
  token: string,
  expectedUrl: string,
  use: 'download' | 'upload',
): Promise<SignedToken> {
  let payload: SignedToken
  try {
    ;({ payload } = await jwtVerify(token, new TextEncoder().encode(ctx.keys.jwtSecret), { algorithms: ['HS256'] }))
  } catch (e) {
    throw ERRORS.invalidJwt((e as Error).message)
  }
  if (payload.url !== expectedUrl) throw ERRORS.invalidSignature()
  if ((use === 'upload') !== (payload.scope === 'upload')) throw ERRORS.invalidSignature()
  if (typeof payload.exp === 'number' && payload.exp * 1000 < Date.now()) throw ERRORS.expiredToken()
  return payload
}
