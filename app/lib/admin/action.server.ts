// Small helpers shared by the back office's actions: parse with the shared
// zod schema, run the write, and answer in the shape the forms expect
// (conform's SubmissionResult, or { formError } for one-button actions).
import { parseWithZod } from '@conform-to/zod/v4'
import { data } from 'react-router'
import type { ZodType } from 'zod'
import { AdminWriteError } from './db.ts'

export function parseForm<S extends ZodType>(form: FormData, schema: S) {
  return parseWithZod(form, { schema })
}

/** The French message of a failed write (AdminWriteError), else a generic one (logged). */
export function writeErrorMessage(error: unknown): { message: string; status: number } {
  if (error instanceof AdminWriteError) return { message: error.message, status: error.status }
  if (error instanceof Response) throw error
  console.error('[admin] écriture :', error)
  return { message: 'L’enregistrement a échoué. Réessayez.', status: 500 }
}

/** `{ formError }` answer for buttons and dialogs (ConfirmAction shows it). */
export function formError(error: unknown) {
  const { message, status } = writeErrorMessage(error)
  return data({ formError: message }, { status })
}

export function intentOf(form: FormData): string {
  return String(form.get('intent') ?? '')
}

export function unknownIntent() {
  return data({ formError: 'Action inconnue.' }, { status: 400 })
}
