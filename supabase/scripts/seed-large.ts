// Volume for benchmarks and EXPLAIN checks (`npm run db:seed:large`):
// 200 client companies (one member each), 1 000 projects, 5 000 milestones,
// 100 000 tasks, 50 000 task comments, 10 000 documents, 20 000 invoices
// (40 000 lines), payments and receipts for the paid ones, 5 000 tickets.
// Everything is generated in SQL with generate_series, on top of the demo
// seed, against the database of a running local stack.
//
//   node supabase/scripts/seed-large.ts [--db-url postgresql://…] [--scale 0.1]
//
// The database URL comes from --db-url, else from the status file of the
// local stack ($SUPABASE_LOCAL_STATUS_FILE, default .local/supabase/status.json).
//
// Local only: it needs the superuser of the local stack, because it turns
// triggers off (session_replication_role = replica) and computes what they
// would have computed (totals, numbers FAC-YYYY-NNNNN gap-free after the
// existing ones, amount_paid, receipts) in set-based SQL.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..')

export interface LargeSeedOptions {
  /** 1 = the full volume; tests may use less. */
  scale?: number
  log?: (message: string) => void
}

export interface LargeSeedReport {
  seconds: number
  counts: Record<string, number>
  /** A member of a big client, for EXPLAIN and benchmarks. */
  sample: { userId: string; clientId: string; projectId: string; taskId: string; invoiceId: string }
}

export function resolveDbUrl(argv: string[] = process.argv.slice(2), env = process.env): string {
  const i = argv.indexOf('--db-url')
  if (i !== -1 && argv[i + 1]) return argv[i + 1]
  const statusFile = path.resolve(PROJECT_ROOT, env.SUPABASE_LOCAL_STATUS_FILE || '.local/supabase/status.json')
  if (!existsSync(statusFile)) {
    throw new Error(`Fichier d'état introuvable (${statusFile}) : lancez « npm run dev » ou passez --db-url.`)
  }
  const dbUrl = JSON.parse(readFileSync(statusFile, 'utf8')).db_url
  if (!dbUrl) throw new Error(`Pas de db_url dans ${statusFile}.`)
  return dbUrl
}

export async function seedLarge(dbUrl: string, options: LargeSeedOptions = {}): Promise<LargeSeedReport> {
  const scale = options.scale ?? 1
  const log = options.log ?? (() => {})
  const n = {
    clients: Math.max(2, Math.round(200 * scale)),
    projectsPerClient: 5,
    milestonesPerProject: 5,
    tasksPerProject: 100,
    commentsPerProject: 50,
    documentsPerProject: 10,
    invoicesPerClient: 100,
    ticketsPerClient: 25,
  }
  const started = Date.now()
  const client = new pg.Client({ connectionString: dbUrl })
  await client.connect()
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t = Date.now()
    const r = await client.query(sql, params)
    log(`${label.padEnd(34)} ${String(r.rowCount ?? '').padStart(7)} lignes  ${((Date.now() - t) / 1000).toFixed(1)} s`)
    return r
  }
  try {
    await client.query('begin')
    // Triggers (audit, guards, totals) and FK checks off: this script computes what they would.
    await client.query(`set local session_replication_role = replica`)
    await client.query(`set local synchronous_commit = off`)
    const run = Date.now().toString(36)

    // Companies and their members (auth user + identity + profile + membership).
    await step('clients', `
      create temp table bench_clients on commit drop as
      select gen_random_uuid() as id, g as n, gen_random_uuid() as user_id,
             (array['Ivoire','Lagune','Savane','Akwaba','Comoé','Bandama','Sassandra','Kénédougou','Yamoussou','Cavally'])[1 + g % 10]
             || ' ' || (array['Distribution','Services','Conseil','Logistique','Immobilier','Santé','Éducation','Mode','Agro','Numérique'])[1 + (g / 10) % 10]
             || ' ' || g as name
        from generate_series(1, $1::int) g`, [n.clients])
    await step('clients (insert)', `
      insert into public.clients (id, name, contact_name, email, city, created_at)
      select id, name, 'Contact ' || n, 'contact' || n || '@bench.nourx.test', 'Abidjan', now() - make_interval(days => 400 - n % 300)
        from bench_clients`)
    await step('auth.users', `
      insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data,
                              created_at, updated_at, last_sign_in_at, confirmation_token, recovery_token, email_change_token_new, email_change)
      select '00000000-0000-0000-0000-000000000000', user_id, 'authenticated', 'authenticated',
             'membre' || n || '.' || $1 || '@bench.nourx.test',
             (select encrypted_password from auth.users where email = 'client@acme.test'), now(),
             '{"provider":"email","providers":["email"],"role":"client"}', jsonb_build_object('full_name', 'Membre ' || n),
             now(), now(), case when n % 3 = 0 then now() - interval '2 days' end, '', '', '', ''
        from bench_clients`, [run])
    await step('auth.identities', `
      insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
      select user_id::text, user_id, jsonb_build_object('sub', user_id::text, 'email', 'membre' || n || '.' || $1 || '@bench.nourx.test', 'email_verified', true),
             'email', now(), now()
        from bench_clients`, [run])
    await step('profiles', `
      insert into public.profiles (id, email, full_name, role, last_sign_in_at)
      select user_id, 'membre' || n || '.' || $1 || '@bench.nourx.test', 'Membre ' || n, 'client',
             case when n % 3 = 0 then now() - interval '2 days' end
        from bench_clients`, [run])
    await step('client_members', `
      insert into public.client_members (client_id, user_id, role) select id, user_id, 'owner' from bench_clients`)

    await step('projects', `
      create temp table bench_projects on commit drop as
      select gen_random_uuid() as id, c.id as client_id, c.n as cn, p as pn
        from bench_clients c, generate_series(1, $1::int) p`, [n.projectsPerClient])
    await step('projects (insert)', `
      insert into public.projects (id, client_id, title, description, status, progress, progress_mode, start_date, end_date, created_at)
      select id, client_id,
             (array['Site vitrine','Boutique en ligne','Application mobile','Extranet','Refonte graphique'])[pn] || ' — lot ' || cn,
             'Projet généré pour les mesures de performance.',
             (array['active','active','completed','on_hold','draft'])[pn]::public.project_status,
             (pn * 17) % 100, 'manual', current_date - 200 + pn * 20, current_date + pn * 30, now() - make_interval(days => 200 - pn * 20)
        from bench_projects`)
    await step('project_team', `
      insert into public.project_team (project_id, user_id, role_label)
      select id, '10000000-0000-4000-8000-000000000001', 'Chef de projet' from bench_projects`)

    await step('milestones', `
      create temp table bench_milestones on commit drop as
      select gen_random_uuid() as id, p.id as project_id, m as mn from bench_projects p, generate_series(1, $1::int) m`, [n.milestonesPerProject])
    await step('milestones (insert)', `
      insert into public.milestones (id, project_id, title, version_label, due_date, status, position, delivered_at, approved_at)
      select id, project_id, 'Jalon ' || mn, 'v0.' || mn, current_date - 60 + mn * 20,
             (case when mn <= 2 then 'approved' when mn = 3 then 'delivered' when mn = 4 then 'in_progress' else 'planned' end)::public.milestone_status,
             mn,
             case when mn <= 3 then now() - make_interval(days => 70 - mn * 20) end,
             case when mn <= 2 then now() - make_interval(days => 68 - mn * 20) end
        from bench_milestones`)

    await step('tasks', `
      insert into public.tasks (project_id, milestone_id, title, description, status, priority, visibility, assigned_to, due_date, position, completed_at, created_at)
      select p.id, m.id,
             'Tâche ' || t || ' — ' || (array['maquette','intégration','contenu','recette','correctif','paiement','référencement'])[1 + t % 7],
             'Description générée.',
             (array['todo','in_progress','review','done','done'])[1 + t % 5]::public.task_status,
             (array['low','normal','normal','high','urgent'])[1 + t % 5]::public.priority,
             (case when t % 10 < 7 then 'client' else 'internal' end)::public.visibility,
             '10000000-0000-4000-8000-000000000001', current_date - 50 + t % 100, t,
             case when 1 + t % 5 >= 4 then now() - make_interval(days => t % 60) end,
             now() - make_interval(days => 100 - t % 90)
        from bench_projects p
        cross join generate_series(1, $1::int) t
        join bench_milestones m on m.project_id = p.id and m.mn = 1 + t % 5`, [n.tasksPerProject])
    await step('task_comments', `
      insert into public.task_comments (task_id, author_id, body, visibility, created_at)
      select t.id, case when t.position % 2 = 0 then c.user_id else '10000000-0000-4000-8000-000000000001'::uuid end,
             'Commentaire généré ' || t.position, (case when t.position % 7 = 0 then 'internal' else 'client' end)::public.visibility,
             now() - make_interval(hours => t.position)
        from public.tasks t join bench_projects p on p.id = t.project_id join bench_clients c on c.id = p.client_id
       where t.position <= $1`, [n.commentsPerProject])
    await step('documents', `
      with d as materialized (
        select gen_random_uuid() as id, p.id as project_id, p.client_id, k from bench_projects p cross join generate_series(1, $1::int) k
      )
      insert into public.documents (id, client_id, project_id, path, file_name, label, folder, mime_type, size_bytes, visibility, uploaded_by, created_at)
      select d.id, d.client_id, d.project_id, d.client_id || '/' || d.project_id || '/' || d.id || '-document-' || d.k || '.pdf',
             'document-' || d.k || '.pdf', 'Document ' || d.k, (array['Contrats','Maquettes','Livrables','Comptes rendus'])[1 + d.k % 4],
             'application/pdf', 10000 + d.k * 100, (case when d.k % 5 = 0 then 'internal' else 'client' end)::public.visibility,
             '10000000-0000-4000-8000-000000000001', now() - make_interval(days => d.k * 3)
        from d`, [n.documentsPerProject])

    // Invoices: lines first (quantity × unit price), then totals from the lines,
    // numbers gap-free per year after the existing ones, payments for the paid ones.
    await step('invoices (plan)', `
      create temp table bench_invoices on commit drop as
      select gen_random_uuid() as id, c.id as client_id, p.id as project_id, i as k,
             (array['paid','paid','paid','paid','paid','paid','sent','sent','overdue','draft','paid','paid','sent','overdue','canceled','paid','draft','paid','paid','sent'])[1 + i % 20]::public.invoice_status as status,
             current_date - (i * 7) % 700 as issue_date,
             1 + i % 4 as q1, 25000 * (1 + i % 40) as p1, 1 + i % 3 as q2, 5000 * (1 + i % 25) as p2
        from bench_clients c cross join generate_series(1, $1::int) i
        join bench_projects p on p.client_id = c.id and p.pn = 1 + i % 5`, [n.invoicesPerClient])
    await client.query(`alter table bench_invoices add column subtotal bigint, add column number text`)
    await client.query(`update bench_invoices set subtotal = q1 * p1 + q2 * p2`)
    await step('invoices (numbers)', `
      update bench_invoices b set number = x.number
        from (select id, 'FAC-' || extract(year from issue_date) || '-' ||
                     lpad((coalesce((select last_value from private.document_counters c where c.kind = 'FAC' and c.year = extract(year from issue_date)), 0)
                           + row_number() over (partition by extract(year from issue_date) order by issue_date, id))::text, 5, '0') as number
                from bench_invoices where status <> 'draft') x
       where x.id = b.id`)
    await step('private.document_counters (FAC)', `
      insert into private.document_counters (kind, year, last_value)
      select 'FAC', extract(year from issue_date)::int, count(*) from bench_invoices where status <> 'draft' group by 2
      on conflict (kind, year) do update set last_value = private.document_counters.last_value + excluded.last_value`)
    await step('invoices (insert)', `
      insert into public.invoices (id, client_id, project_id, number, status, title, issue_date, due_date, vat_rate, subtotal_ht, vat_amount, total_ttc,
                                   amount_paid, sent_at, paid_at, canceled_at, created_at)
      select id, client_id, project_id, number, status, 'Facture ' || k,
             case when status <> 'draft' then issue_date end, case when status <> 'draft' then issue_date + 30 end, 18,
             subtotal, round(subtotal * 0.18)::bigint, subtotal + round(subtotal * 0.18)::bigint,
             case when status = 'paid' then subtotal + round(subtotal * 0.18)::bigint else 0 end,
             case when status <> 'draft' then issue_date::timestamptz end,
             case when status = 'paid' then issue_date + 5 + k % 20 end,
             case when status = 'canceled' then issue_date + 3 end,
             issue_date::timestamptz - interval '1 day'
        from bench_invoices`)
    await step('invoice_items', `
      insert into public.invoice_items (invoice_id, position, label, quantity, unit_price)
      select id, 1, 'Prestation principale', q1, p1 from bench_invoices
      union all
      select id, 2, 'Options', q2, p2 from bench_invoices`)
    await step('payments', `
      insert into public.payments (id, invoice_id, client_id, transaction_id, amount, method, payment_method_detail, paid_at, created_at)
      select gen_random_uuid(), i.id, i.client_id,
             case when i.k % 3 <> 0 then 'NXB' || upper(substr(replace(i.id::text, '-', ''), 1, 20)) end,
             i.total_ttc, (case when i.k % 3 <> 0 then 'online' when i.k % 2 = 0 then 'transfer' else 'cash' end)::public.payment_method,
             case when i.k % 3 <> 0 then (array['OM','MOMO','WAVECI','FLOOZ'])[1 + i.k % 4] end, i.paid_at, i.paid_at
        from (select b.id, b.k, b.client_id, inv.total_ttc, inv.paid_at from bench_invoices b join public.invoices inv on inv.id = b.id
               where b.status = 'paid') i`)
    await step('receipts', `
      insert into public.receipts (payment_id, invoice_id, client_id, number, amount, issued_at)
      select p.id, p.invoice_id, p.client_id,
             'REC-' || extract(year from p.paid_at) || '-' ||
             lpad((coalesce((select last_value from private.document_counters c where c.kind = 'REC' and c.year = extract(year from p.paid_at)), 0)
                   + row_number() over (partition by extract(year from p.paid_at) order by p.paid_at, p.id))::text, 5, '0'),
             p.amount, p.paid_at
        from public.payments p join bench_invoices b on b.id = p.invoice_id`)
    await step('private.document_counters (REC)', `
      insert into private.document_counters (kind, year, last_value)
      select 'REC', extract(year from p.paid_at)::int, count(*) from public.payments p join bench_invoices b on b.id = p.invoice_id group by 2
      on conflict (kind, year) do update set last_value = private.document_counters.last_value + excluded.last_value`)

    await step('tickets', `
      insert into public.tickets (client_id, project_id, subject, category, priority, status, created_by, sla_due_at, created_at, resolved_at, closed_at, rating, rated_at)
      select c.id, p.id, 'Demande ' || t, (array['question','bug','change_request','payment','billing','other'])[1 + t % 6]::public.ticket_category,
             (array['low','normal','high','urgent'])[1 + t % 4]::public.priority,
             (array['open','in_progress','waiting_client','resolved','closed'])[1 + t % 5]::public.ticket_status,
             c.user_id, now() - make_interval(days => t * 3) + interval '48 hours', now() - make_interval(days => t * 3),
             case when t % 5 >= 3 then now() - make_interval(days => t * 3) + interval '30 hours' end,
             case when t % 5 = 4 then now() - make_interval(days => t * 3) + interval '40 hours' end,
             case when t % 5 = 4 then 3 + t % 3 end,
             case when t % 5 = 4 then now() - make_interval(days => t * 3) + interval '40 hours' end
        from bench_clients c cross join generate_series(1, $1::int) t
        join bench_projects p on p.client_id = c.id and p.pn = 1 + t % 5`, [n.ticketsPerClient])
    await step('ticket_messages', `
      insert into public.ticket_messages (ticket_id, author_id, body, is_internal, created_at)
      select k.id, case when m = 2 then '10000000-0000-4000-8000-000000000001'::uuid else k.created_by end,
             'Message ' || m, m = 3, k.created_at + make_interval(hours => m)
        from public.tickets k join bench_clients c on c.id = k.client_id cross join generate_series(1, 3) m`)

    await client.query('commit')
    await step('analyze', 'analyze')

    const counts: Record<string, number> = {}
    for (const t of ['clients', 'projects', 'milestones', 'tasks', 'task_comments', 'documents', 'invoices', 'invoice_items', 'payments', 'receipts', 'tickets', 'ticket_messages']) {
      counts[t] = Number((await client.query(`select count(*) from public.${t}`)).rows[0].count)
    }
    const { rows: [sample] } = await client.query(`
      select m.user_id as "userId", m.client_id as "clientId", p.id as "projectId",
             (select t.id from public.tasks t where t.project_id = p.id and t.visibility = 'client' limit 1) as "taskId",
             (select i.id from public.invoices i where i.client_id = m.client_id and i.status <> 'draft' limit 1) as "invoiceId"
        from public.client_members m join public.projects p on p.client_id = m.client_id
       where m.user_id in (select id from public.profiles where email like 'membre1.%@bench.nourx.test')
       order by p.created_at limit 1`)
    return { seconds: (Date.now() - started) / 1000, counts, sample }
  } catch (e) {
    await client.query('rollback').catch(() => {})
    throw e
  } finally {
    await client.end()
  }
}

if (import.meta.main) {
  const argv = process.argv.slice(2)
  const scaleArg = argv.indexOf('--scale')
  const scale = scaleArg === -1 ? 1 : Number(argv[scaleArg + 1])
  try {
    const dbUrl = resolveDbUrl(argv)
    console.log(`Seed volumineux sur ${dbUrl.replace(/:[^:@/]+@/, ':***@')}`)
    const report = await seedLarge(dbUrl, { scale, log: (m) => console.log('  ' + m) })
    console.log(`\nTerminé en ${report.seconds.toFixed(1)} s. Totaux :`)
    for (const [table, count] of Object.entries(report.counts)) console.log(`  ${table.padEnd(16)} ${count}`)
  } catch (e) {
    console.error(`✖ ${e instanceof Error ? e.message : e}`)
    process.exit(1)
  }
}
