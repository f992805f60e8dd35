// The parts of the admin quote page and invoice page that are the same:
// the header (status, client, object, PDF preview, the page's own buttons),
// the draft editor card fed from the saved document, and the totals card.
// Each route keeps only what is its own (payments, credit note, answer…).
import { FileTextIcon, SendIcon } from 'lucide-react'
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { DocumentEditor } from '~/components/admin/billing/document-editor.tsx'
import { Totals } from '~/components/admin/billing/document-view.tsx'
import { ConfirmAction } from '~/components/admin/confirm.tsx'
import { PageHeader } from '~/components/shell/page.tsx'
import { Button, buttonVariants } from '~/components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '~/components/ui/card.tsx'
import { frDecimal, type DocKind } from '~/lib/admin/billing/schemas.ts'
import type { LineItem } from '~/lib/billing/get-document.server.ts'

type Option = { value: string; label: string }

export function DocumentPageHeader({
  title,
  badge,
  doc,
  pdfHref,
  children,
}: {
  title: string
  badge: ReactNode
  doc: { client_id: string; client: { name: string }; title: string }
  pdfHref: string
  children?: ReactNode
}) {
  return (
    <PageHeader
      title={title}
      description={
        <span className="flex flex-wrap items-center gap-2">
          {badge}
          <Link to={`/admin/clients/${doc.client_id}`} className="hover:underline">
            {doc.client.name}
          </Link>
          <span>· {doc.title}</span>
        </span>
      }
      actions={
        <div className="flex flex-wrap gap-2">
          <a href={pdfHref} target="_blank" rel="noreferrer" className={buttonVariants({ variant: 'outline' })}>
            <FileTextIcon aria-hidden="true" /> Aperçu PDF
          </a>
          {children}
        </div>
      }
    />
  )
}

/** The editor of a draft, prefilled from the saved document (decimal commas, as the admin types them). */
export function DraftEditorCard({
  kind,
  description,
  doc,
  deadline,
  terms,
  clients,
  projects,
  lastResult,
}: {
  kind: DocKind
  description: string
  doc: { client_id: string; project_id: string | null; title: string; vat_rate: number; notes: string | null; items: LineItem[] }
  deadline: string | null
  terms?: string | null
  clients: Option[]
  projects: (Option & { client_id: string })[]
  lastResult: unknown
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Brouillon</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>
        <DocumentEditor
          // A save that changed the lines remounts the editor on the saved ones.
          key={doc.items.map((i) => i.id).join()}
          kind={kind}
          intent="save"
          lastResult={lastResult}
          clients={clients}
          projects={projects}
          defaultValue={{
            client_id: doc.client_id,
            project_id: doc.project_id ?? undefined,
            title: doc.title,
            vat_rate: frDecimal(doc.vat_rate),
            deadline: deadline ?? undefined,
            notes: doc.notes ?? undefined,
            ...(kind === 'devis' ? { terms: terms ?? undefined } : {}),
            items: doc.items.map((i) => ({ label: i.label, description: i.description ?? undefined, quantity: frDecimal(i.quantity), unit_price: String(i.unit_price) })),
          }}
          submitLabel="Enregistrer le brouillon"
        />
      </CardContent>
    </Card>
  )
}

export function TotalsCard({ doc, description }: { doc: Parameters<typeof Totals>[0]['doc']; description: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Totaux</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>
        <Totals doc={doc} />
      </CardContent>
    </Card>
  )
}

/** "Envoyer", confirmed: the number is assigned and the client sees the document from then on. */
export function SendDocumentButton({ title, description }: { title: string; description: string }) {
  return (
    <ConfirmAction
      trigger={
        <Button>
          <SendIcon aria-hidden="true" /> Envoyer
        </Button>
      }
      title={title}
      description={description}
      intent="send"
      confirmLabel="Envoyer"
      destructive={false}
    />
  )
}
