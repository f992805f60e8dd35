import { CheckCircle2Icon, CircleIcon, FileTextIcon, ImageIcon } from '~/components/icons.tsx'
import { useEffect, useRef } from 'react'
import { useFetcher } from 'react-router'
import { FormError, TextareaField } from '~/components/forms.tsx'
import { Button } from '~/components/ui/button.tsx'
import { Progress } from '~/components/ui/progress.tsx'
import { formatBytes } from '~/lib/format.ts'
import { formatDateTime, formatDay } from '~/lib/format.ts'
import type { TaskDetail } from '~/lib/tasks/get-task.server.ts'
import { cn } from '~/lib/utils.ts'
import { PriorityBadge, TaskStatusBadge } from './task-badges.tsx'

export interface TaskActionData {
  ok: boolean
  message?: string
  errors?: Partial<Record<string, string[]>>
  values?: Record<string, string>
}

export function TaskFacts({ task }: { task: TaskDetail }) {
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-sm">
      <div className="flex flex-col gap-1">
        <dt className="text-xs text-muted-foreground">Statut</dt>
        <dd>
          <TaskStatusBadge status={task.status} />
        </dd>
      </div>
      <div className="flex flex-col gap-1">
        <dt className="text-xs text-muted-foreground">Priorité</dt>
        <dd>
          <PriorityBadge priority={task.priority} always />
        </dd>
      </div>
      <div className="flex flex-col gap-1">
        <dt className="text-xs text-muted-foreground">Échéance</dt>
        <dd>{task.due_date ? formatDay(task.due_date) : '—'}</dd>
      </div>
      <div className="flex flex-col gap-1">
        <dt className="text-xs text-muted-foreground">Jalon</dt>
        <dd>
          {task.milestones
            ? `${task.milestones.title}${task.milestones.version_label ? ` · ${task.milestones.version_label}` : ''}`
            : '—'}
        </dd>
      </div>
      <div className="col-span-2 flex flex-col gap-1">
        <dt className="text-xs text-muted-foreground">Suivi par</dt>
        <dd>{task.assignee?.full_name || (task.status === 'done' ? '—' : 'Action de votre côté')}</dd>
      </div>
      <p className="col-span-2 text-xs text-muted-foreground">
        Le statut des tâches est mis à jour par l’équipe NOURX.
      </p>
    </dl>
  )
}

export function Checklist({ items }: { items: TaskDetail['task_checklist_items'] }) {
  if (items.length === 0) return null
  const done = items.filter((i) => i.is_done).length
  const percent = Math.round((100 * done) / items.length)
  return (
    <section aria-labelledby="checklist-title" className="flex flex-col gap-3">
      <div className="flex items-baseline justify-between">
        <h2 id="checklist-title" className="text-base font-semibold">
          Étapes
        </h2>
        <span className="text-xs text-muted-foreground tabular-nums">
          {done}/{items.length} · {percent}&nbsp;%
        </span>
      </div>
      <Progress value={percent} aria-label="Étapes terminées" />
      <ul className="flex flex-col gap-1.5">
        {items.map((item) => (
          <li key={item.id} className="flex items-start gap-2 text-sm">
            {item.is_done ? (
              <CheckCircle2Icon className="mt-0.5 size-4 shrink-0 text-success" aria-label="Fait" />
            ) : (
              <CircleIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-label="À faire" />
            )}
            <span className={cn(item.is_done && 'text-muted-foreground line-through')}>{item.label}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}

export function Attachments({ attachments }: { attachments: TaskDetail['task_attachments'] }) {
  const docs = attachments.flatMap((a) => (a.documents ? [a.documents] : []))
  if (docs.length === 0) return <p className="text-sm text-muted-foreground">Aucune pièce jointe.</p>
  return (
    <ul className="flex flex-col divide-y rounded-lg border">
      {docs.map((d) => {
        const Icon = d.mime_type.startsWith('image/') ? ImageIcon : FileTextIcon
        return (
          <li key={d.id} className="flex items-center gap-3 px-3 py-2">
            <Icon className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
            <div className="flex min-w-0 flex-1 flex-col">
              <a href={`/api/documents/${d.id}/telecharger`} className="truncate text-sm font-medium hover:underline">
                {d.label ?? d.file_name}
              </a>
              <span className="text-xs text-muted-foreground">
                {formatBytes(d.size_bytes)} · {d.profiles?.full_name ?? 'Utilisateur'}, {formatDateTime(d.created_at)}
              </span>
            </div>
          </li>
        )
      })}
    </ul>
  )
}

export function TaskComments({ task, userId }: { task: TaskDetail; userId: string }) {
  const fetcher = useFetcher<TaskActionData>({ key: `task-comment-${task.id}` })
  const form = useRef<HTMLFormElement>(null)
  const result = fetcher.data
  const busy = fetcher.state !== 'idle'
  useEffect(() => {
    if (fetcher.state === 'idle' && result?.ok) form.current?.reset()
  }, [fetcher.state, result])
  return (
    <section aria-labelledby="comments-title" className="flex flex-col gap-3">
      <h2 id="comments-title" className="text-base font-semibold">
        Commentaires ({task.task_comments.length})
      </h2>
      {task.task_comments.length === 0 ? (
        <p className="text-sm text-muted-foreground">Aucun commentaire pour l’instant.</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {task.task_comments.map((c) => (
            <li
              key={c.id}
              className={cn('rounded-lg px-3 py-2 text-sm', c.author_id === userId ? 'bg-muted' : 'border')}
            >
              <p className="mb-0.5 text-xs text-muted-foreground">
                <span className="font-medium text-foreground">
                  {c.author_id === userId ? 'Vous' : (c.profiles?.full_name ?? 'Utilisateur')}
                </span>
                {c.profiles?.role === 'admin' && ' · NOURX'} · {formatDateTime(c.created_at)}
              </p>
              <p className="whitespace-pre-line">{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      <fetcher.Form ref={form} method="post" className="flex flex-col gap-2" aria-label="Ajouter un commentaire">
        <input type="hidden" name="intent" value="comment" />
        <FormError message={result && !result.ok && !result.errors ? result.message : null} />
        <TextareaField
          label="Votre commentaire"
          errors={result?.errors?.body}
          textareaProps={{
            name: 'body',
            rows: 3,
            maxLength: 5000,
            placeholder: 'Une question, une précision…',
            defaultValue: result && !result.ok ? (result.values?.body ?? '') : '',
          }}
        />
        <Button type="submit" size="sm" className="self-end" disabled={busy}>
          {busy ? 'Envoi…' : 'Commenter'}
        </Button>
      </fetcher.Form>
    </section>
  )
}
