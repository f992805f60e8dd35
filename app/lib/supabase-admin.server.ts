// The service-role Supabase client: bypasses RLS entirely.
//
// Only the CinetPay webhook, the queue consumer and explicitly admin-only
// server code may import this module (`npm run typecheck` runs
// scripts/check-service-role-imports.ts, which fails on any other importer).
// User-facing loaders and actions use the user-scoped client from the
// request context so that RLS stays the last line of defence.
import { createClient } from '@supabase/supabase-js'
import type { AppEnv } from './env.server.ts'
import type { AppSupabaseClient } from './supabase.server.ts'

export function createSupabaseAdminClient(
  env: Pick<AppEnv, 'SUPABASE_URL' | 'SUPABASE_SERVICE_ROLE_KEY'>,
): AppSupabaseClient {
  return createClient(env.SUPABASE_URL, env.SUPABASE_SERVICE_ROLE_KEY, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { headers: { 'X-Client-Info': 'nourx-espace-client-admin' } },
  }) as AppSupabaseClient
}
