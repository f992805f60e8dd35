// Errors as GoTrue (Supabase Auth) writes them.
//
// auth-js sends `X-Supabase-Api-Version: 2024-01-01` on every request and, when
// the response echoes that header, reads the error code from `body.code`
// (otherwise from `body.error_code`). It reads the message from `msg`, then
// `message`. We always answer in the 2024-01-01 shape and add the legacy
// `msg` / `error_code` keys with the same values, so older readers agree.
import type { Context } from 'hono'

export const API_VERSION = '2024-01-01'

export type AuthErrorBody = Record<string, unknown>

export class AuthError extends Error {
  status: number
  code: string
  /** Extra top-level keys (e.g. `weak_password: { reasons }`). */
  extra: AuthErrorBody | undefined
  /** OAuth-style errors ({error, error_description}) GoTrue still uses for a few grant errors. */
  oauth: boolean

  constructor(status: number, code: string, message: string, extra?: AuthErrorBody, oauth = false) {
    super(message)
    this.status = status
    this.code = code
    this.extra = extra
    this.oauth = oauth
  }
}

export const badRequest = (code: string, message: string) => new AuthError(400, code, message)
export const forbidden = (code: string, message: string) => new AuthError(403, code, message)
export const notFound = (code: string, message: string) => new AuthError(404, code, message)
export const unprocessable = (code: string, message: string) => new AuthError(422, code, message)
export const tooManyRequests = (code: string, message: string) => new AuthError(429, code, message)
export const internal = (message: string) => new AuthError(500, 'unexpected_failure', message)
/** For OAuth errors `code` holds the OAuth `error` value (e.g. invalid_request). */
export const oauthError = (error: string, description: string) =>
  new AuthError(400, error, description, undefined, true)

/** 422 weak_password with the `weak_password.reasons` payload auth-js turns into AuthWeakPasswordError. */
export function weakPassword(message: string, reasons: string[]): AuthError {
  return new AuthError(422, 'weak_password', message, { weak_password: { reasons } })
}

/** `json: cannot unmarshal …` / bad JSON: GoTrue answers 400 bad_json. */
export const badJson = (detail: string) =>
  new AuthError(400, 'bad_json', `Could not parse request body as JSON: ${detail}`)

/** Renders an AuthError (or anything thrown) as GoTrue would. Never leaks a stack. */
export function errorResponse(c: Context, err: unknown, log?: (m: string) => void): Response {
  let e: AuthError
  if (err instanceof AuthError) {
    e = err
  } else {
    log?.(`auth: erreur inattendue: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
    e = internal('Unexpected failure, please check server logs for more information')
  }
  const headers: Record<string, string> = { 'X-Supabase-Api-Version': API_VERSION }
  if (e.oauth) {
    // GoTrue's OAuthError: {"error":"invalid_request","error_description":"…"}
    return c.json({ error: e.code, error_description: e.message }, 400, headers)
  }
  if (e.code) headers['x-sb-error-code'] = e.code
  const body = { code: e.code, message: e.message, msg: e.message, error_code: e.code, ...e.extra }
  return c.json(body, e.status as 400, headers)
}
