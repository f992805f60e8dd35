// API keys and JWTs, as the Supabase CLI's local stack issues them.
//
// - Legacy `anon` / `service_role` keys: HS256 JWTs signed with the project
//   JWT secret, byte-identical to the CLI's well-known keys.
// - User access tokens: ES256 with a `kid`, so `auth.getClaims()` verifies
//   them locally through `/auth/v1/.well-known/jwks.json`, as on new hosted
//   projects. HS256 tokens signed with the secret are accepted everywhere too.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import {
  SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify, decodeProtectedHeader, errors as joseErrors,
  type JWK, type JWTPayload, type CryptoKey,
} from 'jose'
import type { LocalConfig } from './config.ts'

export type JwtClaims = JWTPayload & {
  role?: string
  sub?: string
  email?: string
  session_id?: string
  [key: string]: unknown
}

/** Why a token was refused; each service words it in its own error format. */
export type JwtFailure =
  | { kind: 'malformed'; message: string }
  | { kind: 'signature'; message: string }
  | { kind: 'expired'; message: string }
  | { kind: 'not_yet_valid'; message: string }

export type VerifyResult = { ok: true; claims: JwtClaims } | { ok: false; error: JwtFailure }

/** Clock skew PostgREST tolerates on exp/nbf/iat. */
const CLOCK_SKEW_SECONDS = 30

export interface KeyRing {
  anonKey: string
  serviceRoleKey: string
  publishableKey: string
  secretKey: string
  jwtSecret: string
  /** Public JWKS served at /auth/v1/.well-known/jwks.json. */
  jwks: { keys: JWK[] }
  /** Signs a user access token (ES256, with kid). */
  signAccessToken(claims: JwtClaims): Promise<string>
  /** Signs with the HS256 project secret (signed URLs, legacy keys). */
  signHs256(claims: JwtClaims): Promise<string>
  /** Verifies an HS256 or ES256 token as PostgREST does (30 s skew). */
  verify(token: string): Promise<VerifyResult>
  /** Gateway: maps an apikey to the role JWT services see, or null when unknown. */
  roleJwtForApikey(apikey: string): Promise<string | null>
}

const LEGACY_EXP = 1983812996

async function signLegacyKey(secret: Uint8Array, role: 'anon' | 'service_role'): Promise<string> {
  // Claim order matters for byte-identity with the CLI's keys: iss, role, exp.
  return new SignJWT({ iss: 'supabase-demo', role, exp: LEGACY_EXP })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(secret)
}

interface StoredSigningKey {
  kid: string
  privateJwk: JWK
  publicJwk: JWK
}

async function loadOrCreateSigningKey(dataDir: string): Promise<StoredSigningKey> {
  const file = path.join(dataDir, 'jwt-signing-key.json')
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as StoredSigningKey
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
  const kid = crypto.randomUUID()
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256' }
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig', key_ops: ['verify'] }
  const stored = { kid, privateJwk, publicJwk }
  mkdirSync(dataDir, { recursive: true })
  writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 })
  return stored
}

export async function createKeyRing(config: LocalConfig): Promise<KeyRing> {
  const secret = new TextEncoder().encode(config.jwtSecret)
  const anonKey = await signLegacyKey(secret, 'anon')
  const serviceRoleKey = await signLegacyKey(secret, 'service_role')
  const stored = await loadOrCreateSigningKey(config.dataDir)
  const privateKey = (await importJWK(stored.privateJwk, 'ES256')) as CryptoKey
  const publicKey = (await importJWK(stored.publicJwk, 'ES256')) as CryptoKey

  async function verify(token: string): Promise<VerifyResult> {
    const parts = token.split('.')
    if (token.length === 0) return { ok: false, error: { kind: 'malformed', message: 'Empty JWT is sent in Authorization header' } }
    if (parts.length !== 3) {
      return { ok: false, error: { kind: 'malformed', message: `Expected 3 parts in JWT; got ${parts.length}` } }
    }
    let alg: string | undefined
    try {
      alg = decodeProtectedHeader(token).alg
    } catch {
      return { ok: false, error: { kind: 'malformed', message: 'JWT cryptographic operation failed' } }
    }
    const key = alg === 'HS256' ? secret : alg === 'ES256' ? publicKey : null
    if (!key) return { ok: false, error: { kind: 'signature', message: 'Wrong or unsupported encoding algorithm' } }
    try {
      const { payload } = await jwtVerify(token, key, { algorithms: [alg!], clockTolerance: CLOCK_SKEW_SECONDS })
      if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) {
        return { ok: false, error: { kind: 'not_yet_valid', message: 'JWT issued at future' } }
      }
      return { ok: true, claims: payload as JwtClaims }
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) return { ok: false, error: { kind: 'expired', message: 'JWT expired' } }
      if (e instanceof joseErrors.JWTClaimValidationFailed) {
        return { ok: false, error: { kind: 'not_yet_valid', message: 'JWT not yet valid' } }
      }
      if (e instanceof joseErrors.JWSSignatureVerificationFailed) {
        return { ok: false, error: { kind: 'signature', message: 'No suitable key or wrong key type' } }
      }
      return { ok: false, error: { kind: 'malformed', message: 'JWT cryptographic operation failed' } }
    }
  }

  return {
    anonKey,
    serviceRoleKey,
    publishableKey: config.publishableKey,
    secretKey: config.secretKey,
    jwtSecret: config.jwtSecret,
    jwks: { keys: [stored.publicJwk] },
    signAccessToken: (claims) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: stored.kid }).sign(privateKey),
    signHs256: (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secret),
    verify,
    async roleJwtForApikey(apikey) {
      if (apikey === config.publishableKey) return anonKey
      if (apikey === config.secretKey) return serviceRoleKey
      if (apikey === anonKey || apikey === serviceRoleKey) return apikey
      // A legacy-style JWT key signed with the project secret (e.g. a custom role key).
      const result = await verify(apikey)
      if (result.ok && typeof result.claims.role === 'string' && !result.claims.sub) return apikey
      return null
    },
  }
}
