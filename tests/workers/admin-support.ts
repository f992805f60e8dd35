// Shared helpers of the back-office loader/action tests (admin-*.test.ts).
// They run in workerd and call the admin routes' loaders and actions with
// the per-request context the Worker builds: a user-scoped @supabase/ssr
// client carrying the session cookies of a real sign-in against the local
// Supabase started by support/global-setup.ts. The service-role client here
// only checks results and reads the audit trail.
import { createClient } from '@supabase/supabase-js'
import { RouterContextProvider } from 'react-router'
import { inject } from 'vitest'
import { requestContext, supabaseContext } from '~/lib/context.server.ts'
import type { AppEnv } from '~/lib/env.server.ts'
import { createSupabaseServerClient } from '~/lib/supabase.server.ts'

export const PASSWORD = 'demo-nourx-2026'
export const ADMIN = 'admin@nourx.test'
export const ACME = 'client@acme.test'
export const APP = 'http://localhost:5173'

export const IDS = {
  admin: '10000000-0000-4000-8000-000000000001',
  acmeUser: '10000000-0000-4000-8000-000000000002',
  acme: '20000000-0000-4000-8000-000000000001',
  baobab: '20000000-0000-4000-8000-000000000002',
  acmeShop: '30000000-0000-4000-8000-000000000001',
}

export function testEnv(): AppEnv {
  return {
    APP_URL: APP,
    SUPABASE_URL: inject('supabaseUrl'),
    SUPABASE_ANON_KEY: inject('supabaseAnonKey'),
    SUPABASE_SERVICE_ROLE_KEY: inject('supabaseServiceRoleKey'),
    isLocalHttp: true,
  } as AppEnv
}

export function serviceClient() {
  return createClient(inject('supabaseUrl'), inject('supabaseServiceRoleKey'), {
    auth: { persistSession: false, autoRefreshToken: false },
  })
}

const sessions = new Map<string, string>()

/** Signs in through @supabase/ssr like the login action; returns the session's Cookie header. */
export async function sessionCookie(email: string): Promise<string> {
  const cached = sessions.get(email)
  if (cached) return cached
  const { supabase, headers } = createSupabaseServerClient(new Request(`${APP}/connexion`), testEnv())
  const { error } = await supabase.auth.signInWithPassword({ email, password: PASSWORD })
  if (error) throw error
  const cookie = headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  sessions.set(email, cookie)
  return cookie
}

function buildContext(request: Request) {
  const context = new RouterContextProvider()
  const { supabase, headers } = createSupabaseServerClient(request, testEnv())
  context.set(supabaseContext, { supabase, headers })
  context.set(requestContext, {
    env: testEnv(),
    bindings: {} as Env,
    executionContext: { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext,
    nonce: 'test',
  })
  return context
}

export interface Outcome {
  status: number
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any
  location?: string | null
}

/** What a loader/action returned or threw, normalised: plain data, data(), Response/redirect. */
async function settle(run: () => Promise<unknown>): Promise<Outcome> {
  let value: unknown
  try {
    value = await run()
  } catch (thrown) {
    value = thrown
  }
  if (value instanceof Response) {
    const text = await value.text()
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      /* not JSON */
    }
    return { status: value.status, data: body, location: value.headers.get('Location') }
  }
  if (value && typeof value === 'object' && (value as { type?: string }).type === 'DataWithResponseInit') {
    const d = value as { data: unknown; init: ResponseInit | null }
    return { status: d.init?.status ?? 200, data: d.data }
  }
  if (value instanceof Error) throw value
  return { status: 200, data: value }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (args: any) => unknown

export async function callLoader(loader: Handler, { as, path, params = {} }: { as: string | null; path: string; params?: Record<string, string> }) {
  const headers = new Headers()
  if (as) headers.set('Cookie', await sessionCookie(as))
  const request = new Request(`${APP}${path}`, { headers })
  return settle(async () => loader({ request, context: buildContext(request), params }))
}

/** Posts a form (urlencoded; multipart when `form` is a FormData) to a route action. */
export async function callAction(
  action: Handler,
  { as, path, params = {}, form }: { as: string | null; path: string; params?: Record<string, string>; form: Record<string, string | string[]> | FormData },
) {
  const headers = new Headers({ Origin: APP })
  if (as) headers.set('Cookie', await sessionCookie(as))
  let body: BodyInit
  if (form instanceof FormData) body = form
  else {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one)
    body = params
  }
  const request = new Request(`${APP}${path}`, { method: 'POST', headers, body })
  return settle(async () => action({ request, context: buildContext(request), params }))
}

/** The audit rows written for one entity id (the DB trigger is the only writer). */
export async function auditFor(entity: string, entityId: string) {
  const { data, error } = await serviceClient()
    .from('audit_logs')
    .select('action, actor_id, actor_role, diff')
    .eq('entity', entity)
    .eq('entity_id', entityId)
    .order('id')
  if (error) throw error
  return data ?? []
}

/** Mails received by the local mail catcher for an address. */
export async function mailsTo(address: string): Promise<{ subject: string; html: string; text: string }[]> {
  const res = await fetch(`${inject('mailUrl')}/api/messages?to=${encodeURIComponent(address)}`)
  return (await res.json()) as { subject: string; html: string; text: string }[]
}

export const unique = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`
