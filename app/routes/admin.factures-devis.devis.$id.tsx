import { ReceiptTextIcon, Trash2Icon } from 'lucide-react'
import { Form, Link } from 'react-router'
import { DocumentPageHeader, DraftEditorCard, SendDocumentButton, TotalsCard } from '~/components/admin/billing/document-page.tsx'
import { DocumentLines } from '~/components/admin/billing/document-view.tsx'
import { ConfirmAction } from '~/components/admin/confirm.tsx'
import { StatusBadge } from '~/components/admin/status-badge.tsx'
import { Button } from '~/components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '~/components/ui/card.tsx'
import { getAdminQuote, invoiceFromQuote } from '~/lib/admin/billing/billing.server.ts'
import { documentAction, loadDocumentPage } from '~/lib/admin/billing/detail-route.server.ts'
import { QUOTE_STATUS } from '~/lib/admin/billing/schemas.ts'
import { INVOICE_STATUS } from '~/lib/admin/labels.ts'
import { formatDate, formatDateTime, formatXOF } from '~/lib/format.ts'
import type { Route } from './+types/admin.factures-devis.devis.$id'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.quote.number ?? 'Devis brouillon'} — Administration NOURX` }]

export async function loader(args: Route.LoaderArgs) {
  const { doc: quote, options } = await loadDocumentPage(args, 'devis', getAdminQuote)
  return { quote, ...options }
}

/** Save, send and delete are shared with the invoice page; a quote adds "create the invoice". */
export async function action(args: Route.ActionArgs) {
  return documentAction(args, 'devis', {
    invoice: async ({ db, id, redirectTo }) => {
      const invoice = await invoiceFromQuote(db, id)
      return redirectTo(`/admin/factures-devis/factures/${invoice.id}`, 'Facture brouillon créée depuis le devis.')
    },
  })
}

type ActionResult = { intent?: string; result?: unknown; formError?: string } | undefined

export default function AdminQuotePage({ loaderData, actionData }: Route.ComponentProps) {
  const { quote, clients, projects } = loaderData
  const result = actionData as ActionResult
  const draft = quote.status === 'draft'
  return (
    <>
      <DocumentPageHeader
        title={quote.number ? `Devis ${quote.number}` : 'Devis brouillon'}
        badge={<StatusBadge map={QUOTE_STATUS} value={quote.status} />}
        doc={quote}
        pdfHref={`/api/admin/devis/${quote.id}/pdf?apercu`}
      >
        {quote.status === 'accepted' && (
          <Form method="post">
            <input type="hidden" name="intent" value="invoice" />
            <Button type="submit">
              <ReceiptTextIcon aria-hidden="true" /> Créer la facture
            </Button>
          </Form>
        )}
        {draft && (
          <SendDocumentButton
            title="Envoyer le devis au client ?"
            description={`Le numéro DEV-… est attribué maintenant et le devis de ${formatXOF(quote.total_ttc)} TTC devient visible pour ${quote.client.name}, qui pourra l’accepter ou le refuser.`}
          />
        )}
      </DocumentPageHeader>
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
              kind="devis"
              description="Visible seulement par NOURX."
              doc={quote}
              deadline={quote.valid_until}
              terms={quote.terms}
              clients={clients}
              projects={projects}
              lastResult={result?.intent === 'save' ? result.result : undefined}
            />
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
          <TotalsCard doc={quote} description="Calculés par la base." />
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
