// Reading an upload body, as storage-js sends it:
// - Blob / File / FormData → multipart/form-data, fields `cacheControl`,
//   `metadata` (JSON), optional `contentType`, then the file part (under the
//   empty field name "", its own content type is the object's mimetype);
// - anything else → the raw body, with `content-type`, `cache-control` and
//   `x-metadata` (base64 JSON) headers.
//
// The bytes stream to a temp file while their MD5 is computed. Nothing is held
// in memory: past the size limit the rest of the body is read and thrown away
// (so the client still receives the error instead of a reset connection), and
// the request fails with EntityTooLarge.
import { Readable } from 'node:stream'
import busboy from 'busboy'
import type { ObjectDisk, StoredFile } from './disk.ts'
import { ERRORS, StorageError } from './errors.ts'

export interface UploadHeaders {
  mimeType: string
  cacheControl: string
  /** The object's user metadata (`x-metadata` / `metadata` field), `{}` when none was sent. */
  userMetadata: Record<string, unknown>
  /** Declared length of the bytes, when the client said it (raw bodies). */
  contentLength: number | undefined
}

export interface ReceivedUpload {
  headers: UploadHeaders
  file: StoredFile
  tmpPath: string
}

export interface ReceiveOptions {
  /** Max accepted bytes: min(bucket limit, server limit). */
  limit: number
  disk: ObjectDisk
  /**
   * Runs once the object's headers are known and before any byte is stored:
   * permission rehearsal and mime check. Throwing refuses the upload.
   */
  beforeBody(headers: UploadHeaders): Promise<void>
}

const MAX_USER_METADATA = 1024 * 1024

function parseUserMetadata(json: string | undefined | null): Record<string, unknown> {
  if (typeof json !== 'string') return {}
  if (Buffer.byteLength(json, 'utf8') > MAX_USER_METADATA) throw ERRORS.entityTooLarge('user_metadata')
  try {
    const value = JSON.parse(json)
    return value && typeof value === 'object' && !Array.isArray(value) ? value : {}
  } catch {
    return {}
  }
}

export function decodeXMetadata(header: string | null | undefined): Record<string, unknown> | undefined {
  if (typeof header !== 'string') return undefined
  try {
    return parseUserMetadata(Buffer.from(header, 'base64').toString('utf8'))
  } catch (e) {
    if (e instanceof StorageError) throw e
    return undefined
  }
}

export async function receiveUpload(request: Request, options: ReceiveOptions): Promise<ReceivedUpload> {
  const contentType = request.headers.get('content-type') ?? ''
  if (contentType.toLowerCase().startsWith('multipart/form-data')) return receiveMultipart(request, contentType, options)
  return receiveRaw(request, contentType, options)
}

/** Reads and discards what is left of a body. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array> | undefined): Promise<void> {
  if (!reader) return
  try {
    while (!(await reader.read()).done) {}
  } catch {}
}

async function receiveRaw(request: Request, contentType: string, options: ReceiveOptions): Promise<ReceivedUpload> {
  const declared = request.headers.get('content-length')
  const headers: UploadHeaders = {
    mimeType: contentType || 'application/octet-stream',
    cacheControl: request.headers.get('cache-control') ?? 'no-cache',
    userMetadata: decodeXMetadata(request.headers.get('x-metadata')) ?? {},
    contentLength: declared !== null && /^\d+$/.test(declared) ? Number(declared) : undefined,
  }
  const reader = request.body?.getReader()
  try {
    await options.beforeBody(headers)
  } catch (e) {
    await drain(reader)
    throw e
  }
  // A declared length over the limit is refused without storing a byte.
  if (headers.contentLength !== undefined && headers.contentLength > options.limit) {
    await drain(reader)
    throw ERRORS.entityTooLarge()
  }
  const pending = await options.disk.createPending()
  try {
    let size = 0
    while (reader) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > options.limit) {
        await drain(reader)
        throw ERRORS.entityTooLarge()
      }
      await pending.write(value)
    }
    return { headers, file: await pending.finish(), tmpPath: pending.tmpPath }
  } catch (e) {
    await drain(reader)
    await pending.discard()
    throw e
  }
}

function receiveMultipart(request: Request, contentType: string, options: ReceiveOptions): Promise<ReceivedUpload> {
  return new Promise<ReceivedUpload>((resolve, reject) => {
    let parser: busboy.Busboy
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        limits: { files: 1, fields: 10, fileSize: options.limit },
      })
    } catch (e) {
      void drain(request.body?.getReader()).then(() => reject(ERRORS.noContentProvided((e as Error).message)))
      return
    }
    const fields: Record<string, string> = {}
    let outcome: Promise<ReceivedUpload> | null = null

    parser.on('field', (name, value) => {
      fields[name] = value
    })
    parser.on('file', (_name, stream, info) => {
      if (outcome) {
        stream.resume() // Storage reads the first file only
        return
      }
      outcome = storeFilePart(stream, info.mimeType, fields, options)
      outcome.catch(() => {}) // settled through 'close' below
    })
    parser.on('close', () => {
      if (!outcome) reject(ERRORS.noContentProvided())
      else outcome.then(resolve, reject)
    })
    parser.on('error', (e: Error) => {
      if (outcome) outcome.then(() => reject(ERRORS.noContentProvided(e.message)), reject)
      else reject(ERRORS.noContentProvided(e.message))
    })

    const body = request.body ? Readable.fromWeb(request.body as any) : Readable.from([])
    body.on('error', (e) => parser.destroy(e))
    body.pipe(parser)
  })
}

async function storeFilePart(
  stream: Readable & { truncated?: boolean },
  partMimeType: string,
  fields: Record<string, string>,
  options: ReceiveOptions,
): Promise<ReceivedUpload> {
  let headers: UploadHeaders
  try {
    headers = {
      mimeType: fields.contentType || partMimeType || 'application/octet-stream',
      cacheControl: fields.cacheControl ? `max-age=${fields.cacheControl}` : 'no-cache',
      userMetadata: parseUserMetadata(fields.metadata ?? fields.userMetadata),
      contentLength: undefined,
    }
    await options.beforeBody(headers)
  } catch (e) {
    stream.resume()
    throw e
  }
  const pending = await options.disk.createPending()
  // Read with manual back-pressure; after a failure keep the stream flowing so
  // the parser can reach the end of the body.
  let failure: unknown = null
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      if (failure) return
      stream.pause()
      pending.write(chunk).then(
        () => stream.resume(),
        (e) => {
          failure = e
          stream.resume()
        },
      )
    })
    stream.on('end', resolve)
    stream.on('error', reject)
  }).catch((e) => {
    failure ??= ERRORS.noContentProvided(e.message)
  })
  try {
    if (failure) throw failure
    if (stream.truncated) throw ERRORS.entityTooLarge()
    return { headers, file: await pending.finish(), tmpPath: pending.tmpPath }
  } catch (e) {
    await pending.discard()
    throw e
  }
}
