// Storage contract: objects. Two users (JWTs signed with the project secret)
// and the fixture's policies: each user may only touch `<their uid>/…` in
// `documents` and `images`.
import { createHash } from 'node:crypto'
import http from 'node:http'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixtureProject, startTestServer, type TestServer } from './helpers.ts'
import {
  USER_A, USER_B, clientAs, expectStorageError, filesOnDisk, sql, storageFetch, userToken,
} from './fixtures/storage/helpers.ts'

let server: TestServer
let tokenA: string
let tokenB: string
const A = USER_A
const B = USER_B

beforeAll(async () => {
  server = await startTestServer({ projectRoot: fixtureProject('storage') })
  tokenA = await userToken(server, USER_A)
  tokenB = await userToken(server, USER_B)
})
afterAll(() => server?.close())

const userA = () => clientAs(server, tokenA)
const userB = () => clientAs(server, tokenB)
const authA = () => ({ Authorization: `Bearer ${tokenA}` })

describe('upload and RLS', () => {
  it('lets a user upload into their own folder, owner and metadata written as Storage writes them', async () => {
    const { data, error } = await userA().storage.from('documents').upload(`${A}/notes.txt`, 'bonjour', {
      contentType: 'text/plain',
      cacheControl: '120',
      metadata: { projet: 'alpha' },
    })
    expect(error).toBeNull()
    expect(data).toEqual({ path: `${A}/notes.txt`, id: expect.any(String), fullPath: `documents/${A}/notes.txt` })

    const [row] = await sql(server, `select * from storage.objects where bucket_id = 'documents' and name = $1`, [`${A}/notes.txt`])
    expect(row.id).toBe(data!.id)
    expect(row.owner).toBe(A)
    expect(row.owner_id).toBe(A)
    expect(row.version).toMatch(/^[0-9a-f-]{36}$/)
    expect(row.user_metadata).toEqual({ projet: 'alpha' })
    expect(Object.keys(row.metadata).sort()).toEqual(
      ['cacheControl', 'contentLength', 'eTag', 'httpStatusCode', 'lastModified', 'mimetype', 'size'],
    )
    expect(row.metadata).toMatchObject({
      eTag: `"${createHash('md5').update('bonjour').digest('hex')}"`,
      size: 7, contentLength: 7, mimetype: 'text/plain', cacheControl: 'max-age=120', httpStatusCode: 200,
    })
  })

  it('accepts multipart uploads (Blob / File: the file part under the empty field name)', async () => {
    const blob = new Blob(['<p>rapport</p>'], { type: 'text/html' })
    const { error } = await userA().storage.from('documents').upload(`${A}/rapport.html`, blob, {
      cacheControl: '60', metadata: { source: 'blob' },
    })
    expect(error).toBeNull()
    const info = await userA().storage.from('documents').info(`${A}/rapport.html`)
    expect(info.data).toMatchObject({
      name: `${A}/rapport.html`, bucketId: 'documents', size: 14, contentType: 'text/html',
      cacheControl: 'max-age=60', metadata: { source: 'blob' },
    })
    // Stored HTML is never served as HTML.
    const res = await storageFetch(server, `/object/documents/${A}/rapport.html`, { headers: authA() })
    expect(res.headers.get('content-type')).toBe('text/plain')
    expect(await res.text()).toBe('<p>rapport</p>')
  })

  it("refuses another user's folder with AccessDenied from the INSERT policy", async () => {
    const { error } = await userA().storage.from('documents').upload(`${B}/intrus.txt`, 'non')
    expect(error).toMatchObject({
      status: 400, statusCode: '403', code: 'AccessDenied', message: 'new row violates row-level security policy',
    })
    const anon = await server.client().storage.from('documents').upload(`${A}/anon.txt`, 'non')
    expect(anon.error).toMatchObject({ statusCode: '403', code: 'AccessDenied' })
    // Nothing was stored for the refused uploads.
    expect(await sql(server, `select name from storage.objects where name like '%intrus%' or name like '%anon.txt'`)).toEqual([])
  })

  it('answers KeyAlreadyExists without x-upsert, replaces with it (and update()), dropping the old bytes', async () => {
    const files = userA().storage.from('documents')
    await files.upload(`${A}/v.txt`, 'version 1')
    const dup = await files.upload(`${A}/v.txt`, 'version 2')
    expect(dup.error).toMatchObject({ status: 400, statusCode: '409', code: 'KeyAlreadyExists', message: 'The resource already exists' })
    const before = filesOnDisk(server, 'documents').length

    expect((await files.upload(`${A}/v.txt`, 'version 2', { upsert: true })).error).toBeNull()
    expect(await (await files.download(`${A}/v.txt`)).data!.text()).toBe('version 2')
    expect((await files.update(`${A}/v.txt`, 'version 3')).error).toBeNull()
    expect(await (await files.download(`${A}/v.txt`)).data!.text()).toBe('version 3')
    expect(filesOnDisk(server, 'documents')).toHaveLength(before)

    // Upserting over someone else's object needs their UPDATE policy.
    await userB().storage.from('documents').upload(`${B}/theirs.txt`, 'à B')
    const over = await userA().storage.from('documents').update(`${B}/theirs.txt`, 'écrasé')
    expect(over.error).toMatchObject({ statusCode: '403', code: 'AccessDenied' })
    expect(await (await userB().storage.from('documents').download(`${B}/theirs.txt`)).data!.text()).toBe('à B')
  })

  it("hides another user's object: NoSuchKey on download, info, sign; remove returns []; list is filtered", async () => {
    await userB().storage.from('documents').upload(`${B}/secret.txt`, 'secret de B')
    const files = userA().storage.from('documents')

    expect((await files.download(`${B}/secret.txt`)).error).toMatchObject({ status: 400 })
    const raw = await storageFetch(server, `/object/documents/${B}/secret.txt`, { headers: authA() })
    await expectStorageError(raw, { statusCode: '404', code: 'NoSuchKey', error: 'not_found', message: 'Object not found' })
    expect((await files.info(`${B}/secret.txt`)).error).toMatchObject({ statusCode: '404', code: 'NoSuchKey' })
    expect((await files.exists(`${B}/secret.txt`)).data).toBe(false)
    expect((await files.createSignedUrl(`${B}/secret.txt`, 60)).error).toMatchObject({ statusCode: '404', code: 'NoSuchKey' })
    expect(await files.remove([`${B}/secret.txt`])).toEqual({ data: [], error: null })
    expect((await files.list(B)).data).toEqual([])
    expect(await (await userB().storage.from('documents').download(`${B}/secret.txt`)).data!.text()).toBe('secret de B')
  })
})

describe('what policies see', () => {
  it('exposes storage.operation(), request.method/path/headers and the JWT claims to policies', async () => {
    const files = userA().storage.from('audit')
    expect((await files.upload('note.txt', 'ok')).error).toBeNull()
    const [row] = await sql(server, `select owner_id from storage.objects where bucket_id = 'audit' and name = 'note.txt'`)
    expect(row.owner_id).toBe(A)
    // update(): PUT, operation storage.object.upload_update → the INSERT check of the upsert fails.
    expect((await files.update('note.txt', 'changé')).error).toMatchObject({ statusCode: '403', code: 'AccessDenied' })
    // Same upload without supabase-js's X-Client-Info header.
    const raw = await storageFetch(server, '/object/audit/raw.txt', {
      method: 'POST', headers: { ...authA(), 'content-type': 'text/plain' }, body: 'x',
    })
    await expectStorageError(raw, { statusCode: '403', code: 'AccessDenied' })
  })
})

describe('with a session from the auth service', () => {
  it('accepts the ES256 access token GoTrue issues, its sub owning the folder', async () => {
    const email = 'storage-user@test.local'
    const created = await server.admin().auth.admin.createUser({ email, password: 'mot-de-passe-1', email_confirm: true })
    expect(created.error).toBeNull()
    const client = server.client()
    const { data: session, error } = await client.auth.signInWithPassword({ email, password: 'mot-de-passe-1' })
    expect(error).toBeNull()
    const uid = session.user!.id
    const up = await client.storage.from('documents').upload(`${uid}/via-session.txt`, 'session')
    expect(up.error).toBeNull()
    expect(await (await client.storage.from('documents').download(`${uid}/via-session.txt`)).data!.text()).toBe('session')
    expect((await client.storage.from('documents').upload(`${A}/via-session.txt`, 'x')).error).toMatchObject({ code: 'AccessDenied' })
  })
})

describe('downloads', () => {
  const body = 'abcdefghijklmnopqrstuvwxyz'
  beforeAll(async () => {
    await userA().storage.from('documents').upload(`${A}/alphabet.txt`, body, { contentType: 'text/plain', cacheControl: '3600' })
  })

  it('serves bytes with Storage headers', async () => {
    const res = await storageFetch(server, `/object/documents/${A}/alphabet.txt`, { headers: authA() })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain')
    expect(res.headers.get('content-length')).toBe('26')
    expect(res.headers.get('cache-control')).toBe('max-age=3600')
    expect(res.headers.get('accept-ranges')).toBe('bytes')
    expect(res.headers.get('etag')).toBe(`"${createHash('md5').update(body).digest('hex')}"`)
    expect(new Date(res.headers.get('last-modified')!).getTime()).toBeGreaterThan(Date.now() - 60_000)
    expect(await res.text()).toBe(body)
  })

  it('answers Range with 206, If-None-Match with 304, ?download with Content-Disposition', async () => {
    const path = `/object/documents/${A}/alphabet.txt`
    const ranged = await storageFetch(server, path, { headers: { ...authA(), Range: 'bytes=2-5' } })
    expect(ranged.status).toBe(206)
    expect(ranged.headers.get('content-range')).toBe('bytes 2-5/26')
    expect(ranged.headers.get('content-length')).toBe('4')
    expect(await ranged.text()).toBe('cdef')
    const suffix = await storageFetch(server, path, { headers: { ...authA(), Range: 'bytes=-3' } })
    expect(await suffix.text()).toBe('xyz')
    const beyond = await storageFetch(server, path, { headers: { ...authA(), Range: 'bytes=100-' } })
    await expectStorageError(beyond, { statusCode: '400', code: 'InvalidRange' })

    const etag = (await storageFetch(server, path, { headers: authA() })).headers.get('etag')!
    const cached = await storageFetch(server, path, { headers: { ...authA(), 'If-None-Match': etag } })
    expect(cached.status).toBe(304)

    const named = await storageFetch(server, `${path}?download=mon fichier.txt`, { headers: authA() })
    expect(named.headers.get('content-disposition')).toBe(
      "attachment; filename=mon%20fichier.txt; filename*=UTF-8''mon%20fichier.txt;",
    )
    const plain = await storageFetch(server, `${path}?download`, { headers: authA() })
    expect(plain.headers.get('content-disposition')).toBe('attachment;')
  })

  it('falls back to public buckets for an invalid JWT on GET /object/{bucket}/…, /authenticated/ refuses it', async () => {
    await server.admin().storage.from('public-assets').upload('docs/charte.txt', 'charte publique')
    const bad = { Authorization: 'Bearer not.a.jwt' }
    const pub = await storageFetch(server, '/object/public-assets/docs/charte.txt', { headers: bad })
    expect(await pub.text()).toBe('charte publique')
    const priv = await storageFetch(server, `/object/documents/${A}/alphabet.txt`, { headers: bad })
    await expectStorageError(priv, { statusCode: '404', code: 'NoSuchBucket' })
    const strict = await storageFetch(server, '/object/authenticated/public-assets/docs/charte.txt', { headers: bad })
    await expectStorageError(strict, { statusCode: '403', code: 'AccessDenied', error: 'Unauthorized' })
    // Authenticated (even as anon) in a public bucket: no policy needed.
    expect(await (await server.client().storage.from('public-assets').download('docs/charte.txt')).data!.text()).toBe(
      'charte publique',
    )
  })

  it('serves /object/public/… without any key, public buckets only', async () => {
    const { data } = server.client().storage.from('public-assets').getPublicUrl('logo.svg')
    const res = await fetch(data.publicUrl)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/svg+xml')
    const dl = await fetch(server.client().storage.from('public-assets').getPublicUrl('logo.svg', { download: true }).data.publicUrl)
    expect(dl.headers.get('content-disposition')).toBe('attachment;')
    const priv = await fetch(server.client().storage.from('documents').getPublicUrl(`${A}/alphabet.txt`).data.publicUrl)
    await expectStorageError(priv, { statusCode: '404', code: 'NoSuchBucket', error: 'Bucket not found' })
    const missing = await fetch(server.client().storage.from('public-assets').getPublicUrl('absent.png').data.publicUrl)
    await expectStorageError(missing, { statusCode: '404', code: 'NoSuchKey' })
  })
})

describe('signed URLs', () => {
  beforeAll(async () => {
    await userA().storage.from('documents').upload(`${A}/contrat.pdf`, '%PDF-1.4 contrat', { contentType: 'application/pdf' })
  })

  it('signs a download URL with the project secret: {url, iat, exp}, usable without any key', async () => {
    const { data, error } = await userA().storage.from('documents').createSignedUrl(`${A}/contrat.pdf`, 600)
    expect(error).toBeNull()
    const url = new URL(data!.signedUrl)
    expect(url.pathname).toBe(`/storage/v1/object/sign/documents/${A}/contrat.pdf`)
    const claims = decodeJwt(url.searchParams.get('token')!)
    expect(Object.keys(claims).sort()).toEqual(['exp', 'iat', 'url'])
    expect(claims.url).toBe(`documents/${A}/contrat.pdf`)
    expect(claims.exp! - claims.iat!).toBe(600)

    const res = await fetch(data!.signedUrl)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(new Date(res.headers.get('expires')!).getTime() / 1000).toBe(claims.exp)
    expect(await res.text()).toBe('%PDF-1.4 contrat')

    const dl = await userA().storage.from('documents').createSignedUrl(`${A}/contrat.pdf`, 600, { download: 'contrat signe.pdf' })
    const named = await fetch(dl.data!.signedUrl)
    expect(named.headers.get('content-disposition')).toBe(
      "attachment; filename=contrat%20signe.pdf; filename*=UTF-8''contrat%20signe.pdf;",
    )
  })

  it('refuses a token for another path (InvalidSignature), a garbage token (InvalidJWT) and an expired one', async () => {
    const { data } = await userA().storage.from('documents').createSignedUrl(`${A}/contrat.pdf`, 1)
    const token = new URL(data!.signedUrl).searchParams.get('token')!
    const other = await fetch(`${server.apiUrl}/storage/v1/object/sign/documents/${A}/alphabet.txt?token=${token}`)
    await expectStorageError(other, { statusCode: '400', code: 'InvalidSignature', message: 'Invalid signature' })
    const garbage = await fetch(`${server.apiUrl}/storage/v1/object/sign/documents/${A}/contrat.pdf?token=abc`)
    await expectStorageError(garbage, { statusCode: '400', code: 'InvalidJWT' })
    const none = await fetch(`${server.apiUrl}/storage/v1/object/sign/documents/${A}/contrat.pdf`)
    await expectStorageError(none, { statusCode: '400', code: 'InvalidRequest' })

    await new Promise((r) => setTimeout(r, 2100))
    // jose (as in hosted Storage) refuses the expired JWT before the explicit ExpiredToken check.
    await expectStorageError(await fetch(data!.signedUrl), {
      statusCode: '400', code: 'InvalidJWT', message: '"exp" claim timestamp check failed',
    })
  })

  it('signs several paths, with an error entry for what the caller cannot see', async () => {
    await userB().storage.from('documents').upload(`${B}/b.txt`, 'b')
    const { data, error } = await userA().storage.from('documents').createSignedUrls(
      [`${A}/contrat.pdf`, `${B}/b.txt`, `${A}/absent.txt`], 60,
    )
    expect(error).toBeNull()
    expect(data![0]).toMatchObject({ error: null, path: `${A}/contrat.pdf`, signedURL: expect.stringMatching(/^\/object\/sign\/documents\//) })
    expect(await (await fetch(data![0].signedUrl!)).text()).toBe('%PDF-1.4 contrat')
    for (const entry of data!.slice(1)) {
      expect(entry).toMatchObject({
        error: 'Either the object does not exist or you do not have access to it', signedURL: null, signedUrl: null,
      })
    }
  })

  it('creates signed upload URLs after checking INSERT permission; the token carries owner and upsert', async () => {
    const files = userA().storage.from('documents')
    const signed = await files.createSignedUploadUrl(`${A}/depot.txt`)
    expect(signed.error).toBeNull()
    const claims = decodeJwt(signed.data!.token)
    expect(claims).toMatchObject({ url: `documents/${A}/depot.txt`, owner: A, upsert: false, scope: 'upload' })
    expect(claims.exp! - claims.iat!).toBe(7200)

    const up = await server.client().storage.from('documents').uploadToSignedUrl(`${A}/depot.txt`, signed.data!.token, 'déposé')
    expect(up).toEqual({ data: { path: `${A}/depot.txt`, fullPath: `documents/${A}/depot.txt` }, error: null })
    const [row] = await sql(server, `select owner_id from storage.objects where name = $1`, [`${A}/depot.txt`])
    expect(row.owner_id).toBe(A)
    const again = await server.client().storage.from('documents').uploadToSignedUrl(`${A}/depot.txt`, signed.data!.token, 'encore')
    expect(again.error).toMatchObject({ statusCode: '409', code: 'KeyAlreadyExists' })

    const upsert = await files.createSignedUploadUrl(`${A}/depot.txt`, { upsert: true })
    expect((await server.client().storage.from('documents').uploadToSignedUrl(`${A}/depot.txt`, upsert.data!.token, 'v2')).error).toBeNull()
    expect(await (await files.download(`${A}/depot.txt`)).data!.text()).toBe('v2')

    expect((await files.createSignedUploadUrl(`${B}/depot.txt`)).error).toMatchObject({ statusCode: '403', code: 'AccessDenied' })
    // A token for another path, or a download token, cannot upload.
    const wrongPath = await server.client().storage.from('documents').uploadToSignedUrl(`${A}/ailleurs.txt`, signed.data!.token, 'x')
    expect(wrongPath.error).toMatchObject({ code: 'InvalidSignature' })
    const dl = await files.createSignedUrl(`${A}/depot.txt`, 60)
    const dlToken = new URL(dl.data!.signedUrl).searchParams.get('token')!
    expect((await server.client().storage.from('documents').uploadToSignedUrl(`${A}/depot.txt`, dlToken, 'x')).error).toMatchObject({
      code: 'InvalidSignature',
    })
  })
})

describe('list', () => {
  beforeAll(async () => {
    const files = userA().storage.from('documents')
    for (const name of ['a.txt', 'Zeta.txt', 'folder/x.png', 'folder/y.png', 'folder/sub/z.png', 'beta.txt']) {
      const { error } = await files.upload(`${A}/list/${name}`, name)
      expect(error).toBeNull()
      await new Promise((r) => setTimeout(r, 5)) // distinct timestamps for the date sort
    }
  })
  const names = (data: { name: string; id: string | null }[] | null) => (data ?? []).map((e) => (e.id ? e.name : `${e.name}/`))

  it('lists names relative to the prefix, folders as id:null entries, case-insensitive name order', async () => {
    const { data, error } = await userA().storage.from('documents').list(`${A}/list`)
    expect(error).toBeNull()
    expect(names(data)).toEqual(['a.txt', 'beta.txt', 'folder/', 'Zeta.txt'])
    const folder = data!.find((e) => e.name === 'folder')!
    expect(folder).toEqual({ name: 'folder', id: null, updated_at: null, created_at: null, last_accessed_at: null, metadata: null })
    const file = data!.find((e) => e.name === 'a.txt')!
    expect(file.metadata).toMatchObject({ size: 5, mimetype: 'text/plain;charset=UTF-8' })
    expect(names((await userA().storage.from('documents').list(`${A}/list/folder`)).data)).toEqual(['sub/', 'x.png', 'y.png'])
    expect(names((await userA().storage.from('documents').list(`${A}/list/folder/`)).data)).toEqual(['sub/', 'x.png', 'y.png'])
  })

  it('supports limit, offset, search and sortBy', async () => {
    const files = userA().storage.from('documents')
    expect(names((await files.list(`${A}/list`, { limit: 2, offset: 1 })).data)).toEqual(['beta.txt', 'folder/'])
    expect(names((await files.list(`${A}/list`, { search: 'ZE' })).data)).toEqual(['Zeta.txt'])
    expect(names((await files.list(`${A}/list`, { search: 'fo' })).data)).toEqual(['folder/'])
    expect(names((await files.list(`${A}/list`, { sortBy: { column: 'name', order: 'desc' } })).data)).toEqual([
      'Zeta.txt', 'folder/', 'beta.txt', 'a.txt',
    ])
    // By date: folders first, then files newest first.
    expect(names((await files.list(`${A}/list`, { sortBy: { column: 'created_at', order: 'desc' } })).data)).toEqual([
      'folder/', 'beta.txt', 'Zeta.txt', 'a.txt',
    ])
    const bad = await storageFetch(server, `/object/list/documents`, {
      method: 'POST', headers: { ...authA(), 'content-type': 'application/json' }, body: JSON.stringify({ limit: 1 }),
    })
    await expectStorageError(bad, { statusCode: '400', code: 'InvalidRequest', message: "body must have required property 'prefix'" })
  })

  it('lists only what SELECT policies show', async () => {
    expect((await userB().storage.from('documents').list(`${A}/list`)).data).toEqual([])
    expect((await server.client().storage.from('documents').list(`${A}/list`)).data).toEqual([])
    expect(names((await server.admin().storage.from('documents').list(`${A}/list`)).data)).toHaveLength(4)
    // Top level for user A: only their own folder shows up.
    expect(names((await userA().storage.from('documents').list()).data)).toEqual([`${A}/`])
  })
})

describe('remove, move, copy', () => {
  it('removes what the caller may delete, returning the deleted rows, and drops the bytes', async () => {
    const files = userA().storage.from('documents')
    await files.upload(`${A}/rm/1.txt`, 'un')
    await files.upload(`${A}/rm/2.txt`, 'deux')
    await userB().storage.from('documents').upload(`${B}/rm.txt`, 'à B')
    const before = filesOnDisk(server, 'documents').length
    const { data, error } = await files.remove([`${A}/rm/1.txt`, `${A}/rm/2.txt`, `${B}/rm.txt`, `${A}/rm/absent.txt`])
    expect(error).toBeNull()
    expect(data!.map((r) => r.name).sort()).toEqual([`${A}/rm/1.txt`, `${A}/rm/2.txt`])
    expect(data![0]).toMatchObject({ bucket_id: 'documents', owner: A, owner_id: A, id: expect.any(String), metadata: expect.any(Object) })
    expect(filesOnDisk(server, 'documents')).toHaveLength(before - 2)
    expect((await userB().storage.from('documents').exists(`${B}/rm.txt`)).data).toBe(true)
    const empty = await storageFetch(server, '/object/documents', {
      method: 'DELETE', headers: { ...authA(), 'content-type': 'application/json' }, body: JSON.stringify({ prefixes: [] }),
    })
    await expectStorageError(empty, { statusCode: '400', code: 'InvalidRequest' })
  })

  it('moves within the caller policies (SELECT + UPDATE, WITH CHECK on the new name)', async () => {
    const files = userA().storage.from('documents')
    await files.upload(`${A}/m/from.txt`, 'à déplacer')
    expect(await files.move(`${A}/m/from.txt`, `${A}/m/to.txt`)).toEqual({ data: { message: 'Successfully moved' }, error: null })
    expect(await (await files.download(`${A}/m/to.txt`)).data!.text()).toBe('à déplacer')
    expect((await files.info(`${A}/m/from.txt`)).error).toMatchObject({ code: 'NoSuchKey' })

    expect((await files.move(`${A}/m/to.txt`, `${B}/vole.txt`)).error).toMatchObject({
      statusCode: '403', code: 'AccessDenied', message: 'new row violates row-level security policy',
    })
    await userB().storage.from('documents').upload(`${B}/mine.txt`, 'à B')
    expect((await files.move(`${B}/mine.txt`, `${A}/pris.txt`)).error).toMatchObject({ statusCode: '404', code: 'NoSuchKey' })
    await files.upload(`${A}/m/other.txt`, 'autre')
    expect((await files.move(`${A}/m/to.txt`, `${A}/m/other.txt`)).error).toMatchObject({ statusCode: '409', code: 'ResourceAlreadyExists' })

    // Across buckets (same folder rule in images; a PDF passes its mime list).
    await files.upload(`${A}/m/doc.pdf`, '%PDF', { contentType: 'application/pdf' })
    expect((await files.move(`${A}/m/doc.pdf`, `${A}/doc.pdf`, { destinationBucket: 'images' })).error).toBeNull()
    expect(await (await userA().storage.from('images').download(`${A}/doc.pdf`)).data!.text()).toBe('%PDF')
  })

  it('copies with SELECT on the source and INSERT on the destination', async () => {
    const files = userA().storage.from('documents')
    await files.upload(`${A}/c/source.txt`, 'original', { metadata: { k: 'v' } })
    const copied = await files.copy(`${A}/c/source.txt`, `${A}/c/copie.txt`)
    expect(copied).toEqual({ data: { path: `documents/${A}/c/copie.txt` }, error: null })
    expect(await (await files.download(`${A}/c/copie.txt`)).data!.text()).toBe('original')
    expect((await files.info(`${A}/c/copie.txt`)).data!.metadata).toEqual({ k: 'v' })
    expect(await (await files.download(`${A}/c/source.txt`)).data!.text()).toBe('original')

    expect((await files.copy(`${A}/c/source.txt`, `${A}/c/copie.txt`)).error).toMatchObject({ statusCode: '409', code: 'KeyAlreadyExists' })
    expect((await files.copy(`${A}/c/source.txt`, `${B}/copie.txt`)).error).toMatchObject({ statusCode: '403', code: 'AccessDenied' })
    await userB().storage.from('documents').upload(`${B}/c.txt`, 'à B')
    expect((await files.copy(`${B}/c.txt`, `${A}/c/b.txt`)).error).toMatchObject({ statusCode: '404', code: 'NoSuchKey' })
  })
})

describe('limits and keys', () => {
  it('enforces the bucket size limit (2 KiB) and allowed mime types (image/*, application/pdf)', async () => {
    const images = userA().storage.from('images')
    const png = new Uint8Array(1000).fill(7)
    expect((await images.upload(`${A}/ok.png`, png, { contentType: 'image/png' })).error).toBeNull()
    expect((await images.upload(`${A}/ok.webp`, new Blob([png], { type: 'image/webp' }))).error).toBeNull()

    const big = new Uint8Array(3000).fill(1)
    const tooBig = await images.upload(`${A}/big.png`, big, { contentType: 'image/png' })
    expect(tooBig.error).toMatchObject({
      status: 400, statusCode: '413', code: 'EntityTooLarge', message: 'The object exceeded the maximum allowed size',
    })
    const tooBigForm = await images.upload(`${A}/big2.png`, new Blob([big], { type: 'image/png' }))
    expect(tooBigForm.error).toMatchObject({ statusCode: '413', code: 'EntityTooLarge' })

    const text = await images.upload(`${A}/note.txt`, 'texte', { contentType: 'text/plain' })
    expect(text.error).toMatchObject({ status: 400, statusCode: '415', code: 'InvalidMimeType', message: 'mime type text/plain is not supported' })
    const raw = await storageFetch(server, `/object/images/${A}/raw.txt`, {
      method: 'POST', headers: { ...authA(), 'content-type': 'text/plain' }, body: 'x',
    })
    await expectStorageError(raw, { statusCode: '415', code: 'InvalidMimeType', error: 'invalid_mime_type' })
    expect(await sql(server, `select name from storage.objects where bucket_id = 'images' and name like '%big%'`)).toEqual([])
    expect(filesOnDisk(server, '.tmp')).toEqual([])
  })

  it('streams a 10 MB upload and download; refuses bodies over the server limit without storing them', async () => {
    const admin = server.admin()
    const tenMb = Buffer.alloc(10 * 1024 * 1024)
    for (let i = 0; i < tenMb.length; i += 4096) tenMb.writeUInt32LE(i, i)
    const md5 = createHash('md5').update(tenMb).digest('hex')
    const up = await admin.storage.from('sealed').upload('gros/fichier.bin', tenMb, { contentType: 'application/octet-stream' })
    expect(up.error).toBeNull()
    const res = await storageFetch(server, '/object/sealed/gros/fichier.bin', { headers: { Authorization: `Bearer ${server.serviceRoleKey}` } })
    const back = Buffer.from(await res.arrayBuffer())
    expect(back.length).toBe(tenMb.length)
    expect(createHash('md5').update(back).digest('hex')).toBe(md5)
    expect(res.headers.get('etag')).toBe(`"${md5}"`)

    // 13 MB > the fixture's 12 MiB server limit: declared length, then a chunked stream with none.
    const over = Buffer.alloc(13 * 1024 * 1024, 1)
    const declared = await admin.storage.from('sealed').upload('gros/trop.bin', over)
    expect(declared.error).toMatchObject({ statusCode: '413', code: 'EntityTooLarge' })
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= over.length) return controller.close()
        controller.enqueue(over.subarray(sent, sent + 256 * 1024))
        sent += 256 * 1024
      },
    })
    const streamed = await storageFetch(server, '/object/sealed/gros/trop-stream.bin', {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.serviceRoleKey}`, 'content-type': 'application/octet-stream' },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    await expectStorageError(streamed, { statusCode: '413', code: 'EntityTooLarge' })
    expect(await sql(server, `select name from storage.objects where name like 'gros/trop%'`)).toEqual([])
    expect(filesOnDisk(server, '.tmp')).toEqual([])
  })

  it('refuses path traversal and non-ASCII keys (InvalidKey), decodes and normalises names', async () => {
    const files = userA().storage.from('documents')
    const encoded = await storageFetch(server, `/object/documents/${A}%2F..%2F${B}%2Fx.txt`, {
      method: 'POST', headers: { ...authA(), 'content-type': 'text/plain' }, body: 'x',
    })
    await expectStorageError(encoded, { statusCode: '400', code: 'InvalidKey', message: `Invalid key: ${A}/../${B}/x.txt` })

    // A literal "..", as a raw HTTP client (not fetch, which resolves dot segments) sends it.
    const literal = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      const api = new URL(server.apiUrl)
      const req = http.request(
        {
          host: api.hostname,
          port: api.port,
          path: `/storage/v1/object/documents/${A}/../../etc/passwd`, // sent as is, no URL normalisation
          method: 'GET',
          headers: { apikey: server.anonKey, Authorization: `Bearer ${tokenA}` },
        },
        (res) => {
          let text = ''
          res.on('data', (c) => (text += c))
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }))
        },
      )
      req.on('error', reject)
      req.end()
    })
    expect(literal).toEqual({
      status: 400,
      body: { statusCode: '400', code: 'InvalidKey', error: 'InvalidKey', message: `Invalid key: ${A}/../../etc/passwd` },
    })

    const accent = await files.upload(`${A}/café.txt`, 'x')
    expect(accent.error).toMatchObject({ statusCode: '400', code: 'InvalidKey', message: `Invalid key: ${A}/café.txt` })
    const badEscape = await storageFetch(server, `/object/documents/${A}/%E0%A4%A.txt`, { headers: authA() })
    await expectStorageError(badEscape, { statusCode: '400', code: 'InvalidKey' })

    expect((await files.upload(`${A}/avec espace & (parenthèses).txt`, 'x')).error).toMatchObject({ code: 'InvalidKey' })
    expect((await files.upload(`${A}/${'long/'.repeat(250)}fin.txt`, 'x')).error).toMatchObject({ code: 'InvalidKey' })
    expect((await files.upload(`${A}/avec espace & (parentheses).txt`, 'ok')).error).toBeNull()
    expect(await (await files.download(`${A}/avec espace & (parentheses).txt`)).data!.text()).toBe('ok')
    const doubled = await storageFetch(server, `/object/documents//${A}//double//slash.txt`, {
      method: 'POST', headers: { ...authA(), 'content-type': 'text/plain' }, body: 'normalisé',
    })
    expect(await doubled.json()).toMatchObject({ Key: `documents/${A}/double/slash.txt` })
  })

  it('never answers 500 on malformed input', async () => {
    const cases: [string, RequestInit][] = [
      [`/object/documents/${A}/m.txt`, { method: 'POST', headers: { ...authA(), 'content-type': 'multipart/form-data; boundary=xyz' }, body: 'garbage' }],
      [`/object/documents/${A}/m.txt`, { method: 'POST', headers: { ...authA(), 'content-type': 'multipart/form-data' }, body: 'no boundary' }],
      ['/object/move', { method: 'POST', headers: { ...authA(), 'content-type': 'application/json' }, body: '[1,2]' }],
      ['/object/copy', { method: 'POST', headers: { ...authA(), 'content-type': 'application/json' }, body: '{"bucketId":1}' }],
      [`/object/sign/documents/${A}/x`, { method: 'POST', headers: { ...authA(), 'content-type': 'application/json' }, body: '{"expiresIn":"soon"}' }],
      ['/object/list/documents', { method: 'POST', headers: { ...authA(), 'content-type': 'application/json' }, body: '{"prefix":"","sortBy":{"column":"size"}}' }],
      ['/object/documents', { method: 'DELETE', headers: { ...authA(), 'content-type': 'application/json' }, body: '{"prefixes":"x"}' }],
      ['/object/nope%ZZ/x', { headers: authA() }],
    ]
    for (const [path, init] of cases) {
      const res = await storageFetch(server, path, init)
      expect(res.status, path).toBe(400)
      const body = await res.json()
      expect(body, path).toMatchObject({ statusCode: expect.any(String), code: expect.any(String), message: expect.any(String) })
    }
  })
})
