import { KanbanSquareIcon, ListIcon, SearchIcon } from '~/components/icons.tsx'
import { Form, Link, useSubmit } from 'react-router'
import { Input } from '~/components/ui/input.tsx'
import { PRIORITIES, PRIORITY_LABEL, TASK_STATUSES, TASK_STATUS_LABEL } from '~/lib/tasks/labels.ts'
import type { TaskFilters } from '~/lib/tasks/schemas.ts'
import { cn } from '~/lib/utils.ts'

const selectClass =
  'h-10 rounded-md border border-input bg-background px-3 text-sm shadow-xs outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50'

/** GET form: filters live in the URL (shareable, back button works, no JavaScript needed). */
export function TaskFiltersBar({
  filters,
  milestones,
}: {
  filters: TaskFilters
  milestones: { id: string; title: string }[]
}) {
  const submit = useSubmit()
  const viewHref = (view: 'liste' | 'kanban') => {
    const params = new URLSearchParams()
    if (view === 'kanban') params.set('vue', 'kanban')
    if (filters.q) params.set('q', filters.q)
    if (filters.status) params.set('statut', filters.status)
    if (filters.priority) params.set('priorite', filters.priority)
    if (filters.milestoneId) params.set('jalon', filters.milestoneId)
    const s = params.toString()
    return s ? `?${s}` : '?'
  }
  return (
    <div className="mb-5 flex flex-col gap-3">
      <Form
        method="get"
        role="search"
        className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-center"
        onChange={(event) => {
          // Selects apply at once; the search box waits for Enter.
          if ((event.target as HTMLElement).tagName === 'SELECT')
            submit(event.currentTarget, { preventScrollReset: true, replace: true })
        }}
      >
        {filters.view === 'kanban' && <input type="hidden" name="vue" value="kanban" />}
        <label className="relative flex-1 sm:min-w-56">
          <span className="sr-only">Rechercher une tâche</span>
          <SearchIcon
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
            aria-hidden="true"
          />
          <Input
            type="search"
            name="q"
            defaultValue={filters.q}
            placeholder="Rechercher une tâche…"
            className="pl-9"
            maxLength={100}
          />
        </label>
        <div className="grid grid-cols-3 gap-2 sm:flex">
          <select name="statut" aria-label="Statut" defaultValue={filters.status ?? ''} className={selectClass}>
            <option value="">Statut</option>
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {TASK_STATUS_LABEL[s]}
              </option>
            ))}
          </select>
          <select name="priorite" aria-label="Priorité" defaultValue={filters.priority ?? ''} className={selectClass}>
            <option value="">Priorité</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABEL[p]}
              </option>
            ))}
          </select>
          <select
            name="jalon"
            aria-label="Jalon"
            defaultValue={filters.milestoneId ?? ''}
            className={cn(selectClass, 'min-w-0 sm:max-w-56')}
          >
            <option value="">Jalon</option>
            {milestones.map((m) => (
              <option key={m.id} value={m.id}>
                {m.title}
              </option>
            ))}
          </select>
        </div>
        <noscript>
          <button type="submit" className="h-10 rounded-md border px-3 text-sm">
            Filtrer
          </button>
        </noscript>
      </Form>
      <div className="flex items-center justify-between gap-2">
        <nav aria-label="Affichage" className="inline-flex rounded-lg bg-muted p-1 text-sm">
          {(['liste', 'kanban'] as const).map((view) => (
            <Link
              key={view}
              to={viewHref(view)}
              preventScrollReset
              aria-current={filters.view === view ? 'page' : undefined}
              className={cn(
                'inline-flex items-center gap-1.5 rounded-md px-3 py-1.5',
                filters.view === view ? 'bg-background shadow-sm' : 'text-muted-foreground hover:text-foreground',
              )}
            >
              {view === 'liste' ? (
                <ListIcon className="size-4" aria-hidden="true" />
              ) : (
                <KanbanSquareIcon className="size-4" aria-hidden="true" />
              )}
              {view === 'liste' ? 'Liste' : 'Kanban'}
            </Link>
          ))}
        </nav>
        {(filters.q || filters.status || filters.priority || filters.milestoneId) && (
          <Link
            to={filters.view === 'kanban' ? '?vue=kanban' : '?'}
            className="text-sm text-muted-foreground underline"
          >
            Effacer les filtres
          </Link>
        )}
      </div>
    </div>
  )
}
