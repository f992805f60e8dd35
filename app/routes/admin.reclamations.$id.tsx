import { FileIcon, LockIcon } from 'lucide-react'
import { useEffect, useRef } from 'react'
import { data, Form, Link, useNavigation } from 'react-router'
import { FormError, useZodForm, ZSelect, ZTextarea } from '~/components/admin/form.tsx'
import { StatusBadge } from '~/components/admin/status-badge.tsx'
import { SlaDeadline } from '~/components/admin/tickets/sla.tsx'
import { AttachmentsInput } from '~/components/tickets/file-input.tsx'
import { PageHeader } from '~/components/shell/page.tsx'
import { Badge } from '~/components/ui/badge.tsx'
import { Button } from '~/components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '~/components/ui/card.tsx'
import { intentOf, parseForm, unknownIntent, writeErrorMessage } from '~/lib/admin/action.server.ts'
import { PAYMENT_ATTEMPT_STATUS, PRIORITY, TICKET_STATUS } from '~/lib/admin/labels.ts'
import { taskFormOptions } from '~/lib/admin/tasks/tasks.server.ts'
import { CATEGORY_LABEL, ReplySchema, TICKET_PRIORITIES, TICKET_STATUSES, TicketUpdateSchema } from '~/lib/admin/tickets/schemas.ts'
import { attachToReply, getAdminTicket, replyToTicket, slaSettings, updateTicket } from '~/lib/admin/tickets/tickets.server.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { formatBytes } from '~/lib/format.ts'
import { formatDateTime, formatXOF } from '~/lib/format.ts'
import { checkAttachments, filesOf } from '~/lib/tickets/attachment-rules.ts'
import { notifyAfter } from '~/lib/notifications/background.server.ts'
import { cn } from '~/lib/utils.ts'
import type { Route } from './+types/admin.reclamations.$id'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data ? `n° ${data.ticket.number} · ${data.ticket.subject}` : 'Réclamation'} — Administration NOURX` }]

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const notFound = () => data({ message: 'Cette réclamation n’existe pas.' }, { status: 404 })

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  if (!UUID.test(params.id)) throw notFound()
  const db = getSupabase(context)
  const [ticket, { staff }, sla] = await Promise.all([getAdminTicket(db, params.id), taskFormOptions(db), slaSettings(db)])
  if (!ticket) throw notFound()
  return { ticket, staff, sla, now: Date.now() }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const admin = await requireAdmin({ request, context })
  if (!UUID.test(params.id)) throw notFound()
  const db = getSupabase(context)
  const form = await request.formData()
  const intent = intentOf(form)
  const schema = intent === 'reply' ? ReplySchema : intent === 'update' ? TicketUpdateSchema : null
  if (!schema) return unknownIntent()
  const submission = parseForm(form, schema)
  // A reply's files: the client portal's rules (count, 25 Mo, types), its French messages.
  const files = intent === 'reply' ? filesOf(form, 'attachments') : []
  const fileProblem = checkAttachments(files)
  if (submission.status !== 'success' || fileProblem) {
    return data({ intent, result: submission.reply(), attachmentsError: fileProblem }, 400)
  }
  try {
    if (intent === 'reply') {
      const value = submission.value as { internal: boolean; body: string; next_status?: (typeof TICKET_STATUSES)[number] }
      const message = await replyToTicket(db, params.id, value)
      let notice = value.internal ? 'Note interne ajoutée.' : 'Réponse envoyée au client.'
      if (files.length > 0) {
        const attached = await attachToReply(db, { userId: admin.id, ticketId: params.id, messageId: message.id, internal: value.internal }, files)
        if (!attached.ok) notice = `${value.internal ? 'Note ajoutée' : 'Réponse envoyée'}, mais ${attached.message}`
      }
      if (!value.internal && message) notifyAfter(context, { type: 'ticket_reply', ticketId: params.id, messageId: message.id as string })
      return { intent, ok: true, message: notice, result: submission.reply({ resetForm: true }) }
    }
    await updateTicket(db, params.id, submission.value as Parameters<typeof updateTicket>[2])
    return { intent, ok: true, message: 'Réclamation mise à jour.' }
  } catch (error) {
    const { message, status } = writeErrorMessage(error)
    return data({ intent, result: submission.reply({ formErrors: [message] }) }, status)
  }
}

type ActionResult = { intent?: string; result?: unknown; ok?: boolean; message?: string; attachmentsError?: string | null } | undefined
const statusOptions = TICKET_STATUSES.map((s) => ({ value: s, label: TICKET_STATUS[s].label }))

export default function AdminTicketPage({ loaderData, actionData }: Route.ComponentProps) {
  const { ticket, staff, sla, now } = loaderData
  const result = actionData as ActionResult
  return (
    <>
      <PageHeader
        title={ticket.subject}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="tabular-nums">n° {ticket.number}</span>
            <StatusBadge map={TICKET_STATUS} value={ticket.status} />
            <StatusBadge map={PRIORITY} value={ticket.priority} />
            <span>
              {ticket.client_name} · {CATEGORY_LABEL[ticket.category as keyof typeof CATEGORY_LABEL] ?? ticket.category}
            </span>
          </span>
        }
        actions={
          <Link to="/admin/reclamations" className="inline-flex h-10 items-center rounded-md border px-4 text-sm font-medium hover:bg-accent">
            Boîte de réception
          </Link>
        }
      />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,1.3fr)]">
        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle>Conversation</CardTitle>
              <CardDescription>Les notes internes (fond hachuré) ne sont jamais visibles par le client.</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-4">
              {ticket.attachments.length > 0 && <Files files={ticket.attachments} />}
              <ol className="flex flex-col gap-3" aria-label="Messages">
                {ticket.messages.map((m) => (
                  <li
                    key={m.id}
                    data-internal={m.is_internal || undefined}
                    className={cn(
                      'rounded-lg border p-4 text-sm',
                      m.is_internal ? 'border-dashed border-warning/50 bg-warning-soft/50' : m.from_nourx ? 'bg-muted/50' : 'bg-background',
                    )}
                  >
                    <div className="mb-1.5 flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                      <span className="font-medium text-foreground">{m.author_name}</span>
                      {m.from_nourx ? <span>NOURX</span> : <span>{ticket.client_name}</span>}
                      <span>· {formatDateTime(m.created_at)}</span>
                      {m.is_internal && (
                        <Badge variant="warning">
                          <LockIcon aria-hidden="true" /> Note interne
                        </Badge>
                      )}
                    </div>
                    <p className="whitespace-pre-line">{m.body}</p>
                    {m.attachments.length > 0 && <Files files={m.attachments} />}
                  </li>
                ))}
              </ol>
              {ticket.messages.length === 0 && <p className="text-sm text-muted-foreground">Aucun message.</p>}
              <ReplyForm
                lastResult={result?.intent === 'reply' ? result.result : undefined}
                notice={result?.intent === 'reply' && result.ok ? result.message : undefined}
                attachmentsError={result?.intent === 'reply' ? result.attachmentsError : undefined}
                // A new message empties the file picker (its list of chosen files is React state).
                sent={ticket.messages.length}
                status={ticket.status}
                closed={ticket.status === 'closed'}
              />
            </CardContent>
          </Card>
        </div>
        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle>Suivi</CardTitle>
              {result?.intent === 'update' && result.ok && <CardDescription role="status">{result.message}</CardDescription>}
            </CardHeader>
            <CardContent className="flex flex-col gap-5">
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
                <dt className="text-muted-foreground">Échéance SLA</dt>
                <dd>
                  <SlaDeadline ticket={ticket} now={now} />
                  <span className="block text-xs text-muted-foreground">
                    {PRIORITY[ticket.priority as keyof typeof PRIORITY]?.label} : {sla[ticket.priority as keyof typeof sla]} h après l’ouverture
                  </span>
                </dd>
                <dt className="text-muted-foreground">Ouverte le</dt>
                <dd>
                  {formatDateTime(ticket.created_at)}
                  {ticket.created_by_name && <span className="block text-xs text-muted-foreground">par {ticket.created_by_name}</span>}
                </dd>
                <dt className="text-muted-foreground">1re réponse</dt>
                <dd>{ticket.first_response_at ? formatDateTime(ticket.first_response_at) : 'Pas encore'}</dd>
                {ticket.project && (
                  <>
                    <dt className="text-muted-foreground">Projet</dt>
                    <dd>
                      <Link to={`/admin/projets/${ticket.project.id}`} className="hover:underline">
                        {ticket.project.title}
                      </Link>
                    </dd>
                  </>
                )}
                {ticket.payment_attempt && (
                  <>
                    <dt className="text-muted-foreground">Transaction</dt>
                    <dd>
                      <Link to={`/admin/paiements?q=${ticket.payment_attempt.transaction_id}`} className="font-mono text-xs hover:underline">
                        {ticket.payment_attempt.transaction_id}
                      </Link>
                      <span className="ml-2">
                        <StatusBadge map={PAYMENT_ATTEMPT_STATUS} value={ticket.payment_attempt.status} />
                      </span>
                      <span className="block text-xs text-muted-foreground">{formatXOF(ticket.payment_attempt.amount)}</span>
                    </dd>
                  </>
                )}
                {ticket.rating !== null && (
                  <>
                    <dt className="text-muted-foreground">Satisfaction</dt>
                    <dd>
                      {ticket.rating} / 5{ticket.rating_comment && <span className="block text-xs text-muted-foreground">« {ticket.rating_comment} »</span>}
                    </dd>
                  </>
                )}
              </dl>
              <UpdateForm
                // Remount when the ticket changes (a reply may move its status): never resubmit stale values.
                key={`${ticket.status}:${ticket.priority}:${ticket.assigned_to ?? ''}`}
                lastResult={result?.intent === 'update' ? result.result : undefined}
                staff={staff}
                defaultValue={{ status: ticket.status, priority: ticket.priority, assigned_to: ticket.assigned_to ?? undefined }}
              />
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  )
}

function Files({ files }: { files: { document_id: string; file_name: string; size_bytes: number }[] }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-2" aria-label="Pièces jointes">
      {files.map((f) => (
        <li key={f.document_id}>
          <a href={`/api/admin/documents/${f.document_id}`} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1.5 rounded-md border bg-background px-2 py-1 text-sm hover:bg-accent">
            <FileIcon className="size-4" aria-hidden="true" />
            {f.file_name} <span className="text-muted-foreground">{formatBytes(f.size_bytes)}</span>
          </a>
        </li>
      ))}
    </ul>
  )
}

function ReplyForm({
  lastResult,
  notice,
  attachmentsError,
  sent,
  status,
  closed,
}: {
  lastResult: unknown
  notice?: string
  attachmentsError?: string | null
  sent: number
  status: string
  closed: boolean
}) {
  const { form, fields, formProps } = useZodForm(ReplySchema, { id: 'reply', lastResult })
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'reply'
  const ref = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (notice) ref.current?.reset()
  }, [notice])
  const nextOptions = [{ value: '', label: 'Ne pas changer' }, ...statusOptions.filter((o) => o.value !== status)]
  return (
    <Form method="post" encType="multipart/form-data" {...formProps} ref={ref} className="flex flex-col gap-3 border-t pt-4">
      <input type="hidden" name="intent" value="reply" />
      <FormError message={form.errors?.[0]} />
      {notice && (
        <p role="status" className="text-sm text-success">
          {notice}
        </p>
      )}
      <ZTextarea field={fields.body} label={closed ? 'Note interne (la réclamation est fermée)' : 'Votre réponse'} rows={5} />
      <AttachmentsInput key={sent} serverError={attachmentsError} />
      <p className="-mt-1 text-xs text-muted-foreground">Les fichiers d’une note interne restent internes, comme la note.</p>
      <div className="flex flex-wrap items-end gap-4">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name={fields.internal.name} value="on" defaultChecked={closed} className="size-4 accent-primary" />
          Note interne (jamais visible par le client)
        </label>
        <div className="w-56">
          <ZSelect field={fields.next_status} label="Puis passer en" options={nextOptions} />
        </div>
        <Button type="submit" className="ml-auto" disabled={busy}>
          {busy ? 'Envoi…' : 'Envoyer'}
        </Button>
      </div>
    </Form>
  )
}

function UpdateForm({ lastResult, staff, defaultValue }: { lastResult: unknown; staff: { value: string; label: string }[]; defaultValue: Record<string, unknown> }) {
  const { form, fields, formProps } = useZodForm(TicketUpdateSchema, { id: 'ticket-update', lastResult, defaultValue })
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'update'
  return (
    <Form method="post" {...formProps} className="flex flex-col gap-4 border-t pt-4">
      <input type="hidden" name="intent" value="update" />
      <FormError message={form.errors?.[0]} />
      <ZSelect field={fields.status} label="Statut" options={statusOptions} />
      <ZSelect
        field={fields.priority}
        label="Priorité"
        options={TICKET_PRIORITIES.map((p) => ({ value: p, label: PRIORITY[p].label }))}
        description="Changer la priorité recalcule l’échéance SLA."
      />
      <ZSelect field={fields.assigned_to} label="Assignée à" options={staff} placeholder="Personne" />
      <Button type="submit" variant="outline" className="self-start" disabled={busy}>
        {busy ? 'Enregistrement…' : 'Mettre à jour'}
      </Button>
    </Form>
  )
}
