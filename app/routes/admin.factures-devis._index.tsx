import { PlusIcon, ReceiptTextIcon } from 'lucide-react'
import { Link, useLocation } from 'react-router'
import { ListBusy, ListToolbar, Pagination, SortHeader } from '~/components/admin/list.tsx'
import { StatusBadge } from '~/components/admin/status-badge.tsx'
import { EmptyState, PageHeader } from '~/components/shell/page.tsx'
import { buttonVariants } from '~/components/ui/button.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '~/components/ui/table.tsx'
import { BILLING_SORTS, listBillingDocuments } from '~/lib/admin/billing/billing.server.ts'
import { BILLING_FILTERS, QUOTE_STATUS, QUOTE_STATUSES, type DocKind } from '~/lib/admin/billing/schemas.ts'
import { clientOptions } from '~/lib/admin/clients.server.ts'
import { INVOICE_STATUS } from '~/lib/admin/labels.ts'
import { parseListParams, withParams } from '~/lib/admin/list.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { formatShortDate, formatXOF } from '~/lib/format.ts'
import { cn } from '~/lib/utils.ts'
import type { Route } from './+types/admin.factures-devis._index'

export const meta: Route.MetaFunction = () => [{ title: 'Factures & devis — Administration NOURX' }]

/** ?type=devis lists quotes; invoices otherwise. Newest first unless the URL sorts otherwise. */
export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  const params = parseListParams(new URL(request.url), {
    sorts: BILLING_SORTS,
    defaultSort: 'created_at',
    defaultDir: 'desc',
    filters: BILLING_FILTERS,
  })
  const kind: DocKind = params.filters.type === 'devis' ? 'devis' : 'facture'
  const db = getSupabase(context)
  const [{ rows, total }, clients] = await Promise.all([listBillingDocuments(db, kind, params), clientOptions(db)])
  const { type: _type, ...filters } = params.filters
  return { kind, rows, total, clients, page: params.page, filtered: Boolean(params.q || Object.keys(filters).length) }
}

export default function AdminBillingPage({ loaderData }: Route.ComponentProps) {
  const { kind, rows, total, clients, page, filtered } = loaderData
  const location = useLocation()
  const invoice = kind === 'facture'
  const statusMap = invoice ? INVOICE_STATUS : QUOTE_STATUS
  const base = invoice ? '/admin/factures-devis/factures' : '/admin/factures-devis/devis'
  return (
    <>
      <PageHeader
        title="Factures & devis"
        description="Brouillons, envois, paiements et avoirs. Les montants sont calculés par la base."
        actions={
          <>
            <Link to="/admin/factures-devis/nouveau?type=devis" className={buttonVariants({ variant: 'outline' })}>
              <PlusIcon aria-hidden="true" /> Nouveau devis
            </Link>
            <Link to="/admin/factures-devis/nouveau?type=facture" className={buttonVariants()}>
              <PlusIcon aria-hidden="true" /> Nouvelle facture
            </Link>
          </>
        }
      />
      <nav aria-label="Type de document" className="mb-4 flex gap-1 border-b">
        {(['facture', 'devis'] as const).map((k) => (
          <Link
            key={k}
            to={withParams(location.search, { type: k === 'devis' ? 'devis' : null, statut: null, sort: null, dir: null })}
            aria-current={k === kind ? 'page' : undefined}
            className={cn('-mb-px border-b-2 px-3 py-2 text-sm', k === kind ? 'border-foreground font-medium' : 'border-transparent text-muted-foreground hover:text-foreground')}
          >
            {k === 'facture' ? 'Factures' : 'Devis'}
          </Link>
        ))}
      </nav>
      <ListToolbar
        placeholder="Numéro ou objet…"
        filters={[
          {
            name: 'statut',
            label: 'Statut',
            options: invoice
              ? Object.entries(INVOICE_STATUS).map(([value, s]) => ({ value, label: s.label }))
              : QUOTE_STATUSES.map((s) => ({ value: s, label: QUOTE_STATUS[s].label })),
          },
          { name: 'client', label: 'Client', options: clients },
        ]}
      >
        {!invoice && <input type="hidden" name="type" value="devis" />}
      </ListToolbar>
      {rows.length === 0 ? (
        <EmptyState icon={ReceiptTextIcon} title={filtered ? 'Aucun document ne correspond' : invoice ? 'Aucune facture pour l’instant' : 'Aucun devis pour l’instant'}>
          {filtered ? 'Modifiez la recherche ou les filtres.' : 'Créez un brouillon, puis envoyez-le au client.'}
        </EmptyState>
      ) : (
        <ListBusy>
          <div className="rounded-lg border">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>
                    <SortHeader label="Numéro" column="number" />
                  </TableHead>
                  <TableHead>Objet · client</TableHead>
                  <TableHead>Statut</TableHead>
                  <TableHead>
                    <SortHeader label="Émission" column="issue_date" />
                  </TableHead>
                  <TableHead>
                    <SortHeader label={invoice ? 'Échéance' : 'Validité'} column="deadline" />
                  </TableHead>
                  <TableHead className="text-right">
                    <SortHeader label="Total TTC" column="total_ttc" />
                  </TableHead>
                  {invoice && <TableHead className="text-right">Reste dû</TableHead>}
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((d) => (
                  <TableRow key={d.id}>
                    <TableCell className="font-medium whitespace-nowrap tabular-nums">
                      <Link to={`${base}/${d.id}`} className="hover:underline">
                        {d.number ?? 'Brouillon'}
                      </Link>
                    </TableCell>
                    <TableCell className="max-w-72">
                      <Link to={`${base}/${d.id}`} className="block truncate hover:underline">
                        {d.title}
                      </Link>
                      <span className="block truncate text-xs text-muted-foreground">{d.client_name}</span>
                    </TableCell>
                    <TableCell>
                      <StatusBadge map={statusMap} value={d.status} />
                    </TableCell>
                    <TableCell className="text-muted-foreground">{d.issue_date ? formatShortDate(d.issue_date) : '—'}</TableCell>
                    <TableCell className="text-muted-foreground">{d.deadline ? formatShortDate(d.deadline) : '—'}</TableCell>
                    <TableCell className="text-right whitespace-nowrap tabular-nums">{formatXOF(d.total_ttc)}</TableCell>
                    {invoice && (
                      <TableCell className={cn('text-right whitespace-nowrap tabular-nums', (d.balance_due ?? 0) > 0 && d.status !== 'draft' && 'font-medium')}>
                        {d.status === 'draft' ? '—' : formatXOF(d.balance_due ?? 0)}
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <Pagination page={page} total={total} />
        </ListBusy>
      )}
    </>
  )
}
