import { data, useLocation } from 'react-router'
import { Uploader } from '~/components/documents/uploader.tsx'
import { Attachments, Checklist, TaskComments, TaskFacts, type TaskActionData } from '~/components/tasks/task-sheet.tsx'
import { BackLink, PageHeader } from '~/components/shell/page.tsx'
import { requireClient } from '~/lib/auth.server.ts'
import { uploadRules } from '~/lib/documents/files.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { addTaskComment, getTask } from '~/lib/tasks/get-task.server.ts'
import { TaskCommentSchema } from '~/lib/tasks/schemas.ts'
import { fieldErrors } from '~/lib/validation.ts'
import type { Route } from './+types/_client.taches.$id'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.task.title ?? 'Tâche'} — Espace Client NOURX` },
]

const notFound = () => data({ message: 'Cette tâche est introuvable.' }, { status: 404 })

/** One query: the task with checklist, comments and attachments embedded (RLS: client-visible tasks of the caller's company). */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requireClient({ request, context })
  const task = await getTask(getSupabase(context), params.id)
  if (!task) throw notFound()
  return { task, userId: user.id, uploadRules: uploadRules() }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const user = await requireClient({ request, context })
  const form = Object.fromEntries(await request.formData())
  const values = { body: typeof form.body === 'string' ? form.body : '' }
  const parsed = TaskCommentSchema.safeParse(form)
  if (!parsed.success) {
    return data<TaskActionData>({ ok: false, errors: fieldErrors(parsed.error), values }, { status: 400 })
  }
  const result = await addTaskComment(getSupabase(context), {
    taskId: params.id,
    body: parsed.data.body,
    authorId: user.id,
  })
  if (result === 'not-found') throw notFound()
  return data<TaskActionData>({ ok: true })
}

/**
 * The task's own page: on a phone it is what the list's row opens; on a
 * laptop the same, with the facts beside the conversation. Not a panel over
 * the list: the list would travel with every task link (docs/decisions/007).
 */
export default function TaskPage({ loaderData }: Route.ComponentProps) {
  const { task, userId, uploadRules: rules } = loaderData
  const { search } = useLocation()
  return (
    <>
      <BackLink to={`/taches${search}`}>Tâches</BackLink>
      <PageHeader title={task.title} description={task.projects.title} />
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_18rem] lg:items-start">
        <aside aria-label="Suivi de la tâche" className="rounded-xl border p-4 lg:order-last">
          <TaskFacts task={task} />
        </aside>
        <div className="flex max-w-2xl min-w-0 flex-col gap-8">
          {task.description && <p className="leading-relaxed whitespace-pre-line">{task.description}</p>}
          <Checklist items={task.task_checklist_items} />
          <section aria-labelledby="attachments-title" className="flex flex-col gap-3">
            <h2 id="attachments-title" className="text-base font-semibold">
              Pièces jointes
            </h2>
            <Attachments attachments={task.task_attachments} />
            <Uploader
              projectId={task.project_id}
              folder="Pièces jointes des tâches"
              folders={[]}
              taskId={task.id}
              rules={rules}
              compact
            />
          </section>
          <TaskComments task={task} userId={userId} />
        </div>
      </div>
    </>
  )
}
