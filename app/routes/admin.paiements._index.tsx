// Admin › Paiements: the journal of every online payment attempt, newest
// first, filterable by status (with a shortcut to amount/currency mismatches
// and late acceptances, "À vérifier") and searchable by transaction id.
import { AlertTriangleIcon, CreditCardIcon } from 'lucide-react'
import { Link } from 'react-router'
import { ListBusy, ListToolbar, Pagination } from '~/components/admin/list.tsx'
import { AttemptStatus, ATTEMPT_STATUS_LABELS } from '~/components/payments/attempt-status-badge.tsx'
import { EmptyState, PageHeader } from '~/components/shell/page.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '~/components/ui/table.tsx'
import { parseListParams } from '~/lib/admin/list.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { formatDateTime, formatXOF } from '~/lib/format.ts'
import { listAttempts } from '~/lib/payments/admin-journal.server.ts'
import { JOURNAL_PAGE_SIZE, JOURNAL_STATUSES } from '~/lib/payments/journal.ts'
import type { Route } from './+types/admin.paiements._index'

export const meta: Route.MetaFunction = () => [{ title: 'Paiements — Administration NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  const params = parseListParams(new URL(request.url), { sorts: ['created_at'] as const, defaultSort: 'created_at', filters: ['statut'] })
  const status = params.filters.statut ?? null
  const { rows, total, flagged } = await listAttempts(getSupabase(context), { q: params.q, status, page: params.page })
  return { rows, total, flagged, page: params.page, filtered: Boolean(params.q || status) }
}

export default function PaymentsJournal({ loaderData }: Route.ComponentProps) {
  const { rows, total, flagged, page, filtered } = loaderData
  return (
    <>
      <PageHeader
        title="Paiements"
        description="Chaque tentative CinetPay, ses notifications brutes, ses vérifications et la décision prise."
      />
      {flagged > 0 && (
        <Link
          to="?statut=flagged"
          className="mb-4 flex items-center gap-2 rounded-lg border border-warning/40 bg-warning-soft px-4 py-3 text-sm text-warning hover:underline"
        >
          <AlertTriangleIcon className="size-4 shrink-0" aria-hidden="true" />
          {flagged === 1 ? '1 paiement à vérifier' : `${flagged} paiements à vérifier`} (montant ou devise différent, ou confirmé
          après abandon)
        </Link>
      )}
      <ListToolbar
        placeholder="N° de transaction…"
        filters={[
          {
            name: 'statut',
            label: 'Statut',
            options: JOURNAL_STATUSES.map((s) => ({ value: s, label: ATTEMPT_STATUS_LABELS[s]!.label })),
          },
        ]}
      />
      {rows.length === 0 ? (
        <EmptyState icon={CreditCardIcon} title={filtered ? 'Aucun paiement ne correspond' : 'Aucun paiement en ligne pour l’instant'}>
          {filtered ? 'Modifiez la recherche ou le filtre.' : 'Les tentatives apparaissent ici dès qu’un client clique sur « Payer ».'}
        </EmptyState>
      ) : (
        <ListBusy>
          <div className="overflow-x-auto rounded-lg border">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Transaction</TableHead>
                  <TableHead>Statut</TableHead>
                  <TableHead className="hidden text-right sm:table-cell">Montant</TableHead>
                  <TableHead className="hidden md:table-cell">Client · facture</TableHead>
                  <TableHead className="hidden lg:table-cell">Vérifications</TableHead>
                  <TableHead className="hidden sm:table-cell">Créée le</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((a) => (
                  <TableRow key={a.id} data-status={a.status}>
                    <TableCell className="font-mono text-xs whitespace-normal">
                      <Link to={`/admin/paiements/${a.id}`} className="hover:underline">
                        {a.transaction_id}
                      </Link>
                      <div className="mt-1 font-sans text-xs text-muted-foreground sm:hidden">
                        <span className="tabular-nums">{formatXOF(a.amount)}</span> · {a.client?.name ?? '—'}
                      </div>
                      {a.status === 'flagged' && a.failure_reason && (
                        <div className="mt-1 max-w-xs font-sans text-xs whitespace-normal text-warning">{a.failure_reason}</div>
                      )}
                    </TableCell>
                    <TableCell>
                      <AttemptStatus status={a.status} />
                    </TableCell>
                    <TableCell className="hidden text-right tabular-nums sm:table-cell">{formatXOF(a.amount)}</TableCell>
                    <TableCell className="hidden md:table-cell">
                      <div>{a.client?.name ?? '—'}</div>
                      <div className="text-xs text-muted-foreground">{a.invoice?.number ?? 'Facture'}</div>
                    </TableCell>
                    <TableCell className="hidden text-sm lg:table-cell">
                      {a.check_count}
                      {a.last_code && <span className="text-muted-foreground"> · dernier code {a.last_code}</span>}
                    </TableCell>
                    <TableCell className="hidden text-sm text-muted-foreground sm:table-cell">{formatDateTime(a.created_at)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <Pagination page={page} total={total} pageSize={JOURNAL_PAGE_SIZE} />
        </ListBusy>
      )}
    </>
  )
}
