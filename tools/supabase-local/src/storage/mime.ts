// Mime types: guessing one from a file name (seeded files) and checking one
// against a bucket's allowed_mime_types (Storage's wildcard rule).
import { ERRORS } from './errors.ts'

const BY_EXTENSION: Record<string, string> = {
  txt: 'text/plain', md: 'text/markdown', csv: 'text/csv', html: 'text/html', htm: 'text/html', css: 'text/css',
  js: 'text/javascript', mjs: 'text/javascript', json: 'application/json', xml: 'application/xml',
  pdf: 'application/pdf', zip: 'application/zip', gz: 'application/gzip', tar: 'application/x-tar',
  doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint', pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text', ods: 'application/vnd.oasis.opendocument.spreadsheet',
  rtf: 'application/rtf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
  avif: 'image/avif', svg: 'image/svg+xml', ico: 'image/x-icon', bmp: 'image/bmp', tif: 'image/tiff', tiff: 'image/tiff',
  mp3: 'audio/mpeg', wav: 'audio/wav', ogg: 'audio/ogg', mp4: 'video/mp4', webm: 'video/webm', mov: 'video/quicktime',
  woff: 'font/woff', woff2: 'font/woff2', ttf: 'font/ttf', otf: 'font/otf',
}

export function guessMimeType(fileName: string): string {
  const ext = fileName.includes('.') ? fileName.split('.').pop()!.toLowerCase() : ''
  return BY_EXTENSION[ext] ?? 'application/octet-stream'
}

/**
 * Storage's check: `type/subtype` must equal an allowed entry, or the entry is
 * `type/*`. The comparison is literal, parameters included: `text/plain;charset=UTF-8`
 * does not match `text/plain` (hosted behaves the same).
 */
export function assertMimeTypeAllowed(mimeType: string, allowed: string[] | null | undefined): void {
  if (!allowed || allowed.length === 0) return
  const [type, subtype] = mimeType.split('/')
  if (subtype === undefined) throw ERRORS.invalidMimeType(mimeType)
  for (const entry of allowed) {
    const [allowedType, allowedSubtype] = entry.split('/')
    if (allowedType !== type) continue
    if (allowedSubtype === '*' || allowedSubtype === subtype) return
  }
  throw ERRORS.invalidMimeType(mimeType)
}

/** Validates a bucket's allowed_mime_types entries, as Storage does on create/update. */
export function assertValidMimeTypeList(list: string[]): void {
  for (const entry of list) {
    if (entry.length > 1000 || !/^([a-zA-Z0-9\-+.]+)\/([a-zA-Z0-9\-+.]+)(;\s*charset=[a-zA-Z0-9-]+)?$|\*$/.test(entry)) {
      throw ERRORS.invalidMimeType(entry)
    }
  }
}
