// Supabase-Storage-compatible /storage/v1 service.
//
// Routes follow Storage's (the gateway strips /storage/v1): /bucket…,
// /object/… Every object query runs as the caller (db.ts), bytes live under
// `${dataDir}/storage` (disk.ts), errors use Storage's shape (errors.ts).
// Known differences from hosted Storage are listed in NOTES.md.
import { Hono } from 'hono'
import type { GatewayVariables, ServiceContext } from '../context.ts'
import type { Service } from '../service.ts'
import * as buckets from './buckets.ts'
import { ObjectDisk } from './disk.ts'
import { ERRORS, StorageError } from './errors.ts'
import { createStorageRequest, errorResponse, type StorageRequest } from './http.ts'
import * as objects from './objects.ts'
import * as read from './read.ts'
import { ensureStorageSchema } from './schema.ts'
import { seedStorageFiles } from './seed.ts'

export { ensureStorageSchema } from './schema.ts'

const MOUNT = '/storage/v1'

/** Dispatches on the still-encoded path: keys are percent-decoded once, by the handlers. */
function route(req: StorageRequest): Promise<Response> {
  const seg = req.path.split('/').slice(1)
  if (seg.length > 1 && seg[seg.length - 1] === '' && seg[0] === 'bucket') seg.pop() // "/bucket/" = "/bucket"
  const method = req.method === 'HEAD' ? 'GET' : req.method
  const rest = (from: number) => seg.slice(from).join('/')

  if (seg[0] === 'bucket') {
    if (seg.length === 1) {
      if (method === 'GET') return buckets.listBuckets(req)
      if (method === 'POST') return buckets.createBucket(req)
    } else if (seg.length === 2) {
      if (method === 'GET') return buckets.getBucket(req, seg[1])
      if (method === 'PUT') return buckets.updateBucket(req, seg[1])
      if (method === 'DELETE') return buckets.deleteBucket(req, seg[1])
    } else if (seg.length === 3 && seg[2] === 'empty' && method === 'POST') {
      return buckets.emptyBucket(req, seg[1])
    }
  }

  if (seg[0] === 'object' && seg.length >= 2) {
    const [, first, second] = seg
    switch (method) {
      case 'GET':
        if (first === 'public' && seg.length >= 3) return read.downloadPublicObject(req, second, rest(3))
        if (first === 'sign' && seg.length >= 3) return read.downloadSignedObject(req, second, rest(3))
        if (first === 'authenticated' && seg.length >= 3) {
          return read.downloadObject(req, second, rest(3), { allowInvalidJwt: false })
        }
        if (first === 'info' && seg.length >= 3) {
          if (second === 'authenticated' && seg.length >= 4) return read.objectInfo(req, seg[3], rest(4), 'authenticated')
          if (second === 'public' && seg.length >= 4) return read.objectInfo(req, seg[3], rest(4), 'public')
          return read.objectInfo(req, second, rest(3), 'default')
        }
        return read.downloadObject(req, first, rest(2), { allowInvalidJwt: true })
      case 'POST':
        // listV2 (experimental in storage-js) is not implemented: answer as a server without the route.
        if (first === 'list-v2') break
        if (seg.length === 2 && first === 'move') return objects.moveObject(req)
        if (seg.length === 2 && first === 'copy') return objects.copyObject(req)
        if (first === 'list' && seg.length === 3) return read.listObjects(req, second)
        if (first === 'sign' && seg.length >= 3) {
          return rest(3) === '' ? read.createSignedUrls(req, second) : read.createSignedUrl(req, second, rest(3))
        }
        if (first === 'upload' && second === 'sign' && seg.length >= 4) {
          return objects.createSignedUploadUrl(req, seg[3], rest(4))
        }
        return objects.uploadObject(req, first, rest(2))
      case 'PUT':
        if (first === 'upload' && second === 'sign' && seg.length >= 4) {
          return objects.uploadToSignedUrl(req, seg[3], rest(4))
        }
        return objects.uploadObject(req, first, rest(2))
      case 'DELETE':
        return rest(2) === '' ? objects.removeObjects(req, first) : objects.deleteObject(req, first, rest(2))
    }
  }
  return Promise.reject(ERRORS.routeNotFound(req.method, req.path))
}

/**
 * The request path exactly as the client sent it. `Request.url` has been
 * through URL parsing, which resolves `..` segments (a client sending
 * `a/../b` would silently write `b`); on Node the raw request line is
 * available, so `..` reaches the key check and is refused as hosted refuses
 * invalid keys.
 */
function rawPathname(env: unknown, url: string): string {
  const incoming = (env as { incoming?: { url?: unknown } } | undefined)?.incoming
  if (typeof incoming?.url === 'string' && incoming.url.startsWith('/')) return incoming.url.split('?')[0]
  return new URL(url).pathname
}

export async function createStorageService(ctx: ServiceContext): Promise<Service> {
  await ensureStorageSchema(ctx)
  const disk = new ObjectDisk(ctx.config.dataDir)
  await disk.clearTemp()
  const app = new Hono<{ Variables: GatewayVariables }>()
  app.all('*', async (c) => {
    const pathname = rawPathname(c.env, c.req.url)
    const at = pathname.indexOf(MOUNT)
    const path = at >= 0 ? pathname.slice(at + MOUNT.length) || '/' : pathname
    const req = createStorageRequest(ctx, disk, c.req.raw, path, c.get('bearer') ?? null)
    try {
      return await route(req)
    } catch (e) {
      if (e instanceof StorageError) return errorResponse(e)
      // Never a stack to the client: log it, answer Storage's generic 500.
      ctx.log(`storage: erreur interne sur ${req.method} ${req.path}: ${(e as Error)?.stack ?? e}`)
      return errorResponse(ERRORS.internal())
    }
  })
  return { app }
}

/** Uploads the files under `dir` (<bucket>/<path>) after the seed, local only. */
export async function seedStorage(ctx: ServiceContext, dir: string): Promise<void> {
  await seedStorageFiles(ctx, new ObjectDisk(ctx.config.dataDir), dir)
}
