// Object read routes: downloads (authenticated, public, signed), info,
// signed URL creation and listing. Private objects are looked up with a
// SELECT as the caller, so an object the caller may not read is NoSuchKey;
// public buckets are read as the admin without RLS, as on hosted.
import { Readable } from 'node:stream'
import type { Caller } from './caller.ts'
import { asCaller } from './db.ts'
import { ERRORS } from './errors.ts'
import { json, optionalInteger, optionalString, readJsonBody, type StorageRequest } from './http.ts'
import { decodePath, mustBeValidBucketName, mustBeValidKey, normaliseKey } from './names.ts'
import { findBucketAsAdmin, findObjectAsAdmin, type ObjectRow } from './store.ts'
import { signDownloadToken, verifySignedToken } from './tokens.ts'

export const OP = {
  getAuth: 'storage.object.get_authenticated',
  getPublic: 'storage.object.get_public',
  getSigned: 'storage.object.get_signed',
  infoAuth: 'storage.object.info_authenticated',
  infoPublic: 'storage.object.info_public',
  sign: 'storage.object.sign',
  signMany: 'storage.object.sign_many',
  list: 'storage.object.list',
}

function bucketFrom(raw: string): string {
  const id = decodePath(raw)
  mustBeValidBucketName(id)
  return id
}

async function selectAsCaller(req: StorageRequest, caller: Caller, operation: string, bucket: string, key: string) {
  const { rows } = await asCaller(req.ctx, caller, req.scope(operation), (q) =>
    q<ObjectRow>('select * from storage.objects where bucket_id = $1 and name = $2', [bucket, key]),
  )
  return rows[0] ?? null
}

/**
 * Finds an object for an authenticated read: public buckets without RLS,
 * private ones through the caller's SELECT policies. Without a valid JWT only
 * public buckets are served (the bucket is otherwise "not found").
 */
async function findReadable(req: StorageRequest, caller: Caller, operation: string, rawBucket: string, rawKey: string) {
  const bucketId = bucketFrom(rawBucket)
  const bucket = await findBucketAsAdmin(req.ctx, bucketId)
  if (!bucket || (!caller.authenticated && !bucket.public)) throw ERRORS.noSuchBucket()
  const key = mustBeValidKey(decodePath(rawKey))
  const row = bucket.public
    ? await findObjectAsAdmin(req.ctx, bucketId, key)
    : await selectAsCaller(req, caller, operation, bucketId, key)
  if (!row) throw ERRORS.noSuchKey()
  return row
}

async function findPublic(req: StorageRequest, rawBucket: string, rawKey: string) {
  const bucketId = bucketFrom(rawBucket)
  const bucket = await findBucketAsAdmin(req.ctx, bucketId)
  if (!bucket?.public) throw ERRORS.noSuchBucket()
  const key = mustBeValidKey(decodePath(rawKey))
  const row = await findObjectAsAdmin(req.ctx, bucketId, key)
  if (!row) throw ERRORS.noSuchKey()
  return row
}

/** `Range: bytes=a-b | a- | -n` → inclusive byte range; undefined = whole file (S3 ignores malformed ranges). */
function parseRange(header: string | null, size: number): { start: number; end: number } | undefined {
  if (!header) return undefined
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!m || (m[1] === '' && m[2] === '')) return undefined
  let start: number
  let end: number
  if (m[1] === '') {
    const suffix = Number(m[2])
    if (suffix === 0) throw ERRORS.invalidRange()
    start = Math.max(size - suffix, 0)
    end = size - 1
  } else {
    start = Number(m[1])
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
    if (m[2] !== '' && Number(m[2]) < start) return undefined
  }
  if (start >= size) throw ERRORS.invalidRange()
  return { start, end }
}

/** Serves stored bytes with the headers Storage's renderer sets. */
async function renderAsset(
  req: StorageRequest,
  row: ObjectRow,
  options: { download?: string | null; expires?: string },
): Promise<Response> {
  const size = await req.disk.size(row.bucket_id, row.version)
  if (size === null || !row.version) throw ERRORS.fileMissing()
  const meta = row.metadata ?? {}
  const eTag: string = typeof meta.eTag === 'string' ? meta.eTag : `"${row.version}"`
  const lastModified = new Date(meta.lastModified ?? row.updated_at ?? Date.now())
  const mimeType: string = typeof meta.mimetype === 'string' ? meta.mimetype : 'application/octet-stream'
  const headers = new Headers({
    // Storage never serves stored HTML as HTML.
    'Content-Type': mimeType.includes('text/html') ? 'text/plain' : mimeType,
    ETag: eTag,
    'Last-Modified': lastModified.toUTCString(),
    'Accept-Ranges': 'bytes',
    'X-Robots-Tag': 'none',
  })
  if (options.expires) headers.set('Expires', options.expires)
  else headers.set('Cache-Control', typeof meta.cacheControl === 'string' ? meta.cacheControl : 'no-cache')
  if (options.download !== undefined && options.download !== null) {
    if (options.download === '') headers.set('Content-Disposition', 'attachment;')
    else {
      const name = encodeURIComponent(options.download)
      headers.set('Content-Disposition', `attachment; filename=${name}; filename*=UTF-8''${name};`)
    }
  }

  const ifNoneMatch = req.request.headers.get('if-none-match')
  const ifModifiedSince = req.request.headers.get('if-modified-since')
  const notModified = ifNoneMatch
    ? ifNoneMatch.split(',').some((t) => t.trim() === eTag || t.trim() === '*')
    : !!ifModifiedSince && !Number.isNaN(Date.parse(ifModifiedSince)) &&
      Math.floor(lastModified.getTime() / 1000) <= Math.floor(Date.parse(ifModifiedSince) / 1000)
  if (notModified) return new Response(null, { status: 304, headers })

  const range = parseRange(req.request.headers.get('range'), size)
  const length = range ? range.end - range.start + 1 : size
  headers.set('Content-Length', String(length))
  if (range) headers.set('Content-Range', `bytes ${range.start}-${range.end}/${size}`)
  const body =
    req.method === 'HEAD' || length === 0
      ? null
      : (Readable.toWeb(req.disk.read(row.bucket_id, row.version, range)) as unknown as ReadableStream)
  return new Response(body, { status: range ? 206 : 200, headers })
}

/** GET /object/{bucket}/{path} (an invalid JWT falls back to public buckets) and /object/authenticated/…. */
export async function downloadObject(
  req: StorageRequest,
  rawBucket: string,
  rawKey: string,
  options: { allowInvalidJwt: boolean },
): Promise<Response> {
  const caller = await req.caller({ allowInvalid: options.allowInvalidJwt })
  const row = await findReadable(req, caller, OP.getAuth, rawBucket, rawKey)
  return renderAsset(req, row, { download: req.url.searchParams.get('download') })
}

/** GET /object/public/{bucket}/{path}: no auth, public buckets only. */
export async function downloadPublicObject(req: StorageRequest, rawBucket: string, rawKey: string): Promise<Response> {
  const row = await findPublic(req, rawBucket, rawKey)
  return renderAsset(req, row, { download: req.url.searchParams.get('download') })
}

/** GET /object/sign/{bucket}/{path}?token=…: no auth, the token is the permission. */
export async function downloadSignedObject(req: StorageRequest, rawBucket: string, rawKey: string): Promise<Response> {
  const token = req.url.searchParams.get('token')
  if (!token) throw ERRORS.badRequest("querystring must have required property 'token'")
  const bucketId = bucketFrom(rawBucket)
  const key = normaliseKey(decodePath(rawKey))
  const payload = await verifySignedToken(req.ctx, token, `${bucketId}/${key}`, 'download')
  const row = await findObjectAsAdmin(req.ctx, bucketId, key)
  if (!row) throw ERRORS.noSuchKey()
  return renderAsset(req, row, {
    download: req.url.searchParams.get('download'),
    expires: typeof payload.exp === 'number' ? new Date(payload.exp * 1000).toUTCString() : undefined,
  })
}

/** GET /object/info/[authenticated|public/]{bucket}/{path}: the object's metadata as JSON. */
export async function objectInfo(
  req: StorageRequest,
  rawBucket: string,
  rawKey: string,
  mode: 'authenticated' | 'public' | 'default',
): Promise<Response> {
  let row: ObjectRow
  if (mode === 'public') row = await findPublic(req, rawBucket, rawKey)
  else {
    const caller = await req.caller({ allowInvalid: mode === 'default' })
    row = await findReadable(req, caller, OP.infoAuth, rawBucket, rawKey)
  }
  if ((await req.disk.size(row.bucket_id, row.version)) === null) throw ERRORS.fileMissing()
  const meta = row.metadata ?? {}
  const headers: Record<string, string> = {}
  if (typeof meta.eTag === 'string') headers.ETag = meta.eTag
  if (typeof meta.cacheControl === 'string') headers['Cache-Control'] = meta.cacheControl
  if (meta.lastModified) headers['Last-Modified'] = new Date(meta.lastModified).toUTCString()
  return json(
    {
      id: row.id,
      name: row.name,
      version: row.version,
      bucket_id: row.bucket_id,
      size: meta.size ?? null,
      content_type: meta.mimetype ?? null,
      cache_control: meta.cacheControl ?? null,
      etag: meta.eTag ?? null,
      metadata: row.user_metadata,
      last_modified: row.updated_at,
      created_at: row.created_at,
    },
    200,
    headers,
  )
}

function readExpiresIn(body: Record<string, unknown>): number {
  if (body.expiresIn === undefined || body.expiresIn === null) {
    throw ERRORS.badRequest("body must have required property 'expiresIn'")
  }
  return optionalInteger(body, 'expiresIn', 1)!
}

/** POST /object/sign/{bucket}/{path} {expiresIn}: the caller must be able to SELECT the object. */
export async function createSignedUrl(req: StorageRequest, rawBucket: string, rawKey: string): Promise<Response> {
  const caller = await req.caller()
  const body = await readJsonBody(req)
  const expiresIn = readExpiresIn(body)
  const bucketId = bucketFrom(rawBucket)
  const key = mustBeValidKey(decodePath(rawKey))
  if (!(await selectAsCaller(req, caller, OP.sign, bucketId, key))) throw ERRORS.noSuchKey()
  const url = `${bucketId}/${key}`
  const token = await signDownloadToken(req.ctx, url, expiresIn)
  return json({ signedURL: `/object/sign/${url}?token=${token}` })
}

/** POST /object/sign/{bucket} {expiresIn, paths}: one entry per path, an error for what the caller cannot see. */
export async function createSignedUrls(req: StorageRequest, rawBucket: string): Promise<Response> {
  const caller = await req.caller()
  const body = await readJsonBody(req)
  const expiresIn = readExpiresIn(body)
  const paths = body.paths
  if (paths === undefined || paths === null) throw ERRORS.badRequest("body must have required property 'paths'")
  if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string')) throw ERRORS.badRequest('body/paths must be array')
  if (paths.length < 1) throw ERRORS.badRequest('body/paths must NOT have fewer than 1 items')
  const bucketId = bucketFrom(rawBucket)
  const { rows } = await asCaller(req.ctx, caller, req.scope(OP.signMany), (q) =>
    q<{ name: string }>('select name from storage.objects where bucket_id = $1 and name = any($2::text[])', [
      bucketId,
      paths,
    ]),
  )
  const visible = new Set(rows.map((r) => r.name))
  const result = await Promise.all(
    (paths as string[]).map(async (path) => {
      if (!visible.has(path)) {
        return { error: 'Either the object does not exist or you do not have access to it', path, signedURL: null }
      }
      const url = `${bucketId}/${path}`
      const token = await signDownloadToken(req.ctx, url, expiresIn)
      return { error: null, path, signedURL: `/object/sign/${url}?token=${token}` }
    }),
  )
  return json(result)
}

const SORT_COLUMNS = ['name', 'updated_at', 'created_at', 'last_accessed_at']

/**
 * POST /object/list/{bucket}: `storage.search` as the caller, so SELECT
 * policies filter what is listed. Folders come back with `id: null`, names
 * relative to the prefix.
 */
export async function listObjects(req: StorageRequest, rawBucket: string): Promise<Response> {
  const caller = await req.caller()
  const bucketId = bucketFrom(rawBucket)
  const body = await readJsonBody(req)
  if (body.prefix === undefined || body.prefix === null) throw ERRORS.badRequest("body must have required property 'prefix'")
  let prefix = optionalString(body, 'prefix') ?? ''
  const limit = optionalInteger(body, 'limit', 1)
  const offset = optionalInteger(body, 'offset', 0)
  const search = optionalString(body, 'search')
  let column: string | undefined
  let order: string | undefined
  if (body.sortBy !== undefined && body.sortBy !== null) {
    if (typeof body.sortBy !== 'object' || Array.isArray(body.sortBy)) throw ERRORS.badRequest('body/sortBy must be object')
    const sortBy = body.sortBy as Record<string, unknown>
    if (sortBy.column === undefined) throw ERRORS.badRequest("body/sortBy must have required property 'column'")
    column = optionalString(sortBy, 'column', 'body/sortBy')
    order = optionalString(sortBy, 'order', 'body/sortBy')
    if (column !== undefined && !SORT_COLUMNS.includes(column)) {
      throw ERRORS.badRequest('body/sortBy/column must be equal to one of the allowed values')
    }
    if (order !== undefined && !['asc', 'desc'].includes(order)) {
      throw ERRORS.badRequest('body/sortBy/order must be equal to one of the allowed values')
    }
  }
  // Storage treats the prefix as a folder.
  if (prefix.length > 0 && !prefix.endsWith('/')) prefix = `${prefix}/`
  const { rows } = await asCaller(req.ctx, caller, req.scope(OP.list), (q) =>
    q('select * from storage.search($1, $2, $3, $4, $5, $6, $7)', [
      prefix, bucketId, limit ?? 100, offset ?? 0, search ?? '', column ?? 'name', order ?? 'asc',
    ]),
  )
  return json(
    rows.map((r) => ({
      name: r.name,
      id: r.id,
      updated_at: r.updated_at,
      created_at: r.created_at,
      last_accessed_at: r.last_accessed_at,
      metadata: r.metadata,
    })),
  )
}
