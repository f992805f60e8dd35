// Starts a throwaway local Supabase for one test file: a temp data dir, free
// ports, and the migrations of a fixture project (or the app's own).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import { findFreePort } from '../src/postgres.ts'
import { startLocalSupabase, type LocalSupabase } from '../src/server.ts'
import type { ConfigOverrides } from '../src/config.ts'

export interface TestServer extends LocalSupabase {
  /** A supabase-js client with the given key (anon by default), no session persistence. */
  client(key?: string): SupabaseClient<any, any, any>
  admin(): SupabaseClient<any, any, any>
  close(): Promise<void>
}

export async function startTestServer(
  options: { projectRoot?: string; auth?: ConfigOverrides['auth'] } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'supabase-local-test-'))
  chmodSync(dataDir, 0o755)
  const port = await findFreePort()
  const server = await startLocalSupabase({
    projectRoot: options.projectRoot ?? path.resolve(import.meta.dirname, 'fixtures/empty'),
    dataDir,
    port,
    statusFile: null,
    quiet: true,
    auth: options.auth,
  })
  const client = (key = server.anonKey) =>
    createClient(server.apiUrl, key, {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    })
  return {
    ...server,
    client,
    admin: () => client(server.serviceRoleKey),
    async close() {
      await server.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Path of a fixture project under test/fixtures/<name> (with supabase/migrations inside). */
export const fixtureProject = (name: string) => path.resolve(import.meta.dirname, 'fixtures', name)
