// Client-visible tasks of a project (RLS adds visibility = client), with
// what the list and kanban show: milestone, checklist progress, comment and
// attachment counts — one query, filters applied by PostgREST.
import { z } from 'zod'
import type { AppSupabaseClient } from '~/lib/supabase.server.ts'
import { unavailable } from '../roadmap/errors.server.ts'
import { PRIORITIES, TASK_STATUSES } from './labels.ts'
import type { TaskFilters } from './schemas.ts'

const Count = z.array(z.object({ count: z.number() }))

const TaskRow = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(TASK_STATUSES),
  priority: z.enum(PRIORITIES),
  due_date: z.string().nullable(),
  position: z.number(),
  milestones: z.object({ id: z.string(), title: z.string() }).nullable(),
  task_checklist_items: z.array(z.object({ is_done: z.boolean() })),
  task_comments: Count,
  task_attachments: Count,
})

export interface TaskListItem {
  id: string
  title: string
  status: z.infer<typeof TaskRow>['status']
  priority: z.infer<typeof TaskRow>['priority']
  dueDate: string | null
  milestone: { id: string; title: string } | null
  checklist: { done: number; total: number }
  comments: number
  attachments: number
}

/** Escapes the LIKE wildcards of a search typed by the user. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

export async function listTasks(
  supabase: AppSupabaseClient,
  projectId: string,
  filters: Pick<TaskFilters, 'q' | 'status' | 'priority' | 'milestoneId'>,
): Promise<TaskListItem[]> {
  let query = supabase
    .from('tasks')
    .select(
      `id, title, status, priority, due_date, position,
       milestones(id, title),
       task_checklist_items(is_done),
       task_comments(count),
       task_attachments(count)`,
    )
    .eq('project_id', projectId)
  if (filters.status) query = query.eq('status', filters.status)
  if (filters.priority) query = query.eq('priority', filters.priority)
  if (filters.milestoneId) query = query.eq('milestone_id', filters.milestoneId)
  if (filters.q) query = query.ilike('title', likePattern(filters.q))
  // NOURX's order: the one the admin sets by dragging cards on the back
  // office's kanban (position within each status column, ties broken as
  // there: due date, then id), so each client column reads the same.
  const { data, error } = await query.order('position').order('due_date', { nullsFirst: false }).order('id')
  if (error) unavailable('tasks.list', error)
  // Open tasks first (in NOURX's order), finished ones after.
  return z
    .array(TaskRow)
    .parse(data)
    .toSorted((a, b) => Number(a.status === 'done') - Number(b.status === 'done'))
    .map((t) => ({
      id: t.id,
      title: t.title,
      status: t.status,
      priority: t.priority,
      dueDate: t.due_date,
      milestone: t.milestones,
      checklist: { done: t.task_checklist_items.filter((i) => i.is_done).length, total: t.task_checklist_items.length },
      comments: t.task_comments[0]?.count ?? 0,
      attachments: t.task_attachments[0]?.count ?? 0,
    }))
}

/** Milestones of the project for the filter (names only). */
export async function listMilestoneOptions(supabase: AppSupabaseClient, projectId: string) {
  const { data, error } = await supabase
    .from('milestones')
    .select('id, title')
    .eq('project_id', projectId)
    .order('position')
  if (error) unavailable('tasks.milestones', error)
  return (data ?? []).map((m) => ({ id: String(m.id), title: String(m.title) }))
}
