// Milestones of a project for the timeline, with their client-visible
// comments (and authors), approvals and deliverable documents — one query.
import { z } from 'zod'
import type { AppSupabaseClient } from '~/lib/supabase.server.ts'
import { unavailable } from './errors.server.ts'
import { MILESTONE_STATUSES } from './labels.ts'

const Author = z.object({ full_name: z.string(), role: z.string() }).nullable()

const MilestoneSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  version_label: z.string().nullable(),
  due_date: z.string().nullable(),
  status: z.enum(MILESTONE_STATUSES),
  deliverables: z.array(z.string()),
  position: z.number(),
  delivered_at: z.string().nullable(),
  approved_at: z.string().nullable(),
  milestone_comments: z.array(
    z.object({
      id: z.string(),
      body: z.string(),
      created_at: z.string(),
      author_id: z.string().nullable(),
      profiles: Author,
    }),
  ),
  milestone_approvals: z.array(
    z.object({
      id: z.string(),
      signer_name: z.string(),
      note: z.string().nullable(),
      version_label: z.string().nullable(),
      approved_at: z.string(),
      profiles: z.object({ full_name: z.string() }).nullable(),
    }),
  ),
  documents: z.array(
    z.object({ id: z.string(), file_name: z.string(), label: z.string().nullable(), mime_type: z.string() }),
  ),
})

export type RoadmapMilestone = z.infer<typeof MilestoneSchema>

export async function getRoadmap(supabase: AppSupabaseClient, projectId: string): Promise<RoadmapMilestone[]> {
  const { data, error } = await supabase
    .from('milestones')
    .select(
      `id, title, description, version_label, due_date, status, deliverables, position, delivered_at, approved_at,
       milestone_comments(id, body, created_at, author_id, profiles(full_name, role)),
       milestone_approvals(id, signer_name, note, version_label, approved_at, profiles(full_name)),
       documents(id, file_name, label, mime_type)`,
    )
    .eq('project_id', projectId)
    .order('position')
    .order('created_at', { referencedTable: 'milestone_comments' })
  if (error) unavailable('roadmap', error)
  return z.array(MilestoneSchema).parse(data)
}
