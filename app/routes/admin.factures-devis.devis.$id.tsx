import { FileTextIcon, ReceiptTextIcon, SendIcon, Trash2Icon } from 'lucide-react'
import { data, Form, Link } from 'react-router'
import { DocumentEditor } from '~/components/admin/billing/document-editor.tsx'
import { DocumentLines, Totals } from '~/components/admin/billing/document-view.tsx'
import { ConfirmAction } from '~/components/admin/confirm.tsx'
import { StatusBadge } from '~/components/admin/status-badge.tsx'
import { PageHeader } from '~/components/shell/page.tsx'
import { Button, buttonVariants } from '~/components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '~/components/ui/card.tsx'
import { formError, intentOf, parseForm, unknownIntent, writeErrorMessage } from '~/lib/admin/action.server.ts'
import { deleteDraft, editorOptions, getAdminQuote, invoiceFromQuote, sendDocument, updateDraft } from '~/lib/admin/billing/billing.server.ts'
import { BillingDocumentSchema, frDecimal, QUOTE_STATUS } from '~/lib/admin/billing/schemas.ts'
import { INVOICE_STATUS } from '~/lib/admin/labels.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getEnv, getSupabase } from '~/lib/context.server.ts'
import { redirectWithFlash } from '~/lib/flash.server.ts'
import { formatDate, formatDateTime, formatXOF } from '~/lib/format.ts'
import type { Route } from './+types/admin.factures-devis.devis.$id'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.quote.number ?? 'Devis brouillon'} — Administration NOURX` }]

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const notFound = () => data({ message: 'Ce devis n’existe pas.' }, { status: 404 })

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  if (!UUID.test(params.id)) throw notFound()
  const db = getSupabase(context)
  const [quote, options] = await Promise.all([getAdminQuote(db, params.id), editorOptions(db)])
  if (!quote) throw notFound()
  return { quote, ...options }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  await requireAdmin({ request, context })
  if (!UUID.test(params.id)) throw notFound()
  const db = getSupabase(context)
  const env = getEnv(context)
  const form = await request.formData()
  const intent = intentOf(form)
  const here = `/admin/factures-devis/devis/${params.id}`

  if (intent === 'save') {
    const submission = parseForm(form, BillingDocumentSchema)
    if (submission.status !== 'success') return data({ intent, result: submission.reply() }, 400)
    try {
      await updateDraft(db, 'devis', params.id, submission.value)
      return redirectWithFlash(here, { kind: 'success', message: 'Brouillon enregistré : totaux recalculés par la base.' }, env)
    } catch (error) {
      const { message, status } = writeErrorMessage(error)
      return data({ intent, result: submission.reply({ formErrors: [message] }) }, status)
    }
  }
  try {
    switch (intent) {
      case 'send': {
        const sent = await sendDocument(db, 'devis', params.id)
        return redirectWithFlash(here, { kind: 'success', message: `Devis ${sent.number} envoyé : le client peut l’accepter ou le refuser.` }, env)
      }
      case 'invoice': {
        const invoice = await invoiceFromQuote(db, params.id)
        return redirectWithFlash(`/admin/factures-devis/factures/${invoice.id}`, { kind: 'success', message: 'Facture brouillon créée depuis le devis.' }, env)
      }
      case 'delete':
        await deleteDraft(db, 'devis', params.id)
        return redirectWithFlash('/admin/factures-devis?type=devis', { kind: 'success', message: 'Brouillon supprimé.' }, env)
      default:
        return unknownIntent()
    }
  } catch (error) {
    return formError(error)
  }
}

type ActionResult = { intent?: string; result?: unknown; formError?: string } | undefined

export default function AdminQuotePage({ loaderData, actionData }: Route.ComponentProps) {
  const { quote, clients, projects } = loaderData
  const result = actionData as ActionResult
  const draft = quote.status === 'draft'
  return (
    <>
      <PageHeader
        title={quote.number ? `Devis ${quote.number}` : 'Devis brouillon'}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge map={QUOTE_STATUS} value={quote.status} />
            <Link to={`/admin/clients/${quote.client_id}`} className="hover:underline">
              {quote.client.name}
            </Link>
            <span>· {quote.title}</span>
          </span>
        }
        actions={
          <div className="flex flex-wrap gap-2">
            <a href={`/api/admin/devis/${quote.id}/pdf?apercu`} target="_blank" rel="noreferrer" className={buttonVariants({ variant: 'outline' })}>
              <FileTextIcon aria-hidden="true" /> Aperçu PDF
            </a>
            {quote.status === 'accepted' && (
              <Form method="post">
                <input type="hidden" name="intent" value="invoice" />
                <Button type="submit">
                  <ReceiptTextIcon aria-hidden="true" /> Créer la facture
                </Button>
              </Form>
            )}
            {draft && (
              <ConfirmAction
                trigger={
                  <Button>
                    <SendIcon aria-hidden="true" /> Envoyer
                  </Button>
                }
                title="Envoyer le devis au client ?"
                description={`Le numéro DEV-… est attribué maintenant et le devis de ${formatXOF(quote.total_ttc)} TTC devient visible pour ${quote.client.name}, qui pourra l’accepter ou le refuser.`}
                intent="send"
                confirmLabel="Envoyer"
                destructive={false}
              />
            )}
          </div>
        }
      />
      {result?.formError && (
        <p role="alert" className="mb-4 text-sm text-danger">
          {result.formError}
        </p>
      )}
      {/* A draft's editor needs the full width; the side cards then follow it. */}
      <div className={draft ? 'flex flex-col gap-6' : 'grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,1.2fr)]'}>
        <div className="flex flex-col gap-6">
          {draft ? (
            <Card>
              <CardHeader>
                <CardTitle>Brouillon</CardTitle>
                <CardDescription>Visible seulement par NOURX.</CardDescription>
              </CardHeader>
              <CardContent>
                <DocumentEditor
                  key={quote.items.map((i) => i.id).join()}
                  kind="devis"
                  intent="save"
                  lastResult={result?.intent === 'save' ? result.result : undefined}
                  clients={clients}
                  projects={projects}
                  defaultValue={{
                    client_id: quote.client_id,
                    project_id: quote.project_id ?? undefined,
                    title: quote.title,
                    vat_rate: frDecimal(quote.vat_rate),
                    deadline: quote.valid_until ?? undefined,
                    notes: quote.notes ?? undefined,
                    terms: quote.terms ?? undefined,
                    items: quote.items.map((i) => ({ label: i.label, description: i.description ?? undefined, quantity: frDecimal(i.quantity), unit_price: String(i.unit_price) })),
                  }}
                  submitLabel="Enregistrer le brouillon"
                />
              </CardContent>
            </Card>
          ) : (
            <Card>
              <CardHeader>
                <CardTitle>{quote.title}</CardTitle>
                <CardDescription>
                  Émis le {quote.issue_date ? formatDate(quote.issue_date) : '—'} · valable jusqu’au {quote.valid_until ? formatDate(quote.valid_until) : '—'}
                  {quote.project_title && ` · ${quote.project_title}`}
                </CardDescription>
              </CardHeader>
              <CardContent className="flex flex-col gap-4">
                <DocumentLines items={quote.items} />
                {quote.notes && <p className="text-sm whitespace-pre-line text-muted-foreground">{quote.notes}</p>}
              </CardContent>
            </Card>
          )}
        </div>
        <div className={draft ? 'grid items-start gap-6 md:grid-cols-2' : 'flex flex-col gap-6'}>
          <Card>
            <CardHeader>
              <CardTitle>Totaux</CardTitle>
              <CardDescription>Calculés par la base.</CardDescription>
            </CardHeader>
            <CardContent>
              <Totals doc={quote} />
            </CardContent>
          </Card>
          {quote.status === 'accepted' && (
            <Card>
              <CardHeader>
                <CardTitle>Bon pour accord</CardTitle>
                <CardDescription>
                  {quote.signer_name} · {quote.accepted_at ? formatDateTime(quote.accepted_at) : ''}
                </CardDescription>
              </CardHeader>
            </Card>
          )}
          {quote.status === 'declined' && (
            <Card>
              <CardHeader>
                <CardTitle>Refusé</CardTitle>
                <CardDescription>
                  {quote.declined_at ? formatDateTime(quote.declined_at) : ''} · {quote.decline_reason}
                </CardDescription>
              </CardHeader>
            </Card>
          )}
          {quote.invoices_all.length > 0 && (
            <Card>
              <CardHeader>
                <CardTitle>Factures issues du devis</CardTitle>
              </CardHeader>
              <CardContent>
                <ul className="flex flex-col gap-2 text-sm">
                  {quote.invoices_all.map((i) => (
                    <li key={i.id} className="flex items-center gap-2">
                      <Link to={`/admin/factures-devis/factures/${i.id}`} className="font-medium hover:underline">
                        {i.number ?? 'Brouillon'}
                      </Link>
                      <StatusBadge map={INVOICE_STATUS} value={i.status} />
                    </li>
                  ))}
                </ul>
              </CardContent>
            </Card>
          )}
          {draft && (
            <Card className="border-destructive/30">
              <CardHeader>
                <CardTitle>Supprimer le brouillon</CardTitle>
                <CardDescription>Il n’a jamais été envoyé.</CardDescription>
              </CardHeader>
              <CardContent>
                <ConfirmAction
                  trigger={
                    <Button variant="destructive">
                      <Trash2Icon aria-hidden="true" /> Supprimer
                    </Button>
                  }
                  title="Supprimer ce devis brouillon ?"
                  description="Il disparaît définitivement."
                  intent="delete"
                  confirmLabel="Supprimer"
                />
              </CardContent>
            </Card>
          )}
        </div>
      </div>
    </>
  )
}
