// EXPLAIN of the main queries of the screens on the large seed (200 clients,
// 1 000 projects, 100 000 tasks, 20 000 invoices): they use indexes, never a
// sequential scan of a table over 10 000 rows, under the caller's RLS.
// Client queries filter on project_id / client_id (uuid equality is leakproof,
// so it becomes an index condition under RLS); enum filters are not leakproof,
// so the back office's status lists rely on partial indexes.
// Slow (about a minute): DB_SLOW=1 vitest run --config tests/db/vitest.config.ts explain
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedLarge, type LargeSeedReport } from '../../supabase/scripts/seed-large.ts'
import { startDb, withActor, ACTOR_SESSION, type Db } from './helpers.ts'

let db: Db
let report: LargeSeedReport
beforeAll(async () => {
  db = await startDb()
  report = await seedLarge(db.server.dbUrl)
}, 180_000)
afterAll(() => db?.close())

interface PlanNode { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] }
const walk = (node: PlanNode, out: PlanNode[] = []): PlanNode[] => {
  out.push(node)
  for (const child of node.Plans ?? []) walk(child, out)
  return out
}

/** Runs EXPLAIN as the bench member (or the admin) and returns the sequential scans of big tables. */
async function bigSeqScans(sql: string, as: 'member' | 'admin' = 'member') {
  const big = new Set(
    (await db.pool.query(`select relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' and reltuples > 10000`)).rows.map((r) => r.relname),
  )
  const client = await db.pool.connect()
  try {
    await client.query('begin')
    const claims = as === 'admin' ? ACTOR_SESSION.admin.claims : { sub: report.sample.userId, role: 'authenticated' }
    await client.query(`select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)`, [JSON.stringify(claims)])
    const { rows } = await client.query(`explain (format json) ${sql}`)
    const nodes = walk(rows[0]['QUERY PLAN'][0].Plan)
    return { seq: nodes.filter((n) => n['Node Type'] === 'Seq Scan' && big.has(n['Relation Name']!)).map((n) => n['Relation Name']), nodes }
  } finally {
    await client.query('rollback')
    client.release()
  }
}

describe('the large seed', () => {
  it('has the volume and was generated in under two minutes', () => {
    expect(report.counts.clients).toBeGreaterThanOrEqual(200)
    expect(report.counts.projects).toBeGreaterThanOrEqual(1000)
    expect(report.counts.tasks).toBeGreaterThanOrEqual(100000)
    expect(report.counts.invoices).toBeGreaterThanOrEqual(20000)
    expect(report.seconds).toBeLessThan(120)
  })

  it('keeps the money consistent (amount_paid = Σ payments, one receipt per payment)', async () => {
    const { rows: [r] } = await db.pool.query(`
      select (select count(*)::int from public.invoices i where amount_paid <> coalesce((select sum(amount) from public.payments p where p.invoice_id = i.id), 0)) as wrong_paid,
             (select count(*)::int from public.payments p where not exists (select 1 from public.receipts r where r.payment_id = p.id)) as no_receipt`)
    expect(r).toEqual({ wrong_paid: 0, no_receipt: 0 })
  })
})

describe('main client queries use indexes (no seq scan on tables over 10 000 rows)', () => {
  const s = () => report.sample
  const queries: [string, () => string][] = [
    ['tasks of a project (list/kanban)', () => `select id, title, status, priority, due_date, position from public.tasks where project_id = '${s().projectId}' order by status, position`],
    ['open tasks of a project', () => `select id, title from public.tasks where project_id = '${s().projectId}' and status <> 'done' order by due_date limit 20`],
    ['task sheet: comments', () => `select * from public.task_comments where task_id = '${s().taskId}' order by created_at`],
    ['task sheet: checklist', () => `select * from public.task_checklist_items where task_id = '${s().taskId}' order by position`],
    ['milestones of a project', () => `select * from public.milestones where project_id = '${s().projectId}' order by position`],
    ['invoices of the company', () => `select id, number, status, total_ttc, balance_due, due_date from public.invoices where client_id = '${s().clientId}' order by issue_date desc limit 50`],
    ['invoice detail with lines and payments', () => `select i.*, (select json_agg(x) from public.invoice_items x where x.invoice_id = i.id) as items,
        (select json_agg(p) from public.payments p where p.invoice_id = i.id) as payments from public.invoices i where i.id = '${s().invoiceId}'`],
    ['documents of a project', () => `select * from public.documents where project_id = '${s().projectId}' and client_id = '${s().clientId}' order by created_at desc`],
    ['tickets of the company', () => `select * from public.tickets where client_id = '${s().clientId}' order by created_at desc limit 50`],
    ['payments of the company', () => `select * from public.payments where client_id = '${s().clientId}' order by paid_at desc`],
  ]
  for (const [label, sql] of queries) {
    it(label, async () => {
      const { seq } = await bigSeqScans(sql())
      expect(seq).toEqual([])
    })
  }

  it('client_dashboard answers in one call in well under 100 ms', async () => {
    const client = await db.pool.connect()
    try {
      await client.query('begin')
      await client.query(`select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)`, [
        JSON.stringify({ sub: report.sample.userId, role: 'authenticated' }),
      ])
      await client.query(`select public.client_dashboard()`) // warm-up
      const { rows } = await client.query(`explain (analyze, format json) select public.client_dashboard($1)`, [report.sample.projectId])
      expect(rows[0]['QUERY PLAN'][0]['Execution Time']).toBeLessThan(100)
    } finally {
      await client.query('rollback')
      client.release()
    }
  })
})

describe('main admin queries use indexes too', () => {
  const queries: [string, string][] = [
    ['latest invoices', `select id, number, status from public.invoices order by issue_date desc limit 50`],
    ['ticket inbox by SLA', `select id, subject, sla_due_at from public.tickets where status in ('open', 'in_progress', 'waiting_client') order by sla_due_at limit 50`],
    ['overdue invoices', `select id, number, balance_due from public.invoices where status = 'overdue' order by due_date limit 100`],
    ['invoices to collect', `select id, number, balance_due from public.invoices where status in ('sent', 'overdue') and due_date < current_date + 7 order by due_date`],
    ['tasks due this week, all projects', `select id, title, project_id from public.tasks where status <> 'done' and due_date between current_date and current_date + 7 order by due_date limit 100`],
    ['audit trail of a company', `select * from public.audit_logs where client_id = '10000000-0000-4000-8000-000000000001' order by occurred_at desc limit 50`],
  ]
  for (const [label, sql] of queries) {
    it(label, async () => {
      const { seq } = await bigSeqScans(sql, 'admin')
      expect(seq).toEqual([])
    })
  }
})
