import { data } from 'react-router'
import { ProjectForm } from '~/components/admin/project-form.tsx'
import { PageHeader } from '~/components/shell/page.tsx'
import { Card, CardContent } from '~/components/ui/card.tsx'
import { parseForm, writeErrorMessage } from '~/lib/admin/action.server.ts'
import { clientOptions } from '~/lib/admin/clients.server.ts'
import { createProject } from '~/lib/admin/projects.server.ts'
import { ProjectSchema } from '~/lib/admin/schemas.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getEnv, getSupabase } from '~/lib/context.server.ts'
import { redirectWithFlash } from '~/lib/flash.server.ts'
import type { Route } from './+types/admin.projets.nouveau'

export const meta: Route.MetaFunction = () => [{ title: 'Nouveau projet — Administration NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  const clients = await clientOptions(getSupabase(context))
  const wanted = new URL(request.url).searchParams.get('client')
  return { clients, clientId: clients.some((c) => c.value === wanted) ? wanted : null }
}

export async function action({ request, context }: Route.ActionArgs) {
  await requireAdmin({ request, context })
  const submission = parseForm(await request.formData(), ProjectSchema)
  if (submission.status !== 'success') return data(submission.reply(), 400)
  try {
    const { id } = await createProject(getSupabase(context), submission.value)
    return redirectWithFlash(`/admin/projets/${id}`, { kind: 'success', message: 'Projet créé. Ajoutez ses jalons et son équipe.' }, getEnv(context))
  } catch (error) {
    const { message, status } = writeErrorMessage(error)
    return data(submission.reply({ formErrors: [message] }), status)
  }
}

export default function NewProjectPage({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <>
      <PageHeader title="Nouveau projet" description="Les membres du client le voient dans leur espace dès sa création." />
      <Card className="max-w-3xl">
        <CardContent>
          <ProjectForm
            lastResult={actionData}
            clients={loaderData.clients}
            defaultValue={{ client_id: loaderData.clientId ?? undefined, status: 'active', progress_mode: 'tasks' }}
            submitLabel="Créer le projet"
          />
        </CardContent>
      </Card>
    </>
  )
}
