import { Badge } from '~/components/ui/badge.tsx'
import {
  PRIORITY_LABEL,
  PRIORITY_VARIANT,
  TASK_STATUS_LABEL,
  TASK_STATUS_VARIANT,
  type Priority,
  type TaskStatus,
} from '~/lib/tasks/labels.ts'

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  return <Badge variant={TASK_STATUS_VARIANT[status]}>{TASK_STATUS_LABEL[status]}</Badge>
}

/** Normal priority is the default: only the others earn a badge, unless `always`. */
export function PriorityBadge({ priority, always = false }: { priority: Priority; always?: boolean }) {
  if (priority === 'normal' && !always) return null
  return <Badge variant={PRIORITY_VARIANT[priority]}>Priorité {PRIORITY_LABEL[priority].toLowerCase()}</Badge>
}
