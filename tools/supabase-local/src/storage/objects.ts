// Object write routes: upload / update, signed upload URLs, remove, move,
// copy. Each one runs Storage's permission statement as the caller (see
// store.ts canUpload and the rehearsals below) before any byte is stored,
// then writes the final row as the storage admin.
import { randomUUID } from 'node:crypto'
import { ownerColumns, type Caller } from './caller.ts'
import { asAdmin, asCaller, rehearse } from './db.ts'
import { ERRORS } from './errors.ts'
import { json, optionalBoolean, optionalString, readJsonBody, requireString, type StorageRequest } from './http.ts'
import { assertMimeTypeAllowed } from './mime.ts'
import { decodePath, mustBeValidBucketName, mustBeValidKey, normaliseKey } from './names.ts'
import {
  canUpload, findBucketAsAdmin, findObjectAsAdmin, isEmptyFolderPlaceholder, objectMetadata, renderObject, uploadLimit,
  writeObjectRow, type ObjectRow,
} from './store.ts'
import { signUploadToken, verifySignedToken } from './tokens.ts'
import { decodeXMetadata, receiveUpload } from './upload.ts'

export const OP = {
  upload: 'storage.object.upload',
  update: 'storage.object.upload_update',
  uploadSigned: 'storage.object.upload_signed',
  signUpload: 'storage.object.sign_upload_url',
  delete: 'storage.object.delete',
  deleteMany: 'storage.object.delete_many',
  move: 'storage.object.move',
  copy: 'storage.object.copy',
}

/**
 * Receives an upload into `bucketId/key`: bucket lookup, key check, the
 * permission rehearsal and mime check once the headers are known, the bytes
 * (size-limited), then the final row. `caller` null = storage admin.
 */
async function receiveObject(
  req: StorageRequest,
  opts: { caller: Caller | null; sub: string | undefined; bucketId: string; rawKey: string; upsert: boolean; operation: string },
): Promise<{ row: ObjectRow; key: string }> {
  const bucket = await findBucketAsAdmin(req.ctx, opts.bucketId)
  if (!bucket) throw ERRORS.noSuchBucket()
  const key = mustBeValidKey(opts.rawKey)
  const placeholder = isEmptyFolderPlaceholder(key)
  const version = randomUUID()
  const received = await receiveUpload(req.request, {
    limit: placeholder ? 0 : uploadLimit(req.ctx, bucket),
    disk: req.disk,
    beforeBody: async (headers) => {
      await canUpload(req.ctx, opts.caller, req.scope(opts.operation), {
        bucket: opts.bucketId,
        name: key,
        sub: opts.sub,
        upsert: opts.upsert,
        metadata: { mimetype: headers.mimeType, contentLength: headers.contentLength },
      })
      if (!placeholder) assertMimeTypeAllowed(headers.mimeType, bucket.allowed_mime_types)
    },
  })
  await req.disk.commit(received.tmpPath, opts.bucketId, version)
  const row = await writeObjectRow(req.ctx, req.disk, {
    bucket: opts.bucketId,
    name: key,
    sub: opts.sub,
    version,
    metadata: objectMetadata(received.file, received.headers.mimeType, received.headers.cacheControl),
    userMetadata: received.headers.userMetadata,
  })
  return { row, key }
}

function bucketFrom(raw: string): string {
  const id = decodePath(raw)
  mustBeValidBucketName(id)
  return id
}

/** POST /object/{bucket}/{path} (x-upsert) and PUT (update: always upsert). */
export async function uploadObject(req: StorageRequest, rawBucket: string, rawKey: string): Promise<Response> {
  const caller = await req.caller()
  const bucketId = bucketFrom(rawBucket)
  const isUpdate = req.method === 'PUT'
  const { row, key } = await receiveObject(req, {
    caller,
    sub: caller.sub,
    bucketId,
    rawKey: decodePath(rawKey),
    upsert: isUpdate || req.request.headers.get('x-upsert') === 'true',
    operation: isUpdate ? OP.update : OP.upload,
  })
  return json({ Id: row.id, Key: `${bucketId}/${key}` })
}

/** POST /object/upload/sign/{bucket}/{path}: checks INSERT permission now, signs a 2 h upload token. */
export async function createSignedUploadUrl(req: StorageRequest, rawBucket: string, rawKey: string): Promise<Response> {
  const caller = await req.caller()
  const bucketId = bucketFrom(rawBucket)
  const key = mustBeValidKey(decodePath(rawKey))
  const upsert = req.request.headers.get('x-upsert') === 'true'
  await canUpload(req.ctx, caller, req.scope(OP.signUpload), { bucket: bucketId, name: key, sub: caller.sub, upsert })
  const url = `${bucketId}/${key}`
  const token = await signUploadToken(req.ctx, url, caller.sub, upsert)
  return json({ url: `/object/upload/sign/${url}?token=${token}`, token })
}

/** PUT /object/upload/sign/{bucket}/{path}?token=…: no auth, upsert and owner come from the token. */
export async function uploadToSignedUrl(req: StorageRequest, rawBucket: string, rawKey: string): Promise<Response> {
  const token = req.url.searchParams.get('token')
  if (!token) throw ERRORS.badRequest("querystring must have required property 'token'")
  const bucketId = bucketFrom(rawBucket)
  const rawKeyDecoded = decodePath(rawKey)
  const payload = await verifySignedToken(req.ctx, token, `${bucketId}/${normaliseKey(rawKeyDecoded)}`, 'upload')
  const { key } = await receiveObject(req, {
    caller: null,
    sub: typeof payload.owner === 'string' ? payload.owner : undefined,
    bucketId,
    rawKey: rawKeyDecoded,
    upsert: payload.upsert === true,
    operation: OP.uploadSigned,
  })
  return json({ Key: `${bucketId}/${key}` })
}

/** Reads `prefixes` of a remove body: strings, or `{path, versionId}` entries (storage-js 2.119). */
function readPrefixes(body: Record<string, unknown>): string[] {
  const value = body.prefixes
  if (value === undefined || value === null) throw ERRORS.badRequest("body must have required property 'prefixes'")
  if (!Array.isArray(value)) throw ERRORS.badRequest('body/prefixes must be array')
  if (value.length < 1) throw ERRORS.badRequest('body/prefixes must NOT have fewer than 1 items')
  if (value.length > 1000) throw ERRORS.badRequest('body/prefixes must NOT have more than 1000 items')
  return value.map((entry, i) => {
    if (typeof entry === 'string') return entry
    if (entry && typeof entry === 'object' && typeof (entry as any).path === 'string') return (entry as any).path
    throw ERRORS.badRequest(`body/prefixes/${i} must be string`)
  })
}

/**
 * DELETE /object/{bucket} {prefixes}: `DELETE … RETURNING *` as the caller;
 * rows the caller cannot see (or may not delete) are silently left out.
 */
export async function removeObjects(req: StorageRequest, rawBucket: string): Promise<Response> {
  const caller = await req.caller()
  const bucketId = bucketFrom(rawBucket)
  const prefixes = readPrefixes(await readJsonBody(req))
  const { rows } = await asCaller(req.ctx, caller, req.scope(OP.deleteMany), (q) =>
    q<ObjectRow>('delete from storage.objects where bucket_id = $1 and name = any($2::text[]) returning *', [
      bucketId,
      prefixes,
    ]),
  )
  for (const row of rows) await req.disk.remove(bucketId, row.version)
  return json(rows.map(renderObject))
}

/** DELETE /object/{bucket}/{path}: one object, NoSuchKey when missing or not deletable. */
export async function deleteObject(req: StorageRequest, rawBucket: string, rawKey: string): Promise<Response> {
  const caller = await req.caller()
  const bucketId = bucketFrom(rawBucket)
  const key = mustBeValidKey(decodePath(rawKey))
  const { rows } = await asCaller(req.ctx, caller, req.scope(OP.delete), (q) =>
    q<ObjectRow>('delete from storage.objects where bucket_id = $1 and name = $2 returning *', [bucketId, key]),
  )
  if (!rows[0]) throw ERRORS.noSuchKey()
  await req.disk.remove(bucketId, rows[0].version)
  return json({ message: 'Successfully deleted' })
}

interface TransferBody {
  sourceBucket: string
  sourceKey: string
  destinationBucket: string
  destinationKey: string
}

function readTransfer(body: Record<string, unknown>): TransferBody {
  const sourceBucket = requireString(body, 'bucketId')
  const sourceKey = requireString(body, 'sourceKey')
  const destinationKeyRaw = requireString(body, 'destinationKey')
  const destinationBucket = optionalString(body, 'destinationBucket') || sourceBucket
  mustBeValidBucketName(sourceBucket)
  mustBeValidBucketName(destinationBucket)
  return {
    sourceBucket,
    sourceKey: normaliseKey(sourceKey),
    destinationBucket,
    destinationKey: mustBeValidKey(destinationKeyRaw),
  }
}

/**
 * `UPDATE storage.objects SET … WHERE bucket_id = $1 AND name = $2 [AND version = …] RETURNING *`
 * for the source of a move.
 */
function updateSource(t: TransferBody, set: Record<string, unknown>, expectedVersion?: string) {
  const params: unknown[] = [t.sourceBucket, t.sourceKey]
  const assignments = Object.entries(set).map(([col, value]) => {
    params.push(value)
    return `${col} = $${params.length}`
  })
  let where = 'bucket_id = $1 and name = $2'
  if (expectedVersion !== undefined) {
    params.push(expectedVersion)
    where += ` and version = $${params.length}`
  }
  return { sql: `update storage.objects set ${assignments.join(', ')} where ${where} returning *`, params }
}

/**
 * POST /object/move: rehearses `SELECT` of the source and the
 * `UPDATE … SET name, bucket_id, version, owner RETURNING *` as the caller
 * (SELECT + UPDATE policies, WITH CHECK sees the new name), then moves as admin.
 */
export async function moveObject(req: StorageRequest): Promise<Response> {
  const caller = await req.caller()
  const t = readTransfer(await readJsonBody(req))
  const version = randomUUID()
  const moved = { name: t.destinationKey, bucket_id: t.destinationBucket, version, ...ownerColumns(caller.sub) }

  await rehearse(req.ctx, caller, req.scope(OP.move), async (q) => {
    const found = await q('select id from storage.objects where bucket_id = $1 and name = $2', [t.sourceBucket, t.sourceKey])
    if (!found.rowCount) throw ERRORS.noSuchKey()
    const update = updateSource(t, moved)
    if (!(await q(update.sql, update.params)).rowCount) throw ERRORS.noSuchKey()
  })
  if (t.sourceBucket === t.destinationBucket && t.sourceKey === t.destinationKey) {
    return json({ message: 'Successfully moved' })
  }

  // The bytes are copied under the new version, the row updated, then the old bytes dropped.
  const from = await findObjectAsAdmin(req.ctx, t.sourceBucket, t.sourceKey)
  if (!from) throw ERRORS.noSuchKey()
  if (!from.version || !(await req.disk.copy(t.sourceBucket, from.version, t.destinationBucket, version))) {
    throw ERRORS.fileMissing()
  }
  try {
    await asAdmin(req.ctx, async (q) => {
      await q('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`${t.destinationBucket}/${t.destinationKey}`])
      const metadata = JSON.stringify({ ...(from.metadata ?? {}), lastModified: new Date().toISOString() })
      // Only if nobody replaced the source meanwhile.
      const update = updateSource(t, { ...moved, metadata }, from.version!)
      if (!(await q(update.sql, update.params)).rowCount) throw ERRORS.noSuchKey()
    })
  } catch (e) {
    await req.disk.remove(t.destinationBucket, version)
    throw e
  }
  await req.disk.remove(t.sourceBucket, from.version)
  return json({ message: 'Successfully moved' })
}

/**
 * POST /object/copy: SELECT of the source as the caller, the upload rehearsal
 * on the destination (INSERT, or upsert with `x-upsert: true`), then the copy.
 */
export async function copyObject(req: StorageRequest): Promise<Response> {
  const caller = await req.caller()
  const body = await readJsonBody(req)
  const t = readTransfer(body)
  const copyMetadata = optionalBoolean(body, 'copyMetadata') ?? true
  const metadataOverride = body.metadata && typeof body.metadata === 'object' ? (body.metadata as Record<string, unknown>) : {}
  const upsert = req.request.headers.get('x-upsert') === 'true'
  const userMetadata = decodeXMetadata(req.request.headers.get('x-metadata'))

  const source = await asCaller(req.ctx, caller, req.scope(OP.copy), (q) =>
    q<ObjectRow>('select * from storage.objects where bucket_id = $1 and name = $2', [t.sourceBucket, t.sourceKey]),
  )
  const from = source.rows[0]
  if (!from) throw ERRORS.noSuchKey()
  await canUpload(req.ctx, caller, req.scope(OP.copy), {
    bucket: t.destinationBucket,
    name: t.destinationKey,
    sub: caller.sub,
    upsert,
  })
  const version = randomUUID()
  if (!from.version || !(await req.disk.copy(t.sourceBucket, from.version, t.destinationBucket, version))) {
    throw ERRORS.fileMissing()
  }
  const base = from.metadata ?? {}
  const row = await writeObjectRow(req.ctx, req.disk, {
    bucket: t.destinationBucket,
    name: t.destinationKey,
    sub: caller.sub,
    version,
    metadata: { ...(copyMetadata ? base : { ...base, ...metadataOverride }), lastModified: new Date().toISOString() },
    userMetadata: copyMetadata ? (from.user_metadata ?? undefined) : userMetadata,
  })
  return json({ Id: row.id, Key: `${t.destinationBucket}/${t.destinationKey}`, ...renderObject(row) })
}
