// Fails when a module outside the allow-list imports the service-role
// Supabase client (app/lib/supabase-admin.server.ts), which bypasses RLS.
// Run by `npm run typecheck`. To allow a new importer, add it below with a
// reason: webhook, queue and explicitly admin-only server code only.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const ALLOWED: { pattern: RegExp; why: string }[] = [
  { pattern: /^workers\//, why: 'webhook, queue consumer and cron jobs such as the daily invoice reminders (no user session)' },
  { pattern: /^app\/routes\/admin[._]/, why: 'back-office routes, behind requireAdmin' },
  { pattern: /^app\/lib\/admin\//, why: 'admin-only server modules' },
  {
    pattern: /^app\/lib\/payments\/deps\.server\.ts$/,
    why: 'payment wiring (issue 7): attempts, notifications and checks are written by the service role only; every caller authorises first (RLS read as the user, requireAdmin, or the webhook x-token)',
  },
  {
    pattern: /^app\/lib\/notifications\/deletion-request\.server\.ts$/,
    why: 'account_deletion_request e-mail: runs only after the client\'s own RLS insert succeeded, for the session\'s user id; reads the admin-only template and the admins\' addresses (clients cannot), writes nothing',
  },
  { pattern: /^app\/lib\/supabase-admin\.server\.ts$/, why: 'the module itself' },
]

const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)['"][^'"]*supabase-admin\.server(?:\.ts)?['"]/

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) yield* walk(full)
    else if (/\.(ts|tsx)$/.test(name)) yield full
  }
}

const offenders: string[] = []
for (const top of ['app', 'workers']) {
  for (const file of walk(path.join(root, top))) {
    const rel = path.relative(root, file).split(path.sep).join('/')
    if (!IMPORT.test(readFileSync(file, 'utf8'))) continue
    if (!ALLOWED.some((a) => a.pattern.test(rel))) offenders.push(rel)
  }
}

if (offenders.length > 0) {
  console.error(
    `✖ Client service-role (supabase-admin.server.ts) importé hors de la liste autorisée :\n${offenders
      .map((f) => `  - ${f}`)
      .join('\n')}\n  Utilisez le client de la requête (getSupabase(context)) : RLS doit s'appliquer.`,
  )
  process.exit(1)
}
console.log('✓ service-role : aucun import hors liste autorisée')
