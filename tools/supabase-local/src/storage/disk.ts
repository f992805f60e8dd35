// Where object bytes live: `${dataDir}/storage/<bucket>/<xx>/<version>`.
//
// Files are named by the object's `version` (a uuid Storage assigns on every
// write), never by its key: keys stay a database matter, so no key can reach
// outside the storage directory and odd characters never meet the filesystem.
// New bytes are written to `.tmp/` first and renamed into place once the
// upload is complete, so a failed upload leaves nothing behind.
import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs'
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'

export interface StoredFile {
  size: number
  /** Hex MD5 of the bytes: hosted (S3) ETags are the quoted MD5. */
  md5: string
}

/** A temp file being written; `finish()` resolves once the bytes are on disk. */
export interface PendingFile {
  tmpPath: string
  write(chunk: Uint8Array): Promise<void>
  finish(): Promise<StoredFile>
  discard(): Promise<void>
}

export class ObjectDisk {
  readonly root: string

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'storage')
  }

  /** Directory of a bucket; dots are escaped so `.` / `..` bucket ids stay inside the root. */
  private bucketDir(bucket: string): string {
    return path.join(this.root, encodeURIComponent(bucket).replace(/\./g, '%2E'))
  }

  filePath(bucket: string, version: string): string {
    // Versions are uuids we generate; anything else never names a file.
    if (!/^[0-9a-f-]{36}$/i.test(version)) return path.join(this.root, '.missing')
    return path.join(this.bucketDir(bucket), version.slice(0, 2), version)
  }

  /** Drops temp files an interrupted previous run left behind. */
  async clearTemp(): Promise<void> {
    await rm(path.join(this.root, '.tmp'), { recursive: true, force: true })
  }

  async createPending(): Promise<PendingFile> {
    const dir = path.join(this.root, '.tmp')
    await mkdir(dir, { recursive: true })
    const tmpPath = path.join(dir, randomUUID())
    const out: WriteStream = createWriteStream(tmpPath)
    const hash = createHash('md5')
    let size = 0
    let failed: Error | null = null
    out.on('error', (e) => (failed = e))
    return {
      tmpPath,
      async write(chunk) {
        if (failed) throw failed
        hash.update(chunk)
        size += chunk.byteLength
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve))
      },
      async finish() {
        await new Promise<void>((resolve, reject) => {
          if (failed) return reject(failed)
          out.end(() => (failed ? reject(failed) : resolve()))
        })
        return { size, md5: hash.digest('hex') }
      },
      async discard() {
        out.destroy()
        await rm(tmpPath, { force: true })
      },
    }
  }

  /** Moves a finished temp file to its final place. */
  async commit(tmpPath: string, bucket: string, version: string): Promise<void> {
    const dest = this.filePath(bucket, version)
    await mkdir(path.dirname(dest), { recursive: true })
    await rename(tmpPath, dest)
  }

  async copy(fromBucket: string, fromVersion: string, toBucket: string, toVersion: string): Promise<boolean> {
    const src = this.filePath(fromBucket, fromVersion)
    const dest = this.filePath(toBucket, toVersion)
    try {
      await mkdir(path.dirname(dest), { recursive: true })
      await copyFile(src, dest)
      return true
    } catch (e: any) {
      if (e?.code === 'ENOENT') return false
      throw e
    }
  }

  async move(fromBucket: string, fromVersion: string, toBucket: string, toVersion: string): Promise<boolean> {
    const src = this.filePath(fromBucket, fromVersion)
    const dest = this.filePath(toBucket, toVersion)
    try {
      await mkdir(path.dirname(dest), { recursive: true })
      await rename(src, dest)
      return true
    } catch (e: any) {
      if (e?.code === 'ENOENT') return false
      throw e
    }
  }

  async remove(bucket: string, version: string | null | undefined): Promise<void> {
    if (!version) return
    await rm(this.filePath(bucket, version), { force: true })
  }

  async removeBucket(bucket: string): Promise<void> {
    await rm(this.bucketDir(bucket), { recursive: true, force: true })
  }

  /** Size of a stored file, or null when its bytes are missing. */
  async size(bucket: string, version: string | null | undefined): Promise<number | null> {
    if (!version) return null
    try {
      return (await stat(this.filePath(bucket, version))).size
    } catch {
      return null
    }
  }

  read(bucket: string, version: string, range?: { start: number; end: number }) {
    return createReadStream(this.filePath(bucket, version), range)
  }
}
