// The back office's kanban. A card is dragged to another column (mouse,
// touch or keyboard) and its status changes at once on screen: the move is
// a fetcher submission keyed by the task, and the board places each card
// from the pending submission's form data (optimistic UI). If the server
// refuses, the submission ends, the loader's data wins again (rollback) and
// the card's own fetcher shows the refusal in a toast.
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core'
import { CalendarIcon, CheckSquareIcon, EyeIcon, GripVerticalIcon, PaperclipIcon } from 'lucide-react'
import { useEffect, useMemo, useState } from 'react'
import { Link, useFetcher, useFetchers, useSubmit } from 'react-router'
import { notify } from '~/components/toast-host.tsx'
import { PriorityBadge } from '~/components/tasks/task-badges.tsx'
import { formatShortDate } from '~/lib/format.ts'
import type { AdminTaskRow } from '~/lib/admin/tasks/tasks.server.ts'
import { TASK_STATUS_LABEL, TASK_STATUSES, type TaskStatus } from '~/lib/tasks/labels.ts'
import { cn } from '~/lib/utils.ts'

export type BoardColumns = Record<TaskStatus, { rows: AdminTaskRow[]; total: number }>

const MOVE_KEY = 'move-task:'
const ACTION = '/admin/taches?index'

/**
 * Arrow left/right jumps to the neighbouring column (the default keyboard
 * sensor moves 25 px per press, which takes a dozen presses per column).
 */
const columnCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const { collisionRect, droppableRects } = context
  if (!collisionRect || (event.code !== 'ArrowRight' && event.code !== 'ArrowLeft')) return undefined
  event.preventDefault()
  const rects = [...droppableRects.values()].toSorted((a, b) => a.left - b.left)
  const center = collisionRect.left + collisionRect.width / 2
  let index = rects.findIndex((r) => center >= r.left && center <= r.left + r.width)
  if (index < 0) index = 0
  const target = rects[Math.max(0, Math.min(rects.length - 1, index + (event.code === 'ArrowRight' ? 1 : -1)))]
  return { x: target.left + (target.width - collisionRect.width) / 2, y: Math.max(target.top + 48, collisionRect.top) }
}

const label = (id: unknown) => TASK_STATUS_LABEL[id as TaskStatus] ?? String(id)

export function TaskBoard({ columns, today }: { columns: BoardColumns; today: string }) {
  const submit = useSubmit()
  const fetchers = useFetchers()
  const [activeId, setActiveId] = useState<string | null>(null)
  // Tasks moved on this page: each gets a watcher of its fetcher, outside the
  // columns, so a refusal is reported even if the card disappears meanwhile.
  const [watched, setWatched] = useState<Map<string, string>>(() => new Map())
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnCoordinates }),
  )

  // Pending moves (submitting or revalidating) win over the loader's status.
  const pending = useMemo(() => {
    const map = new Map<string, TaskStatus>()
    for (const f of fetchers) {
      if (!f.key.startsWith(MOVE_KEY) || !f.formData) continue
      map.set(String(f.formData.get('task_id')), f.formData.get('status') as TaskStatus)
    }
    return map
  }, [fetchers])

  const placed = useMemo(() => {
    const all = TASK_STATUSES.flatMap((s) => columns[s].rows)
    const out = Object.fromEntries(TASK_STATUSES.map((s) => [s, [] as AdminTaskRow[]])) as Record<TaskStatus, AdminTaskRow[]>
    for (const task of all) out[pending.get(task.id) ?? task.status].push(task)
    return out
  }, [columns, pending])

  const byId = useMemo(() => new Map(TASK_STATUSES.flatMap((s) => columns[s].rows).map((t) => [t.id, t])), [columns])
  const titleOf = (id: unknown) => byId.get(String(id))?.title ?? 'la tâche'

  const move = (taskId: string, status: TaskStatus) => {
    const current = pending.get(taskId) ?? byId.get(taskId)?.status
    if (!current || current === status) return
    const title = byId.get(taskId)?.title ?? 'La tâche'
    setWatched((w) => (w.has(taskId) ? w : new Map(w).set(taskId, title)))
    submit(
      { intent: 'move', task_id: taskId, status },
      { method: 'post', action: ACTION, navigate: false, fetcherKey: `${MOVE_KEY}${taskId}`, preventScrollReset: true },
    )
  }

  const onDragStart = (e: DragStartEvent) => setActiveId(String(e.active.id))
  const onDragEnd = (e: DragEndEvent) => {
    setActiveId(null)
    if (e.over) move(String(e.active.id), e.over.id as TaskStatus)
  }

  const announcements: Announcements = {
    onDragStart: ({ active }) => `« ${titleOf(active.id)} » saisie. Flèches gauche et droite pour changer de colonne, Espace pour déposer.`,
    onDragOver: ({ active, over }) => (over ? `« ${titleOf(active.id)} » au-dessus de la colonne ${label(over.id)}.` : `Hors des colonnes.`),
    onDragEnd: ({ active, over }) => (over ? `« ${titleOf(active.id)} » déposée dans ${label(over.id)}.` : `Déplacement annulé.`),
    onDragCancel: ({ active }) => `Déplacement de « ${titleOf(active.id)} » annulé.`,
  }

  const active = activeId ? byId.get(activeId) : null
  return (
    <DndContext
      // A fixed id keeps dnd-kit's aria-describedby ids equal on the server and
      // the client (its counter-based ids broke hydration of the board).
      id="task-board"
      sensors={sensors}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setActiveId(null)}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            'Pour déplacer une tâche, appuyez sur Espace ou Entrée, changez de colonne avec les flèches gauche et droite, puis appuyez à nouveau sur Espace pour la déposer. Échap annule.',
        },
      }}
    >
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-4" data-testid="task-board">
        {TASK_STATUSES.map((status) => (
          <Column key={status} status={status} tasks={placed[status]} hidden={Math.max(0, columns[status].total - columns[status].rows.length)} today={today} onMove={move} />
        ))}
      </div>
      {[...watched].map(([id, title]) => (
        <MoveWatcher key={id} taskId={id} title={title} />
      ))}
      <DragOverlay dropAnimation={null}>{active ? <CardBody task={active} today={today} dragging /> : null}</DragOverlay>
    </DndContext>
  )
}

function Column({
  status,
  tasks,
  hidden,
  today,
  onMove,
}: {
  status: TaskStatus
  tasks: AdminTaskRow[]
  hidden: number
  today: string
  onMove: (id: string, status: TaskStatus) => void
}) {
  const { setNodeRef, isOver } = useDroppable({ id: status })
  return (
    <section
      ref={setNodeRef}
      aria-labelledby={`col-${status}`}
      data-status={status}
      className={cn('flex min-h-40 flex-col rounded-xl border bg-muted/40 p-2 transition-colors', isOver && 'border-foreground/40 bg-muted')}
    >
      <h2 id={`col-${status}`} className="flex items-center justify-between px-1.5 pt-1 pb-2 text-sm font-medium">
        {TASK_STATUS_LABEL[status]}
        <span className="rounded-full bg-background px-2 text-xs text-muted-foreground tabular-nums">{tasks.length + hidden}</span>
      </h2>
      <ul className="flex flex-col gap-2">
        {tasks.map((task) => (
          <DraggableCard key={task.id} task={task} status={status} today={today} onMove={onMove} />
        ))}
      </ul>
      {tasks.length === 0 && <p className="px-1.5 py-6 text-center text-xs text-muted-foreground">Aucune tâche</p>}
      {hidden > 0 && (
        <p className="px-1.5 pt-2 text-xs text-muted-foreground">
          + {hidden} autre{hidden > 1 ? 's' : ''} : affinez les filtres ou passez en vue liste.
        </p>
      )}
    </section>
  )
}

function DraggableCard({
  task,
  status,
  today,
  onMove,
}: {
  task: AdminTaskRow
  status: TaskStatus
  today: string
  onMove: (id: string, status: TaskStatus) => void
}) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: task.id })

  return (
    <li ref={setNodeRef} className={cn(isDragging && 'opacity-40')} data-task-id={task.id}>
      <div className="group relative">
        <button
          type="button"
          {...listeners}
          {...attributes}
          aria-label={`Déplacer « ${task.title} » (${TASK_STATUS_LABEL[status]})`}
          className="absolute top-2 right-1.5 z-10 flex size-7 cursor-grab touch-none items-center justify-center rounded-md text-muted-foreground hover:bg-muted focus-visible:ring-[3px] focus-visible:ring-ring/40 focus-visible:outline-none active:cursor-grabbing"
        >
          <GripVerticalIcon className="size-4" aria-hidden="true" />
        </button>
        <CardBody task={task} today={today} />
        <label className="sr-only" htmlFor={`move-${task.id}`}>
          Statut de « {task.title} »
        </label>
        <select
          id={`move-${task.id}`}
          className="sr-only focus:not-sr-only focus:absolute focus:right-2 focus:bottom-2 focus:rounded-md focus:border focus:bg-background focus:px-2 focus:py-1 focus:text-xs"
          value={status}
          onChange={(e) => onMove(task.id, e.target.value as TaskStatus)}
        >
          {TASK_STATUSES.map((s) => (
            <option key={s} value={s}>
              {TASK_STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
    </li>
  )
}

/** Reports a refused move of one task (its fetcher's `{ formError }`) as a toast. */
function MoveWatcher({ taskId, title }: { taskId: string; title: string }) {
  const fetcher = useFetcher<{ formError?: string }>({ key: `${MOVE_KEY}${taskId}` })
  const error = fetcher.state === 'idle' ? fetcher.data?.formError : undefined
  useEffect(() => {
    if (error) notify('error', `« ${title} » n’a pas été déplacée : ${error}`)
  }, [error, fetcher.data, title])
  return null
}

function CardBody({ task, today, dragging = false }: { task: AdminTaskRow; today: string; dragging?: boolean }) {
  const late = task.status !== 'done' && task.due_date !== null && task.due_date < today
  return (
    <article className={cn('rounded-lg border bg-background p-3 pr-9 text-sm shadow-xs', dragging && 'rotate-1 shadow-lg')}>
      <Link to={`/admin/taches/${task.id}`} className="font-medium leading-snug hover:underline">
        {task.title}
      </Link>
      <p className="mt-0.5 truncate text-xs text-muted-foreground">
        {task.project_title} · {task.client_name}
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
        <PriorityBadge priority={task.priority} />
        {task.visibility === 'client' && (
          <span className="inline-flex items-center gap-1" title="Visible par le client">
            <EyeIcon className="size-3.5" aria-hidden="true" /> Client
          </span>
        )}
        {task.due_date && (
          <span className={cn('inline-flex items-center gap-1', late && 'font-medium text-danger')}>
            <CalendarIcon className="size-3.5" aria-hidden="true" />
            {formatShortDate(task.due_date)}
            {late && ' · en retard'}
          </span>
        )}
        {task.checklist.total > 0 && (
          <span className="inline-flex items-center gap-1">
            <CheckSquareIcon className="size-3.5" aria-hidden="true" />
            {task.checklist.done}/{task.checklist.total}
          </span>
        )}
        {task.attachments > 0 && (
          <span className="inline-flex items-center gap-1">
            <PaperclipIcon className="size-3.5" aria-hidden="true" />
            {task.attachments}
          </span>
        )}
      </div>
      {task.assignee && <p className="mt-2 text-xs">{task.assignee.name}</p>}
    </article>
  )
}
