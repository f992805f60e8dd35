// /rest/v1 — a PostgREST v14-compatible service, as hosted Supabase runs it.
//
// Modules:
//   parser.ts        query string → typed tree (select, filters, logic, order, ranges)
//   schema-cache.ts  tables, columns, keys, relationships, functions from pg_catalog; LISTEN pgrst
//   compiler.ts      tree + schema cache → SQL with bound (untyped) parameters
//   handler.ts       HTTP request → one transaction → PostgREST's response
//   http.ts          Prefer, Accept, Range / Content-Range rules
//   db.ts            the per-request transaction (role switch, request GUCs, prepared statements)
//   errors.ts        PostgREST's error bodies and status table
//
// Known differences from hosted PostgREST are listed in NOTES.md next to this file.
import { Hono } from 'hono'
import type { GatewayVariables, ServiceContext } from '../context.ts'
import type { Service } from '../service.ts'
import { invalidatePreparedStatements } from './db.ts'
import { createHandler } from './handler.ts'
import { startSchemaCache } from './schema-cache.ts'

/** Supabase's PostgREST configuration (db-schemas, db-extra-search-path, db-anon-role). */
const EXPOSED_SCHEMAS = ['public', 'graphql_public']
const EXTRA_SEARCH_PATH = ['public', 'extensions']
const ANON_ROLE = 'anon'

export async function createRestService(ctx: ServiceContext): Promise<Service> {
  const schemaCache = await startSchemaCache({
    pool: ctx.db.superuser,
    dbUrl: ctx.db.dbUrl,
    exposedSchemas: EXPOSED_SCHEMAS,
    log: ctx.log,
    onReload: invalidatePreparedStatements,
  })
  const handle = createHandler({
    pool: ctx.db.authenticator,
    cache: schemaCache.current,
    keys: ctx.keys,
    maxRows: ctx.config.maxRows ?? null,
    exposedSchemas: EXPOSED_SCHEMAS,
    anonRole: ANON_ROLE,
    extraSearchPath: EXTRA_SEARCH_PATH,
    log: ctx.log,
  })

  const app = new Hono<{ Variables: GatewayVariables }>()
  // On Node, @hono/node-server puts the IncomingMessage in c.env: its parsed
  // headers spare building a full Headers object for request.headers.
  app.all('*', (c) => handle(c.req.raw, c.get('bearer') ?? null, (c.env as any)?.incoming?.headers))
  return {
    app,
    close: () => schemaCache.close(),
  }
}
