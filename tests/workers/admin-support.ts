// Shared helpers of the back-office loader/action tests (admin-*.test.ts).
// They run in workerd and call the admin routes' loaders and actions with
// the per-request context the Worker builds: a user-scoped @supabase/ssr
// client carrying the session cookies of a real sign-in against the local
// Supabase started by support/global-setup.ts. The service-role client here
// only checks results and reads the audit trail.
import { createClient } from '@supabase/supabase-js'
import { inject } from 'vitest'
import { buildContext, sessionCookie, settle } from './client-support.ts'

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

export function serviceClient() {
  return createClient(inject('supabaseUrl'), inject('supabaseServiceRoleKey'), {
    auth: { persistSession: false, autoRefreshToken: false },
  })
}

// Sign-in, the Worker's per-request context and the outcome of a loader or
// action are the same for admin and client tests: one implementation serves both.
export { callLoader, sessionCookie, type Outcome } from './client-support.ts'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (args: any) => unknown

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
