import { DownloadIcon, PaperclipIcon, Trash2Icon, XIcon } from 'lucide-react'
import { useEffect, useRef } from 'react'
import { data, Link, useFetcher } from 'react-router'
import { ConfirmAction } from '~/components/admin/confirm.tsx'
import { TaskForm } from '~/components/admin/tasks/task-form.tsx'
import { FormError } from '~/components/forms.tsx'
import { PageHeader } from '~/components/shell/page.tsx'
import { PriorityBadge, TaskStatusBadge } from '~/components/tasks/task-badges.tsx'
import { Badge } from '~/components/ui/badge.tsx'
import { Button } from '~/components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '~/components/ui/card.tsx'
import { Input } from '~/components/ui/input.tsx'
import { Textarea } from '~/components/ui/textarea.tsx'
import { formError, intentOf, parseForm, unknownIntent, writeErrorMessage } from '~/lib/admin/action.server.ts'
import { AdminWriteError } from '~/lib/admin/db.ts'
import { ChecklistAddSchema, ChecklistToggleSchema, RefSchema, TaskSchema } from '~/lib/admin/tasks/schemas.ts'
import {
  addChecklistItem,
  addTaskComment,
  attachFile,
  deleteChecklistItem,
  deleteTask,
  getAdminTask,
  removeAttachment,
  taskFormOptions,
  toggleChecklistItem,
  updateTask,
} from '~/lib/admin/tasks/tasks.server.ts'
import { fileFrom } from '~/lib/admin/tasks/upload.server.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getEnv, getSupabase } from '~/lib/context.server.ts'
import { ACCEPT_ATTRIBUTE } from '~/lib/documents/files.ts'
import { redirectWithFlash } from '~/lib/flash.server.ts'
import { notifyAfter } from '~/lib/notifications/background.server.ts'
import { formatBytes, formatDateTime } from '~/lib/format.ts'
import type { Route } from './+types/admin.taches.$id'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.task.title ?? 'Tâche'} — Administration NOURX` }]

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const notFound = () => data({ message: 'Cette tâche n’existe pas.' }, { status: 404 })

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  if (!UUID.test(params.id)) throw notFound()
  const db = getSupabase(context)
  const [task, options] = await Promise.all([getAdminTask(db, params.id), taskFormOptions(db)])
  if (!task) throw notFound()
  return { task, ...options }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  await requireAdmin({ request, context })
  if (!UUID.test(params.id)) throw notFound()
  const db = getSupabase(context)
  const form = await request.formData()
  const intent = intentOf(form)

  if (intent === 'update') {
    const submission = parseForm(form, TaskSchema)
    if (submission.status !== 'success') return data({ intent, result: submission.reply() }, 400)
    try {
      await updateTask(db, params.id, submission.value)
      return { intent, ok: true, message: 'Tâche enregistrée.' }
    } catch (error) {
      const { message, status } = writeErrorMessage(error)
      return data({ intent, result: submission.reply({ formErrors: [message] }) }, status)
    }
  }

  try {
    switch (intent) {
      case 'checklist_add': {
        const parsed = ChecklistAddSchema.safeParse({ label: form.get('label') })
        if (!parsed.success) return data({ formError: parsed.error.issues[0].message }, 400)
        await addChecklistItem(db, params.id, parsed.data.label)
        return { ok: true }
      }
      case 'checklist_toggle': {
        const parsed = ChecklistToggleSchema.safeParse({ item_id: form.get('item_id'), is_done: form.get('is_done') })
        if (!parsed.success) return data({ formError: 'Élément invalide.' }, 400)
        await toggleChecklistItem(db, params.id, parsed.data.item_id, parsed.data.is_done)
        return { ok: true }
      }
      case 'checklist_delete': {
        const parsed = RefSchema.safeParse({ id: form.get('item_id') })
        if (!parsed.success) return data({ formError: 'Élément invalide.' }, 400)
        await deleteChecklistItem(db, params.id, parsed.data.id)
        return { ok: true }
      }
      case 'attach': {
        const file = fileFrom(form, 'file')
        if (!file) return data({ formError: 'Choisissez un fichier.' }, 400)
        const task = await getAdminTask(db, params.id)
        if (!task) throw new AdminWriteError('Tâche introuvable.', 'not_found', 404)
        const attached = await attachFile(db, task, file)
        notifyAfter(context, { type: 'document_added', documentId: attached.documentId })
        return { ok: true }
      }
      case 'detach': {
        const parsed = RefSchema.safeParse({ id: form.get('attachment_id') })
        if (!parsed.success) return data({ formError: 'Pièce jointe invalide.' }, 400)
        await removeAttachment(db, params.id, parsed.data.id)
        return { ok: true }
      }
      case 'comment': {
        const body = String(form.get('body') ?? '').trim()
        if (!body || body.length > 5000) return data({ formError: 'Saisissez un commentaire (5 000 caractères au plus).' }, 400)
        const comment = await addTaskComment(db, params.id, body, form.get('visibility') === 'internal' ? 'internal' : 'client')
        notifyAfter(context, { type: 'task_comment', commentId: comment.id })
        return { ok: true }
      }
      case 'delete':
        await deleteTask(db, params.id)
        return redirectWithFlash('/admin/taches', { kind: 'success', message: 'Tâche supprimée.' }, getEnv(context))
      default:
        return unknownIntent()
    }
  } catch (error) {
    return formError(error)
  }
}

type ActionResult = { intent?: string; result?: unknown; ok?: boolean; message?: string } | undefined

export default function AdminTaskPage({ loaderData, actionData }: Route.ComponentProps) {
  const { task, projects, staff } = loaderData
  const result = actionData as ActionResult
  // The task's own project stays selectable even when it is completed or cancelled.
  const projectOptions = projects.some((p) => p.value === task.project_id)
    ? projects
    : [{ value: task.project_id, label: `${task.project_title} — ${task.client_name}` }, ...projects]
  return (
    <>
      <PageHeader
        title={task.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <TaskStatusBadge status={task.status} />
            <PriorityBadge priority={task.priority} />
            <Badge variant={task.visibility === 'client' ? 'info' : 'outline'}>{task.visibility === 'client' ? 'Visible par le client' : 'Interne'}</Badge>
            <Link to={`/admin/projets/${task.project_id}`} className="hover:underline">
              {task.project_title}
            </Link>
            <span>· {task.client_name}</span>
          </span>
        }
        actions={
          <Link to="/admin/taches" className="inline-flex h-10 items-center rounded-md border px-4 text-sm font-medium hover:bg-accent">
            Toutes les tâches
          </Link>
        }
      />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle>Détails</CardTitle>
              {result?.intent === 'update' && result.ok && <CardDescription role="status">{result.message}</CardDescription>}
            </CardHeader>
            <CardContent>
              <TaskForm
                key={task.updated_at}
                intent="update"
                lastResult={result?.intent === 'update' ? result.result : undefined}
                projects={projectOptions}
                staff={staff}
                milestones={task.milestones}
                defaultValue={{
                  project_id: task.project_id,
                  title: task.title,
                  description: task.description ?? undefined,
                  status: task.status,
                  priority: task.priority,
                  visibility: task.visibility,
                  assigned_to: task.assigned_to ?? undefined,
                  milestone_id: task.milestone_id ?? undefined,
                  due_date: task.due_date ?? undefined,
                }}
                submitLabel="Enregistrer la tâche"
              />
            </CardContent>
          </Card>
          <Comments comments={task.comments} />
        </div>
        <div className="flex flex-col gap-6">
          <Checklist items={task.checklist} />
          <Attachments attachments={task.attachments} taskVisibility={task.visibility} />
          <Card className="border-destructive/30">
            <CardHeader>
              <CardTitle>Supprimer la tâche</CardTitle>
              <CardDescription>Checklist et commentaires sont supprimés ; les fichiers restent dans les documents du projet.</CardDescription>
            </CardHeader>
            <CardContent>
              <ConfirmAction
                trigger={
                  <Button variant="destructive">
                    <Trash2Icon aria-hidden="true" /> Supprimer la tâche
                  </Button>
                }
                title={`Supprimer « ${task.title} » ?`}
                description="Cette action est définitive."
                intent="delete"
                confirmLabel="Supprimer"
              />
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  )
}

/** Resets a small fetcher form after a successful post. */
function useResetOnSuccess(fetcher: { state: string; data?: { ok?: boolean } }) {
  const ref = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (fetcher.state === 'idle' && fetcher.data?.ok) ref.current?.reset()
  }, [fetcher.state, fetcher.data])
  return ref
}

function Checklist({ items }: { items: { id: string; label: string; is_done: boolean }[] }) {
  const add = useFetcher<{ ok?: boolean; formError?: string }>()
  const ref = useResetOnSuccess(add)
  const done = items.filter((i) => i.is_done).length
  return (
    <Card>
      <CardHeader>
        <CardTitle>Checklist</CardTitle>
        <CardDescription>{items.length ? `${done} sur ${items.length} terminé${done > 1 ? 's' : ''}` : 'Aucun élément pour l’instant.'}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {items.length > 0 && (
          <ul className="flex flex-col gap-1">
            {items.map((item) => (
              <ChecklistRow key={item.id} item={item} />
            ))}
          </ul>
        )}
        <add.Form method="post" ref={ref} className="flex gap-2">
          <input type="hidden" name="intent" value="checklist_add" />
          <Input name="label" aria-label="Nouvel élément de checklist" placeholder="Nouvel élément…" maxLength={300} required />
          <Button type="submit" variant="outline" disabled={add.state !== 'idle'}>
            Ajouter
          </Button>
        </add.Form>
        <FormError message={add.data?.formError} />
      </CardContent>
    </Card>
  )
}

function ChecklistRow({ item }: { item: { id: string; label: string; is_done: boolean } }) {
  const toggle = useFetcher<{ formError?: string }>()
  const remove = useFetcher<{ formError?: string }>()
  // Optimistic: the box shows the requested state while the write runs.
  const checked = toggle.formData ? toggle.formData.get('is_done') === 'true' : item.is_done
  if (remove.formData) return null
  return (
    <li className="group flex items-center gap-2 rounded-md px-1 py-1 hover:bg-muted/50">
      <input
        type="checkbox"
        id={`item-${item.id}`}
        className="size-4 accent-primary"
        checked={checked}
        onChange={(e) => toggle.submit({ intent: 'checklist_toggle', item_id: item.id, is_done: String(e.target.checked) }, { method: 'post' })}
      />
      <label htmlFor={`item-${item.id}`} className={`flex-1 text-sm ${checked ? 'text-muted-foreground line-through' : ''}`}>
        {item.label}
      </label>
      <Button
        variant="ghost"
        size="icon-sm"
        aria-label={`Supprimer « ${item.label} »`}
        onClick={() => remove.submit({ intent: 'checklist_delete', item_id: item.id }, { method: 'post' })}
      >
        <XIcon aria-hidden="true" />
      </Button>
      {(toggle.data?.formError || remove.data?.formError) && <span className="text-xs text-danger">{toggle.data?.formError ?? remove.data?.formError}</span>}
    </li>
  )
}

function Attachments({
  attachments,
  taskVisibility,
}: {
  attachments: { id: string; document_id: string; file_name: string; size_bytes: number; visibility: string }[]
  taskVisibility: string
}) {
  const upload = useFetcher<{ ok?: boolean; formError?: string }>()
  const ref = useResetOnSuccess(upload)
  return (
    <Card>
      <CardHeader>
        <CardTitle>Pièces jointes</CardTitle>
        <CardDescription>
          {taskVisibility === 'client' ? 'Visibles par le client, comme la tâche.' : 'Internes, comme la tâche.'} Rangées dans les documents du projet.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {attachments.length > 0 && (
          <ul className="divide-y rounded-lg border">
            {attachments.map((a) => (
              <li key={a.id} className="flex items-center gap-3 p-3 text-sm">
                <PaperclipIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
                <div className="min-w-0 flex-1">
                  <a href={`/api/admin/documents/${a.document_id}`} className="block truncate font-medium hover:underline" target="_blank" rel="noreferrer">
                    {a.file_name}
                  </a>
                  <span className="text-xs text-muted-foreground">
                    {formatBytes(a.size_bytes)} · {a.visibility === 'client' ? 'visible client' : 'interne'}
                  </span>
                </div>
                <a href={`/api/admin/documents/${a.document_id}?telecharger`} aria-label={`Télécharger ${a.file_name}`} className="text-muted-foreground hover:text-foreground">
                  <DownloadIcon className="size-4" aria-hidden="true" />
                </a>
                <ConfirmAction
                  trigger={
                    <Button variant="ghost" size="icon-sm" aria-label={`Retirer ${a.file_name}`}>
                      <Trash2Icon aria-hidden="true" />
                    </Button>
                  }
                  title="Retirer la pièce jointe ?"
                  description={`« ${a.file_name} » sera supprimé du projet.`}
                  intent="detach"
                  fields={{ attachment_id: a.id }}
                  confirmLabel="Retirer"
                />
              </li>
            ))}
          </ul>
        )}
        <upload.Form method="post" encType="multipart/form-data" ref={ref} className="flex flex-col gap-2 sm:flex-row">
          <input type="hidden" name="intent" value="attach" />
          <Input type="file" name="file" accept={ACCEPT_ATTRIBUTE} aria-label="Fichier à joindre" required />
          <Button type="submit" variant="outline" disabled={upload.state !== 'idle'}>
            {upload.state !== 'idle' ? 'Envoi…' : 'Joindre'}
          </Button>
        </upload.Form>
        <FormError message={upload.data?.formError} />
      </CardContent>
    </Card>
  )
}

function Comments({ comments }: { comments: { id: string; body: string; visibility: string; created_at: string; author: string }[] }) {
  const post = useFetcher<{ ok?: boolean; formError?: string }>()
  const ref = useResetOnSuccess(post)
  return (
    <Card>
      <CardHeader>
        <CardTitle>Commentaires</CardTitle>
        <CardDescription>Les notes internes ne sont jamais montrées au client.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {comments.length === 0 ? (
          <p className="text-sm text-muted-foreground">Aucun commentaire.</p>
        ) : (
          <ol className="flex flex-col gap-3">
            {comments.map((c) => (
              <li key={c.id} className={`rounded-lg border p-3 text-sm ${c.visibility === 'internal' ? 'border-dashed bg-warning-soft/40' : ''}`}>
                <div className="mb-1 flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                  <span className="font-medium text-foreground">{c.author}</span>
                  <span>{formatDateTime(c.created_at)}</span>
                  {c.visibility === 'internal' && <Badge variant="warning">Note interne</Badge>}
                </div>
                <p className="whitespace-pre-wrap">{c.body}</p>
              </li>
            ))}
          </ol>
        )}
        <post.Form method="post" ref={ref} className="flex flex-col gap-2">
          <input type="hidden" name="intent" value="comment" />
          <Textarea name="body" aria-label="Commentaire" rows={3} maxLength={5000} required placeholder="Écrire un commentaire…" />
          <div className="flex flex-wrap items-center gap-3">
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="visibility" value="internal" className="size-4 accent-primary" /> Note interne
            </label>
            <Button type="submit" variant="outline" className="ml-auto" disabled={post.state !== 'idle'}>
              Publier
            </Button>
          </div>
        </post.Form>
        <FormError message={post.data?.formError} />
      </CardContent>
    </Card>
  )
}
