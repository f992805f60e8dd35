// RGPD account deletion requests, back-office side: labels and the schema of
// the admin's decision, shared by the form and the action (isomorphic).
import { z } from 'zod'
import type { Tone } from './labels.ts'

export const DELETION_STATUS = {
  pending: { label: 'À traiter', tone: 'warning' },
  processed: { label: 'Traitée', tone: 'success' },
  rejected: { label: 'Refusée', tone: 'neutral' },
} as const satisfies Record<string, { label: string; tone: Tone }>
export type DeletionStatus = keyof typeof DELETION_STATUS
export const DELETION_STATUSES = Object.keys(DELETION_STATUS) as DeletionStatus[]

/** ?statut= of the list page; anything else reads as the default (pending). */
export function parseStatusFilter(value: string | null): DeletionStatus | 'toutes' {
  if (value === 'toutes') return 'toutes'
  return DELETION_STATUSES.includes(value as DeletionStatus) ? (value as DeletionStatus) : 'pending'
}

const id = z.uuid({ error: 'Demande invalide.' })
const note = z
  .string()
  .trim()
  .max(2000, { error: 'La note ne doit pas dépasser 2000 caractères.' })

/**
 * Processing needs no note (the summary records what was done); a refusal
 * must say why — the person is told the reason (RGPD art. 12: a refusal is
 * motivated).
 */
export const DeletionDecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('process'), request_id: id, note: note.optional() }),
  z.object({
    intent: z.literal('reject'),
    request_id: id,
    note: note.min(1, { error: 'Indiquez le motif du refus : il sera communiqué à la personne.' }),
  }),
])
export type DeletionDecision = z.infer<typeof DeletionDecisionSchema>
