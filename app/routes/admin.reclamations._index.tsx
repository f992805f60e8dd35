import { LifeBuoyIcon } from 'lucide-react'
import { Link, useLocation } from 'react-router'
import { ListBusy, ListToolbar, Pagination, SortHeader } from '~/components/admin/list.tsx'
import { StatusBadge } from '~/components/admin/status-badge.tsx'
import { SlaDeadline } from '~/components/admin/tickets/sla.tsx'
import { EmptyState, PageHeader } from '~/components/shell/page.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '~/components/ui/table.tsx'
import { clientOptions } from '~/lib/admin/clients.server.ts'
import { PRIORITY, TICKET_STATUS } from '~/lib/admin/labels.ts'
import { parseListParams, withParams } from '~/lib/admin/list.ts'
import { CATEGORY_LABEL, GROUP_LABEL, isLate, TICKET_CATEGORIES, TICKET_FILTERS, TICKET_PRIORITIES, type StatusGroup } from '~/lib/admin/tickets/schemas.ts'
import { groupOf, listAdminTickets, TICKET_SORTS } from '~/lib/admin/tickets/tickets.server.ts'
import { taskFormOptions } from '~/lib/admin/tasks/tasks.server.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { formatShortDate } from '~/lib/format.ts'
import { cn } from '~/lib/utils.ts'
import type { Route } from './+types/admin.reclamations._index'

export const meta: Route.MetaFunction = () => [{ title: 'Réclamations — Administration NOURX' }]

/** The inbox: open tickets, nearest SLA deadline first (late ones on top), unless the URL says otherwise. */
export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  const params = parseListParams(new URL(request.url), {
    sorts: TICKET_SORTS,
    defaultSort: 'sla_due_at',
    defaultDir: 'asc',
    filters: TICKET_FILTERS,
  })
  const db = getSupabase(context)
  const now = new Date()
  const [{ rows, total }, clients, { staff }] = await Promise.all([listAdminTickets(db, params, now), clientOptions(db), taskFormOptions(db)])
  const { etat: _etat, ...filters } = params.filters
  return {
    rows,
    total,
    clients,
    staff,
    group: groupOf(params.filters.etat),
    page: params.page,
    now: now.getTime(),
    filtered: Boolean(params.q || Object.keys(filters).length),
  }
}

const GROUPS: StatusGroup[] = ['ouvertes', 'resolues', 'fermees', 'toutes']

export default function AdminTicketsPage({ loaderData }: Route.ComponentProps) {
  const { rows, total, clients, staff, group, page, now, filtered } = loaderData
  const location = useLocation()
  const late = rows.filter((r) => isLate(r, now)).length
  return (
    <>
      <PageHeader title="Réclamations" description="Les demandes des clients, l’échéance SLA la plus proche en premier." />
      <nav aria-label="État des réclamations" className="mb-4 flex flex-wrap gap-1 border-b">
        {GROUPS.map((g) => (
          <Link
            key={g}
            to={withParams(location.search, { etat: g === 'ouvertes' ? null : g })}
            aria-current={g === group ? 'page' : undefined}
            className={cn('-mb-px border-b-2 px-3 py-2 text-sm', g === group ? 'border-foreground font-medium' : 'border-transparent text-muted-foreground hover:text-foreground')}
          >
            {GROUP_LABEL[g]}
          </Link>
        ))}
      </nav>
      <ListToolbar
        placeholder="Objet ou n° de réclamation…"
        filters={[
          { name: 'priorite', label: 'Priorité', options: TICKET_PRIORITIES.map((p) => ({ value: p, label: PRIORITY[p].label })) },
          { name: 'categorie', label: 'Catégorie', options: TICKET_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABEL[c] })) },
          { name: 'client', label: 'Client', options: clients },
          { name: 'assigne', label: 'Assignée à', options: [{ value: 'aucun', label: 'Personne' }, ...staff] },
          { name: 'retard', label: 'SLA', options: [{ value: '1', label: 'En retard seulement' }] },
        ]}
      >
        {group !== 'ouvertes' && <input type="hidden" name="etat" value={group} />}
      </ListToolbar>
      {rows.length === 0 ? (
        <EmptyState icon={LifeBuoyIcon} title={filtered ? 'Aucune réclamation ne correspond' : group === 'ouvertes' ? 'Aucune réclamation à traiter' : 'Aucune réclamation'}>
          {filtered ? 'Modifiez la recherche ou les filtres.' : 'Les réclamations des clients arrivent ici.'}
        </EmptyState>
      ) : (
        <ListBusy>
          {late > 0 && (
            <p role="status" className="mb-3 text-sm font-medium text-danger">
              {late} réclamation{late > 1 ? 's' : ''} de cette page en retard sur le SLA.
            </p>
          )}
          <div className="rounded-lg border">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead className="w-20">
                    <SortHeader label="N°" column="number" />
                  </TableHead>
                  <TableHead>Objet</TableHead>
                  <TableHead>Client</TableHead>
                  <TableHead>
                    <SortHeader label="Priorité" column="priority" />
                  </TableHead>
                  <TableHead>Statut</TableHead>
                  <TableHead>
                    <SortHeader label="Échéance SLA" column="sla_due_at" />
                  </TableHead>
                  <TableHead className="hidden xl:table-cell">
                    <SortHeader label="Dernier message" column="last_message_at" />
                  </TableHead>
                  <TableHead className="hidden lg:table-cell">Assignée à</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((t) => {
                  const overdue = isLate(t, now)
                  return (
                    <TableRow key={t.id} data-late={overdue || undefined} className={cn(overdue && 'bg-danger-soft/40')}>
                      <TableCell className="text-muted-foreground tabular-nums">{t.number}</TableCell>
                      <TableCell className="max-w-sm font-medium">
                        <Link to={`/admin/reclamations/${t.id}`} className="hover:underline">
                          {t.subject}
                        </Link>
                        <span className="block text-xs font-normal text-muted-foreground">
                          {CATEGORY_LABEL[t.category as keyof typeof CATEGORY_LABEL] ?? t.category}
                          {!t.first_response_at && t.status !== 'closed' && ' · sans réponse'}
                        </span>
                      </TableCell>
                      <TableCell className="text-muted-foreground">{t.client_name}</TableCell>
                      <TableCell>
                        <StatusBadge map={PRIORITY} value={t.priority} />
                      </TableCell>
                      <TableCell>
                        <StatusBadge map={TICKET_STATUS} value={t.status} />
                      </TableCell>
                      <TableCell className="text-sm">
                        <SlaDeadline ticket={t} now={now} />
                      </TableCell>
                      <TableCell className="hidden text-muted-foreground xl:table-cell">{t.last_message_at ? formatShortDate(t.last_message_at) : '—'}</TableCell>
                      <TableCell className="hidden text-muted-foreground lg:table-cell">{t.assignee ?? '—'}</TableCell>
                    </TableRow>
                  )
                })}
              </TableBody>
            </Table>
          </div>
          <Pagination page={page} total={total} />
        </ListBusy>
      )}
    </>
  )
}
