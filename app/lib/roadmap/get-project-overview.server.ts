// The /projet page in one query: the project with its NOURX team, milestones
// (with their deliverables and approvals), the client-visible tasks' statuses
// and the invoices' totals, embedded by PostgREST. RLS filters every level.
import { z } from 'zod'
import type { AppSupabaseClient } from '~/lib/supabase.server.ts'
import { MILESTONE_STATUSES } from './labels.ts'
import { TASK_STATUSES } from '../tasks/labels.ts'

const bigint = z.union([z.number(), z.string()]).transform((v) => BigInt(v))

const OverviewSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  status: z.string(),
  progress: z.number(),
  start_date: z.string().nullable(),
  end_date: z.string().nullable(),
  budget_ht: bigint.nullable(),
  project_team: z.array(
    z.object({
      role_label: z.string(),
      position: z.number(),
      profiles: z
        .object({ full_name: z.string(), email: z.string().nullable(), job_title: z.string().nullable() })
        .nullable(),
    }),
  ),
  milestones: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      version_label: z.string().nullable(),
      due_date: z.string().nullable(),
      status: z.enum(MILESTONE_STATUSES),
      deliverables: z.array(z.string()),
      position: z.number(),
      delivered_at: z.string().nullable(),
      approved_at: z.string().nullable(),
    }),
  ),
  tasks: z.array(z.object({ status: z.enum(TASK_STATUSES) })),
  invoices: z.array(z.object({ status: z.string(), total_ttc: bigint, amount_paid: bigint })),
})

export interface ProjectOverview {
  id: string
  title: string
  description: string | null
  status: string
  progress: number
  startDate: string | null
  endDate: string | null
  budgetHt: string | null
  team: { name: string; email: string | null; role: string }[]
  milestones: z.infer<typeof OverviewSchema>['milestones']
  tasks: { total: number; done: number; open: number }
  /** Sums over issued invoices (sent, paid, overdue), as strings: bigint does not cross the wire. */
  invoiced: string
  paid: string
}

export async function getProjectOverview(
  supabase: AppSupabaseClient,
  projectId: string,
): Promise<ProjectOverview | null> {
  const { data, error } = await supabase
    .from('projects')
    .select(
      `id, title, description, status, progress, start_date, end_date, budget_ht,
       project_team(role_label, position, profiles(full_name, email, job_title)),
       milestones(id, title, version_label, due_date, status, deliverables, position, delivered_at, approved_at),
       tasks(status),
       invoices(status, total_ttc, amount_paid)`,
    )
    .eq('id', projectId)
    .maybeSingle()
  if (error) throw new Error(`projet ${projectId} : ${error.code ?? ''} ${error.message}`)
  if (!data) return null
  const row = OverviewSchema.parse(data)
  const issued = row.invoices.filter((i) => i.status === 'sent' || i.status === 'paid' || i.status === 'overdue')
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    progress: row.progress,
    startDate: row.start_date,
    endDate: row.end_date,
    budgetHt: row.budget_ht === null ? null : row.budget_ht.toString(),
    team: row.project_team
      .toSorted((a, b) => a.position - b.position)
      .map((m) => ({
        name: m.profiles?.full_name || 'Équipe NOURX',
        email: m.profiles?.email ?? null,
        role: m.role_label,
      })),
    milestones: row.milestones.toSorted((a, b) => a.position - b.position),
    tasks: {
      total: row.tasks.length,
      done: row.tasks.filter((t) => t.status === 'done').length,
      open: row.tasks.filter((t) => t.status !== 'done').length,
    },
    invoiced: issued.reduce((sum, i) => sum + i.total_ttc, 0n).toString(),
    paid: issued.reduce((sum, i) => sum + i.amount_paid, 0n).toString(),
  }
}
