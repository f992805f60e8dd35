// "Bon pour accord" and refusal go through the data model's RPCs, which
// check membership, status and validity, and record who and when
// (accepted_by/accepted_at/signer_name, declined_by/declined_at/decline_reason).
import type { AppSupabaseClient } from '../supabase.server.ts'
import { classifyDbError, type ClassifiedError } from './errors.server.ts'

export type AnswerResult = { ok: true; status: 'accepted' | 'declined' } | { ok: false; error: ClassifiedError }

export async function acceptQuote(supabase: AppSupabaseClient, quoteId: string, signerName: string): Promise<AnswerResult> {
  const { data, error } = await supabase.rpc('accept_quote', { p_quote_id: quoteId, p_signer_name: signerName })
  if (error) return { ok: false, error: classifyDbError(error, 'accept_quote') }
  return { ok: true, status: (data as { status: 'accepted' }).status }
}

export async function declineQuote(supabase: AppSupabaseClient, quoteId: string, reason: string): Promise<AnswerResult> {
  const { data, error } = await supabase.rpc('decline_quote', { p_quote_id: quoteId, p_reason: reason })
  if (error) return { ok: false, error: classifyDbError(error, 'decline_quote') }
  return { ok: true, status: (data as { status: 'declined' }).status }
}
