import { FolderKanbanIcon, PlusIcon } from 'lucide-react'
import { Link } from 'react-router'
import { ListBusy, ListToolbar, Pagination, SortHeader } from '~/components/admin/list.tsx'
import { StatusBadge } from '~/components/admin/status-badge.tsx'
import { EmptyState, PageHeader } from '~/components/shell/page.tsx'
import { buttonVariants } from '~/components/ui/button.tsx'
import { Progress } from '~/components/ui/progress.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '~/components/ui/table.tsx'
import { clientOptions } from '~/lib/admin/clients.server.ts'
import { PROJECT_STATUS, PROJECT_STATUSES } from '~/lib/admin/labels.ts'
import { parseListParams } from '~/lib/admin/list.ts'
import { listProjects, PROJECT_SORTS } from '~/lib/admin/projects.server.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { formatShortDate } from '~/lib/format.ts'
import type { Route } from './+types/admin.projets._index'

export const meta: Route.MetaFunction = () => [{ title: 'Projets — Administration NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  const params = parseListParams(new URL(request.url), {
    sorts: PROJECT_SORTS,
    defaultSort: 'created_at',
    defaultDir: 'desc',
    filters: ['statut', 'client'],
  })
  const db = getSupabase(context)
  const [{ rows, total }, clients] = await Promise.all([listProjects(db, params), clientOptions(db)])
  return { rows, total, clients, page: params.page, filtered: Boolean(params.q || Object.keys(params.filters).length) }
}

export default function ProjectsPage({ loaderData }: Route.ComponentProps) {
  const { rows, total, clients, page, filtered } = loaderData
  return (
    <>
      <PageHeader
        title="Projets"
        description="Tous les projets clients, leur statut et leur avancement."
        actions={
          <Link to="/admin/projets/nouveau" className={buttonVariants()}>
            <PlusIcon aria-hidden="true" /> Nouveau projet
          </Link>
        }
      />
      <ListToolbar
        placeholder="Titre ou description…"
        filters={[
          { name: 'statut', label: 'Statut', options: PROJECT_STATUSES.map((s) => ({ value: s, label: PROJECT_STATUS[s].label })) },
          { name: 'client', label: 'Client', options: clients },
        ]}
      />
      {rows.length === 0 ? (
        <EmptyState icon={FolderKanbanIcon} title={filtered ? 'Aucun projet ne correspond' : 'Aucun projet pour l’instant'}>
          {filtered ? 'Modifiez la recherche ou les filtres.' : 'Créez un projet pour un client existant.'}
        </EmptyState>
      ) : (
        <ListBusy>
          <div className="rounded-lg border">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>
                    <SortHeader label="Projet" column="title" />
                  </TableHead>
                  <TableHead>Client</TableHead>
                  <TableHead>Statut</TableHead>
                  <TableHead className="w-44">
                    <SortHeader label="Avancement" column="progress" />
                  </TableHead>
                  <TableHead className="hidden lg:table-cell">
                    <SortHeader label="Début" column="start_date" />
                  </TableHead>
                  <TableHead className="hidden lg:table-cell">
                    <SortHeader label="Fin prévue" column="end_date" />
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((p) => (
                  <TableRow key={p.id}>
                    <TableCell className="font-medium">
                      <Link to={`/admin/projets/${p.id}`} className="hover:underline">
                        {p.title}
                      </Link>
                    </TableCell>
                    <TableCell>
                      <Link to={`/admin/clients/${p.client_id}`} className="text-muted-foreground hover:underline">
                        {p.client_name}
                      </Link>
                    </TableCell>
                    <TableCell>
                      <StatusBadge map={PROJECT_STATUS} value={p.status} />
                    </TableCell>
                    <TableCell>
                      <div className="flex items-center gap-2">
                        <Progress value={p.progress} aria-label={`Avancement ${p.progress} %`} />
                        <span className="w-10 text-right text-xs whitespace-nowrap tabular-nums">{p.progress} %</span>
                      </div>
                    </TableCell>
                    <TableCell className="hidden text-muted-foreground lg:table-cell">{p.start_date ? formatShortDate(p.start_date) : '—'}</TableCell>
                    <TableCell className="hidden text-muted-foreground lg:table-cell">{p.end_date ? formatShortDate(p.end_date) : '—'}</TableCell>
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
