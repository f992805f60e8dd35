// /bucket routes. Bucket DML runs as the caller, so with no policy on
// storage.buckets (the default) only service_role can create, update or delete
// buckets, and listing/getting is filtered by SELECT policies.
import { ownerColumns } from './caller.ts'
import { asAdmin, asCaller } from './db.ts'
import { ERRORS } from './errors.ts'
import {
  json, optionalBoolean, optionalInteger, optionalString, readJsonBody, requireString, type StorageRequest,
} from './http.ts'
import { assertValidMimeTypeList } from './mime.ts'
import { decodePath, mustBeValidBucketName } from './names.ts'
import { BUCKET_COLUMNS, renderBucket, type BucketRow } from './store.ts'

const OP = {
  create: 'storage.bucket.create',
  delete: 'storage.bucket.delete',
  empty: 'storage.bucket.empty',
  list: 'storage.bucket.list',
  get: 'storage.bucket.get',
  update: 'storage.bucket.update',
}

/** Storage's file size strings: "20GB", "20MB", "30KB", "3B" (decimal units). */
function parseFileSizeToBytes(value: string): number {
  const m = /^([0-9]+(?:\.[0-9]+)?)(gb|mb|kb|b)$/i.exec(value)
  if (!m) throw ERRORS.invalidFileSizeLimit()
  const n = Number(Number.parseFloat(m[1]).toPrecision(3))
  const mult = { gb: 1e9, mb: 1e6, kb: 1e3, b: 1 }[m[2].toLowerCase() as 'gb' | 'mb' | 'kb' | 'b']
  return n * mult
}

/** file_size_limit from a create/update body: undefined (unchanged), null (none) or bytes. */
function readFileSizeLimit(req: StorageRequest, body: Record<string, unknown>): number | null | undefined {
  const value = body.file_size_limit
  if (value === undefined) return undefined
  if (value === null) return null
  let bytes: number
  if (typeof value === 'string') bytes = parseFileSizeToBytes(value)
  else if (typeof value === 'number' && Number.isInteger(value)) {
    if (value < 0) throw ERRORS.badRequest('body/file_size_limit must be >= 0')
    bytes = value
  } else throw ERRORS.badRequest('body/file_size_limit must be integer')
  if (bytes > req.ctx.config.storageFileSizeLimit) throw ERRORS.entityTooLarge()
  return bytes
}

function readAllowedMimeTypes(body: Record<string, unknown>): string[] | null | undefined {
  const value = body.allowed_mime_types
  if (value === undefined || value === null) return value as undefined | null
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw ERRORS.badRequest('body/allowed_mime_types must be array')
  }
  const list = (value as string[]).filter((v) => v)
  assertValidMimeTypeList(list)
  return list
}

function bucketIdFrom(raw: string): string {
  const id = decodePath(raw)
  mustBeValidBucketName(id)
  return id
}

export async function createBucket(req: StorageRequest): Promise<Response> {
  const caller = await req.caller()
  const body = await readJsonBody(req)
  const name = requireString(body, 'name')
  const id = optionalString(body, 'id') || name
  mustBeValidBucketName(name)
  mustBeValidBucketName(id)
  const isPublic = optionalBoolean(body, 'public') ?? false
  const fileSizeLimit = readFileSizeLimit(req, body)
  const allowedMimeTypes = readAllowedMimeTypes(body)

  const cols: Record<string, unknown> = { id, name, ...ownerColumns(caller.sub), public: isPublic }
  if (allowedMimeTypes !== undefined) cols.allowed_mime_types = allowedMimeTypes
  if (fileSizeLimit !== undefined) cols.file_size_limit = fileSizeLimit
  const names = Object.keys(cols)
  try {
    // A plain INSERT as the caller: without an INSERT policy, only service_role passes.
    await asCaller(req.ctx, caller, req.scope(OP.create), (q) =>
      q(
        `insert into storage.buckets (${names.join(', ')}) values (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
        Object.values(cols),
      ),
    )
  } catch (e: any) {
    if (e?.code === 'ResourceAlreadyExists') throw ERRORS.bucketAlreadyExists()
    throw e
  }
  return json({ name })
}

export async function getBucket(req: StorageRequest, rawId: string): Promise<Response> {
  const caller = await req.caller()
  const id = decodePath(rawId)
  const { rows } = await asCaller(req.ctx, caller, req.scope(OP.get), (q) =>
    q<BucketRow>(`select ${BUCKET_COLUMNS} from storage.buckets where id = $1`, [id]),
  )
  if (!rows[0]) throw ERRORS.noSuchBucket()
  return json(renderBucket(rows[0]))
}

const SORT_COLUMNS = ['id', 'name', 'created_at', 'updated_at']

export async function listBuckets(req: StorageRequest): Promise<Response> {
  const caller = await req.caller()
  const params = req.url.searchParams
  const query: Record<string, unknown> = {}
  for (const key of ['limit', 'offset']) {
    const v = params.get(key)
    if (v !== null) query[key] = /^-?\d+$/.test(v) ? Number(v) : v
  }
  const limit = optionalInteger(query, 'limit', 1, 'querystring')
  const offset = optionalInteger(query, 'offset', 0, 'querystring')
  const search = params.get('search') ?? ''
  const sortColumn = params.get('sortColumn')
  const sortOrder = params.get('sortOrder')
  if (sortColumn !== null && !SORT_COLUMNS.includes(sortColumn)) {
    throw ERRORS.badRequest('querystring/sortColumn must be equal to one of the allowed values')
  }
  if (sortOrder !== null && !['asc', 'desc'].includes(sortOrder)) {
    throw ERRORS.badRequest('querystring/sortOrder must be equal to one of the allowed values')
  }
  const values: unknown[] = []
  let sql = `select ${BUCKET_COLUMNS} from storage.buckets`
  if (search) {
    values.push(search)
    sql += ` where name ilike '%' || $${values.length} || '%'`
  }
  if (sortColumn) sql += ` order by ${sortColumn} ${sortOrder ?? 'asc'}`
  if (limit !== undefined) sql += ` limit ${limit}`
  if (offset !== undefined) sql += ` offset ${offset}`
  const { rows } = await asCaller(req.ctx, caller, req.scope(OP.list), (q) => q<BucketRow>(sql, values))
  return json(rows.map(renderBucket))
}

export async function updateBucket(req: StorageRequest, rawId: string): Promise<Response> {
  const caller = await req.caller()
  const id = bucketIdFrom(rawId)
  const body = await readJsonBody(req)
  const isPublic = optionalBoolean(body, 'public')
  const fileSizeLimit = readFileSizeLimit(req, body)
  const allowedMimeTypes = readAllowedMimeTypes(body)
  const sets: string[] = []
  const values: unknown[] = [id]
  const set = (col: string, v: unknown) => {
    values.push(v)
    sets.push(`${col} = $${values.length}`)
  }
  if (isPublic !== undefined) set('public', isPublic)
  if (fileSizeLimit !== undefined) set('file_size_limit', fileSizeLimit)
  if (allowedMimeTypes !== undefined) set('allowed_mime_types', allowedMimeTypes)
  if (sets.length === 0) sets.push('public = public')
  const { rowCount } = await asCaller(req.ctx, caller, req.scope(OP.update), (q) =>
    q(`update storage.buckets set ${sets.join(', ')} where id = $1`, values),
  )
  if (!rowCount) throw ERRORS.noSuchBucket()
  return json({ message: 'Successfully updated' })
}

export async function deleteBucket(req: StorageRequest, rawId: string): Promise<Response> {
  const caller = await req.caller()
  const id = decodePath(rawId)
  // Existence and emptiness are checked as the admin (the caller may not see the objects).
  const state = await asAdmin(req.ctx, async (q) => {
    const bucket = await q('select id from storage.buckets where id = $1', [id])
    if (!bucket.rowCount) return 'missing'
    const objects = await q('select 1 from storage.objects where bucket_id = $1 limit 1', [id])
    return objects.rowCount ? 'not-empty' : 'ok'
  })
  if (state === 'missing') throw ERRORS.noSuchBucket()
  if (state === 'not-empty') throw ERRORS.bucketNotEmpty()
  const { rowCount } = await asCaller(req.ctx, caller, req.scope(OP.delete), (q) =>
    q('delete from storage.buckets where id = $1', [id]),
  )
  if (!rowCount) throw ERRORS.noSuchBucket()
  await req.disk.removeBucket(id)
  return json({ message: 'Successfully deleted' })
}

/** Empties a bucket. Guarded on the JWT role (HTTP 403) as hosted guards it. */
export async function emptyBucket(req: StorageRequest, rawId: string): Promise<Response> {
  const caller = await req.caller()
  if (caller.role !== 'service_role') throw ERRORS.roleRequired('service_role')
  const id = decodePath(rawId)
  const deleted = await asCaller(req.ctx, caller, req.scope(OP.empty), async (q) => {
    const bucket = await q('select id from storage.buckets where id = $1', [id])
    if (!bucket.rowCount) throw ERRORS.noSuchBucket()
    const { rows } = await q<{ version: string | null }>(
      'delete from storage.objects where bucket_id = $1 returning version',
      [id],
    )
    return rows
  })
  for (const row of deleted) await req.disk.remove(id, row.version)
  return json({ message: 'Successfully emptied' })
}
