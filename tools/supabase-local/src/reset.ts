// `npm run db:reset`: drops the local data dir and rebuilds it from the
// migrations and the seed, then stops.
import { MigrationError } from './migrations.ts'
import { startLocalSupabase } from './server.ts'

try {
  const instance = await startLocalSupabase({ reset: true, statusFile: null })
  console.log(`Base locale reconstruite (${instance.config.dataDir}).`)
  await instance.stop()
} catch (e) {
  console.error(e instanceof MigrationError ? `✖ ${e.message}` : e)
  process.exit(1)
}
