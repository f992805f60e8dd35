// Lints as tests, read from the catalog after the migrations ran: the
// security rules of the schema hold for every object, including the ones
// added by later migrations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDb, type Db } from './helpers.ts'

let db: Db
beforeAll(async () => {
  db = await startDb()
})
afterAll(() => db?.close())
const rows = async (sql: string) => (await db.pool.query(sql)).rows

/** Our policies: every policy on public tables, and ours on storage.objects. */
const OUR_POLICIES = `
  select schemaname, tablename, policyname, cmd, roles::text[] as roles, permissive,
         coalesce(qual, '') as qual, coalesce(with_check, '') as with_check
    from pg_policies
   where schemaname = 'public' or (schemaname = 'storage' and policyname like 'nourx:%')`

describe('schema lints', () => {
  it('every table of public has row level security enabled', async () => {
    const bad = await rows(`
      select relname from pg_class
       where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') and not relrowsecurity`)
    expect(bad).toEqual([])
  })

  it('no policy calls auth.uid() / auth.jwt() / auth.role() or private.is_admin() bare (always wrapped in a select)', async () => {
    const offenders: string[] = []
    for (const p of await rows(OUR_POLICIES)) {
      for (const expr of [p.qual, p.with_check]) {
        // pg_get_expr prints `(select auth.uid())` as `( SELECT auth.uid() AS uid)`.
        const stripped = expr.replace(/SELECT (auth\.(uid|jwt|role)|private\.is_admin)\(\) AS \w+/g, '')
        if (/auth\.(uid|jwt|role)\(\)|private\.is_admin\(\)/.test(stripped)) offenders.push(`${p.tablename}: ${p.policyname}`)
      }
    }
    expect(offenders).toEqual([])
  })

  it('policies are written for authenticated only, one permissive policy per operation, never FOR ALL', async () => {
    const policies = await rows(OUR_POLICIES)
    expect(policies.length).toBeGreaterThan(100)
    expect(policies.filter((p) => p.roles.join(',') !== 'authenticated').map((p) => p.policyname)).toEqual([])
    expect(policies.filter((p) => p.cmd === 'ALL').map((p) => p.policyname)).toEqual([])
    expect(policies.filter((p) => p.permissive !== 'PERMISSIVE').map((p) => p.policyname)).toEqual([])
    const seen = new Map<string, number>()
    for (const p of policies) seen.set(`${p.schemaname}.${p.tablename} ${p.cmd}`, (seen.get(`${p.schemaname}.${p.tablename} ${p.cmd}`) ?? 0) + 1)
    expect([...seen].filter(([, n]) => n > 1)).toEqual([])
  })

  it('every security definer function pins its search_path', async () => {
    const bad = await rows(`
      select n.nspname || '.' || p.proname as fn
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'private') and p.prosecdef
         and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search_path=%')`)
    expect(bad).toEqual([])
    const all = await rows(`
      select count(*)::int as n from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'private') and p.prosecdef`)
    expect(all[0].n).toBeGreaterThan(10)
  })

  it('every foreign key is covered by an index starting with its columns', async () => {
    const bad = await rows(`
      select c.conrelid::regclass::text as tbl, c.conname
        from pg_constraint c
       where c.contype = 'f' and c.connamespace = 'public'::regnamespace
         and not exists (
           select 1 from pg_index i
            where i.indrelid = c.conrelid
              and (select array_agg(k order by k) from unnest((i.indkey::int2[])[0:array_length(c.conkey, 1) - 1]) k)
                = (select array_agg(k order by k) from unnest(c.conkey) k))`)
    expect(bad).toEqual([])
  })

  it('anon has no privilege on any table, sequence or function of public and private', async () => {
    const tables = await rows(`
      select c.relname, p.privilege_type from pg_class c
        cross join (values ('SELECT'), ('INSERT'), ('UPDATE'), ('DELETE'), ('TRUNCATE'), ('REFERENCES'), ('TRIGGER')) p (privilege_type)
       where c.relnamespace in ('public'::regnamespace, 'private'::regnamespace) and c.relkind in ('r', 'p', 'v', 'm', 'S')
         and has_table_privilege('anon', c.oid, p.privilege_type)`)
    expect(tables).toEqual([])
    const functions = await rows(`
      select n.nspname || '.' || p.proname as fn from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'private') and has_function_privilege('anon', p.oid, 'execute')`)
    expect(functions).toEqual([])
    const schema = await rows(`select has_schema_privilege('anon', 'private', 'usage') as u`)
    expect(schema[0].u).toBe(false)
  })

  it('authenticated holds no table privilege that no policy uses (grants follow the policies)', async () => {
    const dead = await rows(`
      select c.relname, p.cmd from pg_class c
        cross join (values ('SELECT'), ('INSERT'), ('UPDATE'), ('DELETE')) p (cmd)
       where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
         and has_table_privilege('authenticated', c.oid, p.cmd)
         and not exists (select 1 from pg_policies pol
                          where pol.schemaname = 'public' and pol.tablename = c.relname
                            and pol.cmd in (p.cmd, 'ALL') and 'authenticated' = any (pol.roles))`)
    expect(dead).toEqual([])
    const truncate = await rows(`
      select relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'
         and (has_table_privilege('authenticated', oid, 'TRUNCATE') or has_table_privilege('authenticated', oid, 'REFERENCES')
              or has_table_privilege('authenticated', oid, 'TRIGGER'))`)
    expect(truncate).toEqual([])
  })

  it('helpers of private are executable by authenticated and service_role at most (never PUBLIC or anon)', async () => {
    const fns = await rows(`
      select p.proname, array(select r from unnest(array['public', 'anon', 'authenticated', 'service_role']) r
                              where case r when 'public' then exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a where a.grantee = 0)
                                           else has_function_privilege(r, p.oid, 'execute') end) as callers
        from pg_proc p where p.pronamespace = 'private'::regnamespace and p.prorettype <> 'trigger'::regtype
       order by 1`)
    for (const f of fns) expect(['authenticated', 'service_role'], f.proname).toEqual(expect.arrayContaining(f.callers))
    // The membership helpers the policies call must be callable by signed-in users.
    const called = fns.filter((f) => ['is_admin', 'my_client_ids', 'my_project_ids', 'is_client_member'].includes(f.proname))
    expect(called.map((f) => [f.proname, f.callers])).toEqual([
      ['is_admin', ['authenticated', 'service_role']],
      ['is_client_member', ['authenticated', 'service_role']],
      ['my_client_ids', ['authenticated', 'service_role']],
      ['my_project_ids', ['authenticated', 'service_role']],
    ])
  })

  it('RPCs of public are not executable by PUBLIC; service-only ones are not executable by authenticated', async () => {
    const open = await rows(`
      select p.proname from pg_proc p
       where p.pronamespace = 'public'::regnamespace
         and exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a where a.grantee = 0)`)
    expect(open).toEqual([])
    const serviceOnly = await rows(`select has_function_privilege('authenticated', 'public.record_online_payment(text,bigint,text,text,text,timestamptz)', 'execute') as x`)
    expect(serviceOnly[0].x).toBe(false)
  })

  it('the project-files bucket is private with a 25 MB limit and a MIME allow-list', async () => {
    const [b] = await rows(`select public, file_size_limit, allowed_mime_types from storage.buckets where id = 'project-files'`)
    expect(b.public).toBe(false)
    expect(Number(b.file_size_limit)).toBe(25 * 1024 * 1024)
    expect(b.allowed_mime_types).toEqual(expect.arrayContaining(['application/pdf', 'image/png', 'text/plain', 'text/csv', 'application/zip']))
    expect(b.allowed_mime_types).not.toContain('image/svg+xml')
    const others = await rows(`select id, public from storage.buckets where id in ('branding', 'avatars') order by id`)
    expect(others).toEqual([{ id: 'avatars', public: false }, { id: 'branding', public: false }])
  })
})
