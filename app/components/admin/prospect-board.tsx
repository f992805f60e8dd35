// The pipeline board: one column per stage; a card is dragged to another
// column (mouse, touch or keyboard) to change its stage. The move shows at
// once and is saved in the background; on failure the server's board comes
// back with an error toast.
import { DndContext, KeyboardSensor, PointerSensor, useDraggable, useDroppable, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core'
import { CalendarClockIcon } from 'lucide-react'
import { useEffect, useState } from 'react'
import { Link, useFetcher } from 'react-router'
import { notify } from '~/components/toast-host.tsx'
import { PROSPECT_STAGE, PROSPECT_STAGES, type ProspectStage } from '~/lib/admin/labels.ts'
import type { ProspectCard } from '~/lib/admin/prospect-board.ts'
import { formatShortDate, formatXOF } from '~/lib/format.ts'
import { cn } from '~/lib/utils.ts'

type Columns = Record<ProspectStage, ProspectCard[]>

export function ProspectBoard({ columns, today }: { columns: Columns; today: string }) {
  const [board, setBoard] = useState(columns)
  const fetcher = useFetcher<{ ok?: boolean; formError?: string }>()
  useEffect(() => setBoard(columns), [columns])
  useEffect(() => {
    if (fetcher.state === 'idle' && fetcher.data?.formError) {
      notify('error', fetcher.data.formError)
      setBoard(columns)
    }
  }, [fetcher.state, fetcher.data, columns])

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor))

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over) return
    const id = String(active.id)
    const to = over.id as ProspectStage
    const from = PROSPECT_STAGES.find((s) => board[s].some((c) => c.id === id))
    if (!from || from === to) return
    const card = board[from].find((c) => c.id === id)!
    const position = Math.max(-1, ...board[to].map((c) => c.position)) + 1
    setBoard({
      ...board,
      [from]: board[from].filter((c) => c.id !== id),
      [to]: [...board[to], { ...card, stage: to, position }],
    })
    fetcher.submit({ intent: 'move', id, stage: to, position: String(position) }, { method: 'post' })
  }

  return (
    <DndContext
      id="prospect-board"
      sensors={sensors}
      onDragEnd={onDragEnd}
      accessibility={{
        screenReaderInstructions: {
          draggable: 'Pour changer l’étape, appuyez sur espace, déplacez avec les flèches, puis espace pour déposer.',
        },
        announcements: {
          onDragStart: () => 'Prospect soulevé.',
          onDragOver: ({ over }) => (over ? `Au-dessus de la colonne ${PROSPECT_STAGE[over.id as ProspectStage]?.label ?? ''}.` : ''),
          onDragEnd: ({ over }) => (over ? `Déposé dans ${PROSPECT_STAGE[over.id as ProspectStage]?.label ?? ''}.` : 'Déposé.'),
          onDragCancel: () => 'Déplacement annulé.',
        },
      }}
    >
      <div className="grid auto-cols-[minmax(10.5rem,1fr)] grid-flow-col gap-2 overflow-x-auto pb-4">
        {PROSPECT_STAGES.map((stage) => (
          <Column key={stage} stage={stage} cards={board[stage]} today={today} />
        ))}
      </div>
    </DndContext>
  )
}

function Column({ stage, cards, today }: { stage: ProspectStage; cards: ProspectCard[]; today: string }) {
  const { setNodeRef, isOver } = useDroppable({ id: stage })
  const total = cards.reduce((sum, c) => sum + (c.estimated_amount ?? 0), 0)
  return (
    <section
      ref={setNodeRef}
      aria-label={`Étape ${PROSPECT_STAGE[stage].label}`}
      data-stage={stage}
      className={cn('flex min-h-64 flex-col gap-2 rounded-xl border bg-muted/40 p-2 transition-colors', isOver && 'border-foreground/40 bg-muted')}
    >
      <header className="flex flex-col gap-0.5 px-1.5 pt-1">
        <h2 className="text-sm font-semibold">
          {PROSPECT_STAGE[stage].label} <span className="font-normal text-muted-foreground">{cards.length}</span>
        </h2>
        {total > 0 && <span className="text-xs text-muted-foreground tabular-nums">{formatXOF(total)}</span>}
      </header>
      {cards.map((card) => (
        <Card key={card.id} card={card} today={today} />
      ))}
    </section>
  )
}

function Card({ card, today }: { card: ProspectCard; today: string }) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: card.id })
  const late = card.next_action_date !== null && card.next_action_date < today && card.stage !== 'gagne' && card.stage !== 'perdu'
  return (
    <article
      ref={setNodeRef}
      style={transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined}
      className={cn(
        'flex cursor-grab touch-none flex-col gap-1 rounded-lg border bg-card p-3 text-sm shadow-xs active:cursor-grabbing',
        isDragging && 'z-20 shadow-lg',
      )}
      data-prospect={card.company_name}
      {...attributes}
      {...listeners}
      aria-roledescription="carte déplaçable"
    >
      <Link to={`/admin/prospects/${card.id}`} className="font-medium hover:underline" onPointerDown={(e) => e.stopPropagation()}>
        {card.company_name}
      </Link>
      {card.contact_name && <span className="text-xs text-muted-foreground">{card.contact_name}</span>}
      {card.estimated_amount !== null && <span className="text-xs tabular-nums">{formatXOF(card.estimated_amount)}</span>}
      {(card.next_action || card.next_action_date) && (
        <span className={cn('flex items-center gap-1 text-xs', late ? 'text-danger' : 'text-muted-foreground')}>
          <CalendarClockIcon className="size-3.5 shrink-0" aria-hidden="true" />
          <span className="truncate">
            {card.next_action_date ? formatShortDate(card.next_action_date) : ''}
            {card.next_action ? ` · ${card.next_action}` : ''}
          </span>
        </span>
      )}
      {card.converted_client_id && <span className="text-xs text-success">Client créé</span>}
    </article>
  )
}
