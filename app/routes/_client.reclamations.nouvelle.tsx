import { data, Form, Link, useNavigation } from 'react-router'
import { FormError, TextareaField } from '~/components/forms.tsx'
import { TextField } from '~/components/text-field.tsx'
import { BackLink, PageHeader } from '~/components/shell/page.tsx'
import { AttachmentsInput } from '~/components/tickets/file-input.tsx'
import { SelectField } from '~/components/select-field.tsx'
import { Button } from '~/components/ui/button.tsx'
import { requireClient } from '~/lib/auth.server.ts'
import { isUuid, unavailable } from '~/lib/billing/errors.server.ts'
import { getEnv, getSupabase } from '~/lib/context.server.ts'
import { redirectWithFlash } from '~/lib/flash.server.ts'
import { getClientProjects } from '~/lib/projects.server.ts'
import { attachFiles } from '~/lib/tickets/attachments.server.ts'
import { CATEGORY_LABEL, PRIORITY_LABEL, TICKET_CATEGORIES, TICKET_PRIORITIES } from '~/lib/tickets/labels.ts'
import { checkAttachments, filesOf } from '~/lib/tickets/attachment-rules.ts'
import { CreateTicketSchema } from '~/lib/tickets/schemas.ts'
import { createTicket, getPaymentContext, getTicketFormOptions } from '~/lib/tickets/tickets.server.ts'
import { fieldErrors } from '~/lib/validation.ts'
import type { Route } from './+types/_client.reclamations.nouvelle'

export const meta: Route.MetaFunction = () => [{ title: 'Nouvelle réclamation — Espace Client NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireClient({ request, context })
  const supabase = getSupabase(context)
  const invoiceId = new URL(request.url).searchParams.get('facture')
  const [options, projects, payment] = await Promise.all([
    getTicketFormOptions(supabase, user.id),
    getClientProjects(request, context),
    isUuid(invoiceId ?? undefined) ? getPaymentContext(supabase, invoiceId!) : Promise.resolve(null),
  ])
  if (!options.ok) unavailable('reclamations:nouvelle', options.error)
  return {
    projects: options.value.projects.map(({ id, title }) => ({ id, title })),
    needsProject: options.value.clientIds.length > 1,
    defaults: payment
      ? {
          subject: `Paiement de la facture ${payment.number ?? ''}`.trim(),
          category: 'payment',
          priority: 'high',
          projectId: payment.projectId ?? '',
          paymentAttemptId: payment.attempt?.id ?? '',
          transactionId: payment.attempt?.transaction_id ?? null,
        }
      : { subject: '', category: 'question', priority: 'normal', projectId: projects.current?.id ?? '', paymentAttemptId: '', transactionId: null },
  }
}

type Fields = 'subject' | 'projectId' | 'category' | 'priority' | 'description' | 'paymentAttemptId' | 'attachments'

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireClient({ request, context })
  const form = await request.formData()
  const values = {
    subject: String(form.get('subject') ?? ''),
    projectId: String(form.get('projectId') ?? ''),
    category: String(form.get('category') ?? ''),
    priority: String(form.get('priority') ?? ''),
    description: String(form.get('description') ?? ''),
    paymentAttemptId: String(form.get('paymentAttemptId') ?? ''),
  }
  const parsed = CreateTicketSchema.safeParse(values)
  const files = filesOf(form, 'attachments')
  const fileProblem = checkAttachments(files)
  if (!parsed.success || fileProblem) {
    const errors: Partial<Record<Fields, string[]>> = parsed.success ? {} : fieldErrors<Fields>(parsed.error)
    if (fileProblem) errors.attachments = [fileProblem]
    return data({ values, errors, formError: null as string | null }, { status: 400 })
  }
  const supabase = getSupabase(context)
  const options = await getTicketFormOptions(supabase, user.id)
  if (!options.ok) unavailable('reclamations:creation', options.error)
  const created = await createTicket(supabase, user.id, options.value, parsed.data)
  if (!created.ok) {
    const errors: Partial<Record<Fields, string[]>> = created.field ? { [created.field]: [created.message] } : {}
    return data({ values, errors, formError: created.field ? null : created.message }, { status: created.field ? 400 : 500 })
  }
  const env = getEnv(context)
  const to = `/reclamations/${created.ticketId}`
  if (files.length > 0) {
    const attached = await attachFiles(
      supabase,
      { userId: user.id, clientId: created.clientId, projectId: created.projectId, ticketId: created.ticketId, messageId: created.messageId },
      files,
    )
    if (!attached.ok) {
      return redirectWithFlash(to, { kind: 'error', message: `Réclamation enregistrée, mais ${attached.message} Joignez-le à nouveau depuis la conversation.` }, env)
    }
  }
  return redirectWithFlash(to, { kind: 'success', message: 'Réclamation envoyée : NOURX vous répond ici.' }, env)
}

export default function NouvelleReclamation({ loaderData, actionData }: Route.ComponentProps) {
  const { projects, needsProject, defaults } = loaderData
  const values = actionData?.values
  const errors = actionData?.errors
  const submitting = useNavigation().state === 'submitting'
  return (
    <>
      <BackLink to="/reclamations">Réclamations</BackLink>
      <PageHeader title="Nouvelle réclamation" description="Décrivez votre demande : NOURX vous répond dans les délais affichés." />
      <Form method="post" encType="multipart/form-data" className="flex max-w-2xl flex-col gap-5" aria-label="Nouvelle réclamation">
        <FormError message={actionData?.formError} />
        <input type="hidden" name="paymentAttemptId" value={values?.paymentAttemptId ?? defaults.paymentAttemptId} />
        {defaults.transactionId && (
          <p className="rounded-md bg-neutral-soft px-3 py-2 text-sm">
            Transaction concernée : <strong className="tabular-nums">{defaults.transactionId}</strong>
          </p>
        )}
        <FormError message={errors?.paymentAttemptId?.[0]} />
        <TextField
          label="Objet"
          errors={errors?.subject}
          inputProps={{ name: 'subject', required: true, minLength: 3, maxLength: 200, defaultValue: values?.subject ?? defaults.subject }}
        />
        <div className="grid gap-5 sm:grid-cols-3">
          <SelectField
            label="Projet"
            errors={errors?.projectId}
            options={[
              ...(needsProject ? [] : [{ value: '', label: 'Aucun projet en particulier' }]),
              ...projects.map((p) => ({ value: p.id, label: p.title })),
            ]}
            selectProps={{ name: 'projectId', defaultValue: values?.projectId ?? defaults.projectId }}
          />
          <SelectField
            label="Catégorie"
            errors={errors?.category}
            options={TICKET_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABEL[c] }))}
            selectProps={{ name: 'category', defaultValue: values?.category ?? defaults.category }}
          />
          <SelectField
            label="Priorité"
            errors={errors?.priority}
            options={TICKET_PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABEL[p] }))}
            selectProps={{ name: 'priority', defaultValue: values?.priority ?? defaults.priority }}
          />
        </div>
        <TextareaField
          label="Description"
          description="Ce qui se passe, où, depuis quand ; pour un paiement : date, montant et opérateur."
          errors={errors?.description}
          textareaProps={{ name: 'description', required: true, minLength: 10, maxLength: 10000, rows: 6, defaultValue: values?.description ?? '' }}
        />
        <AttachmentsInput serverError={errors?.attachments?.[0]} />
        <div className="flex gap-3">
          <Button type="submit" disabled={submitting}>
            {submitting ? 'Envoi…' : 'Envoyer la réclamation'}
          </Button>
          <Button asChild variant="ghost">
            <Link to="/reclamations">Annuler</Link>
          </Button>
        </div>
      </Form>
    </>
  )
}
