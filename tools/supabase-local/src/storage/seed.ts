// Local-only demo files: after seed.sql on a fresh database, every file under
// `<dir>/<bucket>/<path…>` is uploaded into that bucket (which seed.sql or a
// migration created) as the storage admin, owner null, mimetype from its
// extension. Hosted projects have no such thing; it only fills a dev database.
import { randomUUID } from 'node:crypto'
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import type { ServiceContext } from '../context.ts'
import type { ObjectDisk } from './disk.ts'
import { guessMimeType } from './mime.ts'
import { isValidBucketName, isValidKey } from './names.ts'
import { findBucketAsAdmin, objectMetadata, writeObjectRow } from './store.ts'

function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel))
    else if (entry.isFile()) out.push(rel)
  }
  return out.sort()
}

export async function seedStorageFiles(ctx: ServiceContext, disk: ObjectDisk, dir: string): Promise<number> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return 0
  let count = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue
    const bucket = entry.name
    if (!isValidBucketName(bucket) || !(await findBucketAsAdmin(ctx, bucket))) {
      ctx.log(`seed-storage : bucket « ${bucket} » introuvable, dossier ignoré`)
      continue
    }
    for (const key of listFiles(path.join(dir, bucket))) {
      if (!isValidKey(key) || key.split('/').includes('..')) {
        ctx.log(`seed-storage : nom de fichier refusé par Storage, ignoré : ${bucket}/${key}`)
        continue
      }
      const pending = await disk.createPending()
      try {
        for await (const chunk of createReadStream(path.join(dir, bucket, key))) await pending.write(chunk)
        const file = await pending.finish()
        const version = randomUUID()
        await disk.commit(pending.tmpPath, bucket, version)
        await writeObjectRow(ctx, disk, {
          bucket,
          name: key,
          sub: undefined,
          version,
          metadata: objectMetadata(file, guessMimeType(key), 'max-age=3600'),
          userMetadata: {},
        })
        count++
      } catch (e) {
        await pending.discard()
        throw e
      }
    }
  }
  if (count) ctx.log(`seed-storage : ${count} fichier(s) chargé(s)`)
  return count
}
