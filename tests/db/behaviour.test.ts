// Triggers and RPCs the screens rely on: profiles from auth.users, protected
// columns, tickets (SLA, internal notes, closing and rating), milestone
// approval, the client dashboard and admin KPIs in one call, the audit log.
import pg from 'pg'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ID } from './fixtures.ts'
import { errorOf, runAs, startDb, withActor, type Db } from './helpers.ts'

let db: Db
beforeAll(async () => {
  db = await startDb()
})
afterAll(() => db?.close())

describe('profiles follow auth.users', () => {
  it('a user created by GoTrue (as supabase_auth_admin) gets a client profile and app_metadata.role', async () => {
    const url = new URL(db.server.dbUrl)
    url.username = 'supabase_auth_admin'
    const gotrue = new pg.Client({ connectionString: url.toString() })
    await gotrue.connect()
    const id = randomUUID()
    try {
      await gotrue.query(
        `insert into auth.users (id, aud, role, email, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
         values ($1, 'authenticated', 'authenticated', 'mariam@acme.test', '{"provider":"email","providers":["email"]}',
                 '{"full_name":"Mariam Diabaté"}', now(), now())`,
        [id],
      )
      await gotrue.query(`update auth.users set email = 'mariam.diabate@acme.test', last_sign_in_at = now() where id = $1`, [id])
    } finally {
      await gotrue.end()
    }
    const { rows: [p] } = await db.pool.query(`select full_name, role, email, last_sign_in_at is not null as signed_in from public.profiles where id = $1`, [id])
    expect(p).toEqual({ full_name: 'Mariam Diabaté', role: 'client', email: 'mariam.diabate@acme.test', signed_in: true })
    const meta = async () => (await db.pool.query(`select raw_app_meta_data as m from auth.users where id = $1`, [id])).rows[0].m
    expect(await meta()).toEqual({ provider: 'email', providers: ['email'], role: 'client' })

    await withActor(db.pool, 'admin', (c) => c.query(`update public.profiles set role = 'admin' where id = $1`, [id]))
    expect((await meta()).role).toBe('client') // rolled back with the transaction
    await db.pool.query(`update public.profiles set role = 'admin' where id = $1`, [id])
    expect((await meta()).role).toBe('admin')
  })

  it('a client edits their profile but never their role or email', async () => {
    const ok = await runAs(db.pool, 'acme', `update public.profiles set full_name = 'Aïcha C.', whatsapp = '+225 07 00 11 22 33', analytics_consent = false where id = $1 returning analytics_consent_at`, [ID.userAcme])
    expect(ok.ok && ok.rows[0].analytics_consent_at).toBeInstanceOf(Date)
    const role = await errorOf(db.pool, 'acme', `update public.profiles set role = 'admin' where id = $1`, [ID.userAcme])
    expect([role.code, role.message]).toEqual(['42501', 'Vous ne pouvez pas modifier le champ « role ».'])
    const email = await errorOf(db.pool, 'acme', `update public.profiles set email = 'pirate@test' where id = $1`, [ID.userAcme])
    expect(email.message).toBe('Vous ne pouvez pas modifier le champ « email ».')
    const other = await runAs(db.pool, 'acme', `update public.profiles set full_name = 'X' where id = $1`, [ID.userBaobab])
    expect(other.ok && other.rowCount).toBe(0)
  })
})

describe('comments: clients edit their text, nothing else', () => {
  const setup = [`insert into public.task_comments (id, task_id, author_id, body) values ('${ID.message(90)}', '${ID.task(9)}', '${ID.userAcme}', 'Question')`]
  it('own comment: body yes; task, author, visibility no; someone else’s: invisible to update', async () => {
    const ok = await runAs(db.pool, 'acme', `update public.task_comments set body = 'Question précisée' where id = $1`, [ID.message(90)], setup)
    expect(ok.ok && ok.rowCount).toBe(1)
    const move = await errorOf(db.pool, 'acme', `update public.task_comments set task_id = $2 where id = $1`, [ID.message(90), ID.task(10)], setup)
    expect(move.message).toBe('Vous ne pouvez pas modifier le champ « task_id ».')
    const hide = await errorOf(db.pool, 'acme', `update public.task_comments set visibility = 'internal' where id = $1`, [ID.message(90)], setup)
    expect(hide.code).toBe('42501')
    const others = await runAs(db.pool, 'acme', `update public.task_comments set body = 'x' where author_id = $1`, [ID.userAdmin])
    expect(others.ok && others.rowCount).toBe(0)
  })

  it('a client cannot comment an internal task, nor write an internal comment', async () => {
    const internalTask = await errorOf(db.pool, 'acme', `insert into public.task_comments (task_id, body) values ($1, 'Coucou')`, [ID.task(3)])
    expect(internalTask.message).toMatch(/row-level security/)
    const internalNote = await errorOf(db.pool, 'acme', `insert into public.task_comments (task_id, body, visibility) values ($1, 'Psst', 'internal')`, [ID.task(9)])
    expect(internalNote.message).toMatch(/row-level security/)
    const asSomeoneElse = await errorOf(db.pool, 'acme', `insert into public.task_comments (task_id, body, author_id) values ($1, 'Faux', $2)`, [ID.task(9), ID.userAdmin])
    expect(asSomeoneElse.message).toMatch(/row-level security/)
  })
})

describe('tickets', () => {
  it('SLA from the priority, internal notes kept from clients, closing with a rating', async () => {
    await withActor(db.pool, 'acme', async (c) => {
      const { rows: [t] } = await c.query(
        `insert into public.tickets (client_id, project_id, subject, category, priority) values ($1, $2, 'Paiement Wave refusé', 'payment', 'urgent')
         returning id, sla_due_at - created_at as sla, status, created_by`,
        [ID.acme, ID.acmeShop],
      )
      expect(t).toMatchObject({ status: 'open', created_by: ID.userAcme })
      expect(t.sla.hours).toBe(4)
      await c.query(`insert into public.ticket_messages (ticket_id, body) values ($1, 'Le paiement Wave échoue à chaque fois.')`, [t.id])
      await c.query(`savepoint s`)
      await expect(c.query(`insert into public.ticket_messages (ticket_id, body, is_internal) values ($1, 'note', true)`, [t.id])).rejects.toThrow(/row-level security/)
      await c.query(`rollback to savepoint s`)
      await expect(c.query(`select public.close_ticket($1, 5)`, [t.id])).rejects.toThrow('Seule une réclamation résolue peut être fermée.')
    })
  })

  it('the admin answers, a client reply reopens a resolved ticket, then the client closes and rates it', async () => {
    const t = ID.ticket(4)
    await withActor(db.pool, 'baobab', async (c) => {
      await c.query(`insert into public.ticket_messages (ticket_id, body) values ($1, 'Il manque le dimanche matin.')`, [t])
      expect((await c.query(`select status from public.tickets where id = $1`, [t])).rows[0].status).toBe('open')
    })
    await withActor(db.pool, 'baobab', async (c) => {
      await expect(c.query(`select public.close_ticket($1, 6)`, [t])).rejects.toThrow('La note va de 1 à 5.')
    })
    await withActor(db.pool, 'baobab', async (c) => {
      const { rows: [closed] } = await c.query(`select status, rating, rating_comment, closed_at is not null as closed from public.close_ticket($1, 4, 'Rapide et efficace')`, [t])
      expect(closed).toEqual({ status: 'closed', rating: 4, rating_comment: 'Rapide et efficace', closed: true })
      await expect(c.query(`insert into public.ticket_messages (ticket_id, body) values ($1, 'Encore une chose')`, [t])).rejects.toThrow(
        'Cette réclamation est fermée : ouvrez-en une nouvelle.',
      )
    })
    const foreign = await errorOf(db.pool, 'acme', `select public.close_ticket($1, 5)`, [t])
    expect(foreign.message).toBe('Réclamation introuvable.')
  })

  it('the first public answer of NOURX sets first_response_at; an internal note does not', async () => {
    await withActor(db.pool, 'admin', async (c) => {
      await c.query(`insert into public.ticket_messages (ticket_id, body, is_internal) values ($1, 'À étudier avec le dev', true)`, [ID.ticket(3)])
      expect((await c.query(`select first_response_at from public.tickets where id = $1`, [ID.ticket(3)])).rows[0].first_response_at).toBeNull()
      await c.query(`insert into public.ticket_messages (ticket_id, body) values ($1, 'Bonne idée, nous chiffrons cette option.')`, [ID.ticket(3)])
      expect((await c.query(`select first_response_at from public.tickets where id = $1`, [ID.ticket(3)])).rows[0].first_response_at).toBeInstanceOf(Date)
    })
  })

  it('a ticket can only point at a transaction of its own company', async () => {
    const e = await errorOf(db.pool, 'baobab', `insert into public.tickets (client_id, subject, payment_attempt_id) values ($1, 'Paiement', $2)`, [ID.baobab, ID.attempt(1)])
    expect(e.message).toBe("Cette transaction n'appartient pas à cette entreprise.")
  })
})

describe('milestone approval', () => {
  it('a member approves a delivered milestone; who, when and the typed name are recorded', async () => {
    await withActor(db.pool, 'acme', async (c) => {
      const { rows: [a] } = await c.query(`select * from public.approve_milestone($1, 'Aïcha Coulibaly', 'Catalogue conforme')`, [ID.milestone(3)])
      expect(a).toMatchObject({ approved_by: ID.userAcme, signer_name: 'Aïcha Coulibaly', note: 'Catalogue conforme', version_label: 'v0.8' })
      const { rows: [m] } = await c.query(`select status, approved_at is not null as approved from public.milestones where id = $1`, [ID.milestone(3)])
      expect(m).toEqual({ status: 'approved', approved: true })
    })
    const early = await errorOf(db.pool, 'acme', `select public.approve_milestone($1, 'Aïcha Coulibaly')`, [ID.milestone(4)])
    expect(early.message).toBe('Seul un jalon livré peut être validé (statut actuel : in_progress).')
    const foreign = await errorOf(db.pool, 'baobab', `select public.approve_milestone($1, 'Koffi')`, [ID.milestone(3)])
    expect(foreign.message).toBe('Jalon introuvable.')
  })
})

describe('documents and attachments stay inside their company and project', () => {
  it('the object path must match the company and project of the row', async () => {
    const id = randomUUID()
    const e = await errorOf(db.pool, 'acme', `insert into public.documents (id, client_id, project_id, path, file_name, mime_type, size_bytes) values ($1, $2, $3, $4, 'x.pdf', 'application/pdf', 1)`,
      [id, ID.acme, ID.acmeShop, `${ID.baobab}/${ID.baobabSite}/${id}-x.pdf`])
    expect(e.code).toBe('23514')
  })

  it('a task attachment needs a document of the task’s project', async () => {
    const e = await errorOf(db.pool, 'admin', `insert into public.task_attachments (task_id, document_id) values ($1, $2)`, [ID.task(9), ID.document(8)])
    expect(e.message).toBe('Le document doit appartenir au projet de la tâche.')
  })

  it('a client uploads a document as a shared file of their own', async () => {
    const id = randomUUID()
    const r = await runAs(db.pool, 'acme',
      `insert into public.documents (id, client_id, project_id, path, file_name, mime_type, size_bytes, folder) values ($1, $2, $3, $4, 'Brief fidélité.pdf', 'application/pdf', 1200, 'Fournis par ACME') returning uploaded_by, visibility`,
      [id, ID.acme, ID.acmeApp, `${ID.acme}/${ID.acmeApp}/${id}-brief-fidelite.pdf`])
    expect(r.ok && r.rows[0]).toEqual({ uploaded_by: ID.userAcme, visibility: 'client' })
    const internal = await errorOf(db.pool, 'acme',
      `insert into public.documents (id, client_id, project_id, path, file_name, mime_type, size_bytes, visibility) values ($1, $2, $3, $4, 'x.pdf', 'application/pdf', 1, 'internal')`,
      [id, ID.acme, ID.acmeApp, `${ID.acme}/${ID.acmeApp}/${id}-x.pdf`])
    expect(internal.message).toMatch(/row-level security/)
  })
})

describe('screens in one round trip', () => {
  it('client_dashboard: the current project, what is due, and nothing internal', async () => {
    const r = await runAs(db.pool, 'acme', `select public.client_dashboard() as d`)
    if (!r.ok) throw new Error(r.message)
    const d = r.rows[0].d
    expect(d.project).toMatchObject({ id: ID.acmeShop, title: 'Boutique en ligne ACME', progress: 40 })
    expect(d.projects.map((p: any) => p.id).sort()).toEqual([ID.acmeShop, ID.acmeApp].sort())
    expect(d.invoice_due).toMatchObject({ id: ID.invoice(2), total_ttc: 1180000, balance_due: 1180000, status: 'sent' })
    expect(d.invoices_due).toEqual({ count: 1, total: 1180000 })
    expect(d.milestones).toMatchObject({ total: 5, approved: 2, delivered: 1 })
    expect(d.milestones.next[0]).toMatchObject({ id: ID.milestone(3), status: 'delivered' })
    const visibleTasks = (await db.pool.query(`select id from public.tasks where project_id = $1 and visibility = 'client' and status <> 'done'`, [ID.acmeShop])).rows.map((x) => x.id)
    expect(d.open_tasks.count).toBe(visibleTasks.length)
    for (const t of d.open_tasks.items) expect(visibleTasks).toContain(t.id)
    expect(d.latest_documents.map((x: any) => x.id)).not.toContain(ID.document(4))
    expect(d.latest_documents.length).toBe(5)
    expect(d.open_tickets).toBe(2)
    expect(d.recent_activity.length).toBe(8)
    const internal = JSON.stringify(d)
    expect(internal).not.toContain('Interne')
    expect(internal).not.toContain('Notes internes')
  })

  it('client_dashboard for another company’s project gives no project and that company’s own money', async () => {
    const r = await runAs(db.pool, 'baobab', `select public.client_dashboard($1) as d`, [ID.acmeShop])
    if (!r.ok) throw new Error(r.message)
    expect(r.rows[0].d.project).toBeNull()
    expect(r.rows[0].d.invoice_due).toMatchObject({ id: ID.invoice(7), status: 'overdue' })
    expect(JSON.stringify(r.rows[0].d)).not.toContain('ACME')
  })

  it('admin_kpis for the admin only', async () => {
    const r = await runAs(db.pool, 'admin', `select public.admin_kpis() as k`)
    if (!r.ok) throw new Error(r.message)
    const k = r.rows[0].k
    expect(k.active_clients).toEqual({ active: 1, total: 2, share: 0.5 })
    expect(k.tickets).toMatchObject({ open: 2, satisfaction: 5, ratings: 1 })
    expect(k.tickets.past_sla).toBeGreaterThanOrEqual(1)
    expect(k.overdue).toEqual({ count: 1, total: 236000 })
    expect(k.online_payments).toMatchObject({ online_count: 2, total_count: 3, online_amount: 3835000, total_amount: 4130000 })
    expect(k.revenue_by_month).toHaveLength(12)
    expect(k.to_review.flagged_payments).toBe(1)
    const client = await errorOf(db.pool, 'acme', `select public.admin_kpis()`)
    expect([client.code, client.message]).toEqual(['42501', "Indicateurs réservés à l'administrateur."])
  })

  it('export_my_data gives a member what concerns them', async () => {
    const r = await runAs(db.pool, 'acme', `select public.export_my_data() as x`)
    if (!r.ok) throw new Error(r.message)
    const x = r.rows[0].x
    expect(x.profile.email).toBe('client@acme.test')
    expect(x.memberships).toEqual([expect.objectContaining({ client: "ACME Côte d'Ivoire", role: 'owner' })])
    expect(x.tickets.length).toBe(3)
    expect(x.milestone_approvals.length).toBe(2)
  })
})

describe('prospects', () => {
  it('convert_prospect creates the client and a draft project, and marks the prospect won', async () => {
    await withActor(db.pool, 'admin', async (c) => {
      const { rows: [p] } = await c.query(`select id from public.prospects where company_name = 'Restaurant Chez Tantie Awa'`)
      const { rows: [r] } = await c.query(`select public.convert_prospect($1, 'Site et commande à emporter') as r`, [p.id])
      const { rows: [client] } = await c.query(`select name, contact_name, email from public.clients where id = $1`, [r.r.client_id])
      expect(client).toEqual({ name: 'Restaurant Chez Tantie Awa', contact_name: 'Awa Touré', email: 'awa@cheztantieawa.test' })
      const { rows: [project] } = await c.query(`select title, status, budget_ht from public.projects where id = $1`, [r.r.project_id])
      expect(project).toEqual({ title: 'Site et commande à emporter', status: 'draft', budget_ht: '1800000' })
      const { rows: [after] } = await c.query(`select stage, converted_client_id, converted_at is not null as stamped from public.prospects where id = $1`, [p.id])
      expect(after).toEqual({ stage: 'gagne', converted_client_id: r.r.client_id, stamped: true })
      await expect(c.query(`select public.convert_prospect($1)`, [p.id])).rejects.toThrow('Ce prospect est déjà client.')
    })
    const { rows: [any] } = await db.pool.query(`select id from public.prospects where converted_client_id is null limit 1`)
    const e = await errorOf(db.pool, 'acme', `select public.convert_prospect($1)`, [any.id])
    expect([e.code, e.message]).toEqual(['42501', "Action réservée à l'administrateur."])
  })
})

describe('audit log', () => {
  it('records actor, action, entity and only the changed columns; a no-op update writes nothing', async () => {
    await withActor(db.pool, 'admin', async (c) => {
      const before = Number((await c.query(`select count(*) from public.audit_logs`)).rows[0].count)
      await c.query(`update public.tasks set title = title where id = $1`, [ID.task(9)])
      await c.query(`update public.tasks set status = 'done' where id = $1`, [ID.task(9)])
      const { rows } = await c.query(`select actor_id, actor_role, action, entity, entity_id, client_id, diff from public.audit_logs order by id desc limit 3`)
      const taskRow = rows.find((r) => r.entity === 'tasks')
      expect(taskRow).toMatchObject({ actor_id: ID.userAdmin, actor_role: 'admin', action: 'update', entity_id: ID.task(9), client_id: ID.acme })
      expect(Object.keys(taskRow.diff).sort()).toEqual(['completed_at', 'status'])
      expect(taskRow.diff.status).toEqual({ old: 'review', new: 'done' })
      // The task update also moved the project's progress (audited as a projects row).
      const after = Number((await c.query(`select count(*) from public.audit_logs`)).rows[0].count)
      expect(after - before).toBe(2)
    })
  })

  it('nobody writes the audit log directly, not even the service role', async () => {
    for (const actor of ['admin', 'service'] as const) {
      const e = await errorOf(db.pool, actor, `insert into public.audit_logs (actor_role, action, entity) values ('x', 'insert', 'x')`)
      expect(e.code).toBe('42501')
    }
  })
})
