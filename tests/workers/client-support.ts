// Shared helpers of the client-portal loader/action tests (client-*.test.ts).
// They run in workerd and call route loaders and actions directly, with the
// same per-request context the Worker builds (app/lib/context.server.ts): a
// user-scoped @supabase/ssr client reading the session cookies of a real
// sign-in against the local Supabase the global setup started.
//
// Expects `inject('supabase')` → { url, anonKey, serviceRoleKey }.
import { createClient } from '@supabase/supabase-js'
import { RouterContextProvider } from 'react-router'
import { inject } from 'vitest'
import { requestContext, supabaseContext } from '~/lib/context.server.ts'
import type { AppEnv } from '~/lib/env.server.ts'
import { createSupabaseServerClient } from '~/lib/supabase.server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    supabase: { url: string; anonKey: string; serviceRoleKey: string }
  }
}

export const PASSWORD = 'demo-nourx-2026'
export const ACME = 'client@acme.test'
export const BAOBAB = 'client@baobab.test'
export const ADMIN = 'admin@nourx.test'
export const APP = 'http://localhost:5173'

export const IDS = {
  acmeClient: '20000000-0000-4000-8000-000000000001',
  baobabClient: '20000000-0000-4000-8000-000000000002',
  acmeProject: '30000000-0000-4000-8000-000000000001',
  acmeDraftProject: '30000000-0000-4000-8000-000000000002',
  baobabProject: '30000000-0000-4000-8000-000000000003',
  acmeDeliveredMilestone: '40000000-0000-4000-8000-000000000003',
  acmeInProgressMilestone: '40000000-0000-4000-8000-000000000004',
  baobabMilestone: '40000000-0000-4000-8000-000000000009',
  acmeTask: '50000000-0000-4000-8000-000000000011',
  acmeInternalTask: '50000000-0000-4000-8000-000000000013',
  baobabTask: '50000000-0000-4000-8000-000000000028',
  acmeImage: '60000000-0000-4000-8000-000000000002',
  acmeInternalDoc: '60000000-0000-4000-8000-000000000004',
  baobabDoc: '60000000-0000-4000-8000-000000000009',
}

/** The app's environment against the test stack; `overrides` for a test that needs another value. */
export function testEnv(overrides: Partial<AppEnv> = {}): AppEnv {
  const s = inject('supabase')
  return {
    APP_URL: APP,
    SUPABASE_URL: s.url,
    SUPABASE_ANON_KEY: s.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: s.serviceRoleKey,
    // The local mail catcher stands in for the e-mail provider (app/lib/notifications).
    EMAIL_API_URL: inject('mailUrl'),
    EMAIL_API_KEY: 'test',
    EMAIL_FROM: 'NOURX <noreply@nourx.test>',
    isLocalHttp: true,
    ...overrides,
  } as AppEnv
}

export function adminClient() {
  const s = inject('supabase')
  return createClient(s.url, s.serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } })
}

const sessions = new Map<string, string>()

/** Signs in through @supabase/ssr like the login action does; returns the Cookie header of the session. */
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

export function buildContext(request: Request) {
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

export interface Outcome<T = unknown> {
  status: number
  data: T
  location?: string | null
}

/** Normalises what a loader/action returned or threw: plain data, data(), redirect()/Response. */
export async function settle(run: () => Promise<unknown>): Promise<Outcome<any>> {
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

type Handler = (args: any) => unknown

/** Calls a route loader as `email` (or anonymously with null). */
export async function callLoader(
  loader: Handler,
  {
    as,
    path,
    params = {},
    project,
  }: { as: string | null; path: string; params?: Record<string, string>; project?: string },
) {
  const headers = new Headers()
  // `project` pins the project switcher: other test files create projects, and
  // the default "current project" must not depend on which ran first.
  const cookies = [as ? await sessionCookie(as) : null, project ? projectCookie(project) : null].filter(Boolean)
  if (cookies.length) headers.set('Cookie', cookies.join('; '))
  const request = new Request(`${APP}${path}`, { headers })
  return settle(async () => loader({ request, context: buildContext(request), params }))
}

/** Calls a route action with a form body (or a JSON body when `json` is given). */
export async function callAction(
  action: Handler,
  {
    as,
    path,
    params = {},
    form,
    json,
    cookie,
  }: {
    as: string | null
    path: string
    params?: Record<string, string>
    form?: Record<string, string>
    json?: unknown
    cookie?: string
  },
) {
  const headers = new Headers({ Origin: APP })
  if (as) headers.set('Cookie', await sessionCookie(as))
  if (cookie) headers.set('Cookie', [headers.get('Cookie'), cookie].filter(Boolean).join('; '))
  let body: BodyInit
  if (json !== undefined) {
    headers.set('Content-Type', 'application/json')
    body = JSON.stringify(json)
  } else {
    body = new URLSearchParams(form ?? {})
  }
  const request = new Request(`${APP}${path}`, { method: 'POST', headers, body })
  return settle(async () => action({ request, context: buildContext(request), params }))
}

/** Cookie choosing the current project in the switcher. */
export const projectCookie = (projectId: string) => `nourx-projet=${projectId}`

/**
 * Runs `fn` while counting the requests the app sends to Supabase's REST and
 * Storage APIs (auth requests such as JWKS are left out), with the time each
 * started and ended, to check loaders against the round-trip budget.
 */
export async function countSupabaseRequests<T>(fn: () => Promise<T>) {
  const base = inject('supabase').url
  const original = globalThis.fetch
  const calls: { url: string; start: number; end: number }[] = []
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input)
    const counted = url.startsWith(`${base}/rest/v1/`) || url.startsWith(`${base}/storage/v1/`)
    const start = performance.now()
    try {
      return await original(input, init)
    } finally {
      if (counted) calls.push({ url: url.slice(base.length), start, end: performance.now() })
    }
  }
  try {
    const result = await fn()
    return { result, calls, sequential: sequentialRounds(calls) }
  } finally {
    globalThis.fetch = original
  }
}

/** Longest chain of requests where each starts after the previous one ended. */
function sequentialRounds(calls: { start: number; end: number }[]): number {
  const sorted = calls.toSorted((a, b) => a.start - b.start)
  const depth: number[] = []
  sorted.forEach((c, i) => {
    depth[i] = 1 + Math.max(0, ...sorted.slice(0, i).map((p, j) => (p.end <= c.start ? depth[j] : 0)))
  })
  return Math.max(0, ...depth)
}

/** Client-visible tasks of a project, counted with the service role (other test files add tasks). */
export async function clientVisibleTaskCount(projectId: string): Promise<number> {
  const { count, error } = await adminClient()
    .from('tasks')
    .select('id', { count: 'exact', head: true })
    .eq('project_id', projectId)
    .eq('visibility', 'client')
  if (error) throw error
  return count ?? 0
}

/** Ids of a client company's projects (other test files create some). */
export async function projectIdsOf(clientId: string): Promise<string[]> {
  const { data, error } = await adminClient().from('projects').select('id').eq('client_id', clientId)
  if (error) throw error
  return data.map((p) => p.id as string)
}
