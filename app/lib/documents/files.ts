// What the Documents page accepts (isomorphic: the browser checks before
// uploading, the action checks again, the bucket enforces the same limits
// last — see docs/decisions/0100-document-uploads.md). How documents are
// shown lives in display.ts.
import { formatBytes } from '../format.ts'

/** Same value as storage.buckets.file_size_limit and documents.size_bytes' check (25 Mio). */
export const MAX_FILE_BYTES = 26_214_400
/** Files of one drop / selection. */
export const MAX_FILES_PER_UPLOAD = 10

/** Same list as storage.buckets.allowed_mime_types of `project-files`, with what to call each type. */
export const ALLOWED_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'Image PNG',
  'image/jpeg': 'Image JPEG',
  'image/gif': 'Image GIF',
  'image/webp': 'Image WebP',
  'application/msword': 'Word',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.ms-excel': 'Excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/vnd.ms-powerpoint': 'PowerPoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
  'application/vnd.oasis.opendocument.text': 'Texte OpenDocument',
  'application/vnd.oasis.opendocument.spreadsheet': 'Tableur OpenDocument',
  'application/vnd.oasis.opendocument.presentation': 'Présentation OpenDocument',
  'application/zip': 'Archive ZIP',
  'application/x-zip-compressed': 'Archive ZIP',
  'text/plain': 'Texte',
  'text/csv': 'CSV',
}

/** Browsers leave `type` empty for some files: fall back on the extension. */
const BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  zip: 'application/zip',
  txt: 'text/plain',
  csv: 'text/csv',
}

export const ACCEPT_ATTRIBUTE = [...Object.keys(ALLOWED_TYPES), ...Object.keys(BY_EXTENSION).map((e) => `.${e}`)].join(
  ',',
)

export function mimeTypeOf(fileName: string, declared: string): string {
  const type = declared.split(';')[0].trim().toLowerCase()
  if (type && type !== 'application/octet-stream') return type
  const ext = fileName.split('.').pop()?.toLowerCase() ?? ''
  return BY_EXTENSION[ext] ?? (type || 'application/octet-stream')
}

export const isAllowedType = (mime: string) => Object.hasOwn(ALLOWED_TYPES, mime)

/** Why this file cannot be sent, in French, or null when it can. */
export function fileProblem(file: { name: string; size: number; type: string }): string | null {
  if (file.size <= 0) return `« ${file.name} » est vide.`
  if (file.size > MAX_FILE_BYTES) {
    return `« ${file.name} » pèse ${formatBytes(file.size)} : la limite est de ${formatBytes(MAX_FILE_BYTES)} par fichier.`
  }
  if (!isAllowedType(mimeTypeOf(file.name, file.type))) {
    return `« ${file.name} » n’est pas d’un type accepté (PDF, images, documents Office ou OpenDocument, ZIP, texte, CSV).`
  }
  if (file.name.length > 255) return `Le nom de « ${file.name.slice(0, 40)}… » est trop long (255 caractères au plus).`
  return null
}

/**
 * What the upload zone shows and lets the file picker offer. Computed on the
 * server and handed to the page by its loader: the tables above stay out of
 * the first-load JavaScript (docs/decisions/007-client-bundle-budget.md); the
 * uploader fetches them with its sending code when a file is chosen.
 */
export function uploadRules() {
  return {
    accept: ACCEPT_ATTRIBUTE,
    hint:
      `PDF, images, Office, OpenDocument, ZIP, texte · ${formatBytes(MAX_FILE_BYTES)} max. par fichier · ` +
      `${MAX_FILES_PER_UPLOAD} fichiers max.`,
  }
}
export type UploadRules = ReturnType<typeof uploadRules>

/**
 * Object names are ASCII (Storage keys): the original name is kept in
 * documents.file_name; the key gets a slug of it after a fresh uuid.
 */
export function storageSafeName(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  const base = dot > 0 ? fileName.slice(0, dot) : fileName
  const ext = dot > 0 ? fileName.slice(dot + 1) : ''
  const slug = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .toLowerCase()
  const safeBase = slug(base).slice(0, 80) || 'fichier'
  const safeExt = slug(ext).slice(0, 10)
  return safeExt ? `${safeBase}.${safeExt}` : safeBase
}
