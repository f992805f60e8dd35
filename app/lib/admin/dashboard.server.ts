// The admin dashboard: indicators computed in SQL by public.admin_kpis()
// (one RPC) and the "à traiter" lists, all in one parallel round trip.
import type { Db } from './db.ts'
import { listDeletionRequests } from './deletion-requests.server.ts'

export interface AdminKpis {
  active_clients: { active: number; total: number; share: number | null }
  on_time: {
    tasks: { on_time: number; total: number; rate: number | null }
    milestones: { on_time: number; total: number; rate: number | null }
  }
  online_payments: { online_amount: number; total_amount: number; online_count: number; total_count: number; rate: number | null }
  collection_days: number | null
  tickets: { open: number; past_sla: number; avg_resolution_hours: number | null; satisfaction: number | null; ratings: number }
  revenue_by_month: { month: string; invoiced: number; collected: number }[]
  overdue: { count: number; total: number }
  to_review: { flagged_payments: number; waiting_payments: number; pending_deletion_requests: number }
}

export async function getDashboard(db: Db, now = new Date()) {
  const today = now.toISOString().slice(0, 10)
  const hourAgo = new Date(now.getTime() - 3600_000).toISOString()
  const [kpis, overdue, pastSla, review, deletions] = await Promise.all([
    db.rpc('admin_kpis'),
    // Same rule as the KPI: overdue, or sent and past its due date (before the nightly job flips it).
    db
      .from('invoices')
      .select('id, number, title, due_date, balance_due, status, client_id, clients(name)')
      .or(`status.eq.overdue,and(status.eq.sent,due_date.lt.${today})`)
      .gt('balance_due', 0)
      .order('due_date')
      .limit(8),
    db
      .from('tickets')
      .select('id, number, subject, priority, status, sla_due_at, client_id, clients(name)')
      .not('status', 'in', '(resolved,closed)')
      .lt('sla_due_at', now.toISOString())
      .order('sla_due_at')
      .limit(8),
    db
      .from('payment_attempts')
      .select('id, transaction_id, amount, status, created_at, last_message, invoice_id, invoices(number), clients(name)')
      .or(`status.eq.flagged,and(status.in.(pending,waiting),created_at.lt.${hourAgo})`)
      .order('created_at')
      .limit(8),
    // RGPD deletion requests waiting for a decision, oldest first.
    listDeletionRequests(db, { status: 'pending', limit: 8 }).catch((error: unknown) => {
      console.error('[admin] tableau de bord, demandes de suppression :', error)
      throw new Response('Le tableau de bord n’a pas pu être chargé.', { status: 500 })
    }),
  ])
  for (const r of [kpis, overdue, pastSla, review]) {
    if (r.error) {
      console.error(`[admin] tableau de bord : ${r.error.code} ${r.error.message}`)
      throw new Response('Le tableau de bord n’a pas pu être chargé.', { status: 500 })
    }
  }
  const name = (c: unknown) => (c as { name?: string } | null)?.name ?? ''
  return {
    kpis: kpis.data as AdminKpis,
    overdueInvoices: (overdue.data ?? []).map((i) => ({
      id: i.id as string,
      number: i.number as string | null,
      title: i.title as string,
      due_date: i.due_date as string | null,
      balance_due: Number(i.balance_due),
      client: name(i.clients),
      client_id: i.client_id as string,
    })),
    lateTickets: (pastSla.data ?? []).map((t) => ({
      id: t.id as string,
      number: t.number as number,
      subject: t.subject as string,
      priority: t.priority as string,
      sla_due_at: t.sla_due_at as string,
      client: name(t.clients),
    })),
    paymentsToReview: (review.data ?? []).map((a) => ({
      id: a.id as string,
      transaction_id: a.transaction_id as string,
      amount: Number(a.amount),
      status: a.status as string,
      created_at: a.created_at as string,
      last_message: a.last_message as string | null,
      invoice: (a.invoices as { number?: string } | null)?.number ?? null,
      client: name(a.clients),
    })),
    deletionRequests: deletions.map((r) => ({
      id: r.id,
      person: r.person.full_name || r.person.email || 'Compte sans nom',
      companies: r.companies.map((c) => c.name).join(', '),
      requested_at: r.requested_at,
    })),
    now: now.toISOString(),
  }
}
