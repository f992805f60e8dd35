// Applies schema.sql (storage-schema corrections owned by this service) at
// start, once per content: a hash of the file is stored as the comment of
// storage.search, so later starts skip the DDL (and the schema-cache reload
// the DDL would trigger).
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { ServiceContext } from '../context.ts'

const SEARCH_SIGNATURE = 'storage.search(text, text, int, int, text, text, text)'

export async function ensureStorageSchema(ctx: ServiceContext): Promise<void> {
  const sql = readFileSync(new URL('./schema.sql', import.meta.url), 'utf8')
  const marker = `supabase-local storage schema ${createHash('sha256').update(sql).digest('hex').slice(0, 16)}`
  const client = await ctx.db.storageAdmin.connect()
  try {
    const { rows } = await client.query<{ comment: string | null }>(
      `select obj_description(to_regprocedure($1), 'pg_proc') as comment`,
      [SEARCH_SIGNATURE],
    )
    if (rows[0]?.comment === marker) return
    await client.query('begin')
    await client.query(sql)
    await client.query(`comment on function ${SEARCH_SIGNATURE} is '${marker}'`)
    await client.query('commit')
  } catch (e) {
    await client.query('rollback').catch(() => {})
    throw e
  } finally {
    client.release()
  }
}
