import { data } from 'react-router'
import { DocumentEditor } from '~/components/admin/billing/document-editor.tsx'
import { PageHeader } from '~/components/shell/page.tsx'
import { Card, CardContent } from '~/components/ui/card.tsx'
import { parseForm, writeErrorMessage } from '~/lib/admin/action.server.ts'
import { createDraft, editorOptions } from '~/lib/admin/billing/billing.server.ts'
import { BillingDocumentSchema, type DocKind } from '~/lib/admin/billing/schemas.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getEnv, getSupabase } from '~/lib/context.server.ts'
import { redirectWithFlash } from '~/lib/flash.server.ts'
import type { Route } from './+types/admin.factures-devis.nouveau'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.kind === 'devis' ? 'Nouveau devis' : 'Nouvelle facture'} — Administration NOURX` }]

const kindOf = (request: Request): DocKind => (new URL(request.url).searchParams.get('type') === 'devis' ? 'devis' : 'facture')

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  const options = await editorOptions(getSupabase(context))
  const wanted = new URL(request.url).searchParams.get('client')
  return { kind: kindOf(request), ...options, clientId: options.clients.some((c) => c.value === wanted) ? wanted : null }
}

/** Creates the draft (header + lines); the totals are the database's from then on. */
export async function action({ request, context }: Route.ActionArgs) {
  await requireAdmin({ request, context })
  const kind = kindOf(request)
  const submission = parseForm(await request.formData(), BillingDocumentSchema)
  if (submission.status !== 'success') return data(submission.reply(), 400)
  try {
    const { id } = await createDraft(getSupabase(context), kind, submission.value)
    const to = kind === 'facture' ? `/admin/factures-devis/factures/${id}` : `/admin/factures-devis/devis/${id}`
    return redirectWithFlash(to, { kind: 'success', message: 'Brouillon enregistré. Vérifiez les totaux, puis envoyez-le.' }, getEnv(context))
  } catch (error) {
    const { message, status } = writeErrorMessage(error)
    return data(submission.reply({ formErrors: [message] }), status)
  }
}

export default function NewBillingDocumentPage({ loaderData, actionData }: Route.ComponentProps) {
  const { kind, clients, projects, defaultVatRate, clientId } = loaderData
  return (
    <>
      <PageHeader
        title={kind === 'facture' ? 'Nouvelle facture' : 'Nouveau devis'}
        description="Un brouillon n’est visible que par NOURX ; le numéro est attribué à l’envoi."
      />
      <Card>
        <CardContent>
          <DocumentEditor
            key={kind}
            kind={kind}
            lastResult={actionData}
            clients={clients}
            projects={projects}
            defaultValue={{ client_id: clientId ?? undefined, vat_rate: String(defaultVatRate), items: [{ label: '', quantity: '1', unit_price: '' }] }}
            submitLabel="Enregistrer le brouillon"
          />
        </CardContent>
      </Card>
    </>
  )
}
