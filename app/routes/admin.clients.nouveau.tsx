import { data } from 'react-router'
import { ClientForm } from '~/components/admin/client-form.tsx'
import { PageHeader } from '~/components/shell/page.tsx'
import { Card, CardContent } from '~/components/ui/card.tsx'
import { parseForm, writeErrorMessage } from '~/lib/admin/action.server.ts'
import { createClient } from '~/lib/admin/clients.server.ts'
import { ClientSchema } from '~/lib/admin/schemas.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getEnv, getSupabase } from '~/lib/context.server.ts'
import { redirectWithFlash } from '~/lib/flash.server.ts'
import type { Route } from './+types/admin.clients.nouveau'

export const meta: Route.MetaFunction = () => [{ title: 'Nouveau client — Administration NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  return null
}

export async function action({ request, context }: Route.ActionArgs) {
  await requireAdmin({ request, context })
  const submission = parseForm(await request.formData(), ClientSchema)
  if (submission.status !== 'success') return data(submission.reply(), 400)
  try {
    const { id } = await createClient(getSupabase(context), submission.value)
    return redirectWithFlash(`/admin/clients/${id}`, { kind: 'success', message: 'Client créé. Invitez maintenant ses membres.' }, getEnv(context))
  } catch (error) {
    const { message, status } = writeErrorMessage(error)
    return data(submission.reply({ formErrors: [message] }), status)
  }
}

export default function NewClientPage({ actionData }: Route.ComponentProps) {
  return (
    <>
      <PageHeader title="Nouveau client" description="L’entreprise, ses coordonnées et ses identifiants légaux." />
      <Card className="max-w-3xl">
        <CardContent>
          <ClientForm lastResult={actionData} defaultValue={{ country: 'CI' }} submitLabel="Créer le client" />
        </CardContent>
      </Card>
    </>
  )
}
