// zod schemas and vocabulary of the back office's ticket inbox (isomorphic).
import { z } from 'zod'

const msg = (text: string) => ({ error: () => text })

export const TICKET_STATUSES = ['open', 'in_progress', 'waiting_client', 'resolved', 'closed'] as const
export type TicketStatus = (typeof TICKET_STATUSES)[number]
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const
export const TICKET_CATEGORIES = ['question', 'bug', 'change_request', 'payment', 'billing', 'other'] as const

export const CATEGORY_LABEL: Record<(typeof TICKET_CATEGORIES)[number], string> = {
  question: 'Question',
  bug: 'Anomalie',
  change_request: 'Demande d’évolution',
  payment: 'Paiement',
  billing: 'Facturation',
  other: 'Autre',
}

/** Statuses still waiting for someone: the inbox's default view, and the SLA clock runs. */
export const OPEN_STATUSES = ['open', 'in_progress', 'waiting_client'] as const
export const STATUS_GROUPS = {
  ouvertes: OPEN_STATUSES,
  resolues: ['resolved'],
  fermees: ['closed'],
} as const
export type StatusGroup = keyof typeof STATUS_GROUPS | 'toutes'
export const GROUP_LABEL: Record<StatusGroup, string> = { ouvertes: 'À traiter', resolues: 'Résolues', fermees: 'Fermées', toutes: 'Toutes' }

/**
 * Past its SLA deadline: not resolved/closed and the deadline is behind us
 * (the same rule as the dashboard's "tickets past SLA").
 */
export function isLate(ticket: { status: string; sla_due_at: string | null }, now: number): boolean {
  return !!ticket.sla_due_at && ticket.status !== 'resolved' && ticket.status !== 'closed' && Date.parse(ticket.sla_due_at) < now
}

/** A reply to the client, or an internal note; optionally moves the ticket on in the same step. */
export const ReplySchema = z.object({
  body: z
    .string(msg('Écrivez votre message.'))
    .trim()
    .min(1, msg('Écrivez votre message.'))
    .max(10000, msg('10 000 caractères au plus.')),
  internal: z
    .enum(['on'])
    .optional()
    .transform((v) => v === 'on'),
  next_status: z.enum(TICKET_STATUSES, msg('Statut invalide.')).optional(),
})
export type ReplyInput = z.infer<typeof ReplySchema>

/** Status, priority (the database recomputes the SLA deadline) and assignment. */
export const TicketUpdateSchema = z.object({
  status: z.enum(TICKET_STATUSES, msg('Statut invalide.')),
  priority: z.enum(TICKET_PRIORITIES, msg('Priorité invalide.')),
  assigned_to: z.string().uuid(msg('Personne invalide.')).optional(),
})
export type TicketUpdateInput = z.infer<typeof TicketUpdateSchema>

export const TICKET_FILTERS = ['etat', 'priorite', 'client', 'assigne', 'categorie', 'retard'] as const
