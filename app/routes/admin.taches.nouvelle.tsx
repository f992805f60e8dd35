import { data } from 'react-router'
import { TaskForm } from '~/components/admin/tasks/task-form.tsx'
import { PageHeader } from '~/components/shell/page.tsx'
import { Card, CardContent } from '~/components/ui/card.tsx'
import { parseForm, writeErrorMessage } from '~/lib/admin/action.server.ts'
import { TaskSchema } from '~/lib/admin/tasks/schemas.ts'
import { createTask, taskFormOptions } from '~/lib/admin/tasks/tasks.server.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getEnv, getSupabase } from '~/lib/context.server.ts'
import { redirectWithFlash } from '~/lib/flash.server.ts'
import type { Route } from './+types/admin.taches.nouvelle'

export const meta: Route.MetaFunction = () => [{ title: 'Nouvelle tâche — Administration NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  const options = await taskFormOptions(getSupabase(context))
  const wanted = new URL(request.url).searchParams.get('projet')
  return { ...options, projectId: options.projects.some((p) => p.value === wanted) ? wanted : null }
}

export async function action({ request, context }: Route.ActionArgs) {
  await requireAdmin({ request, context })
  const submission = parseForm(await request.formData(), TaskSchema)
  if (submission.status !== 'success') return data(submission.reply(), 400)
  try {
    const { id } = await createTask(getSupabase(context), submission.value)
    return redirectWithFlash(`/admin/taches/${id}`, { kind: 'success', message: 'Tâche créée.' }, getEnv(context))
  } catch (error) {
    const { message, status } = writeErrorMessage(error)
    return data(submission.reply({ formErrors: [message] }), status)
  }
}

export default function NewTaskPage({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <>
      <PageHeader title="Nouvelle tâche" description="Interne par défaut : rendez-la visible pour que le client la suive." />
      <Card className="max-w-3xl">
        <CardContent>
          <TaskForm
            lastResult={actionData}
            projects={loaderData.projects}
            staff={loaderData.staff}
            defaultValue={{ project_id: loaderData.projectId ?? undefined, status: 'todo', priority: 'normal', visibility: 'internal' }}
            submitLabel="Créer la tâche"
          />
        </CardContent>
      </Card>
    </>
  )
}
