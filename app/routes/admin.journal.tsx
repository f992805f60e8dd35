import { ScrollTextIcon } from 'lucide-react'
import { Form, Link, useLocation } from 'react-router'
import { AuditDiff } from '~/components/admin/audit-diff.tsx'
import { ListBusy, ListToolbar, Pagination, SortHeader } from '~/components/admin/list.tsx'
import { StatusBadge } from '~/components/admin/status-badge.tsx'
import { EmptyState, PageHeader } from '~/components/shell/page.tsx'
import { Button } from '~/components/ui/button.tsx'
import { Input } from '~/components/ui/input.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '~/components/ui/table.tsx'
import { journalFilterOptions, JOURNAL_FILTERS, JOURNAL_SORTS, listAudit } from '~/lib/admin/journal.server.ts'
import { AUDIT_ACTION, ENTITY_LABEL } from '~/lib/admin/labels.ts'
import { parseListParams } from '~/lib/admin/list.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { formatDateTime } from '~/lib/format.ts'
import type { Route } from './+types/admin.journal'

export const meta: Route.MetaFunction = () => [{ title: 'Journal d’audit — Administration NOURX' }]

/** Admin pages of the entities that have one. */
const ENTITY_PAGE: Record<string, string> = { clients: '/admin/clients/', projects: '/admin/projets/', prospects: '/admin/prospects/' }

const ROLE_LABEL: Record<string, string> = { admin: 'NOURX', client: 'Client', service_role: 'Système (service)', system: 'Système' }

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  const params = parseListParams(new URL(request.url), { sorts: JOURNAL_SORTS, defaultSort: 'occurred_at', defaultDir: 'desc', filters: JOURNAL_FILTERS })
  const db = getSupabase(context)
  const [{ entries, total }, options] = await Promise.all([listAudit(db, params), journalFilterOptions(db)])
  return { entries, total, options, page: params.page, filtered: Boolean(params.q || Object.keys(params.filters).length) }
}

export default function JournalPage({ loaderData }: Route.ComponentProps) {
  const { entries, total, options, page, filtered } = loaderData
  const location = useLocation()
  const params = new URLSearchParams(location.search)
  return (
    <>
      <PageHeader title="Journal d’audit" description="Chaque création, modification et suppression, avec son auteur et le détail des changements." />
      <ListToolbar
        placeholder="Identifiant de l’élément…"
        filters={[
          { name: 'entite', label: 'Élément', options: Object.entries(ENTITY_LABEL).map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'fr')) },
          { name: 'action', label: 'Action', options: Object.entries(AUDIT_ACTION).map(([value, a]) => ({ value, label: a.label })) },
          { name: 'acteur', label: 'Auteur', options: options.actors },
          { name: 'client', label: 'Client', options: options.clients },
        ]}
      />
      <Form method="get" className="-mt-2 mb-4 flex flex-wrap items-end gap-2 text-sm">
        {[...params.entries()]
          .filter(([k]) => k !== 'du' && k !== 'au' && k !== 'page')
          .map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
        <label className="flex flex-col gap-1">
          <span className="text-muted-foreground">Du</span>
          <Input type="date" name="du" defaultValue={params.get('du') ?? ''} className="w-40" />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-muted-foreground">Au</span>
          <Input type="date" name="au" defaultValue={params.get('au') ?? ''} className="w-40" />
        </label>
        <Button type="submit" variant="outline">
          Appliquer les dates
        </Button>
      </Form>
      {entries.length === 0 ? (
        <EmptyState icon={ScrollTextIcon} title={filtered ? 'Aucune entrée ne correspond' : 'Le journal est vide'}>
          {filtered ? 'Modifiez les filtres.' : 'Les modifications apparaîtront ici.'}
        </EmptyState>
      ) : (
        <ListBusy>
          {/* Phones: one card per entry; the table needs a laptop's width. */}
          <ul className="flex flex-col gap-3 md:hidden">
            {entries.map((e) => (
              <li key={e.id} className="flex flex-col gap-2 rounded-lg border p-3">
                <div className="flex flex-wrap items-center gap-1.5">
                  <StatusBadge map={AUDIT_ACTION} value={e.action} />
                  <span className="font-medium">{ENTITY_LABEL[e.entity] ?? e.entity}</span>
                  {e.client_name && <span className="text-xs text-muted-foreground">· {e.client_name}</span>}
                </div>
                <div className="text-xs text-muted-foreground">
                  {formatDateTime(e.occurred_at)} · {e.actor_name ?? (e.actor_id ? 'Utilisateur supprimé' : '—')} ({ROLE_LABEL[e.actor_role] ?? e.actor_role})
                </div>
                <AuditDiff diff={e.diff} action={e.action} />
              </li>
            ))}
          </ul>
          <div className="hidden rounded-lg border md:block">
            <Table className="table-fixed">
              <TableHeader>
                <TableRow>
                  <TableHead className="w-40">
                    <SortHeader label="Date" column="occurred_at" />
                  </TableHead>
                  <TableHead className="w-44">Auteur</TableHead>
                  <TableHead className="w-60">Élément</TableHead>
                  <TableHead>Changements</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {entries.map((e) => (
                  <TableRow key={e.id} className="[&>td]:align-top">
                    <TableCell className="text-xs whitespace-normal text-muted-foreground">{formatDateTime(e.occurred_at)}</TableCell>
                    <TableCell className="whitespace-normal">
                      <div className="font-medium">{e.actor_name ?? (e.actor_id ? 'Utilisateur supprimé' : '—')}</div>
                      <div className="text-xs text-muted-foreground">{ROLE_LABEL[e.actor_role] ?? e.actor_role}</div>
                    </TableCell>
                    <TableCell className="whitespace-normal">
                      <div className="flex flex-wrap items-center gap-1.5">
                        <StatusBadge map={AUDIT_ACTION} value={e.action} />
                        {ENTITY_PAGE[e.entity] && e.entity_id && e.action !== 'delete' ? (
                          <Link to={`${ENTITY_PAGE[e.entity]}${e.entity_id}`} className="font-medium hover:underline">
                            {ENTITY_LABEL[e.entity] ?? e.entity}
                          </Link>
                        ) : (
                          <span className="font-medium">{ENTITY_LABEL[e.entity] ?? e.entity}</span>
                        )}
                      </div>
                      {e.client_name && <div className="text-xs text-muted-foreground">{e.client_name}</div>}
                      {e.entity_id && <div className="truncate font-mono text-[11px] text-muted-foreground" title={e.entity_id}>{e.entity_id}</div>}
                    </TableCell>
                    <TableCell className="whitespace-normal">
                      <AuditDiff diff={e.diff} action={e.action} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <Pagination page={page} total={total} pageSize={50} />
        </ListBusy>
      )}
    </>
  )
}
