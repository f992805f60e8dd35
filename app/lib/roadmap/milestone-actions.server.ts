// Client writes on milestones: a comment (RLS: visible milestone, as
// themselves, visibility client) and the approval (RPC approve_milestone:
// membership, status `delivered`, typed name, who and when — atomically).
import type { AppSupabaseClient } from '~/lib/supabase.server.ts'
import { isNotVisible, notFound, unavailable } from './errors.server.ts'

export async function addMilestoneComment(
  supabase: AppSupabaseClient,
  input: { milestoneId: string; body: string; authorId: string },
): Promise<{ id: string }> {
  const { data, error } = await supabase
    .from('milestone_comments')
    .insert({ milestone_id: input.milestoneId, body: input.body, author_id: input.authorId, visibility: 'client' })
    .select('id')
    .single()
  if (error) {
    if (isNotVisible(error)) notFound('Ce jalon est introuvable.')
    unavailable('roadmap.comment', error)
  }
  return { id: String(data.id) }
}

export type ApprovalResult =
  { ok: true; approvedAt: string; signerName: string } | { ok: false; status: 400 | 409; message: string }

export async function approveMilestone(
  supabase: AppSupabaseClient,
  input: { milestoneId: string; signerName: string; note: string | null },
): Promise<ApprovalResult> {
  const { data, error } = await supabase.rpc('approve_milestone', {
    p_milestone_id: input.milestoneId,
    p_signer_name: input.signerName,
    p_note: input.note,
  })
  if (error) {
    if (isNotVisible(error)) notFound('Ce jalon est introuvable.')
    // P0001: not delivered (already approved, still in progress…); 22023: name missing. Messages are French, from the RPC.
    if (error.code === 'P0001') return { ok: false, status: 409, message: error.message }
    if (error.code === '22023') return { ok: false, status: 400, message: error.message }
    unavailable('roadmap.approve', error)
  }
  const row = data as { approved_at: string; signer_name: string }
  return { ok: true, approvedAt: row.approved_at, signerName: row.signer_name }
}
