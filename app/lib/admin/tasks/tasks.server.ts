// Tasks of every project for the back office: the list (search, filters,
// sort, pagination from the URL), the kanban (one capped query per column,
// in parallel), the task page, and the writes. Every write goes through the
// admin's own Supabase client: RLS checks private.is_admin() and the audit
// triggers record who did it. completed_at and the project's progress follow
// the status by trigger; nothing here recomputes them.
import { TASK_STATUSES, type TaskStatus } from '../../tasks/labels.ts'
import { AdminWriteError, check, nullable, requireRow, type Db } from '../db.ts'
import { ilikeTerm, pageRange, type ListParams } from '../list.ts'
import type { TaskInput } from './schemas.ts'
import { deleteDocument, uploadDocument } from './upload.server.ts'

export const TASK_SORTS = ['due_date', 'title', 'priority', 'status', 'updated_at', 'created_at'] as const
export type TaskSort = (typeof TASK_SORTS)[number]

/** Cards per kanban column; the column says how many more match. */
export const BOARD_LIMIT = 50

export interface AdminTaskRow {
  id: string
  title: string
  status: TaskStatus
  priority: 'low' | 'normal' | 'high' | 'urgent'
  visibility: 'internal' | 'client'
  due_date: string | null
  position: number
  project_id: string
  project_title: string
  client_name: string
  assignee: { id: string; name: string } | null
  checklist: { done: number; total: number }
  attachments: number
}

const ROW_COLUMNS = `id, title, status, priority, visibility, due_date, position, project_id, assigned_to,
  projects!inner(title, clients(name)), assignee:profiles!tasks_assigned_to_fkey(id, full_name, email),
  task_checklist_items(is_done), task_attachments(count)`

type RawRow = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

function one<T>(value: T | T[] | null | undefined): T | null {
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null)
}

function toRow(t: RawRow): AdminTaskRow {
  const project = one<{ title: string; clients: { name: string } | { name: string }[] | null }>(t.projects)
  const assignee = one<{ id: string; full_name: string | null; email: string }>(t.assignee)
  const items = (t.task_checklist_items ?? []) as { is_done: boolean }[]
  return {
    id: t.id,
    title: t.title,
    status: t.status,
    priority: t.priority,
    visibility: t.visibility,
    due_date: t.due_date,
    position: t.position,
    project_id: t.project_id,
    project_title: project?.title ?? '',
    client_name: one(project?.clients)?.name ?? '',
    assignee: assignee ? { id: assignee.id, name: assignee.full_name || assignee.email } : null,
    checklist: { done: items.filter((i) => i.is_done).length, total: items.length },
    attachments: (t.task_attachments?.[0]?.count as number | undefined) ?? 0,
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function applyFilters(query: any, params: ListParams<TaskSort>) {
  const f = params.filters
  if (params.q) query = query.ilike('title', ilikeTerm(params.q))
  if (f.projet) query = query.eq('project_id', f.projet)
  if (f.priorite) query = query.eq('priority', f.priorite)
  if (f.visibilite) query = query.eq('visibility', f.visibilite)
  if (f.assigne === 'aucun') query = query.is('assigned_to', null)
  else if (f.assigne) query = query.eq('assigned_to', f.assigne)
  return query
}

function failed(what: string, error: { code?: string; message: string }): never {
  console.error(`[admin] ${what} : ${error.code ?? ''} ${error.message}`)
  throw new Response('Les tâches n’ont pas pu être chargées. Réessayez.', { status: 500 })
}

/** The list view: one page of tasks with the total. */
export async function listAdminTasks(db: Db, params: ListParams<TaskSort>) {
  let query = applyFilters(db.from('tasks').select(ROW_COLUMNS, { count: 'exact' }), params)
  if (params.filters.statut) query = query.eq('status', params.filters.statut)
  const [from, to] = pageRange(params.page)
  const { data, count, error } = await query
    .order(params.sort, { ascending: params.dir === 'asc', nullsFirst: false })
    .order('id')
    .range(from, to)
  if (error) failed('tâches', error)
  return { rows: ((data ?? []) as RawRow[]).map(toRow), total: count ?? 0 }
}

/** The kanban: each column capped at BOARD_LIMIT, ordered by position then due date. */
export async function boardTasks(db: Db, params: ListParams<TaskSort>) {
  const results = await Promise.all(
    TASK_STATUSES.map((status) =>
      applyFilters(db.from('tasks').select(ROW_COLUMNS, { count: 'exact' }), params)
        .eq('status', status)
        .order('position')
        .order('due_date', { nullsFirst: false })
        .order('id')
        .limit(BOARD_LIMIT),
    ),
  )
  const columns = {} as Record<TaskStatus, { rows: AdminTaskRow[]; total: number }>
  TASK_STATUSES.forEach((status, i) => {
    const r = results[i] as { data: RawRow[] | null; count: number | null; error: { code?: string; message: string } | null }
    if (r.error) failed('tableau des tâches', r.error)
    columns[status] = { rows: (r.data ?? []).map(toRow), total: r.count ?? 0 }
  })
  return columns
}

/** Pickers: projects (with their client) and NOURX staff, in parallel. */
export async function taskFormOptions(db: Db) {
  const [projects, staff] = await Promise.all([
    db.from('projects').select('id, title, clients(name)').in('status', ['draft', 'active', 'on_hold']).order('title').limit(500),
    db.from('profiles').select('id, full_name, email').eq('role', 'admin').order('full_name'),
  ])
  if (projects.error) failed('projets', projects.error)
  if (staff.error) failed('équipe', staff.error)
  return {
    projects: (projects.data ?? []).map((p: RawRow) => ({
      value: p.id as string,
      label: `${p.title} — ${one<{ name: string }>(p.clients)?.name ?? ''}`,
    })),
    staff: (staff.data ?? []).map((p: RawRow) => ({ value: p.id as string, label: (p.full_name || p.email) as string })),
  }
}

export interface TaskDetail {
  id: string
  project_id: string
  client_id: string
  project_title: string
  client_name: string
  milestone_id: string | null
  title: string
  description: string | null
  status: TaskStatus
  priority: AdminTaskRow['priority']
  visibility: AdminTaskRow['visibility']
  assigned_to: string | null
  due_date: string | null
  completed_at: string | null
  created_at: string
  updated_at: string
  checklist: { id: string; label: string; is_done: boolean; position: number }[]
  attachments: { id: string; document_id: string; file_name: string; size_bytes: number; mime_type: string; visibility: string; created_at: string }[]
  comments: { id: string; body: string; visibility: string; created_at: string; author: string }[]
  milestones: { value: string; label: string }[]
}

/** The task page in one embedded select, plus the project's milestones (parallel). */
export async function getAdminTask(db: Db, id: string): Promise<TaskDetail | null> {
  const { data: t, error } = await db
    .from('tasks')
    .select(
      `id, project_id, milestone_id, title, description, status, priority, visibility, assigned_to, due_date, completed_at, created_at, updated_at,
       projects(title, client_id, clients(name), milestones(id, title, position)),
       task_checklist_items(id, label, is_done, position),
       task_attachments(id, created_at, documents(id, file_name, size_bytes, mime_type, visibility)),
       task_comments(id, body, visibility, created_at, author:profiles!task_comments_author_id_fkey(full_name, email))`,
    )
    .eq('id', id)
    .maybeSingle()
  if (error) failed('tâche', error)
  if (!t) return null
  const row = t as RawRow
  const project = one<RawRow>(row.projects)
  return {
    id: row.id,
    project_id: row.project_id,
    client_id: project?.client_id,
    project_title: project?.title ?? '',
    client_name: one<{ name: string }>(project?.clients)?.name ?? '',
    milestone_id: row.milestone_id,
    title: row.title,
    description: row.description,
    status: row.status,
    priority: row.priority,
    visibility: row.visibility,
    assigned_to: row.assigned_to,
    due_date: row.due_date,
    completed_at: row.completed_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
    checklist: ((row.task_checklist_items ?? []) as TaskDetail['checklist']).toSorted(
      (a, b) => a.position - b.position || a.label.localeCompare(b.label),
    ),
    attachments: ((row.task_attachments ?? []) as RawRow[])
      .map((a) => {
        const d = one<RawRow>(a.documents)
        return {
          id: a.id,
          document_id: d?.id,
          file_name: d?.file_name ?? '',
          size_bytes: Number(d?.size_bytes ?? 0),
          mime_type: d?.mime_type ?? '',
          visibility: d?.visibility ?? 'internal',
          created_at: a.created_at,
        }
      })
      .toSorted((a, b) => a.created_at.localeCompare(b.created_at)),
    comments: ((row.task_comments ?? []) as RawRow[])
      .map((c) => {
        const author = one<RawRow>(c.author)
        return { id: c.id, body: c.body, visibility: c.visibility, created_at: c.created_at, author: author?.full_name || author?.email || '—' }
      })
      .toSorted((a, b) => a.created_at.localeCompare(b.created_at)),
    milestones: ((project?.milestones ?? []) as RawRow[])
      .toSorted((a, b) => a.position - b.position)
      .map((m) => ({ value: m.id as string, label: m.title as string })),
  }
}

/** Next free position at the end of a column (the card lands last). */
async function endOfColumn(db: Db, projectId: string, status: TaskStatus): Promise<number> {
  const { data } = await db
    .from('tasks')
    .select('position')
    .eq('project_id', projectId)
    .eq('status', status)
    .order('position', { ascending: false })
    .limit(1)
  return ((data?.[0]?.position as number | undefined) ?? -1) + 1
}

export async function createTask(db: Db, input: TaskInput): Promise<{ id: string }> {
  const position = await endOfColumn(db, input.project_id, input.status)
  const row = check(
    await db
      .from('tasks')
      .insert({ ...nullable(input), position })
      .select('id')
      .single(),
    'création de tâche',
  )
  return { id: (row as { id: string }).id }
}

export async function updateTask(db: Db, id: string, input: TaskInput) {
  const rows = check(await db.from('tasks').update(nullable(input)).eq('id', id).select('id'), 'tâche')
  return requireRow(rows, 'Tâche')
}

/**
 * Kanban drop: the card goes to a place of the (project, status) column —
 * within its column (reorder) or into another one — through move_task(),
 * which locks the project's columns, renumbers both of them and writes the
 * status in the same transaction. The place is right after `afterId` (or
 * right before `beforeId`), the card's neighbours of the same project as the
 * board showed them, read here against the whole column: cards a filter hid
 * keep their places. Else `index` (other cards of the task's project in that
 * column); nothing means "at the end" (the status select of the card).
 */
export async function moveTask(
  db: Db,
  id: string,
  status: TaskStatus,
  place: { index?: number; afterId?: string | null; beforeId?: string | null } = {},
) {
  const index = (await indexFromNeighbours(db, id, status, place)) ?? place.index ?? END_OF_COLUMN
  const { data, error } = await db.rpc('move_task', { p_task_id: id, p_status: status, p_index: index })
  if (error?.code === 'P0002') throw new AdminWriteError('Tâche introuvable.', 'not_found', 404)
  const row = check({ data, error }, 'déplacement') as { id: string; status: TaskStatus; position: number }
  return { id: row.id, status: row.status, position: row.position }
}

/**
 * Index in the target column (without the moving card) right after `afterId`
 * or right before `beforeId`; null when neither is given or found there (a
 * neighbour moved meanwhile: the caller falls back on the index). Same order
 * as move_task(): position, due date, id.
 */
async function indexFromNeighbours(
  db: Db,
  id: string,
  status: TaskStatus,
  { afterId, beforeId }: { afterId?: string | null; beforeId?: string | null },
): Promise<number | null> {
  if (!afterId && !beforeId) return null
  const task = check(await db.from('tasks').select('project_id').eq('id', id).maybeSingle(), 'tâche')
  if (!task) throw new AdminWriteError('Tâche introuvable.', 'not_found', 404)
  const column = check(
    await db
      .from('tasks')
      .select('id')
      .eq('project_id', task.project_id)
      .eq('status', status)
      .neq('id', id)
      .order('position')
      .order('due_date', { nullsFirst: false })
      .order('id'),
    'colonne',
  ) as { id: string }[]
  const ids = column.map((t) => t.id)
  if (afterId && ids.includes(afterId)) return ids.indexOf(afterId) + 1
  if (beforeId && ids.includes(beforeId)) return ids.indexOf(beforeId)
  return null
}

/** An index past any column: move_task() clamps it to "last". */
const END_OF_COLUMN = 1_000_000

export async function assignTask(db: Db, id: string, userId: string | null) {
  const rows = check(await db.from('tasks').update({ assigned_to: userId }).eq('id', id).select('id'), 'assignation')
  return requireRow(rows, 'Tâche')
}

/** Deletes the task; checklist, comments and attachment links cascade (the files stay in the project's documents). */
export async function deleteTask(db: Db, id: string) {
  const rows = check(await db.from('tasks').delete().eq('id', id).select('id'), 'suppression de tâche')
  return requireRow(rows, 'Tâche')
}

/** Section — checklist */
export async function addChecklistItem(db: Db, taskId: string, label: string) {
  const { data: last } = await db
    .from('task_checklist_items')
    .select('position')
    .eq('task_id', taskId)
    .order('position', { ascending: false })
    .limit(1)
  const position = ((last?.[0]?.position as number | undefined) ?? -1) + 1
  return check(
    await db.from('task_checklist_items').insert({ task_id: taskId, label, position }).select('id').single(),
    'élément de checklist',
  )
}

export async function toggleChecklistItem(db: Db, taskId: string, itemId: string, isDone: boolean) {
  const rows = check(
    await db.from('task_checklist_items').update({ is_done: isDone }).eq('id', itemId).eq('task_id', taskId).select('id'),
    'checklist',
  )
  return requireRow(rows, 'Élément')
}

export async function deleteChecklistItem(db: Db, taskId: string, itemId: string) {
  const rows = check(await db.from('task_checklist_items').delete().eq('id', itemId).eq('task_id', taskId).select('id'), 'checklist')
  return requireRow(rows, 'Élément')
}

/** Section — attachments: the file goes to the task's project folder, visible like the task. */
export async function attachFile(db: Db, task: Pick<TaskDetail, 'id' | 'client_id' | 'project_id' | 'visibility'>, file: File) {
  const doc = await uploadDocument(db, file, {
    clientId: task.client_id,
    projectId: task.project_id,
    folder: 'Tâches',
    visibility: task.visibility,
  })
  const result = await db.from('task_attachments').insert({ task_id: task.id, document_id: doc.id }).select('id').single()
  if (result.error) await deleteDocument(db, doc.id)
  const attachment = check(result, 'pièce jointe') as { id: string }
  return { id: attachment.id, documentId: doc.id }
}

/** Removing an attachment removes the file: it was uploaded for this task. */
export async function removeAttachment(db: Db, taskId: string, attachmentId: string) {
  const { data, error } = await db
    .from('task_attachments')
    .select('document_id')
    .eq('id', attachmentId)
    .eq('task_id', taskId)
    .maybeSingle()
  if (error || !data) throw new AdminWriteError('Pièce jointe introuvable.', 'not_found', 404)
  await deleteDocument(db, data.document_id as string)
}

/** A comment from NOURX on the task: visible by the client, or an internal note. */
export async function addTaskComment(db: Db, taskId: string, body: string, visibility: 'internal' | 'client') {
  return check(await db.from('task_comments').insert({ task_id: taskId, body, visibility }).select('id').single(), 'commentaire') as { id: string }
}
