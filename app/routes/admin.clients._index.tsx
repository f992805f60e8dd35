import { BuildingIcon, PlusIcon } from 'lucide-react'
import { Link } from 'react-router'
import { ListBusy, ListToolbar, Pagination, SortHeader } from '~/components/admin/list.tsx'
import { EmptyState, PageHeader } from '~/components/shell/page.tsx'
import { Badge } from '~/components/ui/badge.tsx'
import { buttonVariants } from '~/components/ui/button.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '~/components/ui/table.tsx'
import { CLIENT_SORTS, listClients } from '~/lib/admin/clients.server.ts'
import { parseListParams } from '~/lib/admin/list.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { formatShortDate, plural } from '~/lib/format.ts'
import type { Route } from './+types/admin.clients._index'

export const meta: Route.MetaFunction = () => [{ title: 'Clients — Administration NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  const params = parseListParams(new URL(request.url), { sorts: CLIENT_SORTS, defaultSort: 'name', filters: ['etat'] })
  const { rows, total } = await listClients(getSupabase(context), params)
  return { rows, total, page: params.page, filtered: Boolean(params.q || params.filters.etat) }
}

export default function ClientsPage({ loaderData }: Route.ComponentProps) {
  const { rows, total, page, filtered } = loaderData
  return (
    <>
      <PageHeader
        title="Clients"
        description="Les entreprises clientes, leurs membres et leur solde."
        actions={
          <Link to="/admin/clients/nouveau" className={buttonVariants()}>
            <PlusIcon aria-hidden="true" /> Nouveau client
          </Link>
        }
      />
      <ListToolbar
        placeholder="Nom, contact, e-mail, NCC…"
        filters={[
          {
            name: 'etat',
            label: 'État',
            emptyLabel: 'Clients actifs',
            options: [
              { value: 'archives', label: 'Archivés' },
              { value: 'tous', label: 'Actifs et archivés' },
            ],
          },
        ]}
      />
      {rows.length === 0 ? (
        <EmptyState icon={BuildingIcon} title={filtered ? 'Aucun client ne correspond' : 'Aucun client pour l’instant'}>
          {filtered ? 'Modifiez la recherche ou les filtres.' : 'Créez le premier client pour lui ouvrir son espace.'}
        </EmptyState>
      ) : (
        <ListBusy>
          <div className="rounded-lg border">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>
                    <SortHeader label="Entreprise" column="name" />
                  </TableHead>
                  <TableHead className="hidden md:table-cell">Contact</TableHead>
                  <TableHead className="hidden lg:table-cell">
                    <SortHeader label="Ville" column="city" />
                  </TableHead>
                  <TableHead className="hidden lg:table-cell">NCC</TableHead>
                  <TableHead>Membres</TableHead>
                  <TableHead>Projets en cours</TableHead>
                  <TableHead className="hidden md:table-cell">
                    <SortHeader label="Créé le" column="created_at" />
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((c) => (
                  <TableRow key={c.id}>
                    <TableCell className="font-medium">
                      <Link to={`/admin/clients/${c.id}`} className="hover:underline">
                        {c.name}
                      </Link>
                      {c.is_archived && (
                        <Badge variant="outline" className="ml-2">
                          Archivé
                        </Badge>
                      )}
                    </TableCell>
                    <TableCell className="hidden md:table-cell">
                      <div>{c.contact_name ?? '—'}</div>
                      {c.email && <div className="text-xs text-muted-foreground">{c.email}</div>}
                    </TableCell>
                    <TableCell className="hidden lg:table-cell">{c.city ?? '—'}</TableCell>
                    <TableCell className="hidden font-mono text-xs lg:table-cell">{c.ncc ?? '—'}</TableCell>
                    <TableCell>{plural(c.members, 'membre')}</TableCell>
                    <TableCell>{c.activeProjects}</TableCell>
                    <TableCell className="hidden text-muted-foreground md:table-cell">{formatShortDate(c.created_at)}</TableCell>
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
