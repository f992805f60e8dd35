import { Trash2Icon, UserCheckIcon } from 'lucide-react'
import { data, Form, Link, useNavigation } from 'react-router'
import { ConfirmAction } from '~/components/admin/confirm.tsx'
import { FormError, useZodForm, ZCheckbox, ZText } from '~/components/admin/form.tsx'
import { ProspectForm } from '~/components/admin/prospect-form.tsx'
import { StatusBadge } from '~/components/admin/status-badge.tsx'
import { PageHeader } from '~/components/shell/page.tsx'
import { Button } from '~/components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '~/components/ui/card.tsx'
import { formError, intentOf, parseForm, unknownIntent, writeErrorMessage } from '~/lib/admin/action.server.ts'
import { PROSPECT_STAGE } from '~/lib/admin/labels.ts'
import { authAdminClient } from '~/lib/admin/invite.server.ts'
import { convertProspect, deleteProspect, getProspect, updateProspect } from '~/lib/admin/prospects.server.ts'
import { ConvertProspectSchema, ProspectSchema } from '~/lib/admin/schemas.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getEnv, getSupabase } from '~/lib/context.server.ts'
import { redirectWithFlash } from '~/lib/flash.server.ts'
import { formatDateTime } from '~/lib/format.ts'
import type { Route } from './+types/admin.prospects.$id'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.prospect.company_name ?? 'Prospect'} — Administration NOURX` }]

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  if (!UUID.test(params.id)) throw data({ message: 'Ce prospect n’existe pas.' }, { status: 404 })
  const prospect = await getProspect(getSupabase(context), params.id)
  if (!prospect) throw data({ message: 'Ce prospect n’existe pas.' }, { status: 404 })
  return { prospect }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  await requireAdmin({ request, context })
  const env = getEnv(context)
  const db = getSupabase(context)
  const form = await request.formData()
  const intent = intentOf(form)
  const here = `/admin/prospects/${params.id}`

  if (intent === 'update') {
    const submission = parseForm(form, ProspectSchema)
    if (submission.status !== 'success') return data({ intent, result: submission.reply() }, 400)
    try {
      await updateProspect(db, params.id, submission.value)
      return redirectWithFlash(here, { kind: 'success', message: 'Prospect enregistré.' }, env)
    } catch (error) {
      const { message, status } = writeErrorMessage(error)
      return data({ intent, result: submission.reply({ formErrors: [message] }) }, status)
    }
  }
  if (intent === 'convert') {
    const submission = parseForm(form, ConvertProspectSchema)
    if (submission.status !== 'success') return data({ intent, result: submission.reply() }, 400)
    try {
      const result = await convertProspect(
        db,
        submission.value.invite ? authAdminClient(env) : null,
        env.APP_URL,
        params.id,
        submission.value,
      )
      const parts = ['Client créé']
      if (result.projectId) parts.push('projet en brouillon créé')
      if (result.invited) parts.push('invitation envoyée')
      return redirectWithFlash(
        `/admin/clients/${result.clientId}`,
        result.warning ? { kind: 'error', message: result.warning } : { kind: 'success', message: `${parts.join(', ')}.` },
        env,
      )
    } catch (error) {
      const { message, status } = writeErrorMessage(error)
      return data({ intent, result: submission.reply({ formErrors: [message] }) }, status)
    }
  }
  if (intent === 'delete') {
    try {
      await deleteProspect(db, params.id)
      return redirectWithFlash('/admin/prospects', { kind: 'success', message: 'Prospect supprimé.' }, env)
    } catch (error) {
      return formError(error)
    }
  }
  return unknownIntent()
}

type ActionResult = { intent?: string; result?: unknown } | undefined

export default function ProspectPage({ loaderData, actionData }: Route.ComponentProps) {
  const { prospect } = loaderData
  const result = actionData as ActionResult
  const client = prospect.clients as { id: string; name: string } | null
  return (
    <>
      <PageHeader
        title={prospect.company_name}
        description={
          <span className="flex items-center gap-2">
            <StatusBadge map={PROSPECT_STAGE} value={prospect.stage} />
            {prospect.contact_name}
          </span>
        }
        actions={
          <Link to="/admin/prospects" className="inline-flex h-10 items-center rounded-md border px-4 text-sm font-medium hover:bg-accent">
            Retour au pipeline
          </Link>
        }
      />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card>
          <CardHeader>
            <CardTitle>Fiche du prospect</CardTitle>
          </CardHeader>
          <CardContent>
            <ProspectForm
              intent="update"
              lastResult={result?.intent === 'update' ? result.result : undefined}
              defaultValue={{
                ...Object.fromEntries(Object.entries(prospect).map(([k, v]) => [k, v === null ? undefined : typeof v === 'number' ? String(v) : v])),
              }}
              submitLabel="Enregistrer"
            />
          </CardContent>
        </Card>
        <div className="flex flex-col gap-6">
          {client ? (
            <Card>
              <CardHeader>
                <CardTitle>Devenu client</CardTitle>
                <CardDescription>{prospect.converted_at ? `Le ${formatDateTime(prospect.converted_at)}` : ''}</CardDescription>
              </CardHeader>
              <CardContent>
                <Link to={`/admin/clients/${client.id}`} className="font-medium hover:underline">
                  {client.name}
                </Link>
              </CardContent>
            </Card>
          ) : (
            <ConvertCard
              lastResult={result?.intent === 'convert' ? result.result : undefined}
              name={prospect.company_name}
              email={prospect.email}
              contact={prospect.contact_name}
            />
          )}
          <Card className="border-destructive/30">
            <CardHeader>
              <CardTitle>Supprimer le prospect</CardTitle>
              <CardDescription>Le client éventuellement créé n’est pas touché.</CardDescription>
            </CardHeader>
            <CardContent>
              <ConfirmAction
                trigger={
                  <Button variant="destructive">
                    <Trash2Icon aria-hidden="true" /> Supprimer
                  </Button>
                }
                title={`Supprimer « ${prospect.company_name} » ?`}
                description="Ses notes et son historique dans le pipeline sont effacés."
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

function ConvertCard({ lastResult, name, email, contact }: { lastResult: unknown; name: string; email: string | null; contact: string | null }) {
  const { form, fields, formProps } = useZodForm(ConvertProspectSchema, {
    id: 'convert',
    lastResult,
    defaultValue: { name, invite_email: email ?? undefined, invite_name: contact ?? undefined, project_title: `Projet ${name}` },
  })
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'convert'
  return (
    <Card>
      <CardHeader>
        <CardTitle>Convertir en client</CardTitle>
        <CardDescription>Crée le client avec les coordonnées du prospect et marque le prospect comme gagné.</CardDescription>
      </CardHeader>
      <CardContent>
        <Form method="post" {...formProps} className="flex flex-col gap-4">
          <input type="hidden" name="intent" value="convert" />
          <FormError message={form.errors?.[0]} />
          <ZText field={fields.name} label="Nom du client" />
          <ZCheckbox field={fields.create_project} label="Créer aussi un projet (brouillon)" />
          <ZText field={fields.project_title} label="Titre du projet" />
          <ZCheckbox field={fields.invite} label="Inviter le contact dans son espace client" />
          <div className="grid gap-4 sm:grid-cols-2">
            <ZText field={fields.invite_email} label="E-mail à inviter" type="email" />
            <ZText field={fields.invite_name} label="Nom du contact" />
          </div>
          <Button type="submit" disabled={busy} className="self-start">
            <UserCheckIcon aria-hidden="true" /> {busy ? 'Conversion…' : 'Convertir en client'}
          </Button>
        </Form>
      </CardContent>
    </Card>
  )
}
