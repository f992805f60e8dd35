// The back office's kanban. A card is dragged (mouse, touch or keyboard) to
// another column, or to another place in its column, and lands there at once
// on screen: the drop is a fetcher submission keyed by the task carrying the
// column, the index for the server (move_task(), see the migration 15) and
// the card it follows on screen; the board places each card from the pending
// submission's form data (optimistic UI). If the server refuses, the
// submission ends, the loader's data wins again (rollback) and the card's
// own fetcher shows the refusal in a toast. After a success the revalidated
// loader order is the server's.
import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  type UniqueIdentifier,
} from '@dnd-kit/core'
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
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
type Order = Record<TaskStatus, string[]>

const MOVE_KEY = 'move-task:'
const ACTION = '/admin/taches?index'

const isStatus = (id: UniqueIdentifier): id is TaskStatus => (TASK_STATUSES as readonly UniqueIdentifier[]).includes(id)
const label = (id: unknown) => TASK_STATUS_LABEL[id as TaskStatus] ?? String(id)
const columnOf = (order: Order, id: UniqueIdentifier): TaskStatus | undefined =>
  isStatus(id) ? id : TASK_STATUSES.find((s) => order[s].includes(String(id)))

/**
 * Keyboard moves: up/down go to the neighbouring card (dnd-kit's sortable
 * getter); left/right jump to the neighbouring column, measured on the
 * columns only (the sortable getter would also consider the cards of the
 * same column, which are a pixel to the right of the lifted card).
 */
const boardCoordinates: KeyboardCoordinateGetter = (event, args) => {
  if (event.code !== 'ArrowRight' && event.code !== 'ArrowLeft') return sortableKeyboardCoordinates(event, args)
  const { collisionRect, droppableRects } = args.context
  if (!collisionRect) return undefined
  event.preventDefault()
  const columns = TASK_STATUSES.map((s) => droppableRects.get(s)).filter((r) => r !== undefined).toSorted((a, b) => a.left - b.left)
  if (columns.length === 0) return undefined
  const center = collisionRect.left + collisionRect.width / 2
  let index = columns.findIndex((r) => center >= r.left && center <= r.left + r.width)
  if (index < 0) index = 0
  const target = columns[Math.max(0, Math.min(columns.length - 1, index + (event.code === 'ArrowRight' ? 1 : -1)))]
  return { x: target.left + (target.width - collisionRect.width) / 2, y: Math.max(target.top + 48, collisionRect.top) }
}

/** A pending drop read back from its fetcher's form data. */
interface PendingMove {
  taskId: string
  status: TaskStatus
  /** The card it follows on screen in the target column ('' = top, absent = end). */
  after: string | null
}

/**
 * Where each card is shown: the loader's columns, then each pending drop
 * applied in turn (the card is taken out and put after its neighbour).
 */
function placeCards(columns: BoardColumns, pending: PendingMove[]): Order {
  const order = Object.fromEntries(TASK_STATUSES.map((s) => [s, columns[s].rows.map((t) => t.id)])) as Order
  for (const move of pending) {
    const from = columnOf(order, move.taskId)
    if (!from) continue
    order[from] = order[from].filter((id) => id !== move.taskId)
    const target = order[move.status]
    const at = move.after === '' ? 0 : move.after === null ? target.length : target.indexOf(move.after) + 1 || target.length
    order[move.status] = [...target.slice(0, at), move.taskId, ...target.slice(at)]
  }
  return order
}

export function TaskBoard({ columns, today }: { columns: BoardColumns; today: string }) {
  const submit = useSubmit()
  const fetchers = useFetchers()
  const [activeId, setActiveId] = useState<string | null>(null)
  // While a card is dragged: the columns as they would be if it were dropped now.
  const [preview, setPreview] = useState<Order | null>(null)
  // Tasks moved on this page: each gets a watcher of its fetcher, outside the
  // columns, so a refusal is reported even if the card disappears meanwhile.
  const [watched, setWatched] = useState<Map<string, string>>(() => new Map())
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    // Arrows move to the neighbouring card or column (up/down within a column, left/right across).
    useSensor(KeyboardSensor, { coordinateGetter: boardCoordinates }),
  )

  // Pending drops (submitting or revalidating) win over the loader's order.
  const pending = useMemo(() => {
    const moves: PendingMove[] = []
    for (const f of fetchers) {
      if (!f.key.startsWith(MOVE_KEY) || !f.formData) continue
      const after = f.formData.get('after')
      moves.push({ taskId: String(f.formData.get('task_id')), status: f.formData.get('status') as TaskStatus, after: after === null ? null : String(after) })
    }
    return moves
  }, [fetchers])

  const byId = useMemo(() => new Map(TASK_STATUSES.flatMap((s) => columns[s].rows).map((t) => [t.id, t])), [columns])
  const placed = useMemo(() => placeCards(columns, pending), [columns, pending])
  const shown = preview ?? placed
  const titleOf = (id: unknown) => byId.get(String(id))?.title ?? 'la tâche'

  /**
   * Sends a drop. `list` is the target column as shown after the drop; the
   * server's index counts only the cards of the same project before it (a
   * column of the cross-project board mixes projects; positions are per project).
   */
  const send = (taskId: string, status: TaskStatus, list: string[] | null) => {
    const task = byId.get(taskId)
    if (!task) return
    const fields: Record<string, string> = { intent: 'move', task_id: taskId, status }
    if (list) {
      const at = list.indexOf(taskId)
      fields.index = String(list.slice(0, at).filter((id) => byId.get(id)?.project_id === task.project_id).length)
      fields.after = at > 0 ? list[at - 1] : ''
      // Neighbours of the same project as shown: the server places the card
      // between them in the whole column, cards hidden by filters included.
      const sameProject = list.filter((id) => byId.get(id)?.project_id === task.project_id)
      const mine = sameProject.indexOf(taskId)
      fields.after_id = sameProject[mine - 1] ?? ''
      fields.before_id = sameProject[mine + 1] ?? ''
    }
    setWatched((w) => (w.has(taskId) ? w : new Map(w).set(taskId, task.title)))
    submit(fields, { method: 'post', action: ACTION, navigate: false, fetcherKey: `${MOVE_KEY}${taskId}`, preventScrollReset: true })
  }

  /** The status select of a card (screen readers, no drag): to the end of the chosen column. */
  const moveToColumn = (taskId: string, status: TaskStatus) => {
    if (columnOf(placed, taskId) === status) return
    send(taskId, status, null)
  }

  const onDragStart = (e: DragStartEvent) => {
    setActiveId(String(e.active.id))
    setPreview(placed)
  }

  // Crossing into another column: the card joins that column's list, so the
  // sortable placeholder opens where it would land.
  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (!over) return
    setPreview((current) => {
      const order = current ?? placed
      const from = columnOf(order, active.id)
      const to = columnOf(order, over.id)
      if (!from || !to || from === to) return current
      const target = order[to]
      const overIndex = isStatus(over.id) ? target.length : target.indexOf(String(over.id))
      const at = overIndex < 0 ? target.length : overIndex
      return {
        ...order,
        [from]: order[from].filter((id) => id !== active.id),
        [to]: [...target.slice(0, at), String(active.id), ...target.slice(at)],
      }
    })
  }

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const order = preview ?? placed
    setActiveId(null)
    setPreview(null)
    if (!over) return
    const taskId = String(active.id)
    const to = columnOf(order, over.id)
    const from = columnOf(placed, taskId)
    if (!to || !from) return
    let list = order[to]
    if (!isStatus(over.id) && over.id !== active.id) {
      list = arrayMove(list, list.indexOf(taskId), list.indexOf(String(over.id)))
    }
    // Dropped where it was: nothing to save.
    if (to === from && list.indexOf(taskId) === placed[from].indexOf(taskId)) return
    send(taskId, to, list)
  }

  const onDragCancel = () => {
    setActiveId(null)
    setPreview(null)
  }

  /** Where a drop on `id` lands, in words: above a card, or at the end of a column. */
  const where = (id: UniqueIdentifier) => {
    const column = columnOf(preview ?? placed, id)
    if (!column) return 'hors des colonnes'
    return isStatus(id) ? `fin de la colonne ${label(column)}` : `colonne ${label(column)}, à la place de « ${titleOf(id)} »`
  }

  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      `« ${titleOf(active.id)} » saisie. Flèches haut et bas pour changer sa place, gauche et droite pour changer de colonne, Espace pour déposer.`,
    onDragOver: ({ active, over }) => (over && over.id !== active.id ? `« ${titleOf(active.id)} » : ${where(over.id)}.` : ''),
    onDragEnd: ({ active, over }) => {
      const column = over ? columnOf(preview ?? placed, over.id) : undefined
      return column ? `« ${titleOf(active.id)} » déposée dans la colonne ${label(column)}.` : 'Déplacement annulé.'
    },
    onDragCancel: ({ active }) => `Déplacement de « ${titleOf(active.id)} » annulé.`,
  }

  const active = activeId ? byId.get(activeId) : null
  return (
    <DndContext
      // A fixed id keeps dnd-kit's aria-describedby ids equal on the server and
      // the client (its counter-based ids broke hydration of the board).
      id="task-board"
      sensors={sensors}
      collisionDetection={closestCorners}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={onDragCancel}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            'Pour déplacer une tâche, appuyez sur Espace ou Entrée, changez sa place avec les flèches haut et bas et de colonne avec les flèches gauche et droite, puis appuyez à nouveau sur Espace pour la déposer. Échap annule.',
        },
      }}
    >
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-4" data-testid="task-board">
        {TASK_STATUSES.map((status) => (
          <Column
            key={status}
            status={status}
            tasks={shown[status].map((id) => byId.get(id)).filter((t): t is AdminTaskRow => Boolean(t))}
            hidden={Math.max(0, columns[status].total - columns[status].rows.length)}
            today={today}
            onMove={moveToColumn}
          />
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
  // The column itself is a drop target too, so an empty column accepts a card.
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
      <SortableContext id={status} items={tasks.map((t) => t.id)} strategy={verticalListSortingStrategy}>
        <ul className="flex flex-col gap-2">
          {tasks.map((task) => (
            <SortableCard key={task.id} task={task} status={status} today={today} onMove={onMove} />
          ))}
        </ul>
      </SortableContext>
      {tasks.length === 0 && <p className="px-1.5 py-6 text-center text-xs text-muted-foreground">Aucune tâche</p>}
      {hidden > 0 && (
        <p className="px-1.5 pt-2 text-xs text-muted-foreground">
          + {hidden} autre{hidden > 1 ? 's' : ''} : affinez les filtres ou passez en vue liste.
        </p>
      )}
    </section>
  )
}

function SortableCard({
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
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: task.id })

  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={cn(isDragging && 'opacity-40')}
      data-task-id={task.id}
    >
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
