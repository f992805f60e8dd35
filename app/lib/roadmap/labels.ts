// French labels and badge variants of milestone statuses (isomorphic).
import type { BadgeVariant } from '../tasks/labels.ts'

export const MILESTONE_STATUSES = ['planned', 'in_progress', 'delivered', 'approved'] as const
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number]

export const MILESTONE_STATUS_LABEL: Record<MilestoneStatus, string> = {
  planned: 'Prévu',
  in_progress: 'En cours',
  delivered: 'Livré, à valider',
  approved: 'Validé',
}

export const MILESTONE_STATUS_VARIANT: Record<MilestoneStatus, BadgeVariant> = {
  planned: 'neutral',
  in_progress: 'info',
  delivered: 'warning',
  approved: 'success',
}

export const isMilestoneStatus = (value: unknown): value is MilestoneStatus =>
  MILESTONE_STATUSES.includes(value as MilestoneStatus)

/** A milestone is late when not delivered and its due day is before today (UTC calendar day, as Abidjan). */
export function isMilestoneLate(status: MilestoneStatus, dueDate: string | null, today: string): boolean {
  return (status === 'planned' || status === 'in_progress') && dueDate !== null && dueDate < today
}

/** Today as YYYY-MM-DD in Africa/Abidjan (UTC+0). */
export const todayIso = (now = new Date()) => now.toISOString().slice(0, 10)
