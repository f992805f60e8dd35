// Storage policies: the storage.objects rows of the seed files, checked in
// SQL with role switching (what Storage runs per request) and through
// /storage/v1 with supabase-js (download, list, signed URL, upload).
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { SupabaseClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { documentPath, ID } from './fixtures.ts'
import { ACTORS, PROJECT_ROOT, clientFor, runAs, startDb, type Actor, type Db } from './helpers.ts'

let db: Db
const clients = {} as Record<Actor, SupabaseClient<any, any, any>>
beforeAll(async () => {
  db = await startDb()
  for (const actor of ACTORS) clients[actor] = await clientFor(db.server, actor)
})
afterAll(() => db?.close())

const seedFile = (bucket: string, name: string) => readFileSync(path.join(PROJECT_ROOT, 'supabase', 'seed-storage', bucket, name))
const ALLOW_DELETE = `select set_config('storage.allow_delete_query', 'true', true)`

describe('storage.objects policies (SQL)', () => {
  it('the seed files are in storage', async () => {
    const { rows } = await db.pool.query(`select bucket_id || '/' || name as n from storage.objects order by 1`)
    const names = rows.map((r) => r.n)
    for (let n = 1; n <= 9; n++) expect(names).toContain(`project-files/${documentPath(n)}`)
    expect(names).toContain('branding/logo-nourx.png')
  })

  it('members read the shared files of their company only; internal files stay hidden', async () => {
    const visible = async (actor: Actor) => {
      const r = await runAs(db.pool, actor, `select name from storage.objects where bucket_id = 'project-files'`)
      if (!r.ok) throw new Error(r.message)
      return r.rows.map((x) => x.name).sort()
    }
    expect(await visible('acme')).toEqual([1, 2, 3, 5, 6, 7].map(documentPath).sort())
    expect(await visible('baobab')).toEqual([8, 9].map(documentPath).sort())
    expect(await visible('admin')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map(documentPath).sort())
    expect(await visible('anon')).toEqual([])
  })

  it('every signed-in user reads the branding bucket; anon does not', async () => {
    for (const actor of ['acme', 'baobab', 'admin'] as const) {
      const r = await runAs(db.pool, actor, `select 1 from storage.objects where bucket_id = 'branding'`)
      expect(r.ok && r.rowCount).toBe(1)
    }
    const r = await runAs(db.pool, 'anon', `select 1 from storage.objects where bucket_id = 'branding'`)
    expect(r.ok && r.rowCount).toBe(0)
  })

  const upload = (actor: Actor, bucket: string, name: string) =>
    runAs(
      db.pool,
      actor,
      `insert into storage.objects (bucket_id, name, owner_id, metadata) values ($1, $2, (select auth.uid())::text, '{"mimetype":"application/pdf"}')`,
      [bucket, name],
    )
  const outcome = (r: Awaited<ReturnType<typeof upload>>) => (r.ok ? 'ok' : /row-level security/.test(r.message) ? 'rls' : r.code)

  it('members upload under <their client>/<their project | general>/<uuid>-<name> only', async () => {
    const u = randomUUID()
    const cases: [Actor, string, string][] = [
      ['acme', `${ID.acme}/${ID.acmeShop}/${u}-devis-signe.pdf`, 'ok'],
      ['acme', `${ID.acme}/${ID.acmeApp}/${u}-brief.pdf`, 'ok'],
      ['acme', `${ID.acme}/general/${u}-preuve.pdf`, 'ok'],
      ['acme', `${ID.baobab}/${ID.baobabSite}/${u}-intrus.pdf`, 'rls'],
      ['acme', `${ID.acme}/${ID.baobabSite}/${u}-intrus.pdf`, 'rls'],
      ['acme', `${ID.acme}/${ID.acmeShop}/sans-uuid.pdf`, 'rls'],
      ['acme', `${ID.acme}/${ID.acmeShop}/dossier/${u}-trop-profond.pdf`, 'rls'],
      ['acme', `pas-un-uuid/${ID.acmeShop}/${u}-x.pdf`, 'rls'],
      ['baobab', `${ID.acme}/${ID.acmeShop}/${u}-intrus.pdf`, 'rls'],
      ['baobab', `${ID.baobab}/${ID.baobabSite}/${u}-ok.pdf`, 'ok'],
      ['admin', `${ID.baobab}/${ID.baobabSite}/${u}-livrable.pdf`, 'ok'],
      ['anon', `${ID.acme}/${ID.acmeShop}/${u}-x.pdf`, 'rls'],
    ]
    const actual = []
    for (const [actor, name] of cases) actual.push([actor, name, outcome(await upload(actor, 'project-files', name))])
    expect(actual).toEqual(cases)
  })

  it('branding: only the admin writes; avatars: each user writes their own folder', async () => {
    expect(outcome(await upload('acme', 'branding', 'logo-pirate.png'))).toBe('rls')
    expect(outcome(await upload('admin', 'branding', 'logo-2027.png'))).toBe('ok')
    expect(outcome(await upload('acme', 'avatars', `${ID.userAcme}/photo.png`))).toBe('ok')
    expect(outcome(await upload('acme', 'avatars', `${ID.userBaobab}/photo.png`))).toBe('rls')
  })

  it('an uploader sees their own object before the documents row exists', async () => {
    const name = `${ID.acme}/${ID.acmeShop}/${randomUUID()}-brouillon.pdf`
    const r = await runAs(db.pool, 'acme', `select count(*)::int as n from storage.objects where name = $1`, [name], [
      `insert into storage.objects (bucket_id, name, owner_id) values ('project-files', '${name}', '${ID.userAcme}')`,
    ])
    expect(r.ok && r.rows[0].n).toBe(1)
  })

  it('members never update objects; the admin does', async () => {
    const sql = `update storage.objects set metadata = metadata where bucket_id = 'project-files' and name = $1`
    for (const [actor, rows] of [['acme', 0], ['baobab', 0], ['admin', 1]] as const) {
      const r = await runAs(db.pool, actor, sql, [documentPath(1)])
      expect(r.ok && r.rowCount, actor).toBe(rows)
    }
  })

  it('members delete only their own orphan uploads; documents are removed by the admin', async () => {
    const del = `delete from storage.objects where bucket_id = 'project-files' and name = $1`
    const orphan = `${ID.acme}/${ID.acmeShop}/${randomUUID()}-abandon.pdf`
    const setupOrphan = `insert into storage.objects (bucket_id, name, owner_id) values ('project-files', '${orphan}', '${ID.userAcme}')`
    const rowCount = async (actor: Actor, name: string, setup: string[] = []) => {
      const r = await runAs(db.pool, actor, del, [name], [ALLOW_DELETE, ...setup])
      if (!r.ok) throw new Error(r.message)
      return r.rowCount
    }
    expect(await rowCount('acme', orphan, [setupOrphan])).toBe(1)
    expect(await rowCount('baobab', orphan, [setupOrphan])).toBe(0)
    // doc 5 was uploaded by the ACME member, but a document row points at it.
    expect(await rowCount('acme', documentPath(5), [`update storage.objects set owner_id = '${ID.userAcme}' where name = '${documentPath(5)}'`])).toBe(0)
    expect(await rowCount('acme', documentPath(1))).toBe(0)
    expect(await rowCount('admin', documentPath(1))).toBe(1)
  })
})

describe('/storage/v1 with supabase-js', () => {
  const bucket = (actor: Actor) => clients[actor].storage.from('project-files')

  it('a member downloads their shared files byte for byte', async () => {
    const { data, error } = await bucket('acme').download(documentPath(1))
    expect(error).toBeNull()
    expect(Buffer.from(await data!.arrayBuffer())).toEqual(seedFile('project-files', documentPath(1)))
  })

  it('internal and foreign files are not found for a member', async () => {
    for (const [actor, n] of [['acme', 4], ['acme', 8], ['baobab', 1], ['anon', 1]] as const) {
      const { data, error } = await bucket(actor).download(documentPath(n))
      expect(data, `${actor} downloads document ${n}`).toBeNull()
      expect(error).not.toBeNull()
    }
    const signed = await bucket('acme').createSignedUrl(documentPath(8), 60)
    expect(signed.error).not.toBeNull()
  })

  it('listing a project folder shows only what the member may read', async () => {
    const { data, error } = await bucket('acme').list(`${ID.acme}/${ID.acmeShop}`)
    expect(error).toBeNull()
    const names = data!.map((f) => f.name).sort()
    expect(names).toEqual([1, 2, 3, 5, 6].map((n) => documentPath(n).split('/')[2]).sort())
    const foreign = await bucket('acme').list(`${ID.baobab}/${ID.baobabSite}`)
    expect(foreign.data ?? []).toEqual([])
  })

  it('the admin reads internal files; signed URLs work for allowed files', async () => {
    const { data, error } = await bucket('admin').download(documentPath(4))
    expect(error).toBeNull()
    expect(await data!.text()).toContain('Notes internes')
    const signed = await bucket('acme').createSignedUrl(documentPath(2), 60)
    expect(signed.error).toBeNull()
    const res = await fetch(signed.data!.signedUrl)
    expect(res.status).toBe(200)
    expect(Buffer.from(await res.arrayBuffer())).toEqual(seedFile('project-files', documentPath(2)))
  })

  it('uploads: own project yes, other company no, disallowed type no', async () => {
    const body = new Blob(['Compte rendu de la réunion du lundi'], { type: 'text/plain' })
    const ok = await bucket('acme').upload(`${ID.acme}/${ID.acmeShop}/${randomUUID()}-compte-rendu.txt`, body, { contentType: 'text/plain' })
    expect(ok.error).toBeNull()
    const foreign = await bucket('acme').upload(`${ID.baobab}/${ID.baobabSite}/${randomUUID()}-intrus.txt`, body, { contentType: 'text/plain' })
    expect(foreign.error).not.toBeNull()
    const exe = await bucket('acme').upload(`${ID.acme}/${ID.acmeShop}/${randomUUID()}-setup.exe`, new Blob(['MZ']), {
      contentType: 'application/x-msdownload',
    })
    expect(exe.error).not.toBeNull()
  })

  it('the bucket refuses files over 25 MB', async () => {
    const big = new Uint8Array(25 * 1024 * 1024 + 1)
    const r = await bucket('admin').upload(`${ID.acme}/${ID.acmeShop}/${randomUUID()}-trop-gros.pdf`, big, { contentType: 'application/pdf' })
    expect(r.error).not.toBeNull()
  })

  it('branding: everyone signed in downloads the logo, only the admin uploads', async () => {
    const logo = await clients.baobab.storage.from('branding').download('logo-nourx.png')
    expect(logo.error).toBeNull()
    const png = new Blob([seedFile('branding', 'logo-nourx.png')], { type: 'image/png' })
    const denied = await clients.acme.storage.from('branding').upload('logo-acme.png', png, { contentType: 'image/png' })
    expect(denied.error).not.toBeNull()
    const allowed = await clients.admin.storage.from('branding').upload('logo-2027.png', png, { contentType: 'image/png' })
    expect(allowed.error).toBeNull()
  })
})
