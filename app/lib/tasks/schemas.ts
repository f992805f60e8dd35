// Task page forms and filters (isomorphic).
import { z } from 'zod'
import { isPriority, isTaskStatus, type Priority, type TaskStatus } from './labels.ts'

export const TaskCommentSchema = z.object({
  intent: z.literal('comment'),
  body: z
    .string({ error: () => 'Écrivez votre commentaire.' })
    .trim()
    .min(1, { error: () => 'Écrivez votre commentaire.' })
    .max(5000, { error: () => '5 000 caractères au plus.' }),
})

export interface TaskFilters {
  view: 'liste' | 'kanban'
  q: string
  status: TaskStatus | null
  priority: Priority | null
  milestoneId: string | null
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Query string → filters; anything unknown is ignored rather than refused (links are shared, edited by hand). */
export function parseTaskFilters(params: URLSearchParams): TaskFilters {
  const status = params.get('statut')
  const priority = params.get('priorite')
  const milestone = params.get('jalon')
  return {
    view: params.get('vue') === 'kanban' ? 'kanban' : 'liste',
    q: (params.get('q') ?? '').trim().slice(0, 100),
    status: isTaskStatus(status) ? status : null,
    priority: isPriority(priority) ? priority : null,
    milestoneId: milestone && UUID.test(milestone) ? milestone : null,
  }
}
