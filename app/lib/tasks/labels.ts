// French labels and badge variants of task statuses and priorities, shared by
// the dashboard, the project page and the task views (isomorphic).
export const TASK_STATUSES = ['todo', 'in_progress', 'review', 'done'] as const
export type TaskStatus = (typeof TASK_STATUSES)[number]

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const
export type Priority = (typeof PRIORITIES)[number]

export type BadgeVariant = 'neutral' | 'info' | 'warning' | 'success' | 'danger' | 'outline' | 'brand'

export const TASK_STATUS_LABEL: Record<TaskStatus, string> = {
  todo: 'À faire',
  in_progress: 'En cours',
  review: 'En validation',
  done: 'Terminée',
}

export const TASK_STATUS_VARIANT: Record<TaskStatus, BadgeVariant> = {
  todo: 'neutral',
  in_progress: 'info',
  review: 'warning',
  done: 'success',
}

export const PRIORITY_LABEL: Record<Priority, string> = {
  low: 'Basse',
  normal: 'Normale',
  high: 'Haute',
  urgent: 'Urgente',
}

export const PRIORITY_VARIANT: Record<Priority, BadgeVariant> = {
  low: 'outline',
  normal: 'neutral',
  high: 'warning',
  urgent: 'danger',
}

export const isTaskStatus = (value: unknown): value is TaskStatus => TASK_STATUSES.includes(value as TaskStatus)
export const isPriority = (value: unknown): value is Priority => PRIORITIES.includes(value as Priority)
