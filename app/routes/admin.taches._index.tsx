import { KanbanSquareIcon, ListChecksIcon, ListIcon, PlusIcon } from 'lucide-react'
import { useEffect } from 'react'
import { data, Link, useFetcher, useLocation } from 'react-router'
import { ListBusy, ListToolbar, Pagination, SortHeader } from '~/components/admin/list.tsx'
import { TaskBoard } from '~/components/admin/tasks/task-board.tsx'
import { notify } from '~/components/toast-host.tsx'
import { EmptyState, PageHeader } from '~/components/shell/page.tsx'
import { PriorityBadge, TaskStatusBadge } from '~/components/tasks/task-badges.tsx'
import { buttonVariants } from '~/components/ui/button.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '~/components/ui/table.tsx'
import { formError, intentOf, unknownIntent } from '~/lib/admin/action.server.ts'
import { parseListParams, withParams } from '~/lib/admin/list.ts'
import { AssignSchema, MoveTaskSchema, TASK_FILTERS } from '~/lib/admin/tasks/schemas.ts'
import { assignTask, boardTasks, listAdminTasks, moveTask, TASK_SORTS, taskFormOptions } from '~/lib/admin/tasks/tasks.server.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { formatShortDate } from '~/lib/format.ts'
import { todayIso } from '~/lib/roadmap/labels.ts'
import { PRIORITIES, PRIORITY_LABEL, TASK_STATUS_LABEL, TASK_STATUSES } from '~/lib/tasks/labels.ts'
import { cn } from '~/lib/utils.ts'
import type { Route } from './+types/admin.taches._index'

export const meta: Route.MetaFunction = () => [{ title: 'Tâches — Administration NOURX' }]

/** ?vue=liste shows the paginated table; the board is the default. Filters are shared by both. */
export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  const params = parseListParams(new URL(request.url), {
    sorts: TASK_SORTS,
    defaultSort: 'due_date',
    defaultDir: 'asc',
    filters: TASK_FILTERS,
  })
  const view = params.filters.vue === 'liste' ? 'liste' : 'tableau'
  const db = getSupabase(context)
  const [tasks, options] = await Promise.all([
    view === 'liste' ? listAdminTasks(db, params) : boardTasks(db, params).then((columns) => ({ columns })),
    taskFormOptions(db),
  ])
  const { vue: _vue, ...filters } = params.filters
  return {
    view,
    tasks,
    options,
    page: params.page,
    today: todayIso(),
    filtered: Boolean(params.q || Object.keys(filters).length),
    oneProject: Boolean(params.filters.projet),
  }
}

/** Quick writes from the board and the list: move (kanban drop) and assignment. */
export async function action({ request, context }: Route.ActionArgs) {
  await requireAdmin({ request, context })
  const db = getSupabase(context)
  const form = await request.formData()
  try {
    switch (intentOf(form)) {
      case 'move': {
        const parsed = MoveTaskSchema.safeParse({
          task_id: form.get('task_id'),
          status: form.get('status'),
          index: form.get('index') || undefined,
          after_id: form.get('after_id') || undefined,
          before_id: form.get('before_id') || undefined,
        })
        if (!parsed.success) return data({ formError: 'Déplacement invalide.' }, 400)
        const { task_id, status, index, after_id, before_id } = parsed.data
        return { ok: true, task: await moveTask(db, task_id, status, { index, afterId: after_id, beforeId: before_id }) }
      }
      case 'assign': {
        const parsed = AssignSchema.safeParse({ task_id: form.get('task_id'), assigned_to: form.get('assigned_to') || undefined })
        if (!parsed.success) return data({ formError: 'Assignation invalide.' }, 400)
        await assignTask(db, parsed.data.task_id, parsed.data.assigned_to ?? null)
        return { ok: true }
      }
      default:
        return unknownIntent()
    }
  } catch (error) {
    return formError(error)
  }
}

export default function AdminTasksPage({ loaderData }: Route.ComponentProps) {
  const { view, tasks, options, page, today, filtered, oneProject } = loaderData
  const location = useLocation()
  const empty = 'columns' in tasks ? TASK_STATUSES.every((s) => tasks.columns[s].total === 0) : tasks.rows.length === 0
  const tab = (active: boolean) =>
    cn('inline-flex h-9 items-center gap-1.5 rounded-md px-3 text-sm', active ? 'bg-background font-medium shadow-xs' : 'text-muted-foreground hover:text-foreground')
  return (
    <>
      <PageHeader
        title="Tâches"
        description="Toutes les tâches de tous les projets : glissez une carte pour changer son statut ou son ordre dans la colonne."
        actions={
          <Link to="/admin/taches/nouvelle" className={buttonVariants()}>
            <PlusIcon aria-hidden="true" /> Nouvelle tâche
          </Link>
        }
      />
      <ListToolbar
        placeholder="Titre de la tâche…"
        filters={[
          { name: 'projet', label: 'Projet', options: options.projects },
          ...(view === 'liste'
            ? [{ name: 'statut', label: 'Statut', options: TASK_STATUSES.map((s) => ({ value: s, label: TASK_STATUS_LABEL[s] })) }]
            : []),
          { name: 'priorite', label: 'Priorité', options: PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABEL[p] })) },
          { name: 'visibilite', label: 'Visibilité', options: [{ value: 'client', label: 'Visible client' }, { value: 'internal', label: 'Interne' }] },
          { name: 'assigne', label: 'Assignée à', options: [{ value: 'aucun', label: 'Personne' }, ...options.staff] },
        ]}
      >
        {view === 'liste' && <input type="hidden" name="vue" value="liste" />}
        <nav aria-label="Affichage" className="inline-flex rounded-lg bg-muted p-1">
          <Link to={withParams(location.search, { vue: null, sort: null, dir: null, statut: null })} className={tab(view === 'tableau')} aria-current={view === 'tableau' ? 'page' : undefined}>
            <KanbanSquareIcon className="size-4" aria-hidden="true" /> Tableau
          </Link>
          <Link to={withParams(location.search, { vue: 'liste' })} className={tab(view === 'liste')} aria-current={view === 'liste' ? 'page' : undefined}>
            <ListIcon className="size-4" aria-hidden="true" /> Liste
          </Link>
        </nav>
      </ListToolbar>
      {empty ? (
        <EmptyState icon={ListChecksIcon} title={filtered ? 'Aucune tâche ne correspond' : 'Aucune tâche pour l’instant'}>
          {filtered ? 'Modifiez la recherche ou les filtres.' : 'Créez une tâche dans un projet.'}
        </EmptyState>
      ) : 'columns' in tasks ? (
        <ListBusy>
          {!oneProject && (
            // Positions are kept per project (the client's board shows one project): across
            // projects a column interleaves them; a dropped card takes its place among its project's cards.
            <p className="mb-3 text-sm text-muted-foreground">
              Chaque projet garde son ordre, celui que voit le client : une carte déposée se range parmi les cartes de son projet.
            </p>
          )}
          <TaskBoard columns={tasks.columns} today={today} />
        </ListBusy>
      ) : (
        <ListBusy>
          <div className="rounded-lg border">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>
                    <SortHeader label="Tâche" column="title" />
                  </TableHead>
                  <TableHead>Projet</TableHead>
                  <TableHead>
                    <SortHeader label="Statut" column="status" />
                  </TableHead>
                  <TableHead>
                    <SortHeader label="Priorité" column="priority" />
                  </TableHead>
                  <TableHead>Assignée à</TableHead>
                  <TableHead>
                    <SortHeader label="Échéance" column="due_date" />
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {tasks.rows.map((t) => {
                  const late = t.status !== 'done' && t.due_date !== null && t.due_date < today
                  return (
                    <TableRow key={t.id}>
                      <TableCell className="max-w-md font-medium">
                        <Link to={`/admin/taches/${t.id}`} className="hover:underline">
                          {t.title}
                        </Link>
                        {t.visibility === 'client' && <span className="ml-2 text-xs font-normal text-muted-foreground">· visible client</span>}
                      </TableCell>
                      <TableCell className="text-muted-foreground">
                        <Link to={`/admin/projets/${t.project_id}`} className="hover:underline">
                          {t.project_title}
                        </Link>
                        <span className="block text-xs">{t.client_name}</span>
                      </TableCell>
                      <TableCell>
                        <TaskStatusBadge status={t.status} />
                      </TableCell>
                      <TableCell>
                        <PriorityBadge priority={t.priority} always />
                      </TableCell>
                      <TableCell>
                        <AssignSelect taskId={t.id} title={t.title} value={t.assignee?.id ?? ''} staff={options.staff} />
                      </TableCell>
                      <TableCell className={cn('whitespace-nowrap', late ? 'font-medium text-danger' : 'text-muted-foreground')}>
                        {t.due_date ? formatShortDate(t.due_date) : '—'}
                        {late && <span className="sr-only"> (en retard)</span>}
                      </TableCell>
                    </TableRow>
                  )
                })}
              </TableBody>
            </Table>
          </div>
          <Pagination page={page} total={tasks.total} />
        </ListBusy>
      )}
    </>
  )
}

/** Assignment from the list, without opening the task (optimistic: the select shows the choice at once). */
function AssignSelect({ taskId, title, value, staff }: { taskId: string; title: string; value: string; staff: { value: string; label: string }[] }) {
  const fetcher = useFetcher<{ ok?: boolean; formError?: string }>()
  const current = fetcher.formData ? String(fetcher.formData.get('assigned_to') ?? '') : value
  const error = fetcher.state === 'idle' ? fetcher.data?.formError : undefined
  useEffect(() => {
    if (error) notify('error', `« ${title} » : ${error}`)
  }, [error, fetcher.data, title])
  return (
    <select
      aria-label={`Assigner « ${title} »`}
      className="h-8 max-w-40 rounded-md border bg-transparent px-2 text-sm"
      value={current}
      onChange={(e) => fetcher.submit({ intent: 'assign', task_id: taskId, assigned_to: e.target.value }, { method: 'post', action: '/admin/taches?index' })}
    >
      <option value="">Personne</option>
      {staff.map((s) => (
        <option key={s.value} value={s.value}>
          {s.label}
        </option>
      ))}
    </select>
  )
}
