import { ListChecksIcon } from '~/components/icons.tsx'
import { EmptyState, PageHeader } from '~/components/shell/page.tsx'
import { TaskFiltersBar } from '~/components/tasks/task-filters.tsx'
import { TaskBoard, TaskList } from '~/components/tasks/task-views.tsx'
import { PendingRegion } from '~/components/ui/pending-region.tsx'
import { requireClient } from '~/lib/auth.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { plural } from '~/lib/format.ts'
import { getClientProjects } from '~/lib/projects.server.ts'
import { todayIso } from '~/lib/roadmap/labels.ts'
import { listMilestoneOptions, listTasks } from '~/lib/tasks/list-tasks.server.ts'
import { parseTaskFilters } from '~/lib/tasks/schemas.ts'
import type { Route } from './+types/_client.taches._index'

export const meta: Route.MetaFunction = () => [{ title: 'Tâches — Espace Client NOURX' }]

/** Projects (cached, shared with the layout), then tasks and milestone names in parallel. */
export async function loader({ request, context }: Route.LoaderArgs) {
  await requireClient({ request, context })
  const filters = parseTaskFilters(new URL(request.url).searchParams)
  const { current } = await getClientProjects(request, context)
  if (!current) return { project: null, filters, tasks: [], milestones: [], today: todayIso() }
  const supabase = getSupabase(context)
  const [tasks, milestones] = await Promise.all([
    listTasks(supabase, current.id, filters),
    listMilestoneOptions(supabase, current.id),
  ])
  return { project: { id: current.id, title: current.title }, filters, tasks, milestones, today: todayIso() }
}

export default function TasksPage({ loaderData }: Route.ComponentProps) {
  const { project, filters, tasks, milestones, today } = loaderData
  const filtered = Boolean(filters.q || filters.status || filters.priority || filters.milestoneId)
  return (
    <>
      <PageHeader
        title="Tâches"
        description={
          project
            ? `${project.title} · ${plural(tasks.length, 'tâche')}${filtered ? ' correspondant aux filtres' : ''}`
            : undefined
        }
      />
      {!project ? (
        <EmptyState icon={ListChecksIcon} title="Aucun projet pour l’instant">
          Les tâches apparaîtront ici dès qu’un projet sera associé à votre entreprise.
        </EmptyState>
      ) : (
        <>
          <TaskFiltersBar key={JSON.stringify(filters)} filters={filters} milestones={milestones} />
          <PendingRegion>
            {tasks.length === 0 ? (
              <EmptyState
                icon={ListChecksIcon}
                title={filtered ? 'Aucune tâche ne correspond' : 'Aucune tâche partagée'}
              >
                {filtered
                  ? 'Modifiez ou effacez les filtres pour voir d’autres tâches.'
                  : 'L’équipe NOURX n’a pas encore partagé de tâche sur ce projet.'}
              </EmptyState>
            ) : filters.view === 'kanban' ? (
              <TaskBoard tasks={tasks} today={today} />
            ) : (
              <TaskList tasks={tasks} today={today} />
            )}
          </PendingRegion>
        </>
      )}
    </>
  )
}
