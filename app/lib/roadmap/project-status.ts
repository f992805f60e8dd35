import type { BadgeVariant } from '../tasks/labels.ts'

export const PROJECT_STATUS_LABEL: Record<string, string> = {
  draft: 'En préparation',
  active: 'En cours',
  on_hold: 'En pause',
  completed: 'Terminé',
  cancelled: 'Annulé',
}

export const PROJECT_STATUS_VARIANT: Record<string, BadgeVariant> = {
  draft: 'neutral',
  active: 'info',
  on_hold: 'warning',
  completed: 'success',
  cancelled: 'danger',
}
