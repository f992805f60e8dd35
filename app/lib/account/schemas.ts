// Forms of the Paramètres page (isomorphic), told apart by `intent`.
import { z } from 'zod'
import { MIN_PASSWORD_LENGTH } from '../constants.ts'
import { CONTACT_METHODS, NOTIFICATION_EVENTS } from './options.ts'

// The page's options and the avatar rule live in options.ts (no zod), which the
// browser downloads; re-exported here for server code.
export * from './options.ts'

/** Same rule as profiles.phone / profiles.whatsapp's check constraint. */
const PHONE = /^\+?[0-9 .-]{6,20}$/
const optionalPhone = (label: string) =>
  z
    .string()
    .trim()
    .transform((v) => (v ? v : null))
    .pipe(z.string().regex(PHONE, { error: `${label} : chiffres, espaces, points ou tirets (6 à 20), avec l’indicatif +225 si besoin.` }).nullable())

export const ProfileSchema = z
  .object({
    intent: z.literal('profil'),
    fullName: z
      .string({ error: 'Saisissez votre nom.' })
      .trim()
      .min(2, { error: 'Saisissez votre nom complet.' })
      .max(120, { error: '120 caractères au plus.' }),
    phone: optionalPhone('Téléphone'),
    whatsapp: optionalPhone('WhatsApp'),
    preferredContact: z.enum(CONTACT_METHODS, { error: 'Choisissez un moyen de contact.' }),
  })
  .superRefine((v, ctx) => {
    if (v.preferredContact === 'phone' && !v.phone) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Indiquez votre numéro pour être contacté par téléphone.' })
    }
    if (v.preferredContact === 'whatsapp' && !v.whatsapp) {
      ctx.addIssue({ code: 'custom', path: ['whatsapp'], message: 'Indiquez votre numéro WhatsApp pour être contacté par WhatsApp.' })
    }
  })

export const PasswordSchema = z
  .object({
    intent: z.literal('mot-de-passe'),
    current: z.string({ error: 'Saisissez votre mot de passe actuel.' }).min(1, { error: 'Saisissez votre mot de passe actuel.' }),
    password: z
      .string({ error: 'Choisissez un mot de passe.' })
      .min(MIN_PASSWORD_LENGTH, { error: `Au moins ${MIN_PASSWORD_LENGTH} caractères.` })
      .max(72, { error: '72 caractères au plus.' }),
    confirmation: z.string({ error: 'Confirmez le mot de passe.' }),
  })
  .refine((v) => v.password === v.confirmation, { path: ['confirmation'], error: 'Les deux mots de passe ne correspondent pas.' })
  .refine((v) => v.password !== v.current, { path: ['password'], error: 'Choisissez un mot de passe différent de l’actuel.' })

export const ConsentSchema = z.object({
  intent: z.literal('consentement'),
  analytics: z.enum(['oui', 'non'], { error: 'Choisissez oui ou non.' }),
})

export const DeletionSchema = z.object({
  intent: z.literal('suppression'),
  reason: z
    .string()
    .trim()
    .max(2000, { error: '2 000 caractères au plus.' })
    .optional()
    .transform((v) => (v ? v : null)),
  confirm: z.literal('on', { error: 'Cochez la case pour confirmer votre demande.' }),
})

/** Checkboxes `<event>:email` / `<event>:whatsapp` → one choice per event (absent = unticked). */
export function parseNotificationForm(form: FormData) {
  return NOTIFICATION_EVENTS.map((event) => ({
    event,
    email: form.get(`${event}:email`) === 'on',
    whatsapp: form.get(`${event}:whatsapp`) === 'on',
  }))
}
