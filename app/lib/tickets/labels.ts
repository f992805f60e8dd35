// Vocabulary of the Réclamations pages (isomorphic): status, category and
// priority labels, and the colour of each status badge.
import type { BadgeVariant } from '../billing/status.ts'

export const TICKET_STATUSES = ['open', 'in_progress', 'waiting_client', 'resolved', 'closed'] as const
export type TicketStatus = (typeof TICKET_STATUSES)[number]
export const TICKET_CATEGORIES = ['question', 'bug', 'change_request', 'payment', 'billing', 'other'] as const
export type TicketCategory = (typeof TICKET_CATEGORIES)[number]
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const
export type TicketPriority = (typeof TICKET_PRIORITIES)[number]

export const STATUS_LABEL: Record<TicketStatus, { label: string; variant: BadgeVariant }> = {
  open: { label: 'Ouverte', variant: 'info' },
  in_progress: { label: 'En cours', variant: 'info' },
  waiting_client: { label: 'En attente de votre réponse', variant: 'warning' },
  resolved: { label: 'Résolue', variant: 'success' },
  closed: { label: 'Fermée', variant: 'neutral' },
}

export const CATEGORY_LABEL: Record<TicketCategory, string> = {
  question: 'Question',
  bug: 'Anomalie',
  change_request: 'Demande d’évolution',
  payment: 'Paiement',
  billing: 'Facturation',
  other: 'Autre',
}

export const PRIORITY_LABEL: Record<TicketPriority, string> = {
  low: 'Basse',
  normal: 'Normale',
  high: 'Haute',
  urgent: 'Urgente',
}

export function statusOf(value: string) {
  return STATUS_LABEL[value as TicketStatus] ?? { label: value, variant: 'neutral' as const }
}

/** Attachments: what the `project-files` bucket accepts (see migration 08), checked on both sides. */
export const ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024
export const ATTACHMENT_MAX_FILES = 5
export const ATTACHMENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/zip',
  'application/x-zip-compressed',
  'text/plain',
  'text/csv',
] as const
export const ATTACHMENT_ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.zip,.txt,.csv'

/** The ticket has not had NOURX's first answer and its SLA deadline has passed. */
export function isSlaBreached(ticket: { sla_due_at: string | null; first_response_at: string | null; status: string }, now: Date): boolean {
  if (!ticket.sla_due_at || ticket.first_response_at || ticket.status === 'resolved' || ticket.status === 'closed') return false
  return new Date(ticket.sla_due_at).getTime() < now.getTime()
}
