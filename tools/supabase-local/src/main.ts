// `npm run supabase:local`: runs the local Supabase-compatible server in the
// foreground until SIGINT/SIGTERM.
import { MigrationError } from './migrations.ts'
import { startLocalSupabase } from './server.ts'

const started = Date.now()
let instance: Awaited<ReturnType<typeof startLocalSupabase>>
try {
  instance = await startLocalSupabase({ reset: process.argv.includes('--reset') })
} catch (e) {
  if (e instanceof MigrationError) {
    console.error(`\n✖ ${e.message}\n`)
  } else {
    console.error('\n✖ Le serveur Supabase local n’a pas pu démarrer :', e)
  }
  process.exit(1)
}

const s = instance.status()
console.log(`
Supabase local prêt en ${((Date.now() - started) / 1000).toFixed(1)} s

         API URL: ${s.api_url}
          DB URL: ${s.db_url}
        Mail URL: ${s.mail_url}
 Publishable key: ${s.publishable_key}
      Secret key: ${s.secret_key}
        anon key: ${s.anon_key}
service_role key: ${s.service_role_key}
      JWT secret: ${s.jwt_secret}
`)

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  console.log(`\n${signal} reçu, arrêt de Supabase local…`)
  try {
    await instance.stop()
  } finally {
    process.exit(0)
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
