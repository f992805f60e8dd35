// The audit log (written only by the private.audit_row() trigger): filtered
// and paged on the server, then the people and companies named in the page
// resolved in one parallel round trip (the log keeps ids, not names, so it
// outlives deleted users).
import type { Db } from './db.ts'
import { ilikeTerm, pageRange, type ListParams } from './list.ts'

export const JOURNAL_SORTS = ['occurred_at'] as const
export type JournalSort = (typeof JOURNAL_SORTS)[number]
export const JOURNAL_FILTERS = ['entite', 'action', 'acteur', 'client', 'du', 'au'] as const

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DAY = /^\d{4}-\d{2}-\d{2}$/

export interface AuditEntry {
  id: number
  occurred_at: string
  actor_id: string | null
  actor_role: string
  actor_name: string | null
  action: 'insert' | 'update' | 'delete'
  entity: string
  entity_id: string | null
  client_id: string | null
  client_name: string | null
  diff: Record<string, { old?: unknown; new?: unknown }>
}

export async function listAudit(db: Db, params: ListParams<JournalSort>) {
  const f = params.filters
  let query = db
    .from('audit_logs')
    .select('id, occurred_at, actor_id, actor_role, action, entity, entity_id, client_id, diff', { count: 'exact' })
  if (f.entite) query = query.eq('entity', f.entite)
  if (f.action && ['insert', 'update', 'delete'].includes(f.action)) query = query.eq('action', f.action)
  if (f.acteur && UUID.test(f.acteur)) query = query.eq('actor_id', f.acteur)
  if (f.client && UUID.test(f.client)) query = query.eq('client_id', f.client)
  if (f.du && DAY.test(f.du)) query = query.gte('occurred_at', `${f.du}T00:00:00Z`)
  if (f.au && DAY.test(f.au)) query = query.lt('occurred_at', new Date(Date.parse(`${f.au}T00:00:00Z`) + 86_400_000).toISOString())
  if (params.q) query = query.ilike('entity_id', ilikeTerm(params.q))
  const [from, to] = pageRange(params.page, 50)
  const { data, count, error } = await query.order('occurred_at', { ascending: params.dir === 'asc' }).order('id', { ascending: params.dir === 'asc' }).range(from, to)
  if (error) {
    console.error(`[admin] journal : ${error.code} ${error.message}`)
    throw new Response('Le journal n’a pas pu être chargé.', { status: 500 })
  }
  const rows = data ?? []
  const actorIds = [...new Set(rows.map((r) => r.actor_id).filter(Boolean))] as string[]
  const clientIds = [...new Set(rows.map((r) => r.client_id).filter(Boolean))] as string[]
  const [actors, clients] = await Promise.all([
    actorIds.length ? db.from('profiles').select('id, full_name, email').in('id', actorIds) : Promise.resolve({ data: [] as { id: string; full_name: string; email: string }[] }),
    clientIds.length ? db.from('clients').select('id, name').in('id', clientIds) : Promise.resolve({ data: [] as { id: string; name: string }[] }),
  ])
  const actorName = new Map((actors.data ?? []).map((a) => [a.id as string, (a.full_name as string) || (a.email as string)]))
  const clientName = new Map((clients.data ?? []).map((c) => [c.id as string, c.name as string]))
  const entries: AuditEntry[] = rows.map((r) => ({
    ...(r as Omit<AuditEntry, 'actor_name' | 'client_name'>),
    actor_name: r.actor_id ? (actorName.get(r.actor_id) ?? null) : null,
    client_name: r.client_id ? (clientName.get(r.client_id) ?? null) : null,
  }))
  return { entries, total: count ?? 0 }
}

/** Choices for the filters: people who can act (staff and client members) and companies. */
export async function journalFilterOptions(db: Db) {
  const [people, clients] = await Promise.all([
    db.from('profiles').select('id, full_name, email, role').order('full_name').limit(500),
    db.from('clients').select('id, name').order('name').limit(500),
  ])
  return {
    actors: (people.data ?? []).map((p) => ({
      value: p.id as string,
      label: `${(p.full_name as string) || (p.email as string)}${p.role === 'admin' ? ' (NOURX)' : ''}`,
    })),
    clients: (clients.data ?? []).map((c) => ({ value: c.id as string, label: c.name as string })),
  }
}
