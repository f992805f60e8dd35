import { ClockIcon, StarIcon } from '~/components/icons.tsx'
import { data, Form, Link, useNavigation } from 'react-router'
import { FormError, TextareaField } from '~/components/forms.tsx'
import { BackLink } from '~/components/shell/page.tsx'
import { AttachmentsInput } from '~/components/tickets/file-input.tsx'
import { AttachmentLinks, Thread } from '~/components/tickets/thread.tsx'
import { TicketStatusBadge } from '~/components/tickets/ticket-badges.tsx'
import { Badge } from '~/components/ui/badge.tsx'
import { Button } from '~/components/ui/button.tsx'
import { requireClient } from '~/lib/auth.server.ts'
import { classifyDbError, isUuid, notFound, unavailable } from '~/lib/billing/errors.server.ts'
import { getEnv, getSupabase } from '~/lib/context.server.ts'
import { redirectWithFlash } from '~/lib/flash.server.ts'
import { formatDateTime } from '~/lib/format.ts'
import { attachFiles } from '~/lib/tickets/attachments.server.ts'
import { CATEGORY_LABEL, isSlaBreached, PRIORITY_LABEL } from '~/lib/tickets/labels.ts'
import { checkAttachments, filesOf } from '~/lib/tickets/attachment-rules.ts'
import { TicketActionSchema } from '~/lib/tickets/schemas.ts'
import { closeTicket, getTicket, postMessage } from '~/lib/tickets/tickets.server.ts'
import { fieldErrors } from '~/lib/validation.ts'
import type { Route } from './+types/_client.reclamations.$id'

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.ticket ? `Réclamation n° ${data.ticket.number}` : 'Réclamation'} — Espace Client NOURX` },
]

const NOT_FOUND = 'Cette réclamation n’existe pas ou ne fait pas partie de votre espace.'

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requireClient({ request, context })
  if (!isUuid(params.id)) notFound(NOT_FOUND)
  const result = await getTicket(getSupabase(context), params.id)
  if (!result.ok) unavailable('reclamation', result.error)
  if (!result.value) notFound(NOT_FOUND)
  return { ticket: result.value, meId: user.id, now: new Date().toISOString() }
}

type State = {
  intent: 'repondre' | 'fermer'
  values: { body?: string; rating?: string; comment?: string }
  errors: Partial<Record<'body' | 'rating' | 'comment' | 'attachments', string[]>>
  formError: string | null
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const user = await requireClient({ request, context })
  if (!isUuid(params.id)) notFound(NOT_FOUND)
  const form = await request.formData()
  const intent = form.get('intent') === 'fermer' ? 'fermer' : 'repondre'
  const values = { body: String(form.get('body') ?? ''), rating: String(form.get('rating') ?? ''), comment: String(form.get('comment') ?? '') }
  const parsed = TicketActionSchema.safeParse({ intent: form.get('intent'), ...values })
  const files = intent === 'repondre' ? filesOf(form, 'attachments') : []
  const fileProblem = checkAttachments(files)
  if (!parsed.success || fileProblem) {
    const errors: State['errors'] = parsed.success ? {} : fieldErrors(parsed.error)
    if (fileProblem) errors.attachments = [fileProblem]
    return data<State>({ intent, values, errors, formError: null }, { status: 400 })
  }
  const supabase = getSupabase(context)
  const env = getEnv(context)
  const here = `/reclamations/${params.id}`

  if (parsed.data.intent === 'fermer') {
    const { error } = await closeTicket(supabase, params.id, parsed.data.rating, parsed.data.comment)
    if (error) {
      const problem = classifyDbError(error, 'close_ticket')
      if (problem.kind === 'not_found') notFound(NOT_FOUND)
      const message = problem.kind === 'rule' || problem.kind === 'unexpected' ? problem.message : 'Action refusée.'
      return data<State>({ intent, values, errors: {}, formError: message }, { status: problem.kind === 'rule' ? 409 : 500 })
    }
    return redirectWithFlash(here, { kind: 'success', message: 'Réclamation fermée. Merci pour votre note !' }, env)
  }

  // A reply needs the ticket (company and project for the attachments' folder); RLS says whether it exists.
  const ticket = await getTicket(supabase, params.id)
  if (!ticket.ok) unavailable('reclamation:reponse', ticket.error)
  if (!ticket.value) notFound(NOT_FOUND)
  const posted = await postMessage(supabase, user.id, params.id, parsed.data.body)
  if (!posted.ok) {
    return data<State>({ intent, values, errors: {}, formError: posted.message }, { status: posted.kind === 'rule' ? 409 : 500 })
  }
  if (files.length > 0) {
    const attached = await attachFiles(
      supabase,
      { userId: user.id, clientId: ticket.value.client_id, projectId: ticket.value.project_id, ticketId: params.id, messageId: posted.messageId },
      files,
    )
    if (!attached.ok) return redirectWithFlash(here, { kind: 'error', message: `Message envoyé, mais ${attached.message}` }, env)
  }
  return redirectWithFlash(here, { kind: 'success', message: 'Message envoyé.' }, env)
}

export default function Reclamation({ loaderData, actionData }: Route.ComponentProps) {
  const { ticket, meId, now } = loaderData
  const navigation = useNavigation()
  const submitting = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
  const reply = actionData?.intent === 'repondre' ? actionData : undefined
  const close = actionData?.intent === 'fermer' ? actionData : undefined
  const late = isSlaBreached(ticket, new Date(now))
  const canWrite = ticket.status !== 'closed'
  return (
    <>
      <BackLink to="/reclamations">Réclamations</BackLink>
      <header className="mb-6 flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm text-muted-foreground tabular-nums">n° {ticket.number}</span>
          <TicketStatusBadge status={ticket.status} />
          <Badge variant="outline">{CATEGORY_LABEL[ticket.category]}</Badge>
          <Badge variant="outline">Priorité {PRIORITY_LABEL[ticket.priority].toLowerCase()}</Badge>
        </div>
        <h1 className="text-2xl font-semibold tracking-tight text-balance">{ticket.subject}</h1>
        <dl className="flex flex-col gap-1 text-sm sm:flex-row sm:flex-wrap sm:gap-x-6">
          {ticket.project_title && (
            <div className="flex gap-1.5">
              <dt className="text-muted-foreground">Projet :</dt>
              <dd>{ticket.project_title}</dd>
            </div>
          )}
          <div className="flex gap-1.5">
            <dt className="text-muted-foreground">Ouverte le :</dt>
            <dd>{formatDateTime(ticket.created_at)}</dd>
          </div>
          {ticket.payment_attempt && (
            <div className="flex gap-1.5">
              <dt className="text-muted-foreground">Transaction :</dt>
              <dd className="tabular-nums">
                <Link className="underline underline-offset-4" to={`/factures-devis/${ticket.payment_attempt.invoice_id}`}>
                  {ticket.payment_attempt.transaction_id}
                </Link>
              </dd>
            </div>
          )}
        </dl>
        {ticket.sla_due_at && ticket.status !== 'closed' && ticket.status !== 'resolved' && (
          <p className={late ? 'flex items-center gap-2 text-sm text-danger' : 'flex items-center gap-2 text-sm'} data-testid="sla">
            <ClockIcon className="size-4 shrink-0" aria-hidden="true" />
            {ticket.first_response_at
              ? `Première réponse de NOURX le ${formatDateTime(ticket.first_response_at)} (${
                  Date.parse(ticket.first_response_at) > Date.parse(ticket.sla_due_at) ? 'après le délai prévu' : 'dans le délai prévu'
                }, le ${formatDateTime(ticket.sla_due_at)}).`
              : late
                ? `Délai de réponse dépassé depuis le ${formatDateTime(ticket.sla_due_at)} : NOURX revient vers vous au plus vite.`
                : `Réponse de NOURX attendue avant le ${formatDateTime(ticket.sla_due_at)}.`}
          </p>
        )}
      </header>

      <div className="flex flex-col gap-6">
        <section aria-label="Messages" className="rounded-xl border p-4 sm:p-5">
          <Thread ticketId={ticket.id} messages={ticket.messages} meId={meId} />
          <AttachmentLinks ticketId={ticket.id} attachments={ticket.attachments} />
        </section>

        {ticket.status === 'resolved' && (
          <section aria-labelledby="fermer-titre" className="rounded-xl border p-4 sm:p-5">
            <h2 id="fermer-titre" className="font-semibold">
              NOURX considère votre demande comme résolue
            </h2>
            <p className="mt-1 text-sm text-muted-foreground">
              Si c’est bien le cas, fermez-la et notez notre réponse. Sinon, répondez ci-dessous : elle sera rouverte.
            </p>
            <Form method="post" className="mt-4 flex flex-col gap-4" aria-label="Fermer la réclamation">
              <input type="hidden" name="intent" value="fermer" />
              <FormError message={close?.formError} />
              <fieldset className="flex flex-col gap-2">
                <legend className="text-sm font-medium">Votre note</legend>
                <div className="flex gap-1">
                  {[1, 2, 3, 4, 5].map((n) => (
                    <label key={n} className="cursor-pointer">
                      <input type="radio" name="rating" value={n} className="peer sr-only" defaultChecked={close?.values.rating === String(n)} required />
                      <span className="flex h-10 w-10 items-center justify-center rounded-md border text-sm peer-checked:border-foreground peer-checked:bg-foreground peer-checked:text-background peer-focus-visible:ring-[3px] peer-focus-visible:ring-ring/40">
                        <span className="sr-only">{n} sur 5</span>
                        <span aria-hidden="true" className="flex items-center gap-0.5">
                          {n}
                          <StarIcon className="size-3" />
                        </span>
                      </span>
                    </label>
                  ))}
                </div>
                {close?.errors.rating && <p className="text-sm text-destructive">{close.errors.rating[0]}</p>}
              </fieldset>
              <TextareaField
                label="Commentaire (facultatif)"
                errors={close?.errors.comment}
                textareaProps={{ name: 'comment', rows: 2, maxLength: 2000, defaultValue: close?.values.comment ?? '' }}
              />
              <Button type="submit" className="w-full sm:w-fit" disabled={submitting === 'fermer'}>
                {submitting === 'fermer' ? 'Fermeture…' : 'Fermer la réclamation'}
              </Button>
            </Form>
          </section>
        )}

        {ticket.status === 'closed' && (
          <section className="rounded-xl border p-4 text-sm sm:p-5" aria-label="Réclamation fermée">
            <p>
              Réclamation fermée{ticket.closed_at ? ` le ${formatDateTime(ticket.closed_at)}` : ''}.
              {ticket.rating !== null && ` Votre note : ${ticket.rating}/5.`}
            </p>
            {ticket.rating_comment && <p className="mt-1 text-muted-foreground">« {ticket.rating_comment} »</p>}
            <p className="mt-2">
              Un nouveau besoin ?{' '}
              <Link className="underline underline-offset-4" to="/reclamations/nouvelle">
                Ouvrez une nouvelle réclamation
              </Link>
              .
            </p>
          </section>
        )}

        {canWrite && (
          <section aria-labelledby="repondre-titre" className="rounded-xl border p-4 sm:p-5">
            <h2 id="repondre-titre" className="mb-3 font-semibold">
              Répondre
            </h2>
            <Form method="post" encType="multipart/form-data" className="flex flex-col gap-4" aria-label="Répondre">
              <input type="hidden" name="intent" value="repondre" />
              <FormError message={reply?.formError} />
              <TextareaField
                label="Votre message"
                errors={reply?.errors.body}
                textareaProps={{ name: 'body', rows: 4, required: true, maxLength: 10000, defaultValue: reply?.values.body ?? '' }}
              />
              <AttachmentsInput serverError={reply?.errors.attachments?.[0]} />
              <Button type="submit" className="w-full sm:w-fit" disabled={submitting === 'repondre'}>
                {submitting === 'repondre' ? 'Envoi…' : 'Envoyer'}
              </Button>
            </Form>
          </section>
        )}
      </div>
    </>
  )
}
