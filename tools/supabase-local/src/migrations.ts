// Applies supabase/migrations/*.sql the way the Supabase CLI does: file-name
// order, each file in its own transaction, recorded in
// supabase_migrations.schema_migrations (version = the prefix before "_").
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'

export class MigrationError extends Error {
  file: string
  pgError: unknown
  constructor(file: string, pgError: any) {
    const where = pgError?.position ? ` (position ${pgError.position})` : ''
    super(`Migration ${file} failed: ${pgError?.message ?? pgError}${where}`)
    this.file = file
    this.pgError = pgError
  }
}

export function listMigrations(dir: string): { version: string; name: string; file: string }[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => {
      const base = f.slice(0, -4)
      const i = base.indexOf('_')
      return { version: i === -1 ? base : base.slice(0, i), name: i === -1 ? '' : base.slice(i + 1), file: path.join(dir, f) }
    })
}

/** Returns the file names applied by this call. */
export async function applyMigrations(dbUrl: string, dir: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: dbUrl })
  await client.connect()
  const applied: string[] = []
  try {
    const done = new Set(
      (await client.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).rows.map(
        (r) => r.version,
      ),
    )
    for (const m of listMigrations(dir)) {
      if (done.has(m.version)) continue
      const sql = readFileSync(m.file, 'utf8')
      try {
        await client.query('begin')
        await client.query(sql)
        await client.query(
          'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
          [m.version, m.name, [sql]],
        )
        await client.query('commit')
      } catch (e) {
        await client.query('rollback').catch(() => {})
        throw new MigrationError(path.basename(m.file), e)
      }
      applied.push(path.basename(m.file))
    }
    if (applied.length) await client.query(`notify pgrst, 'reload schema'`)
  } finally {
    await client.end()
  }
  return applied
}

/** Runs supabase/seed.sql once per database (tracked by path). Returns true when it ran. */
export async function applySeed(dbUrl: string, seedFile: string): Promise<boolean> {
  if (!existsSync(seedFile)) return false
  const client = new pg.Client({ connectionString: dbUrl })
  await client.connect()
  try {
    const key = path.basename(seedFile)
    const seen = await client.query('select 1 from supabase_migrations.seed_files where path = $1', [key])
    if (seen.rowCount) return false
    const sql = readFileSync(seedFile, 'utf8')
    try {
      await client.query('begin')
      await client.query(sql)
      await client.query('insert into supabase_migrations.seed_files (path, hash) values ($1, $2)', [
        key,
        createHash('sha256').update(sql).digest('hex'),
      ])
      await client.query('commit')
    } catch (e) {
      await client.query('rollback').catch(() => {})
      throw new MigrationError(key, e)
    }
    await client.query(`notify pgrst, 'reload schema'`)
    return true
  } finally {
    await client.end()
  }
}
