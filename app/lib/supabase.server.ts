// The per-request, user-scoped Supabase client (@supabase/ssr).
//
// The session lives in cookies that only the Worker reads and writes (auth-js
// never runs in the browser here), so they are HttpOnly, SameSite=Lax, and
// Secure on https. Every Set-Cookie the client produces (sign-in, token
// refresh, sign-out) is collected in `headers`; the root middleware copies
// them onto whatever response the request ends with, redirects and thrown
// responses included. One client per request: @supabase/ssr delivers its
// no-cache headers only with the first cookie write of a client.
import { createServerClient, parseCookieHeader, serializeCookieHeader } from '@supabase/ssr'
import type { SupabaseClient } from '@supabase/supabase-js'
import type { Database } from './database.types.ts'
import type { AppEnv } from './env.server.ts'

// The generated schema (app/lib/database.types.ts) exists now, but typing
// every client with it turns up a dozen strictness errors in code written
// against the untyped client (null vs undefined, enum strings). Until those
// are fixed, `AppSupabaseClient` stays untyped and new code can opt in by
// narrowing with `TypedSupabaseClient`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AppSupabaseClient = SupabaseClient<any, 'public', any>
export type TypedSupabaseClient = SupabaseClient<Database>

export function authCookieOptions(env: Pick<AppEnv, 'isLocalHttp'>) {
  return { path: '/', sameSite: 'lax' as const, httpOnly: true, secure: !env.isLocalHttp }
}

export function createSupabaseServerClient(
  request: Request,
  env: Pick<AppEnv, 'SUPABASE_URL' | 'SUPABASE_ANON_KEY' | 'isLocalHttp'>,
): { supabase: AppSupabaseClient; headers: Headers } {
  const headers = new Headers()
  const cookieOptions = authCookieOptions(env)
  const supabase = createServerClient(env.SUPABASE_URL, env.SUPABASE_ANON_KEY, {
    cookieOptions,
    cookies: {
      getAll() {
        return parseCookieHeader(request.headers.get('Cookie') ?? '').map(({ name, value }) => ({
          name,
          value: value ?? '',
        }))
      },
      setAll(cookies, cacheHeaders) {
        for (const { name, value, options } of cookies) {
          // Our attributes win over the library's defaults (HttpOnly false).
          headers.append('Set-Cookie', serializeCookieHeader(name, value, { ...options, ...cookieOptions }))
        }
        for (const [key, value] of Object.entries(cacheHeaders ?? {})) headers.set(key, value)
      },
    },
    global: { headers: { 'X-Client-Info': 'nourx-espace-client' } },
  })
  return { supabase: supabase as AppSupabaseClient, headers }
}

/**
 * Copies the auth headers onto a response. Set-Cookie is appended (a response
 * may already set its own cookies); the cache headers replace any caching
 * policy, since a response carrying a session must never be shared.
 */
export function applyAuthHeaders(response: Response, authHeaders: Headers): Response {
  if ([...authHeaders.keys()].length === 0) return response
  try {
    copy(response.headers, authHeaders)
    return response
  } catch {
    // Headers of a Response obtained from fetch() are immutable: copy it.
    const copied = new Response(response.body, response)
    copy(copied.headers, authHeaders)
    return copied
  }
}

function copy(into: Headers, from: Headers) {
  for (const cookie of from.getSetCookie()) into.append('Set-Cookie', cookie)
  for (const [key, value] of from) {
    if (key.toLowerCase() !== 'set-cookie') into.set(key, value)
  }
}
