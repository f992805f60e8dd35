// Form and query schemas of the Factures & devis pages (isomorphic: the
// browser and the actions read the same rules, French messages).
import { z } from 'zod'

export const DOCUMENT_TYPES = ['tout', 'factures', 'devis'] as const
export const STATUS_FILTERS = ['tous', 'a-regler', 'a-valider', 'reglees', 'closes'] as const

/** `?type=…&statut=…` of the list; anything unknown falls back to "all". */
export const BillingFiltersSchema = z.object({
  type: z.enum(DOCUMENT_TYPES).catch('tout'),
  statut: z.enum(STATUS_FILTERS).catch('tous'),
})
export type BillingFilters = z.infer<typeof BillingFiltersSchema>

export function parseBillingFilters(url: URL): BillingFilters {
  return BillingFiltersSchema.parse({ type: url.searchParams.get('type') ?? undefined, statut: url.searchParams.get('statut') ?? undefined })
}

/** "Bon pour accord": the typed full name and the ticked box, both required. */
export const AcceptQuoteSchema = z.object({
  intent: z.literal('accepter'),
  signerName: z
    .string({ error: 'Saisissez votre nom complet.' })
    .trim()
    .min(2, { error: 'Saisissez votre nom complet (au moins 2 caractères).' })
    .max(160, { error: '160 caractères au plus.' }),
  consent: z.literal('on', { error: 'Cochez la case « Bon pour accord » pour accepter le devis.' }),
})

export const DeclineQuoteSchema = z.object({
  intent: z.literal('refuser'),
  reason: z
    .string({ error: 'Indiquez la raison du refus.' })
    .trim()
    .min(3, { error: 'Indiquez la raison du refus (au moins 3 caractères).' })
    .max(1000, { error: '1 000 caractères au plus.' }),
})

export const QuoteAnswerSchema = z.discriminatedUnion('intent', [AcceptQuoteSchema, DeclineQuoteSchema], {
  error: 'Action inconnue.',
})
export type QuoteAnswer = z.infer<typeof QuoteAnswerSchema>
