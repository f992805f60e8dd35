// The client dashboard in one Supabase round trip: public.client_dashboard()
// (SECURITY INVOKER, so it aggregates only what RLS lets the caller read).
// The JSON is checked with zod: a changed RPC shape fails loudly here
// instead of rendering "undefined" on a client's screen.
import { data } from 'react-router'
import { z } from 'zod'
import type { AppSupabaseClient } from '~/lib/supabase.server.ts'
import { MILESTONE_STATUSES } from '../roadmap/labels.ts'
import { PRIORITIES, TASK_STATUSES } from '../tasks/labels.ts'

const money = z.union([z.number(), z.string()]).transform((v) => String(v))

const DashboardSchema = z.object({
  project: z
    .object({
      id: z.string(),
      client_id: z.string(),
      title: z.string(),
      description: z.string().nullable(),
      status: z.string(),
      progress: z.number(),
      start_date: z.string().nullable(),
      end_date: z.string().nullable(),
    })
    .nullable(),
  projects: z.array(z.object({ id: z.string(), title: z.string(), status: z.string(), progress: z.number() })),
  milestones: z.object({
    total: z.number(),
    approved: z.number(),
    delivered: z.number(),
    late: z.number(),
    next: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        version_label: z.string().nullable(),
        due_date: z.string().nullable(),
        status: z.enum(MILESTONE_STATUSES),
      }),
    ),
  }),
  open_tasks: z.object({
    count: z.number(),
    items: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        status: z.enum(TASK_STATUSES),
        priority: z.enum(PRIORITIES),
        due_date: z.string().nullable(),
      }),
    ),
  }),
  latest_documents: z.array(
    z.object({
      id: z.string(),
      file_name: z.string(),
      label: z.string().nullable(),
      folder: z.string(),
      mime_type: z.string(),
      size_bytes: z.number(),
      created_at: z.string(),
    }),
  ),
  invoice_due: z
    .object({
      id: z.string(),
      number: z.string().nullable(),
      title: z.string().nullable(),
      total_ttc: money,
      balance_due: money,
      due_date: z.string().nullable(),
      status: z.string(),
    })
    .nullable(),
  invoices_due: z.object({ count: z.number(), total: money }),
  open_tickets: z.number(),
  recent_activity: z.array(
    z.object({
      kind: z.string(),
      title: z.string().nullable(),
      at: z.string(),
      entity_id: z.string(),
      project_id: z.string().nullable(),
    }),
  ),
})

export type ClientDashboard = z.infer<typeof DashboardSchema>

/**
 * Dashboard of `projectId` (the project chosen in the switcher). When that
 * project is not visible any more (stale cookie), the RPC answers without a
 * project: ask once more for the caller's most relevant one.
 */
export async function getClientDashboard(
  supabase: AppSupabaseClient,
  projectId: string | null,
): Promise<ClientDashboard> {
  let result = await callDashboard(supabase, projectId)
  if (projectId && result.project === null && result.projects.length > 0) {
    result = await callDashboard(supabase, null)
  }
  return result
}

async function callDashboard(supabase: AppSupabaseClient, projectId: string | null): Promise<ClientDashboard> {
  const { data: raw, error } = await supabase.rpc('client_dashboard', projectId ? { p_project_id: projectId } : {})
  if (error) {
    console.error(`[dashboard] client_dashboard a échoué : ${error.code ?? ''} ${error.message}`)
    throw data({ message: 'Le tableau de bord n’a pas pu être chargé. Réessayez dans un instant.' }, { status: 503 })
  }
  const parsed = DashboardSchema.safeParse(raw)
  if (!parsed.success) {
    console.error(`[dashboard] réponse inattendue de client_dashboard : ${parsed.error.message}`)
    throw data({ message: 'Le tableau de bord n’a pas pu être chargé.' }, { status: 500 })
  }
  return parsed.data
}
