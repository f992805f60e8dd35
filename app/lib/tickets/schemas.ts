// Form schemas of the Réclamations pages (isomorphic). Files are checked
// separately (checkAttachments) because they are not strings.
import { z } from 'zod'
import { TICKET_CATEGORIES, TICKET_PRIORITIES } from './labels.ts'

const optionalUuid = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : null))
  .pipe(z.uuid({ error: 'Choix invalide.' }).nullable())

export const CreateTicketSchema = z.object({
  subject: z
    .string({ error: 'Indiquez l’objet de votre demande.' })
    .trim()
    .min(3, { error: 'L’objet doit faire au moins 3 caractères.' })
    .max(200, { error: '200 caractères au plus.' }),
  projectId: optionalUuid,
  category: z.enum(TICKET_CATEGORIES, { error: 'Choisissez une catégorie.' }),
  priority: z.enum(TICKET_PRIORITIES, { error: 'Choisissez une priorité.' }),
  description: z
    .string({ error: 'Décrivez votre demande.' })
    .trim()
    .min(10, { error: 'Décrivez votre demande en quelques mots (10 caractères au moins).' })
    .max(10000, { error: '10 000 caractères au plus.' }),
  paymentAttemptId: optionalUuid,
})
export type CreateTicketInput = z.infer<typeof CreateTicketSchema>

export const ReplySchema = z.object({
  intent: z.literal('repondre'),
  body: z
    .string({ error: 'Écrivez votre message.' })
    .trim()
    .min(1, { error: 'Écrivez votre message.' })
    .max(10000, { error: '10 000 caractères au plus.' }),
})

export const CloseTicketSchema = z.object({
  intent: z.literal('fermer'),
  rating: z.coerce
    .number({ error: 'Choisissez une note de 1 à 5.' })
    .int({ error: 'Choisissez une note de 1 à 5.' })
    .min(1, { error: 'Choisissez une note de 1 à 5.' })
    .max(5, { error: 'Choisissez une note de 1 à 5.' }),
  comment: z
    .string()
    .trim()
    .max(2000, { error: '2 000 caractères au plus.' })
    .optional()
    .transform((v) => (v ? v : null)),
})

export const TicketActionSchema = z.discriminatedUnion('intent', [ReplySchema, CloseTicketSchema], { error: 'Action inconnue.' })

// Files are checked by checkAttachments (attachment-rules.ts), which the browser also runs.
export { checkAttachments, filesOf } from './attachment-rules.ts'
