// Options of the Paramètres page and the avatar rule, shared by the page (in
// the browser) and its action. No zod here: the client portal does not
// download it (first-load budget, docs/decisions/007-client-bundle-budget.md).

export const NOTIFICATION_EVENTS = [
  'invoice_sent',
  'invoice_reminder',
  'payment_received',
  'quote_sent',
  'ticket_reply',
  'milestone_delivered',
  'document_added',
  'task_comment',
] as const
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number]

export const EVENT_LABEL: Record<NotificationEvent, string> = {
  invoice_sent: 'Nouvelle facture',
  invoice_reminder: 'Relance d’une facture échue',
  payment_received: 'Paiement reçu (avec le reçu)',
  quote_sent: 'Nouveau devis à valider',
  ticket_reply: 'Réponse de NOURX à une réclamation',
  milestone_delivered: 'Jalon livré à valider',
  document_added: 'Nouveau document partagé',
  task_comment: 'Commentaire sur une tâche',
}

export const CONTACT_METHODS = ['email', 'phone', 'whatsapp'] as const
export const CONTACT_LABEL: Record<(typeof CONTACT_METHODS)[number], string> = {
  email: 'E-mail',
  phone: 'Téléphone',
  whatsapp: 'WhatsApp',
}

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024
export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const

export function avatarProblem(file: { size: number; type: string } | null): string | null {
  if (!file || file.size === 0) return 'Choisissez une image.'
  if (!(AVATAR_TYPES as readonly string[]).includes(file.type)) return 'Format accepté : PNG, JPEG ou WebP.'
  if (file.size > AVATAR_MAX_BYTES) return 'L’image dépasse 2 Mo.'
  return null
}
