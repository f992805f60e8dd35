// Form schemas shared by auth pages (server-side validation; the forms work
// without JavaScript). French messages, one per field.
import { z } from 'zod'
import { MIN_PASSWORD_LENGTH } from './constants.ts'

export const EmailSchema = z
  .string({ error: () => 'Saisissez votre adresse e-mail.' })
  .trim()
  .min(1, { error: () => 'Saisissez votre adresse e-mail.' })
  .max(254, { error: () => 'Adresse e-mail trop longue.' })
  .pipe(z.email({ error: () => 'Adresse e-mail invalide.' }))
  .transform((value) => value.toLowerCase())

export const NewPasswordSchema = z
  .object({
    password: z
      .string({ error: () => 'Choisissez un mot de passe.' })
      .min(MIN_PASSWORD_LENGTH, { error: () => `Au moins ${MIN_PASSWORD_LENGTH} caractères.` })
      .max(72, { error: () => '72 caractères au plus.' }),
    confirmation: z.string({ error: () => 'Confirmez le mot de passe.' }),
  })
  .refine((v) => v.password === v.confirmation, {
    path: ['confirmation'],
    error: () => 'Les deux mots de passe ne correspondent pas.',
  })

export type FieldErrorsOf<T extends string> = Partial<Record<T, string[]>>

/** zod issues → { field: [messages] } for the Field components. */
export function fieldErrors<T extends string>(error: z.ZodError): FieldErrorsOf<T> {
  const out: Record<string, string[]> = {}
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form')
    ;(out[key] ??= []).push(issue.message)
  }
  return out as FieldErrorsOf<T>
}
