// Transactional e-mails, one function per event of public.email_templates.
// Each one resolves its recipients, drops the client users who switched the
// event's e-mail off (public.notification_preferences; no row = on), fills
// the template's variables (money with formatXOF, absolute links from
// APP_URL) and sends one mail per recipient (the greeting is personal).
//
// They take an explicit Supabase client that may read what they need: the
// admin's own client for admin actions (RLS lets the admin read templates,
// members and their preferences), the service-role client for the payment
// settlement and the deletion request (see ./deletion-request.server.ts).
//
// None of them throws for a sending problem: the result says who got the mail,
// who was skipped and who failed, and a failure is logged once by sendEmail.
// Callers run them after their write succeeded, through ./background.server.ts
// (ctx.waitUntil), so the user's action never waits for the provider.
import type { SupabaseClient } from '@supabase/supabase-js'
import type { AppEnv } from '../env.server.ts'
import { formatDay, formatXOF } from '../format.ts'
import { renderEmail, type EmailTemplate } from './render.ts'
import { sendEmail, type EmailConfig } from './send.server.ts'
import { NOTIFICATION_EVENTS } from '../account/options.ts'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type NotifyDb = SupabaseClient<any, 'public', any>

export type TemplateKey =
  | 'invitation'
  | 'invoice_sent'
  | 'invoice_reminder'
  | 'payment_received'
  | 'quote_sent'
  | 'ticket_reply'
  | 'milestone_delivered'
  | 'account_deletion_request'
  | 'account_deletion_processed'
  | 'document_added'
  | 'task_comment'
  | 'account_deletion_rejected'

/** Events a client user can switch off (public.notification_event): the list /parametres shows. */
const PREFERENCE_EVENTS: ReadonlySet<TemplateKey> = new Set<TemplateKey>(NOTIFICATION_EVENTS)

export interface NotifyDeps {
  db: NotifyDb
  env: EmailConfig & Pick<AppEnv, 'APP_URL'>
  /** Tests inject a failing fetch for the e-mail API. */
  fetch?: typeof fetch
}

export interface Recipient {
  userId: string | null
  email: string
  fullName: string
}

export interface NotifyResult {
  event: TemplateKey
  sent: string[]
  /** Preference off. */
  skipped: string[]
  failed: string[]
  /** Why nothing was attempted (entity not found, not the right state, no template…). */
  reason?: string
}

const nothing = (event: TemplateKey, reason: string): NotifyResult => ({ event, sent: [], skipped: [], failed: [], reason })

/** "Awa Traoré" → "Awa"; an empty name greets nobody in particular. */
export function firstName(fullName: string | null | undefined): string {
  const first = (fullName ?? '').trim().split(/\s+/)[0] ?? ''
  return first || 'Madame, Monsieur'
}

export function appLink(env: Pick<AppEnv, 'APP_URL'>, path: string): string {
  return new URL(path, env.APP_URL).toString()
}

interface Loaded {
  template: (EmailTemplate & { key: string }) | null
  agency: string
}

async function loadTemplate(db: NotifyDb, key: TemplateKey): Promise<Loaded> {
  const [template, settings] = await Promise.all([
    db.from('email_templates').select('key, subject, body, variables').eq('key', key).maybeSingle(),
    db.from('settings').select('company_name').maybeSingle(),
  ])
  if (template.error) throw new Error(`modèle ${key} illisible : ${template.error.message}`)
  return {
    template: (template.data as Loaded['template']) ?? null,
    agency: (settings.data?.company_name as string | undefined) ?? 'NOURX',
  }
}

/** Members of a client company, with their e-mail. */
export async function clientRecipients(db: NotifyDb, clientId: string): Promise<Recipient[]> {
  const { data, error } = await db.from('client_members').select('user_id, profiles(email, full_name)').eq('client_id', clientId)
  if (error) throw new Error(`membres du client illisibles : ${error.message}`)
  return (data ?? []).flatMap((row) => {
    const profile = row.profiles as unknown as { email: string | null; full_name: string | null } | null
    return profile?.email ? [{ userId: row.user_id as string, email: profile.email, fullName: profile.full_name ?? '' }] : []
  })
}

/** Users among `ids` who switched this event's e-mail off. */
async function optedOut(db: NotifyDb, event: TemplateKey, ids: string[]): Promise<Set<string>> {
  if (!PREFERENCE_EVENTS.has(event) || ids.length === 0) return new Set()
  const { data, error } = await db
    .from('notification_preferences')
    .select('user_id')
    .eq('event', event)
    .eq('email', false)
    .in('user_id', ids)
  // Unreadable preferences: do not mail people who may have said no.
  if (error) throw new Error(`préférences illisibles : ${error.message}`)
  return new Set((data ?? []).map((r) => r.user_id as string))
}

/**
 * Renders and sends `event` to each recipient (deduplicated by address),
 * honouring the e-mail preference of client users.
 */
export async function deliver(
  deps: NotifyDeps,
  event: TemplateKey,
  recipients: Recipient[],
  values: Record<string, string | null | undefined>,
  label: string,
): Promise<NotifyResult> {
  const unique = [...new Map(recipients.map((r) => [r.email.toLowerCase(), r])).values()]
  if (unique.length === 0) return nothing(event, 'aucun destinataire')
  const [{ template, agency }, off] = await Promise.all([
    loadTemplate(deps.db, event),
    optedOut(deps.db, event, unique.flatMap((r) => (r.userId ? [r.userId] : []))),
  ])
  if (!template) {
    console.error(`[notifications] ${event} : modèle introuvable, rien n’est envoyé`)
    return nothing(event, 'modèle introuvable')
  }
  const result: NotifyResult = { event, sent: [], skipped: [], failed: [] }
  await Promise.all(
    unique.map(async (recipient) => {
      if (recipient.userId && off.has(recipient.userId)) {
        result.skipped.push(recipient.email)
        return
      }
      const mail = renderEmail(template, { agence: agency, prenom: firstName(recipient.fullName), ...values })
      if (mail.missing.length) console.warn(`[notifications] ${event} : variables vides ${mail.missing.join(', ')}`)
      const sent = await sendEmail(
        deps.env,
        { to: [recipient.email], subject: mail.subject, text: mail.text, html: mail.html },
        { fetch: deps.fetch, label: `${event} ${label}` },
      )
      ;(sent.ok ? result.sent : result.failed).push(recipient.email)
    }),
  )
  return result
}

/* ------------------------------------------------------------------------ */
/* Events                                                                    */
/* ------------------------------------------------------------------------ */

/** The invoice both invoice mails (sent, reminder) read, or null when it does not exist. */
async function readInvoice(deps: NotifyDeps, id: string) {
  const { data, error } = await deps.db
    .from('invoices')
    .select('id, client_id, number, status, total_ttc, balance_due, due_date')
    .eq('id', id)
    .maybeSingle()
  if (error) throw new Error(`facture illisible : ${error.message}`)
  return data
}

/** Sends an invoice mail (sent, reminder) to the invoice's client, with the variables both templates use. */
async function deliverInvoiceMail(
  deps: NotifyDeps,
  event: 'invoice_sent' | 'invoice_reminder',
  invoice: NonNullable<Awaited<ReturnType<typeof readInvoice>>>,
): Promise<NotifyResult> {
  return deliver(
    deps,
    event,
    await clientRecipients(deps.db, invoice.client_id as string),
    {
      numero: invoice.number as string,
      montant: formatXOF(invoice.total_ttc as number),
      solde: formatXOF(invoice.balance_due as number),
      echeance: invoice.due_date ? formatDay(invoice.due_date as string) : 'à réception',
      lien: appLink(deps.env, `/factures-devis/${invoice.id}`),
    },
    invoice.number as string,
  )
}

/** quote_sent / invoice_sent: the document just left the draft (it has its number). */
export async function notifyDocumentSent(deps: NotifyDeps, kind: 'facture' | 'devis', id: string): Promise<NotifyResult> {
  if (kind === 'facture') {
    const invoice = await readInvoice(deps, id)
    if (!invoice?.number || invoice.status === 'draft') return nothing('invoice_sent', 'facture introuvable ou brouillon')
    return deliverInvoiceMail(deps, 'invoice_sent', invoice)
  }
  const { data, error } = await deps.db
    .from('quotes')
    .select('id, client_id, number, status, total_ttc, valid_until')
    .eq('id', id)
    .maybeSingle()
  if (error) throw new Error(`devis illisible : ${error.message}`)
  if (!data?.number || data.status === 'draft') return nothing('quote_sent', 'devis introuvable ou brouillon')
  return deliver(
    deps,
    'quote_sent',
    await clientRecipients(deps.db, data.client_id as string),
    {
      numero: data.number as string,
      montant: formatXOF(data.total_ttc as number),
      validite: data.valid_until ? formatDay(data.valid_until as string) : 'sans date limite',
      lien: appLink(deps.env, `/factures-devis/devis/${data.id}`),
    },
    data.number as string,
  )
}

/** Longest excerpt of a reply quoted in the mail. */
export const EXCERPT_LENGTH = 400

export function excerpt(body: string, max = EXCERPT_LENGTH): string {
  const text = body.replace(/\r\n?/g, '\n').trim()
  return text.length <= max ? text : `${text.slice(0, max).trimEnd()}…`
}

/**
 * ticket_reply: a public answer of NOURX (never an internal note). Goes to
 * whoever opened the ticket when that is a client user, else to the members
 * of the ticket's company.
 */
export async function notifyTicketReply(deps: NotifyDeps, ticketId: string, messageId: string): Promise<NotifyResult> {
  const { data: message, error } = await deps.db
    .from('ticket_messages')
    .select('id, ticket_id, body, is_internal, tickets(id, number, subject, client_id, created_by)')
    .eq('id', messageId)
    .eq('ticket_id', ticketId)
    .maybeSingle()
  if (error) throw new Error(`message de réclamation illisible : ${error.message}`)
  if (!message) return nothing('ticket_reply', 'message introuvable')
  if (message.is_internal) return nothing('ticket_reply', 'note interne : pas de mail')
  const ticket = message.tickets as unknown as { id: string; number: number; subject: string; client_id: string; created_by: string | null }
  const members = await clientRecipients(deps.db, ticket.client_id)
  const author = members.find((m) => m.userId === ticket.created_by)
  return deliver(
    deps,
    'ticket_reply',
    author ? [author] : members,
    {
      sujet: ticket.subject,
      extrait: excerpt(message.body as string),
      lien: appLink(deps.env, `/reclamations/${ticket.id}`),
    },
    `n° ${ticket.number}`,
  )
}

/**
 * milestone_delivered: only when this save moved the milestone to
 * "delivered". The status trigger stamps delivered_at with now() on that
 * transition and keeps it on later edits, while updated_at moves on every
 * save: equal timestamps mean "delivered by this very write", so editing
 * a delivered milestone's text does not send the mail again.
 */
export async function notifyMilestoneDelivered(deps: NotifyDeps, milestoneId: string): Promise<NotifyResult> {
  const { data, error } = await deps.db
    .from('milestones')
    .select('id, title, status, delivered_at, updated_at, created_at, projects(title, client_id)')
    .eq('id', milestoneId)
    .maybeSingle()
  if (error) throw new Error(`jalon illisible : ${error.message}`)
  if (!data) return nothing('milestone_delivered', 'jalon introuvable')
  if (data.status !== 'delivered' || !data.delivered_at) return nothing('milestone_delivered', 'jalon non livré')
  const delivered = Date.parse(data.delivered_at as string)
  const justNow = delivered === Date.parse(data.updated_at as string) || delivered === Date.parse(data.created_at as string)
  if (!justNow) return nothing('milestone_delivered', 'jalon déjà livré auparavant')
  const project = data.projects as unknown as { title: string; client_id: string }
  return deliver(
    deps,
    'milestone_delivered',
    await clientRecipients(deps.db, project.client_id),
    { jalon: data.title as string, projet: project.title, lien: appLink(deps.env, `/feuille-de-route#jalon-${data.id}`) },
    data.title as string,
  )
}

/** payment_received: a payment row exists (the database created its receipt with it). */
export async function notifyPaymentReceived(deps: NotifyDeps, paymentId: string): Promise<NotifyResult> {
  const { data, error } = await deps.db
    .from('payments')
    .select('id, amount, client_id, invoice_id, invoices(number), receipts(number)')
    .eq('id', paymentId)
    .maybeSingle()
  if (error) throw new Error(`paiement illisible : ${error.message}`)
  if (!data) return nothing('payment_received', 'paiement introuvable')
  const invoice = data.invoices as unknown as { number: string | null } | null
  const receipts = data.receipts as unknown as { number: string } | { number: string }[] | null
  const receipt = Array.isArray(receipts) ? receipts[0] : receipts
  return deliver(
    deps,
    'payment_received',
    await clientRecipients(deps.db, data.client_id as string),
    {
      numero: invoice?.number ?? '',
      montant: formatXOF(data.amount as number),
      recu: receipt?.number ?? '',
      lien: appLink(deps.env, `/factures-devis/${data.invoice_id}`),
    },
    receipt?.number ?? (data.id as string),
  )
}

/**
 * invoice_reminder: an issued invoice past its due date still has a balance.
 * Called by the daily cron (workers/jobs/invoice-reminders.ts, service role)
 * and by the admin's "Relancer le client" (admin client), each AFTER it
 * recorded the reminder in public.invoice_reminders — the record is what
 * makes the cron idempotent, this function only mails. It re-reads the
 * invoice, so a payment settled in between stops the mail.
 */
export async function notifyInvoiceReminder(deps: NotifyDeps, invoiceId: string): Promise<NotifyResult> {
  const invoice = await readInvoice(deps, invoiceId)
  if (!invoice?.number) return nothing('invoice_reminder', 'facture introuvable ou brouillon')
  if ((invoice.status !== 'sent' && invoice.status !== 'overdue') || (invoice.balance_due as number) <= 0) {
    return nothing('invoice_reminder', 'facture réglée ou annulée')
  }
  return deliverInvoiceMail(deps, 'invoice_reminder', invoice)
}

/** invitation: a new member of a client company gets the link that opens their access. */
export async function sendInvitationMail(
  deps: NotifyDeps,
  invitee: { email: string; fullName: string; companyName: string; link: string },
): Promise<NotifyResult> {
  return deliver(
    deps,
    'invitation',
    [{ userId: null, email: invitee.email, fullName: invitee.fullName }],
    { entreprise: invitee.companyName, lien: invitee.link },
    invitee.email.replace(/^(.).*@/, '$1…@'),
  )
}

/**
 * document_added: a file NOURX shared with the client — today, an attachment
 * the admin adds to a client-visible task (it lands in the client's
 * Documents). Internal files never mail.
 */
export async function notifyDocumentAdded(deps: NotifyDeps, documentId: string): Promise<NotifyResult> {
  const { data, error } = await deps.db
    .from('documents')
    .select('id, client_id, file_name, visibility, projects(title)')
    .eq('id', documentId)
    .maybeSingle()
  if (error) throw new Error(`document illisible : ${error.message}`)
  if (!data) return nothing('document_added', 'document introuvable')
  if (data.visibility !== 'client') return nothing('document_added', 'document interne : pas de mail')
  const project = data.projects as unknown as { title: string } | null
  return deliver(
    deps,
    'document_added',
    await clientRecipients(deps.db, data.client_id as string),
    {
      fichier: data.file_name as string,
      projet: project?.title ?? 'documents de l’entreprise',
      lien: appLink(deps.env, `/documents/${data.id}`),
    },
    data.file_name as string,
  )
}

/**
 * task_comment: a comment NOURX wrote for the client on a client-visible
 * task. Internal notes, and comments on internal tasks, never mail.
 */
export async function notifyTaskComment(deps: NotifyDeps, commentId: string): Promise<NotifyResult> {
  const { data, error } = await deps.db
    .from('task_comments')
    .select('id, body, visibility, tasks(id, title, visibility, projects(title, client_id))')
    .eq('id', commentId)
    .maybeSingle()
  if (error) throw new Error(`commentaire illisible : ${error.message}`)
  if (!data) return nothing('task_comment', 'commentaire introuvable')
  const task = data.tasks as unknown as { id: string; title: string; visibility: string; projects: { title: string; client_id: string } | null } | null
  if (data.visibility !== 'client' || task?.visibility !== 'client' || !task.projects) {
    return nothing('task_comment', 'note interne ou tâche interne : pas de mail')
  }
  return deliver(
    deps,
    'task_comment',
    await clientRecipients(deps.db, task.projects.client_id),
    {
      tache: task.title,
      projet: task.projects.title,
      extrait: excerpt(data.body as string),
      lien: appLink(deps.env, `/taches/${task.id}`),
    },
    task.title,
  )
}
