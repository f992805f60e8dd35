// Starts a throwaway local Supabase (migrations + seed of this project) for
// the Workers tests and hands its URL and keys to the workerd pool.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { findFreePort } from '../../../tools/supabase-local/src/postgres.ts'
import { startLocalSupabase } from '../../../tools/supabase-local/src/server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    supabaseUrl: string
    supabaseAnonKey: string
    supabaseServiceRoleKey: string
    mailUrl: string
    /** The same, grouped (used by the client-portal loader tests). */
    supabase: { url: string; anonKey: string; serviceRoleKey: string }
  }
}

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nourx-workers-test-'))
  chmodSync(dataDir, 0o755)
  const server = await startLocalSupabase({
    projectRoot: path.resolve(import.meta.dirname, '../../..'),
    dataDir,
    port: await findFreePort(),
    statusFile: null,
    quiet: true,
  })
  project.provide('supabaseUrl', server.apiUrl)
  project.provide('supabaseAnonKey', server.publishableKey)
  project.provide('supabaseServiceRoleKey', server.secretKey)
  project.provide('mailUrl', server.mailUrl)
  project.provide('supabase', {
    url: server.apiUrl,
    anonKey: server.publishableKey,
    serviceRoleKey: server.secretKey,
  })
  return async () => {
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
