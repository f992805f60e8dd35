// The admin's payments journal: every attempt, with, for one attempt, every
// notification (raw), every check response (raw) and the decision taken.
// Read with the admin's OWN client: RLS lets only the admin read
// notifications and checks (private.is_admin()), so a wrong guard upstream
// still shows nothing.
import { ilikeTerm, pageRange } from '../admin/list.ts'
import type { AppSupabaseClient } from '../supabase.server.ts'

import { JOURNAL_PAGE_SIZE, JOURNAL_STATUSES } from './journal.ts'

export { JOURNAL_PAGE_SIZE, JOURNAL_STATUSES }

export interface JournalRow {
  id: string
  transaction_id: string
  amount: number
  status: string
  created_at: string
  last_checked_at: string | null
  check_count: number
  last_code: string | null
  failure_reason: string | null
  payment_method: string | null
  invoice: { id: string; number: string | null } | null
  client: { id: string; name: string } | null
}

export async function listAttempts(
  supabase: AppSupabaseClient,
  params: { q: string; status: string | null; page: number },
): Promise<{ rows: JournalRow[]; total: number; flagged: number }> {
  const [from, to] = pageRange(params.page, JOURNAL_PAGE_SIZE)
  let query = supabase
    .from('payment_attempts')
    .select(
      'id, transaction_id, amount, status, created_at, last_checked_at, check_count, last_code, failure_reason, payment_method, invoice:invoices(id, number), client:clients(id, name)',
      { count: 'exact' },
    )
    .order('created_at', { ascending: false })
    .range(from, to)
  if (params.status && (JOURNAL_STATUSES as readonly string[]).includes(params.status)) query = query.eq('status', params.status)
  if (params.q) query = query.ilike('transaction_id', ilikeTerm(params.q.toUpperCase()).replace(/\*/g, '%'))
  const [list, flagged] = await Promise.all([
    query,
    supabase.from('payment_attempts').select('id', { count: 'exact', head: true }).eq('status', 'flagged'),
  ])
  if (list.error) throw new Error(`journal des paiements : ${list.error.message}`)
  return { rows: (list.data ?? []) as unknown as JournalRow[], total: list.count ?? 0, flagged: flagged.count ?? 0 }
}

export interface JournalEvent {
  kind: 'notification' | 'check'
  at: string
  id: string
  data: Record<string, unknown>
}

export interface AttemptJournal {
  attempt: Record<string, any>
  events: JournalEvent[]
  payment: Record<string, any> | null
  tickets: { id: string; number: number; subject: string; status: string }[]
}

/** One attempt and its whole history, newest first: two round trips at most. */
export async function getAttemptJournal(supabase: AppSupabaseClient, attemptId: string): Promise<AttemptJournal | null> {
  const [attemptRes, notificationsRes, checksRes] = await Promise.all([
    supabase
      .from('payment_attempts')
      .select(
        '*, invoice:invoices(id, number, title, status, total_ttc, amount_paid, balance_due), client:clients(id, name), payments(id, amount, paid_at, operator_id, payment_method_detail, receipts(id, number)), tickets(id, number, subject, status)',
      )
      .eq('id', attemptId)
      .maybeSingle(),
    supabase
      .from('payment_notifications')
      .select('id, received_at, content_type, raw_body, payload, x_token, token_valid, token_variant, site_id, site_id_valid, outcome, error')
      .eq('payment_attempt_id', attemptId)
      .order('received_at', { ascending: false })
      .limit(200),
    supabase
      .from('payment_checks')
      .select('id, checked_at, source, http_status, code, message, api_status, amount, currency, raw_response, raw_text, decision, duration_ms, error')
      .eq('payment_attempt_id', attemptId)
      .order('checked_at', { ascending: false })
      .limit(200),
  ])
  for (const r of [attemptRes, notificationsRes, checksRes]) if (r.error) throw new Error(`journal : ${r.error.message}`)
  if (!attemptRes.data) return null
  const attempt = attemptRes.data as Record<string, any>
  const events: JournalEvent[] = [
    ...((notificationsRes.data ?? []) as Record<string, any>[]).map((n) => ({ kind: 'notification' as const, at: n.received_at, id: n.id, data: n })),
    ...((checksRes.data ?? []) as Record<string, any>[]).map((c) => ({ kind: 'check' as const, at: c.checked_at, id: c.id, data: c })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.kind === 'check' ? -1 : 1))
  const payments = attempt.payments
  const payment = Array.isArray(payments) ? (payments[0] ?? null) : (payments ?? null)
  const tickets = Array.isArray(attempt.tickets) ? attempt.tickets : attempt.tickets ? [attempt.tickets] : []
  return { attempt, events, payment, tickets }
}
