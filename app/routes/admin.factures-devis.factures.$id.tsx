import { BanIcon, CopyIcon, FileTextIcon, Trash2Icon } from 'lucide-react'
import { data, Form, useNavigation } from 'react-router'
import { DocumentPageHeader, DraftEditorCard, SendDocumentButton, TotalsCard } from '~/components/admin/billing/document-page.tsx'
import { CancelInvoiceDialog, DocumentLines } from '~/components/admin/billing/document-view.tsx'
import { InvoiceRemindersCard } from '~/components/admin/billing/invoice-reminders.tsx'
import { ManualPaymentForm } from '~/components/admin/billing/payment-form.tsx'
import { ConfirmAction } from '~/components/admin/confirm.tsx'
import { StatusBadge } from '~/components/admin/status-badge.tsx'
import { Button, buttonVariants } from '~/components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '~/components/ui/card.tsx'
import { parseForm, writeErrorMessage } from '~/lib/admin/action.server.ts'
import { cancelInvoice, duplicateInvoice, getAdminInvoice, recordManualPayment } from '~/lib/admin/billing/billing.server.ts'
import { documentAction, loadDocumentPage } from '~/lib/admin/billing/detail-route.server.ts'
import { canRemind, listInvoiceReminders, remindInvoiceClient, remindMessage } from '~/lib/admin/billing/invoice-reminders.server.ts'
import { CancelSchema, ManualPaymentSchema, PAYMENT_METHOD_LABEL } from '~/lib/admin/billing/schemas.ts'
import { AdminWriteError } from '~/lib/admin/db.ts'
import { INVOICE_STATUS } from '~/lib/admin/labels.ts'
import { fileFrom } from '~/lib/admin/tasks/upload.server.ts'
import { getEnv, getSupabase } from '~/lib/context.server.ts'
import { formatDate, formatDateTime, formatShortDate, formatXOF } from '~/lib/format.ts'
import { notifyAfter } from '~/lib/notifications/background.server.ts'
import type { Route } from './+types/admin.factures-devis.factures.$id'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.invoice.number ?? 'Facture brouillon'} — Administration NOURX` }]

export async function loader(args: Route.LoaderArgs) {
  const { doc: invoice, options } = await loadDocumentPage(args, 'facture', getAdminInvoice)
  // A draft was never sent, so it has no reminders to show.
  const reminders = invoice.status === 'draft' ? [] : await listInvoiceReminders(getSupabase(args.context), invoice.id)
  const today = new Date().toISOString().slice(0, 10)
  // Computed here: the .server module it lives in is not shipped to the browser.
  return { invoice, ...options, reminders, remindable: canRemind(invoice, today), today }
}

/** Save, send and delete are shared with the quote page; an invoice adds payment, duplicate and cancel. */
export async function action(args: Route.ActionArgs) {
  return documentAction(args, 'facture', {
    payment: async ({ db, id, form }) => {
      const submission = parseForm(form, ManualPaymentSchema)
      if (submission.status !== 'success') return data({ intent: 'payment', result: submission.reply() }, 400)
      try {
        const invoice = await getAdminInvoice(db, id)
        if (!invoice) throw new AdminWriteError('Facture introuvable.', 'not_found', 404)
        const payment = await recordManualPayment(db, invoice, submission.value, fileFrom(form, 'proof'))
        notifyAfter(args.context, { type: 'payment_recorded', paymentId: payment.id })
        return { intent: 'payment', ok: true, message: 'Paiement enregistré ; le reçu est émis.' }
      } catch (error) {
        const { message, status } = writeErrorMessage(error)
        return data({ intent: 'payment', result: submission.reply({ formErrors: [message] }) }, status)
      }
    },
    duplicate: async ({ db, id, redirectTo }) => {
      const copy = await duplicateInvoice(db, id)
      return redirectTo(`/admin/factures-devis/factures/${copy.id}`, 'Copie créée en brouillon.')
    },
    // "Relancer le client" (overdue with a balance; the database refuses the rest in French).
    remind: async ({ db, id, here, redirectTo }) =>
      redirectTo(here, remindMessage(await remindInvoiceClient({ db, env: getEnv(args.context) }, id))),
    cancel: async ({ db, id, form }) => {
      const parsed = CancelSchema.safeParse({ reason: form.get('reason') })
      if (!parsed.success) return data({ formError: parsed.error.issues[0].message }, 400)
      await cancelInvoice(db, id, parsed.data.reason)
      return { ok: true }
    },
  })
}

type ActionResult = { intent?: string; result?: unknown; formError?: string } | undefined

export default function AdminInvoicePage({ loaderData, actionData }: Route.ComponentProps) {
  const { invoice, clients, projects, reminders, remindable, today } = loaderData
  const result = actionData as ActionResult
  const draft = invoice.status === 'draft'
  const payable = invoice.status === 'sent' || invoice.status === 'overdue'
  const navigation = useNavigation()
  return (
    <>
      <DocumentPageHeader
        title={invoice.number ? `Facture ${invoice.number}` : 'Facture brouillon'}
        badge={<StatusBadge map={INVOICE_STATUS} value={invoice.status} />}
        doc={invoice}
        pdfHref={`/api/admin/factures/${invoice.id}/pdf?apercu`}
      >
        <Form method="post">
          <input type="hidden" name="intent" value="duplicate" />
          <Button type="submit" variant="outline" disabled={navigation.state === 'submitting'}>
            <CopyIcon aria-hidden="true" /> Dupliquer
          </Button>
        </Form>
        {draft && (
          <SendDocumentButton
            title="Envoyer la facture au client ?"
            description={`Le numéro FAC-… est attribué maintenant et la facture de ${formatXOF(invoice.total_ttc)} TTC devient visible pour ${invoice.client.name}. Elle ne sera plus modifiable (correction par avoir).`}
          />
        )}
      </DocumentPageHeader>
      {/* "Dupliquer" posts with the page's form: its refusal shows here (the dialogs show their own). */}
      {result?.formError && (
        <p role="alert" className="mb-4 text-sm text-danger">
          {result.formError}
        </p>
      )}
      {/* A draft's editor needs the full width; the side cards then follow it. */}
      <div className={draft ? 'flex flex-col gap-6' : 'grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,1.2fr)]'}>
        <div className="flex flex-col gap-6">
          {draft ? (
            <DraftEditorCard
              kind="facture"
              description="Visible seulement par NOURX. Les totaux à droite sont ceux de la base, après enregistrement."
              doc={invoice}
              deadline={invoice.due_date}
              clients={clients}
              projects={projects}
              lastResult={result?.intent === 'save' ? result.result : undefined}
            />
          ) : (
            <Card>
              <CardHeader>
                <CardTitle>{invoice.title}</CardTitle>
                <CardDescription>
                  Émise le {invoice.issue_date ? formatDate(invoice.issue_date) : '—'} · échéance {invoice.due_date ? formatDate(invoice.due_date) : '—'}
                  {invoice.project_title && ` · ${invoice.project_title}`}
                  {invoice.quote?.number && ` · devis ${invoice.quote.number}`}
                </CardDescription>
              </CardHeader>
              <CardContent className="flex flex-col gap-4">
                <DocumentLines items={invoice.items} />
                {invoice.notes && <p className="text-sm whitespace-pre-line text-muted-foreground">{invoice.notes}</p>}
              </CardContent>
            </Card>
          )}
          {!draft && (
            <Card>
              <CardHeader>
                <CardTitle>Paiements</CardTitle>
                <CardDescription>En ligne (CinetPay) ou enregistrés à la main ; chaque paiement émet un reçu.</CardDescription>
              </CardHeader>
              <CardContent className="flex flex-col gap-5">
                {invoice.payments_admin.length === 0 ? (
                  <p className="text-sm text-muted-foreground">Aucun paiement pour l’instant.</p>
                ) : (
                  <ul className="divide-y rounded-lg border text-sm">
                    {invoice.payments_admin.map((p) => (
                      <li key={p.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 p-3">
                        <span className="font-medium tabular-nums">{formatXOF(p.amount)}</span>
                        <span>{PAYMENT_METHOD_LABEL[p.method] ?? p.method}</span>
                        <span className="text-muted-foreground">{formatShortDate(p.paid_at)}</span>
                        {p.reference && <span className="text-muted-foreground">réf. {p.reference}</span>}
                        {p.receipt_number && <span className="text-muted-foreground">reçu {p.receipt_number}</span>}
                        {p.proof_document_id && (
                          <a href={`/api/admin/documents/${p.proof_document_id}`} target="_blank" rel="noreferrer" className="underline">
                            Justificatif
                          </a>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
                {payable && invoice.balance_due > 0 && (
                  <div className="rounded-lg bg-muted/40 p-4">
                    <h3 className="mb-3 text-sm font-medium">Enregistrer un virement ou des espèces</h3>
                    <ManualPaymentForm key={invoice.balance_due} balanceDue={invoice.balance_due} today={today} />
                  </div>
                )}
              </CardContent>
            </Card>
          )}
        </div>
        <div className={draft ? 'grid items-start gap-6 md:grid-cols-2' : 'flex flex-col gap-6'}>
          <TotalsCard doc={invoice} description="Calculés par la base : identiques à ceux du client et du PDF." />
          {!draft && (reminders.length > 0 || remindable) && (
            <InvoiceRemindersCard
              reminders={reminders}
              canRemind={remindable}
              clientName={invoice.client.name}
              balanceDue={invoice.balance_due}
            />
          )}
          {invoice.credit_note && (
            <Card>
              <CardHeader>
                <CardTitle>Avoir {invoice.credit_note.number}</CardTitle>
                <CardDescription>
                  Émis le {formatDateTime(invoice.credit_note.issued_at)} pour {formatXOF(invoice.credit_note.amount)}
                </CardDescription>
              </CardHeader>
              <CardContent className="flex flex-col items-start gap-3 text-sm">
                <p>Motif : {invoice.credit_note.reason}</p>
                <a href={`/api/admin/factures/${invoice.id}/avoir?apercu`} target="_blank" rel="noreferrer" className={buttonVariants({ variant: 'outline', size: 'sm' })}>
                  <FileTextIcon aria-hidden="true" /> PDF de l’avoir
                </a>
              </CardContent>
            </Card>
          )}
          {invoice.status === 'canceled' && !invoice.credit_note && invoice.cancel_reason && (
            <Card>
              <CardHeader>
                <CardTitle>Brouillon annulé</CardTitle>
                <CardDescription>{invoice.cancel_reason}</CardDescription>
              </CardHeader>
            </Card>
          )}
          {(draft || payable) && invoice.amount_paid === 0 && (
            <Card className="border-destructive/30">
              <CardHeader>
                <CardTitle>{draft ? 'Abandonner le brouillon' : 'Annuler la facture'}</CardTitle>
                <CardDescription>
                  {draft ? 'Supprimez-le, ou annulez-le pour en garder la trace.' : 'Une facture émise ne se modifie pas : elle s’annule par un avoir total.'}
                </CardDescription>
              </CardHeader>
              <CardContent className="flex flex-wrap gap-2">
                <CancelInvoiceDialog
                  issued={!draft}
                  trigger={
                    <Button variant="destructive">
                      <BanIcon aria-hidden="true" /> {draft ? 'Annuler' : 'Annuler par un avoir'}
                    </Button>
                  }
                />
                {draft && (
                  <ConfirmAction
                    trigger={
                      <Button variant="outline">
                        <Trash2Icon aria-hidden="true" /> Supprimer
                      </Button>
                    }
                    title="Supprimer ce brouillon ?"
                    description="Il n’a jamais été envoyé : il disparaît définitivement."
                    intent="delete"
                    confirmLabel="Supprimer"
                  />
                )}
              </CardContent>
            </Card>
          )}
        </div>
      </div>
    </>
  )
}
