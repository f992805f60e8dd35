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

export interface MilestoneApproval {
  id: string
  /** The name the client typed when approving. */
  signer_name: string
  /** The account that approved (null if it was deleted since). */
  approver: { name: string; email: string } | null
  note: string | null
  version_label: string | null
  approved_at: string
}

type RawApproval = {
  id: string
  signer_name: string
  note: string | null
  version_label: string | null
  approved_at: string
  approver: { full_name: string | null; email: string } | { full_name: string | null; email: string }[] | null
}

/** Latest approval first (a milestone sent back and approved again has several). */
function toApprovals(raw: unknown): MilestoneApproval[] {
  return ((raw ?? []) as RawApproval[])
    .map((a) => {
      const who = Array.isArray(a.approver) ? a.approver[0] : a.approver
      return {
        id: a.id,
        signer_name: a.signer_name,
        approver: who ? { name: who.full_name || who.email, email: who.email } : null,
        note: a.note,
        version_label: a.version_label,
        approved_at: a.approved_at,
      }
    })
    .toSorted((a, b) => b.approved_at.localeCompare(a.approved_at))
}

/** The project page: project, milestones, team, task counts and the staff to pick from — one parallel round trip. */
export async function getProjectDetail(db: Db, id: string) {
  const [project, milestones, team, tasks, staff] = await Promise.all([
    db.from('projects').select('*, clients(id, name)').eq('id', id).maybeSingle(),
    // Approvals ride along (embedded): who approved a delivered milestone, when, and their note.
    db
      .from('milestones')
      .select(
        `*, milestone_approvals(id, signer_name, note, version_label, approved_at,
           approver:profiles!milestone_approvals_approved_by_fkey(full_name, email))`,
      )
      .eq('project_id', id)
      .order('position')
      .order('due_date', { nullsFirst: false }),
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
    milestones: (milestones.data ?? []).map(({ milestone_approvals, ...m }) => ({ ...m, approvals: toApprovals(milestone_approvals) })),
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
 * Saves a new order: position = index in `ids`, in one call to
 * reorder_milestones() (one transaction: all positions or none). The database
 * checks that the ids are exactly the project's milestones, so a stale page
 * cannot scramble them (22023 → 409, the admin reloads); only moved rows are
 * written, each one audited.
 */
export async function reorderMilestones(db: Db, projectId: string, ids: string[]) {
  const { data, error } = await db.rpc('reorder_milestones', { p_project_id: projectId, p_ids: ids })
  if (error?.code === '22023') throw new AdminWriteError(error.message, 'stale', 409)
  if (error?.code === 'P0002') throw new AdminWriteError('Projet introuvable.', 'not_found', 404)
  return { changed: check({ data, error }, 'ordre des jalons') as number }
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
