import { CalendarIcon, ListChecksIcon, MessageSquareIcon, PaperclipIcon } from '~/components/icons.tsx'
import { Link, useLocation } from 'react-router'
import { formatShortDate } from '~/lib/format.ts'
import { TASK_STATUSES, TASK_STATUS_LABEL } from '~/lib/tasks/labels.ts'
import type { TaskListItem } from '~/lib/tasks/list-tasks.server.ts'
import { cn } from '~/lib/utils.ts'
import { PriorityBadge, TaskStatusBadge } from './task-badges.tsx'

function useTaskHref() {
  const { search } = useLocation()
  return (id: string) => `/taches/${id}${search}`
}

function Meta({ task, today }: { task: TaskListItem; today: string }) {
  const late = task.status !== 'done' && task.dueDate !== null && task.dueDate < today
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
      {task.dueDate && (
        <span className={cn('inline-flex items-center gap-1', late && 'text-danger')}>
          <CalendarIcon className="size-3.5" aria-hidden="true" />
          {formatShortDate(`${task.dueDate}T12:00:00Z`)}
          {late && ' · en retard'}
        </span>
      )}
      {task.checklist.total > 0 && (
        <span className="inline-flex items-center gap-1" title="Étapes terminées">
          <ListChecksIcon className="size-3.5" aria-hidden="true" />
          {task.checklist.done}/{task.checklist.total}
        </span>
      )}
      {task.comments > 0 && (
        <span className="inline-flex items-center gap-1" title="Commentaires">
          <MessageSquareIcon className="size-3.5" aria-hidden="true" />
          {task.comments}
        </span>
      )}
      {task.attachments > 0 && (
        <span className="inline-flex items-center gap-1" title="Pièces jointes">
          <PaperclipIcon className="size-3.5" aria-hidden="true" />
          {task.attachments}
        </span>
      )}
    </div>
  )
}

export function TaskList({ tasks, today }: { tasks: TaskListItem[]; today: string }) {
  const href = useTaskHref()
  return (
    <ul className="divide-y rounded-xl border bg-card">
      {tasks.map((task) => (
        <li key={task.id}>
          <Link
            to={href(task.id)}
            preventScrollReset
            className="flex flex-col gap-2 px-4 py-3 hover:bg-accent/50 sm:flex-row sm:items-center sm:justify-between"
          >
            <div className="flex min-w-0 flex-col gap-1">
              <span className="font-medium">{task.title}</span>
              <span className="truncate text-xs text-muted-foreground">{task.milestone?.title ?? 'Sans jalon'}</span>
            </div>
            <div className="flex shrink-0 flex-col gap-1.5 sm:items-end">
              <div className="flex flex-wrap gap-1.5">
                <PriorityBadge priority={task.priority} />
                <TaskStatusBadge status={task.status} />
              </div>
              <Meta task={task} today={today} />
            </div>
          </Link>
        </li>
      ))}
    </ul>
  )
}

/** Read-only board: statuses are moved by NOURX, so there is nothing to drag here. */
export function TaskBoard({ tasks, today }: { tasks: TaskListItem[]; today: string }) {
  const href = useTaskHref()
  return (
    <div className="-mx-4 flex snap-x gap-3 overflow-x-auto px-4 pb-2 lg:mx-0 lg:grid lg:grid-cols-4 lg:overflow-visible lg:px-0">
      {TASK_STATUSES.map((status) => {
        const column = tasks.filter((t) => t.status === status)
        return (
          <section
            key={status}
            aria-label={TASK_STATUS_LABEL[status]}
            className="flex w-[80vw] max-w-xs shrink-0 snap-start flex-col gap-2 rounded-xl bg-muted/60 p-2 lg:w-auto lg:max-w-none"
          >
            <h2 className="flex items-center justify-between px-1.5 pt-1 text-sm font-medium">
              {TASK_STATUS_LABEL[status]}
              <span className="text-xs text-muted-foreground tabular-nums">{column.length}</span>
            </h2>
            {column.length === 0 ? (
              <p className="px-1.5 py-4 text-center text-xs text-muted-foreground">Aucune tâche</p>
            ) : (
              column.map((task) => (
                <Link
                  key={task.id}
                  to={href(task.id)}
                  preventScrollReset
                  className="flex flex-col gap-2 rounded-lg border bg-card p-3 text-sm shadow-xs hover:border-foreground/30"
                >
                  <span className="font-medium">{task.title}</span>
                  <PriorityBadge priority={task.priority} />
                  <Meta task={task} today={today} />
                </Link>
              ))
            )}
          </section>
        )
      })}
    </div>
  )
}
