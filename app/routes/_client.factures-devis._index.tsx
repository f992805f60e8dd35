import { ChevronRightIcon, ReceiptTextIcon } from '~/components/icons.tsx'
import { Link, useNavigation } from 'react-router'
import { InvoiceStatusBadge, QuoteStatusBadge } from '~/components/billing/status-badge.tsx'
import { EmptyState, PageHeader } from '~/components/shell/page.tsx'
import { SkeletonRows } from '~/components/ui/skeleton-rows.tsx'
import { requireClient } from '~/lib/auth.server.ts'
import { unavailable } from '~/lib/billing/errors.server.ts'
import { listBillingDocuments, type BillingRow } from '~/lib/billing/list-documents.server.ts'
import { parseBillingFilters, type BillingFilters } from '~/lib/billing/schemas.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { formatDay, formatXOF, plural } from '~/lib/format.ts'
import { cn } from '~/lib/utils.ts'
import type { Route } from './+types/_client.factures-devis._index'

export const meta: Route.MetaFunction = () => [{ title: 'Factures & devis — Espace Client NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireClient({ request, context })
  const filters = parseBillingFilters(new URL(request.url))
  const result = await listBillingDocuments(getSupabase(context), filters)
  if (!result.ok) unavailable('factures-devis', result.error)
  return { filters, ...result.list }
}

const TYPE_TABS: Array<{ value: BillingFilters['type']; label: string }> = [
  { value: 'tout', label: 'Tout' },
  { value: 'factures', label: 'Factures' },
  { value: 'devis', label: 'Devis' },
]
const STATUS_CHIPS: Array<{ value: BillingFilters['statut']; label: string }> = [
  { value: 'tous', label: 'Tous les statuts' },
  { value: 'a-regler', label: 'À régler' },
  { value: 'a-valider', label: 'Devis à valider' },
  { value: 'reglees', label: 'Payées / acceptés' },
  { value: 'closes', label: 'Annulées, refusés, expirés' },
]

function hrefFor(filters: BillingFilters, change: Partial<BillingFilters>) {
  const next = { ...filters, ...change }
  const params = new URLSearchParams()
  if (next.type !== 'tout') params.set('type', next.type)
  if (next.statut !== 'tous') params.set('statut', next.statut)
  const query = params.toString()
  return query ? `/factures-devis?${query}` : '/factures-devis'
}

export default function FacturesDevis({ loaderData }: Route.ComponentProps) {
  const { filters, rows, summary } = loaderData
  const navigation = useNavigation()
  // Filters and the way into a document both show placeholders while the next page loads.
  const pending = navigation.state === 'loading' && navigation.location.pathname.startsWith('/factures-devis')
  return (
    <>
      <PageHeader title="Factures & devis" description="Vos devis à valider, vos factures et vos paiements." />

      <section aria-label="Résumé" className="mb-6 grid gap-3 sm:grid-cols-2">
        <div className={cn('rounded-xl border p-4', summary.overdueCount > 0 && 'border-danger/40')}>
          <p className="text-sm text-muted-foreground">Reste à payer</p>
          <p className="mt-1 text-2xl font-semibold tabular-nums">{formatXOF(summary.dueTotal)}</p>
          <p className="mt-1 text-sm text-muted-foreground">
            {summary.dueCount === 0
              ? 'Aucune facture en attente de paiement.'
              : `${plural(summary.dueCount, 'facture')} à régler${summary.overdueCount > 0 ? `, dont ${summary.overdueCount} en retard` : ''}.`}
          </p>
        </div>
        <div className="rounded-xl border p-4">
          <p className="text-sm text-muted-foreground">Devis à valider</p>
          <p className="mt-1 text-2xl font-semibold tabular-nums">{summary.quotesToAnswer}</p>
          <p className="mt-1 text-sm text-muted-foreground">
            {summary.quotesToAnswer === 0 ? 'Aucun devis n’attend votre réponse.' : 'Ouvrez un devis pour l’accepter ou le refuser.'}
          </p>
        </div>
      </section>

      <nav aria-label="Filtres" className="mb-4 flex flex-col gap-3">
        <div className="inline-flex h-10 w-fit items-center rounded-lg bg-muted p-1 text-sm">
          {TYPE_TABS.map((tab) => (
            <Link
              key={tab.value}
              to={hrefFor(filters, { type: tab.value })}
              aria-current={filters.type === tab.value ? 'page' : undefined}
              preventScrollReset
              className={cn(
                'flex h-full items-center rounded-md px-3 font-medium text-muted-foreground',
                filters.type === tab.value && 'bg-background text-foreground shadow-sm',
              )}
            >
              {tab.label}
            </Link>
          ))}
        </div>
        <div className="-mx-1 flex gap-2 overflow-x-auto px-1 pb-1">
          {STATUS_CHIPS.map((chip) => (
            <Link
              key={chip.value}
              to={hrefFor(filters, { statut: chip.value })}
              aria-current={filters.statut === chip.value ? 'true' : undefined}
              preventScrollReset
              className={cn(
                'shrink-0 rounded-full border px-3 py-1 text-sm whitespace-nowrap text-muted-foreground hover:bg-accent',
                filters.statut === chip.value && 'border-foreground bg-foreground text-background hover:bg-foreground',
              )}
            >
              {chip.label}
            </Link>
          ))}
        </div>
      </nav>

      {pending ? (
        <SkeletonRows />
      ) : rows.length === 0 ? (
        <EmptyState icon={ReceiptTextIcon} title={filters.type === 'tout' && filters.statut === 'tous' ? 'Aucune facture ni aucun devis' : 'Aucun document pour ces filtres'}>
          {filters.type === 'tout' && filters.statut === 'tous'
            ? 'Les devis et factures que NOURX vous envoie apparaîtront ici.'
            : 'Essayez un autre filtre pour retrouver vos documents.'}
        </EmptyState>
      ) : (
        <ul className="flex flex-col gap-2" aria-label="Documents">
          {rows.map((row) => (
            <DocumentRow key={`${row.kind}-${row.id}`} row={row} />
          ))}
        </ul>
      )}
    </>
  )
}

function DocumentRow({ row }: { row: BillingRow }) {
  const href = row.kind === 'invoice' ? `/factures-devis/${row.id}` : `/factures-devis/devis/${row.id}`
  const kindLabel = row.kind === 'invoice' ? 'Facture' : 'Devis'
  const dateLine =
    row.kind === 'invoice'
      ? row.due_date && (row.status === 'sent' || row.status === 'overdue')
        ? `Échéance : ${formatDay(row.due_date)}`
        : row.issue_date
          ? `Émise le ${formatDay(row.issue_date)}`
          : null
      : row.valid_until && row.status === 'sent'
        ? `Valable jusqu’au ${formatDay(row.valid_until)}`
        : row.issue_date
          ? `Émis le ${formatDay(row.issue_date)}`
          : null
  return (
    <li>
      <Link
        to={href}
        className="flex items-center gap-3 rounded-xl border p-4 transition-colors hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/40 focus-visible:outline-none"
      >
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span className="text-xs font-medium text-muted-foreground uppercase">{kindLabel}</span>
            <span className="text-sm font-medium tabular-nums">{row.number ?? '—'}</span>
            {row.kind === 'invoice' ? <InvoiceStatusBadge status={row.status} /> : <QuoteStatusBadge status={row.status} />}
          </div>
          <p className="line-clamp-2 font-medium">{row.title}</p>
          <p className="text-sm text-muted-foreground">
            {[row.project_title, dateLine].filter(Boolean).join(' · ')}
          </p>
        </div>
        <div className="flex shrink-0 flex-col items-end gap-1 text-right">
          <span className="font-semibold whitespace-nowrap tabular-nums">{formatXOF(row.total_ttc)}</span>
          {row.kind === 'invoice' && row.balance_due > 0 && row.balance_due !== row.total_ttc && (
            <span className="text-xs whitespace-nowrap text-muted-foreground tabular-nums">Reste {formatXOF(row.balance_due)}</span>
          )}
        </div>
        <ChevronRightIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
      </Link>
    </li>
  )
}
