// Reading and writing réclamations as a client, always with the user-scoped
// client: RLS shows the company's tickets and their PUBLIC messages only
// (internal notes are filtered by the policy, and again here), and the data
// model's triggers compute the SLA deadline and move statuses.
import type { AppSupabaseClient } from '../supabase.server.ts'
import type { DbError } from '../billing/errors.server.ts'
import type { CreateTicketInput } from './schemas.ts'
import type { TicketCategory, TicketPriority, TicketStatus } from './labels.ts'

export interface TicketRow {
  id: string
  number: number
  subject: string
  category: TicketCategory
  priority: TicketPriority
  status: TicketStatus
  sla_due_at: string | null
  first_response_at: string | null
  last_message_at: string | null
  created_at: string
  project_title: string | null
}

type Loaded<T> = { ok: true; value: T } | { ok: false; error: DbError }

const ROW_COLUMNS =
  'id, number, subject, category, priority, status, sla_due_at, first_response_at, last_message_at, created_at, projects(title)'

function one<T>(value: T | T[] | null | undefined): T | null {
  if (Array.isArray(value)) return value[0] ?? null
  return value ?? null
}

function toRow(row: Record<string, any>): TicketRow { // eslint-disable-line @typescript-eslint/no-explicit-any
  return {
    id: row.id,
    number: Number(row.number),
    subject: row.subject,
    category: row.category,
    priority: row.priority,
    status: row.status,
    sla_due_at: row.sla_due_at,
    first_response_at: row.first_response_at,
    last_message_at: row.last_message_at,
    created_at: row.created_at,
    project_title: one<{ title: string }>(row.projects)?.title ?? null,
  }
}

export const STATUS_GROUPS = { ouvertes: ['open', 'in_progress', 'waiting_client'], resolues: ['resolved'], fermees: ['closed'] } as const
export type StatusGroup = keyof typeof STATUS_GROUPS | 'toutes'

export async function listTickets(supabase: AppSupabaseClient, group: StatusGroup): Promise<Loaded<TicketRow[]>> {
  let query = supabase.from('tickets').select(ROW_COLUMNS).order('last_message_at', { ascending: false, nullsFirst: false })
  if (group !== 'toutes') query = query.in('status', [...STATUS_GROUPS[group]])
  const { data, error } = await query
  if (error) return { ok: false, error }
  return { ok: true, value: (data ?? []).map(toRow) }
}

export interface TicketAttachment {
  document_id: string
  message_id: string | null
  file_name: string
  size_bytes: number
  mime_type: string
}

export interface TicketMessage {
  id: string
  body: string
  created_at: string
  author_id: string | null
  author_name: string | null
  from_nourx: boolean
  attachments: TicketAttachment[]
}

export interface TicketDetail extends TicketRow {
  client_id: string
  project_id: string | null
  rating: number | null
  rating_comment: string | null
  resolved_at: string | null
  closed_at: string | null
  payment_attempt: { transaction_id: string; status: string; invoice_id: string } | null
  messages: TicketMessage[]
  /** Attachments of the ticket itself (not tied to one message). */
  attachments: TicketAttachment[]
}

export async function getTicket(supabase: AppSupabaseClient, id: string): Promise<Loaded<TicketDetail | null>> {
  const { data, error } = await supabase
    .from('tickets')
    .select(
      `${ROW_COLUMNS}, client_id, project_id, rating, rating_comment, resolved_at, closed_at,
       payment_attempts(transaction_id, status, invoice_id),
       ticket_messages(id, body, created_at, author_id, is_internal, profiles(full_name, role)),
       ticket_attachments(document_id, message_id, documents(file_name, size_bytes, mime_type))`,
    )
    .eq('id', id)
    .eq('ticket_messages.is_internal', false)
    .maybeSingle()
  if (error) return { ok: false, error }
  if (!data) return { ok: true, value: null }
  const row = data as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
  const attachments: TicketAttachment[] = ((row.ticket_attachments as Array<Record<string, any>> | null) ?? []) // eslint-disable-line @typescript-eslint/no-explicit-any
    .map((a) => ({ a, doc: one<{ file_name: string; size_bytes: number; mime_type: string }>(a.documents) }))
    .filter(({ doc }) => doc !== null)
    .map(({ a, doc }) => ({
      document_id: a.document_id,
      message_id: a.message_id,
      file_name: doc!.file_name,
      size_bytes: Number(doc!.size_bytes),
      mime_type: doc!.mime_type,
    }))
  // Internal notes never reach a client: RLS drops them, and so does this filter.
  const messages: TicketMessage[] = ((row.ticket_messages as Array<Record<string, any>> | null) ?? []) // eslint-disable-line @typescript-eslint/no-explicit-any
    .filter((m) => m.is_internal === false)
    .map((m) => {
      const author = one<{ full_name: string; role: string }>(m.profiles)
      return {
        id: m.id,
        body: m.body,
        created_at: m.created_at,
        author_id: m.author_id,
        author_name: author?.full_name?.trim() || null,
        from_nourx: author?.role === 'admin',
        attachments: attachments.filter((a) => a.message_id === m.id),
      }
    })
    .sort((a, b) => a.created_at.localeCompare(b.created_at))
  return {
    ok: true,
    value: {
      ...toRow(row),
      client_id: row.client_id,
      project_id: row.project_id,
      rating: row.rating,
      rating_comment: row.rating_comment,
      resolved_at: row.resolved_at,
      closed_at: row.closed_at,
      payment_attempt: one(row.payment_attempts),
      messages,
      // An attachment of a message the client cannot see stays hidden with it.
      attachments: attachments.filter((a) => a.message_id === null),
    },
  }
}

export interface TicketFormOptions {
  projects: Array<{ id: string; title: string; client_id: string }>
  clientIds: string[]
}

/** Projects to pick from and the caller's companies, in one round trip. */
export async function getTicketFormOptions(supabase: AppSupabaseClient, userId: string): Promise<Loaded<TicketFormOptions>> {
  const [projects, members] = await Promise.all([
    supabase.from('projects').select('id, title, client_id').order('created_at', { ascending: false }),
    supabase.from('client_members').select('client_id').eq('user_id', userId),
  ])
  if (projects.error) return { ok: false, error: projects.error }
  if (members.error) return { ok: false, error: members.error }
  return {
    ok: true,
    value: {
      projects: (projects.data ?? []) as TicketFormOptions['projects'],
      clientIds: (members.data ?? []).map((m) => m.client_id as string),
    },
  }
}

export type CreateResult =
  | { ok: true; ticketId: string; messageId: string; clientId: string; projectId: string | null }
  | { ok: false; field?: 'projectId' | 'paymentAttemptId'; message: string }

/**
 * Opens a ticket for the company of the chosen project (or the caller's only
 * company) and posts the description as its first message.
 */
export async function createTicket(
  supabase: AppSupabaseClient,
  userId: string,
  options: TicketFormOptions,
  input: CreateTicketInput,
): Promise<CreateResult> {
  let clientId: string
  if (input.projectId) {
    const project = options.projects.find((p) => p.id === input.projectId)
    if (!project) return { ok: false, field: 'projectId', message: 'Ce projet n’existe pas ou ne fait pas partie de votre espace.' }
    clientId = project.client_id
  } else if (options.clientIds.length === 1) {
    clientId = options.clientIds[0]
  } else if (options.clientIds.length === 0) {
    return { ok: false, message: 'Votre compte n’est rattaché à aucune entreprise : contactez NOURX.' }
  } else {
    return { ok: false, field: 'projectId', message: 'Choisissez le projet concerné.' }
  }
  const ticket = await supabase
    .from('tickets')
    .insert({
      client_id: clientId,
      project_id: input.projectId,
      payment_attempt_id: input.paymentAttemptId,
      subject: input.subject,
      category: input.category,
      priority: input.priority,
      created_by: userId,
    })
    .select('id')
    .single()
  if (ticket.error) {
    if (ticket.error.code === 'P0001') return { ok: false, field: 'paymentAttemptId', message: ticket.error.message }
    console.error(`[tickets] création : ${ticket.error.code} ${ticket.error.message}`)
    return { ok: false, message: 'La réclamation n’a pas pu être enregistrée. Réessayez dans un instant.' }
  }
  const message = await supabase
    .from('ticket_messages')
    .insert({ ticket_id: ticket.data.id, body: input.description, author_id: userId })
    .select('id')
    .single()
  if (message.error) {
    console.error(`[tickets] premier message : ${message.error.code} ${message.error.message}`)
    return { ok: false, message: 'La réclamation a été créée mais sa description n’a pas pu être enregistrée.' }
  }
  return { ok: true, ticketId: ticket.data.id, messageId: message.data.id, clientId, projectId: input.projectId }
}

export async function postMessage(
  supabase: AppSupabaseClient,
  userId: string,
  ticketId: string,
  body: string,
): Promise<{ ok: true; messageId: string } | { ok: false; kind: 'rule' | 'unexpected'; message: string }> {
  const { data, error } = await supabase
    .from('ticket_messages')
    .insert({ ticket_id: ticketId, body, author_id: userId })
    .select('id')
    .single()
  if (error) {
    if (error.code === 'P0001') return { ok: false, kind: 'rule', message: error.message }
    console.error(`[tickets] message : ${error.code} ${error.message}`)
    return { ok: false, kind: 'unexpected', message: 'Votre message n’a pas pu être envoyé. Réessayez dans un instant.' }
  }
  return { ok: true, messageId: data.id }
}

export async function closeTicket(supabase: AppSupabaseClient, ticketId: string, rating: number, comment: string | null) {
  return supabase.rpc('close_ticket', { p_ticket_id: ticketId, p_rating: rating, p_comment: comment })
}

/** "Paiement" ticket from an invoice page: the invoice and its latest online attempt, if any. */
export async function getPaymentContext(supabase: AppSupabaseClient, invoiceId: string) {
  const { data } = await supabase
    .from('invoices')
    .select('id, number, project_id, payment_attempts(id, transaction_id, created_at)')
    .eq('id', invoiceId)
    .maybeSingle()
  if (!data) return null
  const attempts = ((data.payment_attempts as Array<{ id: string; transaction_id: string; created_at: string }> | null) ?? []).sort(
    (a, b) => b.created_at.localeCompare(a.created_at),
  )
  return { number: data.number as string | null, projectId: data.project_id as string | null, attempt: attempts[0] ?? null }
}
