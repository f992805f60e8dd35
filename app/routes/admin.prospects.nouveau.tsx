import { data } from 'react-router'
import { ProspectForm } from '~/components/admin/prospect-form.tsx'
import { PageHeader } from '~/components/shell/page.tsx'
import { Card, CardContent } from '~/components/ui/card.tsx'
import { parseForm, writeErrorMessage } from '~/lib/admin/action.server.ts'
import { createProspect } from '~/lib/admin/prospects.server.ts'
import { ProspectSchema } from '~/lib/admin/schemas.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getEnv, getSupabase } from '~/lib/context.server.ts'
import { redirectWithFlash } from '~/lib/flash.server.ts'
import type { Route } from './+types/admin.prospects.nouveau'

export const meta: Route.MetaFunction = () => [{ title: 'Nouveau prospect — Administration NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  return null
}

export async function action({ request, context }: Route.ActionArgs) {
  await requireAdmin({ request, context })
  const submission = parseForm(await request.formData(), ProspectSchema)
  if (submission.status !== 'success') return data(submission.reply(), 400)
  try {
    await createProspect(getSupabase(context), submission.value)
    return redirectWithFlash('/admin/prospects', { kind: 'success', message: 'Prospect ajouté au pipeline.' }, getEnv(context))
  } catch (error) {
    const { message, status } = writeErrorMessage(error)
    return data(submission.reply({ formErrors: [message] }), status)
  }
}

export default function NewProspectPage({ actionData }: Route.ComponentProps) {
  return (
    <>
      <PageHeader title="Nouveau prospect" />
      <Card className="max-w-3xl">
        <CardContent>
          <ProspectForm lastResult={actionData} defaultValue={{ stage: 'nouveau' }} submitLabel="Ajouter au pipeline" />
        </CardContent>
      </Card>
    </>
  )
}
