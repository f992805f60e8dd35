// Errors in the shape Supabase Storage answers with.
//
// Body: {"statusCode":"<logical status>","code":"<ErrorCode>","error":"<legacy name>","message":"…"}.
// The HTTP status is 400 for every error whose logical status is not 500
// (Storage's error handler does exactly that); only the JWT-role guard sends a
// real 403. storage-js surfaces `error.status` (HTTP) and `error.statusCode`
// (the body's string), so both must match hosted.

export interface StorageErrorBody {
  statusCode: string
  code: string
  error: string
  message: string
}

export class StorageError extends Error {
  readonly statusCode: number
  readonly code: string
  /** The legacy `error` field; Storage falls back to the code when unset. */
  readonly legacy: string
  /** Overrides the HTTP status (the role guard's 403, an unknown route's 404). */
  readonly httpStatus: number | undefined

  constructor(statusCode: number, code: string, message: string, legacy?: string, httpStatus?: number) {
    super(message)
    this.name = 'StorageError'
    this.statusCode = statusCode
    this.code = code
    this.legacy = legacy ?? code
    this.httpStatus = httpStatus
  }

  get status(): number {
    return this.httpStatus ?? (this.statusCode === 500 ? 500 : 400)
  }

  body(): StorageErrorBody {
    return { statusCode: String(this.statusCode), code: this.code, error: this.legacy, message: this.message }
  }
}

/** The errors Storage raises, with its exact codes, legacy names and messages. */
export const ERRORS = {
  noSuchBucket: () => new StorageError(404, 'NoSuchBucket', 'Bucket not found', 'Bucket not found'),
  noSuchKey: () => new StorageError(404, 'NoSuchKey', 'Object not found', 'not_found'),
  keyAlreadyExists: () => new StorageError(409, 'KeyAlreadyExists', 'The resource already exists', 'Duplicate'),
  bucketAlreadyExists: () => new StorageError(409, 'BucketAlreadyExists', 'The resource already exists', 'Duplicate'),
  resourceAlreadyExists: () => new StorageError(409, 'ResourceAlreadyExists', 'The resource already exists', 'Duplicate'),
  bucketNotEmpty: () => new StorageError(409, 'ResourceNotEmpty', 'The bucket you tried to delete is not empty'),
  accessDenied: (message?: string) => new StorageError(403, 'AccessDenied', message || 'Access denied', 'Unauthorized'),
  rlsDenied: () => ERRORS.accessDenied('new row violates row-level security policy'),
  /** The one error answered with a real HTTP 403: a route that needs another JWT role. */
  roleRequired: (role: string) =>
    new StorageError(403, 'AccessDenied', `Access denied: this operation requires the ${role} role`, 'Unauthorized', 403),
  entityTooLarge: (entity = 'object') =>
    new StorageError(413, 'EntityTooLarge', `The ${entity} exceeded the maximum allowed size`, 'Payload too large'),
  invalidMimeType: (mime: string) =>
    new StorageError(415, 'InvalidMimeType', `mime type ${mime} is not supported`, 'invalid_mime_type'),
  invalidKey: (key: string) => new StorageError(400, 'InvalidKey', `Invalid key: ${key}`),
  invalidBucketName: () => new StorageError(400, 'InvalidBucketName', 'Bucket name invalid', 'Invalid Input'),
  invalidSignature: () => new StorageError(400, 'InvalidSignature', 'Invalid signature'),
  expiredToken: () => new StorageError(400, 'ExpiredToken', 'The provided token has expired.'),
  invalidJwt: (message?: string) => new StorageError(400, 'InvalidJWT', message || 'Invalid JWT'),
  invalidRange: () => new StorageError(400, 'InvalidRange', 'invalid range provided', 'invalid_range'),
  invalidFileSizeLimit: () =>
    new StorageError(400, 'InvalidRequest', 'Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B'),
  noContentProvided: (message?: string) => new StorageError(400, 'InvalidRequest', message || 'No content provided'),
  relatedResourceNotFound: () => new StorageError(404, 'InvalidRequest', 'The related resource does not exist'),
  resourceLocked: () => new StorageError(423, 'ResourceLocked', 'The resource is locked'),
  /** Request validation (Storage lets Fastify's JSON-schema validation answer these). */
  badRequest: (message: string) => new StorageError(400, 'InvalidRequest', message, 'Bad Request'),
  payloadTooLarge: () => new StorageError(413, 'InvalidRequest', 'Request body is too large', 'Payload Too Large'),
  routeNotFound: (method: string, path: string) =>
    new StorageError(404, 'NotFound', `Route ${method}:${path} not found`, 'Not Found', 404),
  /** A stored row whose bytes are gone (Storage's renderer answers a backend 404 this way). */
  fileMissing: () => new StorageError(404, 'NoSuchKey', 'The resource was not found', 'Not found'),
  databaseError: (message: string) => new StorageError(500, 'DatabaseError', message),
  internal: () => new StorageError(500, 'InternalError', 'Internal server error', 'Internal'),
}

/** Maps a Postgres error raised by a storage query, as Storage's DBError.fromDBError does. */
export function fromPgError(err: unknown): StorageError {
  if (err instanceof StorageError) return err
  const pgErr = err as { code?: string; message?: string }
  switch (pgErr?.code) {
    case '42501':
      return ERRORS.rlsDenied()
    case '23505':
      return ERRORS.resourceAlreadyExists()
    case '23503':
      return ERRORS.relatedResourceNotFound()
    case '55P03':
      return ERRORS.resourceLocked()
    default:
      if (typeof pgErr?.code === 'string' && typeof pgErr.message === 'string') return ERRORS.databaseError(pgErr.message)
      return ERRORS.internal()
  }
}
