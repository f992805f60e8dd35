// Attachment rules of the Réclamations pages, run by the browser (instant
// feedback) and by the action (the check that counts). Kept apart from the
// zod schemas so the client portal does not download zod.
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_FILES, ATTACHMENT_TYPES } from './labels.ts'

/** Browser-side and server-side check of chosen files; French message or null. */
export function checkAttachments(files: Array<{ name: string; size: number; type: string }>): string | null {
  if (files.length > ATTACHMENT_MAX_FILES) return `${ATTACHMENT_MAX_FILES} fichiers au plus par message.`
  for (const file of files) {
    if (file.size > ATTACHMENT_MAX_BYTES) return `« ${file.name} » dépasse 25 Mo.`
    if (file.size === 0) return `« ${file.name} » est vide.`
    if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) {
      return `« ${file.name} » : type de fichier non accepté (PDF, images, documents Office, ZIP, texte).`
    }
  }
  return null
}

/** Non-empty File entries of a multipart form field. */
export function filesOf(form: FormData, name: string): File[] {
  return form
    .getAll(name)
    .filter((v): v is File => typeof v === 'object' && v !== null && 'arrayBuffer' in v && (v as File).size > 0)
}
