// Payloads of the upload resource route (isomorphic: the uploader builds
// them, the action parses them). See docs/decisions/0100-document-uploads.md.
import { z } from 'zod'
import { MAX_FILE_BYTES, MAX_FILES_PER_UPLOAD } from './files.ts'

const folder = z
  .string()
  .trim()
  .min(1, { error: () => 'Choisissez un dossier.' })
  .max(80, { error: () => 'Nom de dossier trop long (80 caractères au plus).' })

export const SignUploadsSchema = z.object({
  intent: z.literal('sign'),
  projectId: z.uuid({ error: () => 'Projet invalide.' }),
  taskId: z.uuid().nullable().optional(),
  files: z
    .array(
      z.object({
        name: z
          .string()
          .min(1, { error: () => 'Fichier sans nom.' })
          .max(255, { error: () => 'Nom de fichier trop long.' }),
        size: z
          .number()
          .int()
          .positive({ error: () => 'Fichier vide.' })
          .max(MAX_FILE_BYTES, { error: () => 'Fichier trop volumineux (25 Mo au plus).' }),
        type: z.string().max(200),
      }),
    )
    .min(1, { error: () => 'Choisissez au moins un fichier.' })
    .max(MAX_FILES_PER_UPLOAD, { error: () => `${MAX_FILES_PER_UPLOAD} fichiers au plus par envoi.` }),
})

export const ConfirmUploadsSchema = z.object({
  intent: z.literal('confirm'),
  projectId: z.uuid({ error: () => 'Projet invalide.' }),
  folder,
  /** Attach the new documents to this task as well (task sheet). */
  taskId: z.uuid().nullable().optional(),
  files: z
    .array(z.object({ path: z.string().min(1).max(1024), fileName: z.string().min(1).max(255) }))
    .min(1)
    .max(MAX_FILES_PER_UPLOAD),
})

export const UploadRequestSchema = z.discriminatedUnion('intent', [SignUploadsSchema, ConfirmUploadsSchema])

export interface SignedUpload {
  name: string
  path: string
  signedUrl: string
  contentType: string
}

export type UploadResponse =
  /** apikey: the project's publishable key, which the Storage gateway asks of the browser's PUT. */
  | { ok: true; intent: 'sign'; uploads: SignedUpload[]; apikey: string }
  | { ok: true; intent: 'confirm'; documents: { id: string; fileName: string; path: string }[] }
  | { ok: false; message: string; problems?: string[] }
