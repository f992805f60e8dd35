// Forms of the roadmap page (isomorphic: the action parses with them, the
// component shows their messages). Told apart by `intent`.
import { z } from 'zod'

const uuid = (what: string) => z.uuid({ error: () => `${what} invalide.` })

export const MilestoneCommentSchema = z.object({
  intent: z.literal('comment'),
  milestoneId: uuid('Jalon'),
  body: z
    .string({ error: () => 'Écrivez votre commentaire.' })
    .trim()
    .min(1, { error: () => 'Écrivez votre commentaire.' })
    .max(5000, { error: () => '5 000 caractères au plus.' }),
})

export const ApproveMilestoneSchema = z.object({
  intent: z.literal('approve'),
  milestoneId: uuid('Jalon'),
  signerName: z
    .string({ error: () => 'Indiquez votre nom complet.' })
    .trim()
    .min(2, { error: () => 'Indiquez votre nom complet.' })
    .max(120, { error: () => '120 caractères au plus.' }),
  note: z
    .string()
    .trim()
    .max(2000, { error: () => '2 000 caractères au plus.' })
    .optional()
    .transform((v) => (v ? v : null)),
  confirm: z.literal('on', { error: () => 'Cochez la case pour confirmer la validation.' }),
})

export const RoadmapActionSchema = z.discriminatedUnion('intent', [MilestoneCommentSchema, ApproveMilestoneSchema], {
  error: () => 'Action inconnue.',
})

export type RoadmapAction = z.infer<typeof RoadmapActionSchema>

/** ?statut= filter of the timeline. */
export const ROADMAP_FILTERS = ['tous', 'planned', 'in_progress', 'delivered', 'approved', 'late'] as const
export type RoadmapFilter = (typeof ROADMAP_FILTERS)[number]
export const parseRoadmapFilter = (value: string | null): RoadmapFilter =>
  ROADMAP_FILTERS.includes(value as RoadmapFilter) ? (value as RoadmapFilter) : 'tous'
