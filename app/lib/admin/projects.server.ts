// Projects, their milestones (ordered by drag and drop) and the NOURX team
// shown to the client. Writes go through the admin's own client; progress in
// 'tasks'/'milestones' mode is computed by the database (triggers), so the
// progress column is only written in manual mode.
import { AdminWriteError, check, nullable, requireRow, type Db } from './db.ts'
import { ilikeTerm, pageRange, type ListParams } from './list.ts'
import type { MilestoneInput, ProjectInput } from './schemas.ts'

export const PROJECT_SORTS = ['title', 'start_date', 'end_date', 'progress', 'created_at'] as const
export type ProjectSort = (typeof PROJECT_SORTS)[number]

export async function listProjects(db: Db, params: ListParams<ProjectSort>) {
  let query = db
    .from('projects')
    .select('id, title, status, progress, progress_mode, start_date, end_date, client_id, clients!inner(name)', { count: 'exact' })
  if (params.q) {
    const term = ilikeTerm(params.q)
    query = query.or(`title.ilike.${term},description.ilike.${term}`)
  }
  if (params.filters.statut) query = query.eq('status', params.filters.statut)
  if (params.filters.client) query = query.eq('client_id', params.filters.client)
  const [from, to] = pageRange(params.page)
  const { data, count, error } = await query
    .order(params.sort, { ascending: params.dir === 'asc', nullsFirst: false })
    .order('id')
    .range(from, to)
  if (error) {
    console.error(`[admin] projets : ${error.code} ${error.message}`)
    throw new Response('La liste des projets n’a pas pu être chargée.', { status: 500 })
  }
  const rows = (data ?? []).map((p) => ({
    id: p.id as string,
    title: p.title as string,
    status: p.status as string,
    progress: p.progress as number,
    progress_mode: p.progress_mode as string,
    start_date: p.start_date as string | null,
    end_date: p.end_date as string | null,
    client_id: p.client_id as string,
    client_name: (p.clients as { name?: string } | null)?.name ?? '',
  }))
  return { rows, total: count ?? 0 }
}

/** The project page: project, milestones, team, task counts and the staff to pick from — one parallel round trip. */
export async function getProjectDetail(db: Db, id: string) {
  const [project, milestones, team, tasks, staff] = await Promise.all([
    db.from('projects').select('*, clients(id, name)').eq('id', id).maybeSingle(),
    db.from('milestones').select('*').eq('project_id', id).order('position').order('due_date', { nullsFirst: false }),
    db
      .from('project_team')
      .select('user_id, role_label, position, profiles(full_name, email, job_title)')
      .eq('project_id', id)
      .order('position'),
    db.from('tasks').select('status, visibility').eq('project_id', id),
    db.from('profiles').select('id, full_name, email, job_title').eq('role', 'admin').order('full_name'),
  ])
  for (const r of [project, milestones, team, tasks, staff]) {
    if (r.error) {
      console.error(`[admin] projet : ${r.error.code} ${r.error.message}`)
      throw new Response('Le projet n’a pas pu être chargé.', { status: 500 })
    }
  }
  if (!project.data) return null
  const taskRows = (tasks.data ?? []) as { status: string; visibility: string }[]
  return {
    project: project.data,
    milestones: milestones.data ?? [],
    team: (team.data ?? []).map((t) => {
      const p = (t.profiles ?? {}) as { full_name?: string; email?: string; job_title?: string | null }
      return { user_id: t.user_id as string, role_label: t.role_label as string, full_name: p.full_name || p.email || '', email: p.email ?? '' }
    }),
    taskCounts: {
      total: taskRows.length,
      done: taskRows.filter((t) => t.status === 'done').length,
      visible: taskRows.filter((t) => t.visibility === 'client').length,
    },
    staff: (staff.data ?? []).map((s) => ({ value: s.id as string, label: (s.full_name as string) || (s.email as string) })),
  }
}

/** progress is written only in manual mode; the triggers own it otherwise. */
function projectColumns(input: ProjectInput) {
  const { progress, ...rest } = input
  const row: Record<string, unknown> = nullable(rest)
  if (input.progress_mode === 'manual') row.progress = progress ?? 0
  return row
}

export async function createProject(db: Db, input: ProjectInput): Promise<{ id: string }> {
  const rows = check(await db.from('projects').insert(projectColumns(input)).select('id'), 'création projet')
  return requireRow(rows, 'Projet')
}

export async function updateProject(db: Db, id: string, input: ProjectInput) {
  const rows = check(await db.from('projects').update(projectColumns(input)).eq('id', id).select('id'), 'modification projet')
  return requireRow(rows, 'Projet')
}

export async function deleteProject(db: Db, id: string) {
  const rows = check(await db.from('projects').delete().eq('id', id).select('id'), 'suppression projet')
  return requireRow(rows, 'Projet')
}

/** Section — milestones */
export async function saveMilestone(db: Db, projectId: string, input: MilestoneInput) {
  const { milestone_id, ...fields } = input
  const row = nullable(fields)
  if (milestone_id) {
    const rows = check(
      await db.from('milestones').update(row).eq('id', milestone_id).eq('project_id', projectId).select('id'),
      'modification jalon',
    )
    return requireRow(rows, 'Jalon')
  }
  // New milestones go last.
  const { data: last } = await db
    .from('milestones')
    .select('position')
    .eq('project_id', projectId)
    .order('position', { ascending: false })
    .limit(1)
    .maybeSingle()
  const rows = check(
    await db
      .from('milestones')
      .insert({ ...row, project_id: projectId, position: ((last?.position as number | undefined) ?? -1) + 1 })
      .select('id'),
    'création jalon',
  )
  return requireRow(rows, 'Jalon')
}

export async function deleteMilestone(db: Db, projectId: string, milestoneId: string) {
  const rows = check(
    await db.from('milestones').delete().eq('id', milestoneId).eq('project_id', projectId).select('id'),
    'suppression jalon',
  )
  return requireRow(rows, 'Jalon')
}

/**
 * Saves a new order: position = index in `ids`. Only rows whose position
 * changes are written (each write is one audited update). The ids must be
 * exactly the project's milestones, so a stale page cannot scramble them.
 */
export async function reorderMilestones(db: Db, projectId: string, ids: string[]) {
  const { data: current, error } = await db.from('milestones').select('id, position').eq('project_id', projectId)
  if (error) throw new AdminWriteError('L’ordre des jalons n’a pas pu être lu. Réessayez.')
  const known = new Set((current ?? []).map((m) => m.id as string))
  if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id))) {
    throw new AdminWriteError('La liste des jalons a changé entre-temps : rechargez la page.', 'stale', 409)
  }
  const before = new Map((current ?? []).map((m) => [m.id as string, m.position as number]))
  const changes = ids.map((id, index) => ({ id, index })).filter(({ id, index }) => before.get(id) !== index)
  const results = await Promise.all(
    changes.map(({ id, index }) => db.from('milestones').update({ position: index }).eq('id', id).eq('project_id', projectId).select('id')),
  )
  for (const r of results) check(r, 'ordre des jalons')
  return { changed: changes.length }
}

/** Section — team */
export async function addTeamMember(db: Db, projectId: string, userId: string, roleLabel: string) {
  const { data: last } = await db
    .from('project_team')
    .select('position')
    .eq('project_id', projectId)
    .order('position', { ascending: false })
    .limit(1)
    .maybeSingle()
  const rows = check(
    await db
      .from('project_team')
      .upsert(
        { project_id: projectId, user_id: userId, role_label: roleLabel, position: ((last?.position as number | undefined) ?? -1) + 1 },
        { onConflict: 'project_id,user_id' },
      )
      .select('user_id'),
    'ajout équipe',
  )
  return requireRow(rows, 'Membre de l’équipe')
}

export async function removeTeamMember(db: Db, projectId: string, userId: string) {
  const rows = check(
    await db.from('project_team').delete().eq('project_id', projectId).eq('user_id', userId).select('user_id'),
    'retrait équipe',
  )
  return requireRow(rows, 'Membre de l’équipe')
}
