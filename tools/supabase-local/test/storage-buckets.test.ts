// Storage contract: buckets, the seed-storage folder, the storage schema
// guards. Driven through @supabase/supabase-js, raw fetch where statuses and
// headers matter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixtureProject, startTestServer, type TestServer } from './helpers.ts'
import {
  USER_A, clientAs, expectStorageError, filesOnDisk, sql, storageFetch, userToken,
} from './fixtures/storage/helpers.ts'

let server: TestServer
let tokenA: string

beforeAll(async () => {
  server = await startTestServer({ projectRoot: fixtureProject('storage') })
  tokenA = await userToken(server, USER_A)
})
afterAll(() => server?.close())

describe('buckets', () => {
  it('lets service_role create a bucket with its limits and returns it as Storage does', async () => {
    const admin = server.admin()
    const created = await admin.storage.createBucket('avatars', {
      public: false,
      fileSizeLimit: '1MB',
      allowedMimeTypes: ['image/png', 'image/*'],
    })
    expect(created).toEqual({ data: { name: 'avatars' }, error: null })

    const { data, error } = await admin.storage.getBucket('avatars')
    expect(error).toBeNull()
    expect(Object.keys(data!)).toEqual([
      'id', 'name', 'owner', 'public', 'file_size_limit', 'allowed_mime_types', 'created_at', 'updated_at',
    ])
    expect(data).toMatchObject({
      id: 'avatars', name: 'avatars', owner: '', public: false, file_size_limit: 1_000_000,
      allowed_mime_types: ['image/png', 'image/*'],
    })
    expect(data!.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  })

  it('answers BucketAlreadyExists (409 in the body, HTTP 400) for a taken id', async () => {
    const { error } = await server.admin().storage.createBucket('documents', { public: false })
    expect(error).toMatchObject({ status: 400, statusCode: '409', code: 'BucketAlreadyExists', message: 'The resource already exists' })
    const res = await storageFetch(server, '/bucket', {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.serviceRoleKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'documents', name: 'documents' }),
    })
    await expectStorageError(res, { statusCode: '409', code: 'BucketAlreadyExists', error: 'Duplicate' })
  })

  it('refuses bucket creation to users through RLS (no INSERT policy on storage.buckets)', async () => {
    const { error } = await clientAs(server, tokenA).storage.createBucket('mine', { public: true })
    expect(error).toMatchObject({
      status: 400, statusCode: '403', code: 'AccessDenied', message: 'new row violates row-level security policy',
    })
    const { error: anonError } = await server.client().storage.createBucket('mine', { public: true })
    expect(anonError).toMatchObject({ statusCode: '403', code: 'AccessDenied' })
  })

  it('validates names, sizes and mime types', async () => {
    const admin = server.admin()
    expect((await admin.storage.createBucket('mauvais/nom')).error).toMatchObject({
      statusCode: '400', code: 'InvalidBucketName', message: 'Bucket name invalid',
    })
    expect((await admin.storage.createBucket('accentué')).error).toMatchObject({ code: 'InvalidBucketName' })
    // Above the server's global limit (12 MiB in the fixture's config.toml).
    expect((await admin.storage.createBucket('huge', { public: false, fileSizeLimit: '20MB' })).error).toMatchObject({
      statusCode: '413', code: 'EntityTooLarge',
    })
    expect((await admin.storage.createBucket('weird', { public: false, fileSizeLimit: '12 parsecs' })).error).toMatchObject({
      statusCode: '400', code: 'InvalidRequest', message: 'Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B',
    })
    expect((await admin.storage.createBucket('mimes', { public: false, allowedMimeTypes: ['not a type'] })).error).toMatchObject({
      statusCode: '415', code: 'InvalidMimeType', message: 'mime type not a type is not supported',
    })
    const res = await storageFetch(server, '/bucket', {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.serviceRoleKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ public: true }),
    })
    await expectStorageError(res, { statusCode: '400', code: 'InvalidRequest', message: "body must have required property 'name'" })
    const notJson = await storageFetch(server, '/bucket', {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.serviceRoleKey}`, 'content-type': 'application/json' },
      body: '{"name": ',
    })
    await expectStorageError(notJson, { statusCode: '400', code: 'InvalidRequest' })
  })

  it('filters listBuckets and getBucket through storage.buckets policies', async () => {
    const names = (list: { id: string }[] | null) => (list ?? []).map((b) => b.id).sort()
    expect(names((await server.client().storage.listBuckets()).data)).toEqual([])
    expect(names((await clientAs(server, tokenA).storage.listBuckets()).data)).toEqual(['documents', 'images', 'public-assets'])
    expect(names((await server.admin().storage.listBuckets()).data)).toEqual(
      expect.arrayContaining(['demo', 'documents', 'images', 'public-assets', 'sealed']),
    )
    const { error } = await clientAs(server, tokenA).storage.getBucket('sealed')
    expect(error).toMatchObject({ status: 400, statusCode: '404', code: 'NoSuchBucket', message: 'Bucket not found' })
    const visible = await clientAs(server, tokenA).storage.getBucket('images')
    expect(visible.data).toMatchObject({ id: 'images', file_size_limit: 2048, allowed_mime_types: ['image/*', 'application/pdf'] })
  })

  it('supports listBuckets options: search, sort, limit, offset', async () => {
    const user = clientAs(server, tokenA)
    expect((await user.storage.listBuckets({ search: 'MAG' })).data!.map((b) => b.id)).toEqual(['images'])
    const sorted = await user.storage.listBuckets({ sortColumn: 'name', sortOrder: 'desc' })
    expect(sorted.data!.map((b) => b.id)).toEqual(['public-assets', 'images', 'documents'])
    const page = await user.storage.listBuckets({ sortColumn: 'name', sortOrder: 'asc', limit: 1, offset: 1 })
    expect(page.data!.map((b) => b.id)).toEqual(['images'])
    const bad = await storageFetch(server, '/bucket?sortColumn=owner', { headers: { Authorization: `Bearer ${tokenA}` } })
    await expectStorageError(bad, { statusCode: '400', code: 'InvalidRequest' })
  })

  it('updates a bucket as service_role; a user without UPDATE policy gets NoSuchBucket', async () => {
    const admin = server.admin()
    await admin.storage.createBucket('to-update', { public: false })
    const updated = await admin.storage.updateBucket('to-update', {
      public: true, fileSizeLimit: 5000, allowedMimeTypes: ['text/plain'],
    })
    expect(updated).toEqual({ data: { message: 'Successfully updated' }, error: null })
    expect((await admin.storage.getBucket('to-update')).data).toMatchObject({
      public: true, file_size_limit: 5000, allowed_mime_types: ['text/plain'],
    })
    const byUser = await clientAs(server, tokenA).storage.updateBucket('documents', { public: true })
    expect(byUser.error).toMatchObject({ statusCode: '404', code: 'NoSuchBucket' })
    expect((await admin.storage.getBucket('documents')).data!.public).toBe(false)
    expect((await admin.storage.updateBucket('missing-bucket', { public: true })).error).toMatchObject({ code: 'NoSuchBucket' })
  })

  it('refuses to delete a non-empty bucket, empties it (service_role only) then deletes it', async () => {
    const admin = server.admin()
    await admin.storage.createBucket('scratch', { public: false })
    await admin.storage.from('scratch').upload('a/one.txt', 'un')
    await admin.storage.from('scratch').upload('two.txt', 'deux')
    expect(filesOnDisk(server, 'scratch')).toHaveLength(2)

    const notEmpty = await admin.storage.deleteBucket('scratch')
    expect(notEmpty.error).toMatchObject({
      status: 400, statusCode: '409', code: 'ResourceNotEmpty', message: 'The bucket you tried to delete is not empty',
    })

    // The JWT-role guard is the one place Storage answers a real 403.
    const res = await storageFetch(server, '/bucket/scratch/empty', {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokenA}`, 'content-type': 'application/json' },
      body: '{}',
    })
    await expectStorageError(res, { statusCode: '403', code: 'AccessDenied' }, 403)

    expect((await admin.storage.emptyBucket('scratch')).error).toBeNull()
    expect((await admin.storage.from('scratch').list()).data).toEqual([])
    expect(filesOnDisk(server, 'scratch')).toHaveLength(0)
    expect(await admin.storage.deleteBucket('scratch')).toEqual({ data: { message: 'Successfully deleted' }, error: null })
    expect((await admin.storage.getBucket('scratch')).error).toMatchObject({ code: 'NoSuchBucket' })
    expect((await admin.storage.deleteBucket('scratch')).error).toMatchObject({ code: 'NoSuchBucket' })
  })

  it('answers an invalid or expired bearer with AccessDenied (HTTP 400)', async () => {
    const expired = await userToken(server, USER_A, -120)
    const res = await storageFetch(server, '/bucket', { headers: { Authorization: `Bearer ${expired}` } })
    await expectStorageError(res, { statusCode: '403', code: 'AccessDenied', error: 'Unauthorized', message: '"exp" claim timestamp check failed' })
    const garbage = await storageFetch(server, '/bucket', { headers: { Authorization: 'Bearer not-a-jwt' } })
    await expectStorageError(garbage, { statusCode: '403', code: 'AccessDenied' })
  })

  it('answers unknown routes without crashing', async () => {
    const res = await storageFetch(server, '/nowhere', { headers: { Authorization: `Bearer ${tokenA}` } })
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ statusCode: '404', error: 'Not Found' })
  })
})

describe('seed-storage folder', () => {
  it('uploads supabase/seed-storage/<bucket>/<path> into existing buckets, mimetype from the extension, no owner', async () => {
    const rows = await sql(
      server,
      `select bucket_id, name, owner, owner_id, metadata->>'mimetype' as mimetype, (metadata->>'size')::int as size
         from storage.objects where bucket_id in ('demo', 'public-assets', 'ghost-bucket') order by bucket_id, name`,
    )
    expect(rows).toEqual([
      { bucket_id: 'demo', name: 'guides/demarrage.pdf', owner: null, owner_id: null, mimetype: 'application/pdf', size: expect.any(Number) },
      { bucket_id: 'demo', name: 'readme.txt', owner: null, owner_id: null, mimetype: 'text/plain', size: 22 },
      { bucket_id: 'public-assets', name: 'logo.svg', owner: null, owner_id: null, mimetype: 'image/svg+xml', size: expect.any(Number) },
    ])
    const { data } = await server.admin().storage.from('demo').download('readme.txt')
    expect(await data!.text()).toBe('Bienvenue chez NOURX.\n')
  })
})

describe('storage schema', () => {
  it('blocks direct deletes from storage tables outside the API', async () => {
    await expect(sql(server, `delete from storage.objects where bucket_id = 'demo'`)).rejects.toMatchObject({
      code: '42501',
      message: 'Direct deletion from storage tables is not allowed. Use the Storage API instead.',
    })
    await expect(sql(server, `delete from storage.buckets where id = 'sealed'`)).rejects.toMatchObject({ code: '42501' })
    expect(await sql(server, `select count(*)::int as n from storage.objects where bucket_id = 'demo'`)).toEqual([{ n: 2 }])
  })

  it('has the hosted storage.search signature (no levels argument), security invoker', async () => {
    const rows = await sql(
      server,
      `select p.oid::regprocedure::text as signature, p.prosecdef from pg_proc p
        join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'storage' and p.proname = 'search'`,
    )
    expect(rows).toEqual([
      { signature: 'storage.search(text,text,integer,integer,text,text,text)', prosecdef: false },
    ])
  })
})
