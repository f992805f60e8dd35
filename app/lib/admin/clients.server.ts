// Client companies: list, overview, create/edit/archive/delete, members.
// Every write goes through the admin's own Supabase client (RLS lets the
// admin write; the audit trigger records it). Invitations need the Auth
// admin API: see invite.server.ts.
import { check, nullable, requireRow, type Db } from './db.ts'
import { ilikeTerm, pageRange, type ListParams } from './list.ts'
import type { ClientInput } from './schemas.ts'

export const CLIENT_SORTS = ['name', 'city', 'created_at'] as const
export type ClientSort = (typeof CLIENT_SORTS)[number]

export interface ClientRow {
  id: string
  name: string
  contact_name: string | null
  email: string | null
  city: string | null
  ncc: string | null
  is_archived: boolean
  created_at: string
  members: number
  activeProjects: number
}

export async function listClients(db: Db, params: ListParams<ClientSort>) {
  let query = db
    .from('clients')
    .select('id, name, contact_name, email, city, ncc, is_archived, created_at, client_members(user_id), projects(id, status)', {
      count: 'exact',
    })
  if (params.q) {
    const term = ilikeTerm(params.q)
    query = query.or(`name.ilike.${term},contact_name.ilike.${term},email.ilike.${term},ncc.ilike.${term},rccm.ilike.${term}`)
  }
  const archived = params.filters.etat === 'archives'
  if (params.filters.etat !== 'tous') query = query.eq('is_archived', archived)
  const [from, to] = pageRange(params.page)
  const { data, count, error } = await query
    .order(params.sort, { ascending: params.dir === 'asc', nullsFirst: false })
    .order('id')
    .range(from, to)
  if (error) throw new Response('La liste des clients n’a pas pu être chargée.', { status: 500 })
  const rows: ClientRow[] = (data ?? []).map((r) => ({
    id: r.id,
    name: r.name,
    contact_name: r.contact_name,
    email: r.email,
    city: r.city,
    ncc: r.ncc,
    is_archived: r.is_archived,
    created_at: r.created_at,
    members: (r.client_members as unknown[] | null)?.length ?? 0,
    activeProjects: ((r.projects as { status: string }[] | null) ?? []).filter((p) => p.status === 'active').length,
  }))
  return { rows, total: count ?? 0 }
}

/** Everything the client page shows, in one parallel round trip. Null when the client does not exist. */
export async function getClientOverview(db: Db, id: string) {
  const [client, members, projects, invoices, tickets, notes] = await Promise.all([
    db.from('clients').select('*').eq('id', id).maybeSingle(),
    db
      .from('client_members')
      .select('user_id, role, job_title, created_at, profiles(full_name, email, phone, last_sign_in_at)')
      .eq('client_id', id)
      .order('created_at'),
    db.from('projects').select('id, title, status, progress, start_date, end_date').eq('client_id', id).order('created_at', { ascending: false }),
    db
      .from('invoices')
      .select('id, number, title, status, total_ttc, balance_due, due_date, issue_date')
      .eq('client_id', id)
      .order('created_at', { ascending: false })
      .limit(50),
    db
      .from('tickets')
      .select('id, number, subject, status, priority, sla_due_at, created_at')
      .eq('client_id', id)
      .order('created_at', { ascending: false })
      .limit(50),
    db
      .from('client_notes')
      .select('id, body, created_at, author_id, profiles(full_name, email)')
      .eq('client_id', id)
      .order('created_at', { ascending: false })
      .limit(50),
  ])
  for (const r of [client, members, projects, invoices, tickets, notes]) {
    if (r.error) {
      console.error(`[admin] fiche client : ${r.error.code} ${r.error.message}`)
      throw new Response('La fiche client n’a pas pu être chargée.', { status: 500 })
    }
  }
  if (!client.data) return null
  const invoiceRows = invoices.data ?? []
  const balanceDue = invoiceRows
    .filter((i) => i.status === 'sent' || i.status === 'overdue')
    .reduce((sum, i) => sum + Number(i.balance_due ?? 0), 0)
  const openTickets = (tickets.data ?? []).filter((t) => t.status !== 'resolved' && t.status !== 'closed').length
  return {
    client: client.data,
    members: (members.data ?? []).map((m) => {
      const p = (m.profiles ?? {}) as { full_name?: string; email?: string; phone?: string | null; last_sign_in_at?: string | null }
      return {
        user_id: m.user_id as string,
        role: m.role as 'owner' | 'member',
        job_title: m.job_title as string | null,
        full_name: p.full_name ?? '',
        email: p.email ?? '',
        phone: p.phone ?? null,
        last_sign_in_at: p.last_sign_in_at ?? null,
      }
    }),
    projects: projects.data ?? [],
    invoices: invoiceRows,
    tickets: tickets.data ?? [],
    notes: (notes.data ?? []).map((n) => {
      const p = (n.profiles ?? {}) as { full_name?: string; email?: string }
      return { id: n.id as string, body: n.body as string, created_at: n.created_at as string, author: p.full_name || p.email || null }
    }),
    summary: { balanceDue, openTickets },
  }
}

export async function createClient(db: Db, input: ClientInput): Promise<{ id: string }> {
  const rows = check(await db.from('clients').insert(nullable(input)).select('id'), 'création client')
  return requireRow(rows, 'Client')
}

export async function updateClient(db: Db, id: string, input: ClientInput) {
  const rows = check(await db.from('clients').update(nullable(input)).eq('id', id).select('id'), 'modification client')
  return requireRow(rows, 'Client')
}

export async function setClientArchived(db: Db, id: string, archived: boolean) {
  const rows = check(await db.from('clients').update({ is_archived: archived }).eq('id', id).select('id'), 'archivage client')
  return requireRow(rows, 'Client')
}

/** Deletion only works for a company without projects or invoices (foreign keys restrict it). */
export async function deleteClient(db: Db, id: string) {
  const rows = check(await db.from('clients').delete().eq('id', id).select('id'), 'suppression client')
  return requireRow(rows, 'Client')
}

export async function removeMember(db: Db, clientId: string, userId: string) {
  const rows = check(
    await db.from('client_members').delete().eq('client_id', clientId).eq('user_id', userId).select('user_id'),
    'retrait membre',
  )
  return requireRow(rows, 'Membre')
}

export async function setMemberRole(db: Db, clientId: string, userId: string, role: 'owner' | 'member') {
  const rows = check(
    await db.from('client_members').update({ role }).eq('client_id', clientId).eq('user_id', userId).select('user_id'),
    'rôle membre',
  )
  return requireRow(rows, 'Membre')
}

/** Options for the client pickers of other forms (projects, conversion). */
export async function clientOptions(db: Db) {
  const { data, error } = await db.from('clients').select('id, name').eq('is_archived', false).order('name').limit(500)
  if (error) throw new Response('La liste des clients n’a pas pu être chargée.', { status: 500 })
  return (data ?? []).map((c) => ({ value: c.id as string, label: c.name as string }))
}

/** Section — internal notes (admin only, never shown to the client). */
export async function addClientNote(db: Db, clientId: string, body: string) {
  const rows = check(await db.from('client_notes').insert({ client_id: clientId, body }).select('id'), 'note client')
  return requireRow(rows, 'Note')
}

export async function deleteClientNote(db: Db, clientId: string, noteId: string) {
  const rows = check(
    await db.from('client_notes').delete().eq('id', noteId).eq('client_id', clientId).select('id'),
    'suppression note client',
  )
  return requireRow(rows, 'Note')
}
