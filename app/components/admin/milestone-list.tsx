// Milestones of a project, reordered by drag and drop (mouse, touch or
// keyboard: space to lift, arrows to move, space to drop). The new order is
// posted at once; the list shows it optimistically and falls back to the
// server's order if the save fails.
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core'
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import { BadgeCheckIcon, GripVerticalIcon, PencilIcon, PlusIcon, Trash2Icon } from 'lucide-react'
import { useEffect, useState } from 'react'
import { useFetcher } from 'react-router'
import { ConfirmAction } from '~/components/admin/confirm.tsx'
import { FormError, useZodForm, ZSelect, ZText, ZTextarea } from '~/components/admin/form.tsx'
import { StatusBadge } from '~/components/admin/status-badge.tsx'
import { notify } from '~/components/toast-host.tsx'
import { Button } from '~/components/ui/button.tsx'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '~/components/ui/dialog.tsx'
import { MILESTONE_STATUS, MILESTONE_STATUSES } from '~/lib/admin/labels.ts'
import { MilestoneSchema } from '~/lib/admin/schemas.ts'
import type { MilestoneApproval } from '~/lib/admin/projects.server.ts'
import { formatDateTime, formatShortDate } from '~/lib/format.ts'

export interface MilestoneItem {
  id: string
  title: string
  description: string | null
  version_label: string | null
  due_date: string | null
  status: string
  deliverables: string[]
  position: number
  /** Client approvals of this milestone, latest first. */
  approvals?: MilestoneApproval[]
}

export function MilestoneList({ milestones }: { milestones: MilestoneItem[] }) {
  const [items, setItems] = useState(milestones)
  const fetcher = useFetcher<{ formError?: string; ok?: boolean }>()
  // The server's order wins whenever it changes (save, revalidation, failure).
  useEffect(() => setItems(milestones), [milestones])
  useEffect(() => {
    if (fetcher.state === 'idle' && fetcher.data?.formError) {
      notify('error', fetcher.data.formError)
      setItems(milestones)
    }
  }, [fetcher.state, fetcher.data, milestones])

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  )

  function onDragEnd(event: DragEndEvent) {
    const { active, over } = event
    if (!over || active.id === over.id) return
    const from = items.findIndex((m) => m.id === active.id)
    const to = items.findIndex((m) => m.id === over.id)
    const next = arrayMove(items, from, to)
    setItems(next)
    const form = new FormData()
    form.set('intent', 'reorder_milestones')
    for (const m of next) form.append('ids', m.id)
    fetcher.submit(form, { method: 'post' })
  }

  return (
    <div className="flex flex-col gap-3">
      {items.length === 0 ? (
        <p className="text-sm text-muted-foreground">Aucun jalon : la feuille de route du client est vide.</p>
      ) : (
        <DndContext
          id="milestones"
          sensors={sensors}
          collisionDetection={closestCenter}
          onDragEnd={onDragEnd}
          accessibility={{
            screenReaderInstructions: {
              draggable: 'Pour déplacer un jalon, appuyez sur espace, utilisez les flèches, puis espace pour le déposer.',
            },
            announcements: {
              onDragStart: () => 'Jalon soulevé.',
              onDragOver: ({ over }) => (over ? 'Position mise à jour.' : ''),
              onDragEnd: () => 'Jalon déposé.',
              onDragCancel: () => 'Déplacement annulé.',
            },
          }}
        >
          <SortableContext items={items.map((m) => m.id)} strategy={verticalListSortingStrategy}>
            <ol className="flex flex-col gap-2" data-testid="milestones">
              {items.map((m, index) => (
                <SortableMilestone key={m.id} milestone={m} index={index} />
              ))}
            </ol>
          </SortableContext>
        </DndContext>
      )}
      <MilestoneDialog
        trigger={
          <Button variant="outline" className="self-start">
            <PlusIcon aria-hidden="true" /> Ajouter un jalon
          </Button>
        }
      />
    </div>
  )
}

function SortableMilestone({ milestone: m, index }: { milestone: MilestoneItem; index: number }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: m.id })
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={`rounded-lg border bg-card p-3 ${isDragging ? 'z-10 shadow-lg' : ''}`}
      data-milestone={m.title}
    >
      <div className="flex items-center gap-3">
        <button
          type="button"
          className="cursor-grab touch-none rounded p-1 text-muted-foreground hover:bg-accent active:cursor-grabbing"
          aria-label={`Déplacer le jalon « ${m.title} »`}
          {...attributes}
          {...listeners}
        >
          <GripVerticalIcon className="size-4" aria-hidden="true" />
        </button>
        <span className="w-6 text-sm text-muted-foreground tabular-nums">{index + 1}.</span>
        <div className="min-w-0 flex-1">
          <div className="truncate font-medium">
            {m.title}
            {m.version_label && <span className="ml-2 font-mono text-xs text-muted-foreground">{m.version_label}</span>}
          </div>
          <div className="text-xs text-muted-foreground">
            {m.due_date ? `Échéance ${formatShortDate(m.due_date)}` : 'Sans échéance'}
            {m.deliverables.length > 0 && ` · ${m.deliverables.length} livrable${m.deliverables.length > 1 ? 's' : ''}`}
          </div>
        </div>
        <StatusBadge map={MILESTONE_STATUS} value={m.status} />
        <MilestoneDialog
          milestone={m}
          trigger={
            <Button variant="ghost" size="icon-sm" aria-label={`Modifier le jalon « ${m.title} »`}>
              <PencilIcon aria-hidden="true" />
            </Button>
          }
        />
        <ConfirmAction
          trigger={
            <Button variant="ghost" size="icon-sm" aria-label={`Supprimer le jalon « ${m.title} »`}>
              <Trash2Icon aria-hidden="true" />
            </Button>
          }
          title="Supprimer ce jalon ?"
          description={`« ${m.title} » disparaît de la feuille de route du client, avec ses commentaires et validations. Les tâches liées restent, sans jalon.`}
          intent="delete_milestone"
          fields={{ milestone_id: m.id }}
          confirmLabel="Supprimer"
        />
      </div>
      {m.approvals && m.approvals.length > 0 && <Approvals approvals={m.approvals} />}
    </li>
  )
}

/** Who approved the delivered milestone on the client side, when, and what they wrote. */
function Approvals({ approvals }: { approvals: MilestoneApproval[] }) {
  return (
    <ul className="mt-2 ml-[4.25rem] flex flex-col gap-1.5 border-t pt-2 text-sm" aria-label="Validations du client">
      {approvals.map((a) => (
        <li key={a.id} className="flex gap-2" data-testid="milestone-approval">
          <BadgeCheckIcon className="mt-0.5 size-4 shrink-0 text-success" aria-hidden="true" />
          <div className="min-w-0">
            <p>
              Validé par <span className="font-medium">{a.signer_name}</span>
              {a.approver && a.approver.email && <span className="text-muted-foreground"> ({a.approver.email})</span>}
              {' '}le <time dateTime={a.approved_at}>{formatDateTime(a.approved_at)}</time>
              {a.version_label && <span className="ml-1 font-mono text-xs text-muted-foreground">{a.version_label}</span>}
            </p>
            {a.note && <p className="mt-0.5 whitespace-pre-line text-muted-foreground">« {a.note} »</p>}
          </div>
        </li>
      ))}
    </ul>
  )
}



function MilestoneDialog({ milestone, trigger }: { milestone?: MilestoneItem; trigger: React.ReactNode }) {
  const [open, setOpen] = useState(false)
  const fetcher = useFetcher<{ intent?: string; ok?: boolean; message?: string; result?: unknown }>()
  useEffect(() => {
    if (fetcher.state === 'idle' && fetcher.data?.ok) {
      setOpen(false)
      if (fetcher.data.message) notify('success', fetcher.data.message)
    }
  }, [fetcher.state, fetcher.data])
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{milestone ? 'Modifier le jalon' : 'Nouveau jalon'}</DialogTitle>
          <DialogDescription>Visible par le client sur sa feuille de route.</DialogDescription>
        </DialogHeader>
        {open && <MilestoneForm milestone={milestone} fetcher={fetcher} />}
      </DialogContent>
    </Dialog>
  )
}

function MilestoneForm({
  milestone,
  fetcher,
}: {
  milestone?: MilestoneItem
  fetcher: ReturnType<typeof useFetcher<{ intent?: string; ok?: boolean; result?: unknown }>>
}) {
  const { form, fields, formProps } = useZodForm(MilestoneSchema, {
    id: milestone ? `milestone-${milestone.id}` : 'milestone-new',
    lastResult: fetcher.data && !fetcher.data.ok ? fetcher.data.result : undefined,
    defaultValue: milestone
      ? {
          milestone_id: milestone.id,
          title: milestone.title,
          description: milestone.description ?? undefined,
          version_label: milestone.version_label ?? undefined,
          due_date: milestone.due_date ?? undefined,
          status: milestone.status,
          deliverables: milestone.deliverables.join('\n'),
        }
      : { status: 'planned' },
  })
  const busy = fetcher.state !== 'idle'
  return (
    <fetcher.Form method="post" {...formProps} className="flex flex-col gap-4">
      <input type="hidden" name="intent" value="save_milestone" />
      {milestone && <input type="hidden" name={fields.milestone_id.name} value={milestone.id} />}
      <FormError message={form.errors?.[0]} />
      <ZText field={fields.title} label="Titre" />
      <div className="grid gap-4 sm:grid-cols-3">
        <ZText field={fields.due_date} label="Échéance" type="date" />
        <ZText field={fields.version_label} label="Version" placeholder="v1.0" />
        <ZSelect field={fields.status} label="Statut" options={MILESTONE_STATUSES.map((s) => ({ value: s, label: MILESTONE_STATUS[s].label }))} />
      </div>
      <ZTextarea field={fields.description} label="Description" rows={3} />
      <ZTextarea field={fields.deliverables} label="Livrables" description="Un livrable par ligne." rows={3} />
      <Button type="submit" disabled={busy} className="self-end">
        {busy ? 'Enregistrement…' : milestone ? 'Enregistrer' : 'Ajouter le jalon'}
      </Button>
    </fetcher.Form>
  )
}
