// Calls route loaders, actions and middleware directly, with the per-request
// context the Worker builds (workers/fetch.ts + root middleware): validated
// env, CSP nonce, and a user-scoped @supabase/ssr client reading the cookies
// of the request. Sessions come from real sign-ins against the local Supabase
// started by the global setup.
import { createExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { RouterContextProvider } from 'react-router'
import { requestContext, supabaseContext } from '../../../app/lib/context.server.ts'
import { parseEnv, type AppEnv } from '../../../app/lib/env.server.ts'
import { createSupabaseServerClient } from '../../../app/lib/supabase.server.ts'

export const APP = 'http://localhost:5173'
export const PASSWORD = 'demo-nourx-2026'

export function appEnv(): AppEnv {
  const parsed = parseEnv(env as unknown as Record<string, unknown>)
  if (!parsed.ok) throw new Error(`bindings de test invalides : ${parsed.problems.map((p) => p.variable).join(', ')}`)
  return parsed.env
}

export function routeArgs(request: Request) {
  const context = new RouterContextProvider()
  const bindings = env as unknown as Env
  context.set(requestContext, { env: appEnv(), bindings, executionContext: createExecutionContext(), nonce: 'test-nonce' })
  const { supabase, headers } = createSupabaseServerClient(request, appEnv())
  context.set(supabaseContext, { supabase, headers })
  return { request, context, params: {}, authHeaders: headers, unstable_pattern: '' }
}

/** Turns Set-Cookie headers into the Cookie header a browser would send back. */
export function cookieHeader(setCookies: string[]): string {
  const jar = new Map<string, string>()
  for (const line of setCookies) {
    const [pair, ...attributes] = line.split(';')
    const eq = pair.indexOf('=')
    const name = pair.slice(0, eq).trim()
    const value = pair.slice(eq + 1).trim()
    const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))
    if (expired || value === '') jar.delete(name)
    else jar.set(name, value)
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
}

export function form(values: Record<string, string>, path: string, cookie?: string): Request {
  return new Request(`${APP}${path}`, {
    method: 'POST',
    headers: { Origin: APP, 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(values).toString(),
  })
}

export function get(path: string, cookie?: string): Request {
  return new Request(`${APP}${path}`, { headers: cookie ? { Cookie: cookie } : {} })
}

/** Runs a loader/action and returns what it threw or returned. */
export async function settle<T>(fn: () => Promise<T>): Promise<{ thrown: boolean; value: unknown }> {
  try {
    return { thrown: false, value: await fn() }
  } catch (value) {
    return { thrown: true, value }
  }
}

/** `data()` results carry `{ data, init }`; plain objects are returned as-is. */
export function unwrap(value: unknown): { data: any; status: number } {
  if (value && typeof value === 'object' && 'type' in value && (value as { type: unknown }).type === 'DataWithResponseInit') {
    const v = value as unknown as { data: unknown; init: { status?: number } | null }
    return { data: v.data, status: v.init?.status ?? 200 }
  }
  return { data: value, status: 200 }
}
