import { Badge } from '~/components/ui/badge.tsx'

/** French label and meaning-driven colour of a payment attempt status (payment_attempt_status). */
export const ATTEMPT_STATUS_LABELS: Record<string, { label: string; variant: 'neutral' | 'success' | 'warning' | 'danger' | 'info' }> = {
  pending: { label: 'Initiée', variant: 'neutral' },
  waiting: { label: 'En attente', variant: 'info' },
  accepted: { label: 'Acceptée', variant: 'success' },
  refused: { label: 'Refusée', variant: 'danger' },
  cancelled: { label: 'Annulée', variant: 'danger' },
  expired: { label: 'Expirée', variant: 'neutral' },
  failed: { label: 'Échec', variant: 'danger' },
  flagged: { label: 'À vérifier', variant: 'warning' },
}

export function AttemptStatus({ status }: { status: string }) {
  const s = ATTEMPT_STATUS_LABELS[status] ?? { label: status, variant: 'neutral' as const }
  return <Badge variant={s.variant}>{s.label}</Badge>
}

export const CHECK_DECISION_LABELS: Record<string, { label: string; variant: 'neutral' | 'success' | 'warning' | 'danger' | 'info' }> = {
  accepted: { label: 'Acceptée', variant: 'success' },
  refused: { label: 'Refusée', variant: 'danger' },
  cancelled: { label: 'Annulée', variant: 'danger' },
  waiting: { label: 'En attente', variant: 'info' },
  flagged: { label: 'Signalée', variant: 'warning' },
  expired: { label: 'Expirée', variant: 'neutral' },
  error: { label: 'Erreur de vérification', variant: 'warning' },
  ignored: { label: 'Sans effet', variant: 'neutral' },
}

export function CheckDecision({ decision }: { decision: string }) {
  const s = CHECK_DECISION_LABELS[decision] ?? { label: decision, variant: 'neutral' as const }
  return <Badge variant={s.variant}>{s.label}</Badge>
}
