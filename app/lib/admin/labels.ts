// French labels and badge tones for the enums the back office shows.
// Isomorphic (used by loaders for sorting/filter options and by components).
// The database stores ASCII values; only these maps speak French.

export type Tone = 'neutral' | 'success' | 'warning' | 'danger' | 'info' | 'outline' | 'default'

export const PROJECT_STATUS = {
  draft: { label: 'Brouillon', tone: 'neutral' },
  active: { label: 'En cours', tone: 'info' },
  on_hold: { label: 'En pause', tone: 'warning' },
  completed: { label: 'Terminé', tone: 'success' },
  cancelled: { label: 'Annulé', tone: 'danger' },
} as const satisfies Record<string, { label: string; tone: Tone }>
export type ProjectStatus = keyof typeof PROJECT_STATUS
export const PROJECT_STATUSES = Object.keys(PROJECT_STATUS) as ProjectStatus[]

export const PROGRESS_MODE = {
  tasks: 'Calculé depuis les tâches terminées',
  milestones: 'Calculé depuis les jalons validés',
  manual: 'Saisi à la main',
} as const
export type ProgressMode = keyof typeof PROGRESS_MODE
export const PROGRESS_MODES = Object.keys(PROGRESS_MODE) as ProgressMode[]

export const MILESTONE_STATUS = {
  planned: { label: 'Prévu', tone: 'neutral' },
  in_progress: { label: 'En cours', tone: 'info' },
  delivered: { label: 'Livré', tone: 'warning' },
  approved: { label: 'Validé', tone: 'success' },
} as const satisfies Record<string, { label: string; tone: Tone }>
export type MilestoneStatus = keyof typeof MILESTONE_STATUS
export const MILESTONE_STATUSES = Object.keys(MILESTONE_STATUS) as MilestoneStatus[]

export const PROSPECT_STAGE = {
  nouveau: { label: 'Nouveau', tone: 'neutral' },
  contacte: { label: 'Contacté', tone: 'info' },
  qualifie: { label: 'Qualifié', tone: 'info' },
  proposition: { label: 'Proposition', tone: 'warning' },
  gagne: { label: 'Gagné', tone: 'success' },
  perdu: { label: 'Perdu', tone: 'danger' },
} as const satisfies Record<string, { label: string; tone: Tone }>
export type ProspectStage = keyof typeof PROSPECT_STAGE
export const PROSPECT_STAGES = Object.keys(PROSPECT_STAGE) as ProspectStage[]

export const INVOICE_STATUS = {
  draft: { label: 'Brouillon', tone: 'neutral' },
  sent: { label: 'Envoyée', tone: 'info' },
  paid: { label: 'Payée', tone: 'success' },
  overdue: { label: 'En retard', tone: 'danger' },
  canceled: { label: 'Annulée', tone: 'outline' },
} as const satisfies Record<string, { label: string; tone: Tone }>

export const TICKET_STATUS = {
  open: { label: 'Ouverte', tone: 'info' },
  in_progress: { label: 'En cours', tone: 'info' },
  waiting_client: { label: 'En attente du client', tone: 'warning' },
  resolved: { label: 'Résolue', tone: 'success' },
  closed: { label: 'Fermée', tone: 'outline' },
} as const satisfies Record<string, { label: string; tone: Tone }>

export const PRIORITY = {
  low: { label: 'Basse', tone: 'neutral' },
  normal: { label: 'Normale', tone: 'neutral' },
  high: { label: 'Haute', tone: 'warning' },
  urgent: { label: 'Urgente', tone: 'danger' },
} as const satisfies Record<string, { label: string; tone: Tone }>

export const PAYMENT_ATTEMPT_STATUS = {
  pending: { label: 'Initié', tone: 'neutral' },
  waiting: { label: 'En attente', tone: 'warning' },
  accepted: { label: 'Accepté', tone: 'success' },
  refused: { label: 'Refusé', tone: 'danger' },
  cancelled: { label: 'Annulé', tone: 'outline' },
  expired: { label: 'Expiré', tone: 'outline' },
  failed: { label: 'Échec', tone: 'danger' },
  flagged: { label: 'À vérifier', tone: 'danger' },
} as const satisfies Record<string, { label: string; tone: Tone }>

export const MEMBER_ROLE = { owner: 'Contact principal', member: 'Membre' } as const
export type MemberRole = keyof typeof MEMBER_ROLE

export const AUDIT_ACTION = {
  insert: { label: 'Création', tone: 'success' },
  update: { label: 'Modification', tone: 'info' },
  delete: { label: 'Suppression', tone: 'danger' },
} as const satisfies Record<string, { label: string; tone: Tone }>

/** Table names of the audit log, in French. */
export const ENTITY_LABEL: Record<string, string> = {
  profiles: 'Profil',
  clients: 'Client',
  client_members: 'Membre client',
  client_notes: 'Note client',
  settings: 'Paramètres',
  email_templates: 'Modèle d’e-mail',
  projects: 'Projet',
  project_team: 'Équipe projet',
  milestones: 'Jalon',
  milestone_comments: 'Commentaire de jalon',
  milestone_approvals: 'Validation de jalon',
  tasks: 'Tâche',
  task_comments: 'Commentaire de tâche',
  task_checklist_items: 'Élément de checklist',
  quotes: 'Devis',
  quote_items: 'Ligne de devis',
  invoices: 'Facture',
  invoice_items: 'Ligne de facture',
  credit_notes: 'Avoir',
  payment_attempts: 'Tentative de paiement',
  payments: 'Paiement',
  receipts: 'Reçu',
  tickets: 'Réclamation',
  ticket_messages: 'Message de réclamation',
  documents: 'Document',
  task_attachments: 'Pièce jointe de tâche',
  ticket_attachments: 'Pièce jointe de réclamation',
  prospects: 'Prospect',
  notification_preferences: 'Préférence de notification',
  account_deletion_requests: 'Demande de suppression',
}

export const CINETPAY_CHANNEL = {
  MOBILE_MONEY: 'Mobile Money (Orange, MTN, Moov, Wave)',
  CREDIT_CARD: 'Carte bancaire',
  WALLET: 'Portefeuille CinetPay',
} as const
export type CinetpayChannel = keyof typeof CINETPAY_CHANNEL
export const CINETPAY_CHANNELS = Object.keys(CINETPAY_CHANNEL) as CinetpayChannel[]
