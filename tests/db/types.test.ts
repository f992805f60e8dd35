// app/lib/database.types.ts must describe the migrations: regenerate it from
// the freshly migrated database and compare. Fix a failure with
//   node supabase/scripts/gen-types.ts
import { readFileSync } from 'node:fs'
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { DEFAULT_OUT, generateTypes } from '../../supabase/scripts/gen-types.ts'
import { startDb, type Db } from './helpers.ts'

let db: Db
beforeAll(async () => {
  db = await startDb()
})
afterAll(() => db?.close())

it('database.types.ts is up to date with the migrations', async () => {
  const client = new pg.Client({ connectionString: db.server.dbUrl })
  await client.connect()
  try {
    const generated = await generateTypes(client)
    expect(generated.length).toBeGreaterThan(10_000)
    expect(readFileSync(DEFAULT_OUT, 'utf8') === generated, 'database.types.ts drifted: run node supabase/scripts/gen-types.ts').toBe(true)
  } finally {
    await client.end()
  }
})

it('the generated types cover every table, RPC and enum the app codes against', async () => {
  const text = readFileSync(DEFAULT_OUT, 'utf8')
  for (const name of ['invoices: {', 'payment_attempts: {', 'client_dashboard: {', 'accept_quote: {', 'record_online_payment: {']) {
    expect(text).toContain(name)
  }
  expect(text).toContain('prospect_stage:')
  expect(text).toMatch(/balance_due\?: never/)
})
