// The back office's ticket inbox: every company's tickets sorted by SLA
// deadline (sla_due_at is computed by the database from the SLA settings per
// priority, on insert and when the priority changes), the thread with
// internal notes, and the admin's writes. first_response_at, last_message_at
// and reopening on a client message are the triggers' job.
import { attachFiles, type AttachResult } from '../../tickets/attachments.server.ts'
import { AdminWriteError, check, requireRow, type Db } from '../db.ts'
import { ilikeTerm, pageRange, type ListParams } from '../list.ts'
import { STATUS_GROUPS, type ReplyInput, type StatusGroup, type TicketStatus, type TicketUpdateInput } from './schemas.ts'

export const TICKET_SORTS = ['sla_due_at', 'created_at', 'last_message_at', 'number', 'priority'] as const
export type TicketSort = (typeof TICKET_SORTS)[number]

type RawRow = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
const one = <T>(v: T | T[] | null | undefined): T | null => (Array.isArray(v) ? (v[0] ?? null) : (v ?? null))

export interface AdminTicketRow {
  id: string
  number: number
  subject: string
  category: string
  priority: string
  status: TicketStatus
  sla_due_at: string | null
  created_at: string
  last_message_at: string | null
  first_response_at: string | null
  client_id: string
  client_name: string
  assignee: string | null
}

function failed(what: string, error: { code?: string; message: string }): never {
  console.error(`[admin] ${what} : ${error.code ?? ''} ${error.message}`)
  throw new Response('Les réclamations n’ont pas pu être chargées. Réessayez.', { status: 500 })
}

export function groupOf(value: string | undefined): StatusGroup {
  return value === 'resolues' || value === 'fermees' || value === 'toutes' ? value : 'ouvertes'
}

export async function listAdminTickets(db: Db, params: ListParams<TicketSort>, now: Date) {
  const f = params.filters
  let query = db
    .from('tickets')
    .select(
      `id, number, subject, category, priority, status, sla_due_at, created_at, last_message_at, first_response_at, client_id,
       clients(name), assignee:profiles!tickets_assigned_to_fkey(full_name, email)`,
      { count: 'exact' },
    )
  const group = groupOf(f.etat)
  if (group !== 'toutes') query = query.in('status', [...STATUS_GROUPS[group]])
  if (params.q) {
    const n = Number.parseInt(params.q.replace(/^n°\s*/i, ''), 10)
    query = Number.isFinite(n) && /^\s*(n°\s*)?\d+\s*$/i.test(params.q) ? query.eq('number', n) : query.ilike('subject', ilikeTerm(params.q))
  }
  if (f.priorite) query = query.eq('priority', f.priorite)
  if (f.categorie) query = query.eq('category', f.categorie)
  if (f.client) query = query.eq('client_id', f.client)
  if (f.assigne === 'aucun') query = query.is('assigned_to', null)
  else if (f.assigne) query = query.eq('assigned_to', f.assigne)
  if (f.retard === '1') query = query.not('status', 'in', '(resolved,closed)').lt('sla_due_at', now.toISOString())
  const [from, to] = pageRange(params.page)
  const { data, count, error } = await query
    .order(params.sort, { ascending: params.dir === 'asc', nullsFirst: false })
    .order('number')
    .range(from, to)
  if (error) failed('réclamations', error)
  return { rows: ((data ?? []) as RawRow[]).map(toTicketRow), total: count ?? 0 }
}

/** The list's columns of a ticket, from a row with `clients(name)` and `assignee` embedded. */
function toTicketRow(t: RawRow): AdminTicketRow {
  const assignee = one<RawRow>(t.assignee)
  return {
    id: t.id,
    number: Number(t.number),
    subject: t.subject,
    category: t.category,
    priority: t.priority,
    status: t.status,
    sla_due_at: t.sla_due_at,
    created_at: t.created_at,
    last_message_at: t.last_message_at,
    first_response_at: t.first_response_at,
    client_id: t.client_id,
    client_name: one<{ name: string }>(t.clients)?.name ?? '',
    assignee: assignee ? assignee.full_name || assignee.email : null,
  }
}

export interface AdminTicketMessage {
  id: string
  body: string
  is_internal: boolean
  created_at: string
  author_name: string
  from_nourx: boolean
  attachments: { document_id: string; file_name: string; size_bytes: number }[]
}

export interface AdminTicketDetail extends AdminTicketRow {
  project: { id: string; title: string } | null
  payment_attempt: { id: string; transaction_id: string; status: string; amount: number } | null
  assigned_to: string | null
  resolved_at: string | null
  closed_at: string | null
  rating: number | null
  rating_comment: string | null
  created_by_name: string | null
  messages: AdminTicketMessage[]
  /** Files attached to the ticket itself (not to a message). */
  attachments: AdminTicketMessage['attachments']
}

/** The ticket, its whole thread (internal notes included: admin only) and attachments — one embedded select. */
export async function getAdminTicket(db: Db, id: string): Promise<AdminTicketDetail | null> {
  const { data, error } = await db
    .from('tickets')
    .select(
      `id, number, subject, category, priority, status, sla_due_at, created_at, last_message_at, first_response_at, client_id,
       assigned_to, resolved_at, closed_at, rating, rating_comment,
       clients(name), projects(id, title), payment_attempts(id, transaction_id, status, amount),
       assignee:profiles!tickets_assigned_to_fkey(full_name, email),
       creator:profiles!tickets_created_by_fkey(full_name, email),
       ticket_messages(id, body, is_internal, created_at, author:profiles!ticket_messages_author_id_fkey(full_name, email, role)),
       ticket_attachments(message_id, documents(id, file_name, size_bytes))`,
    )
    .eq('id', id)
    .maybeSingle()
  if (error) failed('réclamation', error)
  if (!data) return null
  const t = data as RawRow
  const files = ((t.ticket_attachments ?? []) as RawRow[]).map((a) => {
    const d = one<RawRow>(a.documents)
    return { message_id: a.message_id as string | null, document_id: d?.id as string, file_name: (d?.file_name ?? '') as string, size_bytes: Number(d?.size_bytes ?? 0) }
  })
  const creator = one<RawRow>(t.creator)
  const attempt = one<RawRow>(t.payment_attempts)
  return {
    ...toTicketRow(t),
    assigned_to: t.assigned_to,
    resolved_at: t.resolved_at,
    closed_at: t.closed_at,
    rating: t.rating,
    rating_comment: t.rating_comment,
    created_by_name: creator ? creator.full_name || creator.email : null,
    project: one<{ id: string; title: string }>(t.projects),
    payment_attempt: attempt ? { id: attempt.id, transaction_id: attempt.transaction_id, status: attempt.status, amount: Number(attempt.amount) } : null,
    messages: ((t.ticket_messages ?? []) as RawRow[])
      .map((m) => {
        const author = one<RawRow>(m.author)
        return {
          id: m.id,
          body: m.body,
          is_internal: m.is_internal,
          created_at: m.created_at,
          author_name: author ? author.full_name || author.email : 'Compte supprimé',
          from_nourx: author?.role === 'admin',
          attachments: files.filter((f) => f.message_id === m.id),
        }
      })
      .toSorted((a, b) => a.created_at.localeCompare(b.created_at)),
    attachments: files.filter((f) => !f.message_id),
  }
}

/**
 * A public answer or an internal note, then (optionally) the new status.
 * Two writes, in this order: the message trigger sets first_response_at and
 * may reopen the ticket; the status the admin picked wins afterwards.
 */
export async function replyToTicket(db: Db, ticketId: string, input: ReplyInput): Promise<{ id: string }> {
  const message = check<{ id: string } | null>(
    await db.from('ticket_messages').insert({ ticket_id: ticketId, body: input.body, is_internal: input.internal }).select('id').single(),
    'message de réclamation',
  )
  if (input.next_status) {
    const rows = check(
      await db.from('tickets').update({ status: input.next_status }).eq('id', ticketId).neq('status', input.next_status).select('id'),
      'statut de réclamation',
    )
    void rows
  }
  if (!message) throw new AdminWriteError('Le message n’a pas pu être enregistré. Réessayez.')
  return message
}

/**
 * Files of a NOURX reply, stored by the client portal's own attachment code
 * (app/lib/tickets/attachments.server.ts: same bucket, folder, naming and
 * rollback) under the ticket's company and project. A public answer's files
 * are visible to the client; an internal note's are 'internal'.
 */
export async function attachToReply(
  db: Db,
  target: { userId: string; ticketId: string; messageId: string; internal: boolean },
  files: File[],
): Promise<AttachResult> {
  const { data: ticket, error } = await db.from('tickets').select('client_id, project_id').eq('id', target.ticketId).maybeSingle()
  if (error || !ticket) return { ok: false, message: 'les pièces jointes n’ont pas pu être enregistrées.', stored: 0 }
  return attachFiles(
    db,
    {
      userId: target.userId,
      clientId: ticket.client_id as string,
      projectId: (ticket.project_id as string | null) ?? null,
      ticketId: target.ticketId,
      messageId: target.messageId,
      visibility: target.internal ? 'internal' : 'client',
    },
    files,
  )
}

export async function updateTicket(db: Db, ticketId: string, input: TicketUpdateInput) {
  const rows = check(
    await db
      .from('tickets')
      .update({ status: input.status, priority: input.priority, assigned_to: input.assigned_to ?? null })
      .eq('id', ticketId)
      .select('id, sla_due_at'),
    'réclamation',
  )
  return requireRow(rows, 'Réclamation')
}

/** SLA hours per priority (settings), shown next to the deadline. */
export async function slaSettings(db: Db) {
  const { data } = await db.from('settings').select('sla_hours_low, sla_hours_normal, sla_hours_high, sla_hours_urgent').maybeSingle()
  return {
    low: (data?.sla_hours_low as number | undefined) ?? 72,
    normal: (data?.sla_hours_normal as number | undefined) ?? 48,
    high: (data?.sla_hours_high as number | undefined) ?? 24,
    urgent: (data?.sla_hours_urgent as number | undefined) ?? 4,
  }
}
