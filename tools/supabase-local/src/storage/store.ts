// Row-level operations on storage.buckets / storage.objects shared by routes
// and the seed: bucket lookups, the upload permission rehearsal, and the final
// write of an object row as the storage admin.
import type { ServiceContext } from '../context.ts'
import { ownerColumns, type Caller } from './caller.ts'
import { asAdmin, rehearse, rehearseAsAdmin, type Query, type RequestScope } from './db.ts'
import type { ObjectDisk, StoredFile } from './disk.ts'
import { ERRORS, StorageError } from './errors.ts'

export interface BucketRow {
  id: string
  name: string
  owner: string | null
  public: boolean | null
  file_size_limit: string | null
  allowed_mime_types: string[] | null
  created_at: Date | null
  updated_at: Date | null
}

export interface ObjectRow {
  id: string
  bucket_id: string
  name: string
  owner: string | null
  owner_id: string | null
  version: string | null
  metadata: Record<string, any> | null
  user_metadata: Record<string, any> | null
  created_at: Date | null
  updated_at: Date | null
  last_accessed_at: Date | null
}

export const BUCKET_COLUMNS = 'id, name, owner, public, file_size_limit, allowed_mime_types, created_at, updated_at'

/** Bucket lookups are always made as the storage admin, like Storage's `asSuperUser().findBucket`. */
export async function findBucketAsAdmin(ctx: ServiceContext, id: string): Promise<BucketRow | null> {
  const { rows } = await ctx.db.storageAdmin.query<BucketRow>(
    `select ${BUCKET_COLUMNS} from storage.buckets where id = $1`,
    [id],
  )
  return rows[0] ?? null
}

export async function findObjectAsAdmin(ctx: ServiceContext, bucket: string, name: string): Promise<ObjectRow | null> {
  const { rows } = await ctx.db.storageAdmin.query<ObjectRow>(
    'select * from storage.objects where bucket_id = $1 and name = $2',
    [bucket, name],
  )
  return rows[0] ?? null
}

/** Effective upload limit: min(bucket limit, server limit). */
export function uploadLimit(ctx: ServiceContext, bucket: BucketRow): number {
  const global = ctx.config.storageFileSizeLimit
  return bucket.file_size_limit === null ? global : Math.min(Number(bucket.file_size_limit), global)
}

/** Storage's empty-folder marker objects: 0 bytes, any mime type. */
export function isEmptyFolderPlaceholder(name: string): boolean {
  return name.endsWith('.emptyFolderPlaceholder')
}

interface InsertValues {
  bucket: string
  name: string
  sub: string | undefined
  version: string
  metadata?: Record<string, unknown>
  userMetadata?: Record<string, unknown>
}

/** Column list and parameters of an object insert, leaving out what Storage leaves undefined. */
function insertParts(values: InsertValues) {
  const cols: Record<string, unknown> = {
    bucket_id: values.bucket,
    name: values.name,
    ...ownerColumns(values.sub),
    version: values.version,
  }
  if (values.metadata !== undefined) cols.metadata = JSON.stringify(values.metadata)
  if (values.userMetadata !== undefined) cols.user_metadata = JSON.stringify(values.userMetadata)
  const names = Object.keys(cols)
  return {
    names,
    params: Object.values(cols),
    placeholders: names.map((_, i) => `$${i + 1}`).join(', '),
    // ON CONFLICT … DO UPDATE sets what Storage merges: version, owner, owner_id (+ metadata when given).
    merge: names
      .filter((n) => ['version', 'owner', 'owner_id', 'metadata', 'user_metadata'].includes(n))
      .map((n) => `${n} = excluded.${n}`)
      .join(', '),
  }
}

/**
 * Storage's `canUpload`: the statement whose RLS outcome decides an upload,
 * run as the caller and rolled back.
 * - new object: INSERT without RETURNING → only an INSERT policy is needed;
 * - upsert: INSERT … ON CONFLICT DO UPDATE … RETURNING * → INSERT + SELECT + UPDATE.
 * `caller` null means the storage admin (uploads through a signed upload URL).
 */
export async function canUpload(
  ctx: ServiceContext,
  caller: Caller | null,
  scope: RequestScope,
  target: { bucket: string; name: string; sub: string | undefined; upsert: boolean; metadata?: Record<string, unknown> },
): Promise<void> {
  const parts = insertParts({ ...target, version: '1' })
  const sql = target.upsert
    ? `insert into storage.objects (${parts.names.join(', ')}) values (${parts.placeholders})
       on conflict (name, bucket_id) do update set ${parts.merge} returning *`
    : `insert into storage.objects (${parts.names.join(', ')}) values (${parts.placeholders})`
  const statement = (q: Query) => q(sql, parts.params)
  try {
    if (caller) await rehearse(ctx, caller, scope, statement)
    else await rehearseAsAdmin(ctx, statement)
  } catch (e) {
    if (e instanceof StorageError && e.code === 'ResourceAlreadyExists') throw ERRORS.keyAlreadyExists()
    throw e
  }
}

/** The `metadata` column Storage writes for stored bytes. */
export function objectMetadata(file: StoredFile, mimeType: string, cacheControl: string): Record<string, unknown> {
  return {
    eTag: `"${file.md5}"`,
    size: file.size,
    mimetype: mimeType,
    cacheControl,
    lastModified: new Date().toISOString(),
    contentLength: file.size,
    httpStatusCode: 200,
  }
}

/**
 * Storage's `completeUpload`: with the new bytes already in place under their
 * version, writes the row as the storage admin (always an upsert, serialised
 * per key by an advisory lock), then drops the bytes of the version replaced.
 */
export async function writeObjectRow(
  ctx: ServiceContext,
  disk: ObjectDisk,
  values: InsertValues & { metadata: Record<string, unknown> },
): Promise<ObjectRow> {
  const parts = insertParts(values)
  let previous: string | null = null
  let row: ObjectRow
  try {
    row = await asAdmin(ctx, async (q) => {
      await q('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`${values.bucket}/${values.name}`])
      const current = await q<{ version: string | null }>(
        'select version from storage.objects where bucket_id = $1 and name = $2 for update',
        [values.bucket, values.name],
      )
      previous = current.rows[0]?.version ?? null
      const written = await q<ObjectRow>(
        `insert into storage.objects (${parts.names.join(', ')}) values (${parts.placeholders})
         on conflict (name, bucket_id) do update set ${parts.merge} returning *`,
        parts.params,
      )
      return written.rows[0]
    })
  } catch (e) {
    await disk.remove(values.bucket, values.version)
    throw e
  }
  if (previous && previous !== values.version) await disk.remove(values.bucket, previous)
  return row
}

const iso = (d: Date | string | null | undefined) => (d instanceof Date ? d.toISOString() : (d ?? null))

/**
 * An object row as Storage's response schema serialises it (fast-json-stringify
 * turns a null string field into "").
 */
export function renderObject(row: ObjectRow) {
  return {
    name: row.name,
    bucket_id: row.bucket_id,
    owner: row.owner ?? '',
    owner_id: row.owner_id ?? '',
    version: row.version ?? '',
    id: row.id,
    updated_at: iso(row.updated_at),
    created_at: iso(row.created_at),
    last_accessed_at: iso(row.last_accessed_at),
    metadata: row.metadata,
    user_metadata: row.user_metadata,
  }
}

export function renderBucket(row: BucketRow) {
  return {
    id: row.id,
    name: row.name,
    owner: row.owner ?? '',
    public: row.public ?? false,
    file_size_limit: row.file_size_limit === null ? null : Number(row.file_size_limit),
    allowed_mime_types: row.allowed_mime_types,
    created_at: iso(row.created_at) ?? '',
    updated_at: iso(row.updated_at) ?? '',
  }
}
