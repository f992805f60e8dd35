// One task for its sheet: description, milestone, checklist, attachments
// (documents with who uploaded them) and client-visible comments. RLS hides
// internal tasks and other companies' tasks: null → the route answers 404.
import { z } from 'zod'
import type { AppSupabaseClient } from '~/lib/supabase.server.ts'
import { unavailable } from '../roadmap/errors.server.ts'
import { PRIORITIES, TASK_STATUSES } from './labels.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const TaskSchema = z.object({
  id: z.string(),
  project_id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  priority: z.enum(PRIORITIES),
  due_date: z.string().nullable(),
  completed_at: z.string().nullable(),
  created_at: z.string(),
  projects: z.object({ id: z.string(), title: z.string(), client_id: z.string() }),
  milestones: z.object({ id: z.string(), title: z.string(), version_label: z.string().nullable() }).nullable(),
  assignee: z.object({ full_name: z.string() }).nullable(),
  task_checklist_items: z.array(
    z.object({ id: z.string(), label: z.string(), is_done: z.boolean(), position: z.number() }),
  ),
  task_comments: z.array(
    z.object({
      id: z.string(),
      body: z.string(),
      created_at: z.string(),
      author_id: z.string().nullable(),
      profiles: z.object({ full_name: z.string(), role: z.string() }).nullable(),
    }),
  ),
  task_attachments: z.array(
    z.object({
      id: z.string(),
      created_at: z.string(),
      documents: z
        .object({
          id: z.string(),
          file_name: z.string(),
          label: z.string().nullable(),
          mime_type: z.string(),
          size_bytes: z.number(),
          created_at: z.string(),
          profiles: z.object({ full_name: z.string() }).nullable(),
        })
        .nullable(),
    }),
  ),
})

export type TaskDetail = z.infer<typeof TaskSchema>

export async function getTask(supabase: AppSupabaseClient, taskId: string): Promise<TaskDetail | null> {
  if (!UUID.test(taskId)) return null
  const { data, error } = await supabase
    .from('tasks')
    .select(
      `id, project_id, title, description, status, priority, due_date, completed_at, created_at,
       projects(id, title, client_id),
       milestones(id, title, version_label),
       assignee:profiles!tasks_assigned_to_fkey(full_name),
       task_checklist_items(id, label, is_done, position),
       task_comments(id, body, created_at, author_id, profiles!task_comments_author_id_fkey(full_name, role)),
       task_attachments(id, created_at, documents(id, file_name, label, mime_type, size_bytes, created_at, profiles!documents_uploaded_by_fkey(full_name)))`,
    )
    .eq('id', taskId)
    .order('position', { referencedTable: 'task_checklist_items' })
    .order('created_at', { referencedTable: 'task_comments' })
    .maybeSingle()
  if (error) unavailable('tasks.get', error)
  if (!data) return null
  return TaskSchema.parse(data)
}

export async function addTaskComment(
  supabase: AppSupabaseClient,
  input: { taskId: string; body: string; authorId: string },
): Promise<'ok' | 'not-found'> {
  const { error } = await supabase
    .from('task_comments')
    .insert({ task_id: input.taskId, body: input.body, author_id: input.authorId, visibility: 'client' })
  if (error) {
    if (['42501', '23503', '22P02'].includes(error.code ?? '')) return 'not-found'
    unavailable('tasks.comment', error)
  }
  return 'ok'
}
