// Object keys and bucket names: what Storage accepts, and how a key is read
// from a request path.
import { ERRORS } from './errors.ts'

// Storage only allows S3-safe characters (plus a few needing special handling),
// ASCII only: `\w` is [A-Za-z0-9_] without the `u` flag.
const KEY_CHARS = /^[\w/!.*'() &$=@;:+,?-]+$/
const BUCKET_CHARS = /^[\w!.*'() &$@=;:+,?-]+$/

export function isValidKey(key: string): boolean {
  return key.length > 0 && KEY_CHARS.test(key)
}

/** Bucket ids: 1–100 characters, no slash, no surrounding blanks. */
export function isValidBucketName(name: unknown): name is string {
  return (
    typeof name === 'string' && name.length > 0 && name.length <= 100 && name.trim() === name && BUCKET_CHARS.test(name)
  )
}

export function mustBeValidBucketName(name: unknown): asserts name is string {
  if (!isValidBucketName(name)) throw ERRORS.invalidBucketName()
}

/**
 * Normalises an object key the way storage-js does before it sends one:
 * no leading or trailing slash, no empty folder (`a//b` → `a/b`).
 */
export function normaliseKey(key: string): string {
  return key.replace(/\/+/g, '/').replace(/^\//, '').replace(/\/$/, '')
}

/** S3's key length limit; past it hosted fails in the S3 backend, here the key is invalid. */
const MAX_KEY_BYTES = 1024

/**
 * A key the server will store: normalised, made of allowed characters, at most
 * 1024 bytes, with no `..` segment (a path traversal attempt, refused whatever
 * the disk layout).
 */
export function mustBeValidKey(raw: string): string {
  const key = normaliseKey(raw)
  if (!isValidKey(key) || key.length > MAX_KEY_BYTES || key.split('/').includes('..')) throw ERRORS.invalidKey(raw)
  return key
}

/** Percent-decodes a path fragment; a malformed escape makes the key invalid. */
export function decodePath(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    throw ERRORS.invalidKey(raw)
  }
}
