import { CheckCircle2Icon, DownloadIcon, XCircleIcon } from '~/components/icons.tsx'
import { data, Link } from 'react-router'
import { DocumentHeader } from '~/components/billing/document-header.tsx'
import { LineItems, Totals } from '~/components/billing/line-items.tsx'
import { QuoteAnswer, type QuoteAnswerState } from '~/components/billing/quote-answer.tsx'
import { InvoiceStatusBadge, QuoteStatusBadge } from '~/components/billing/status-badge.tsx'
import { Button } from '~/components/ui/button.tsx'
import { requireClient } from '~/lib/auth.server.ts'
import { acceptQuote, declineQuote } from '~/lib/billing/answer-quote.server.ts'
import { isUuid, notFound, unavailable } from '~/lib/billing/errors.server.ts'
import { getQuote } from '~/lib/billing/get-document.server.ts'
import { QuoteAnswerSchema } from '~/lib/billing/schemas.ts'
import { isAnswerable } from '~/lib/billing/status.ts'
import { getEnv, getSupabase } from '~/lib/context.server.ts'
import { redirectWithFlash } from '~/lib/flash.server.ts'
import { formatDateTime, formatDay } from '~/lib/format.ts'
import { getShellProfile } from '~/lib/profile.server.ts'
import { fieldErrors } from '~/lib/validation.ts'
import type { Route } from './+types/_client.factures-devis.devis.$id'

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.quote.number ? `Devis ${data.quote.number}` : 'Devis'} — Espace Client NOURX` },
]

const NOT_FOUND = 'Ce devis n’existe pas ou ne fait pas partie de votre espace.'

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requireClient({ request, context })
  if (!isUuid(params.id)) notFound(NOT_FOUND)
  const [quote, profile] = await Promise.all([getQuote(getSupabase(context), params.id), getShellProfile(context, user)])
  if (!quote.ok) unavailable('devis', quote.error)
  if (!quote.value) notFound(NOT_FOUND)
  return { quote: quote.value, answerable: isAnswerable(quote.value), placeholderName: profile.name ?? 'Prénom Nom' }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  await requireClient({ request, context })
  if (!isUuid(params.id)) notFound(NOT_FOUND)
  const form = await request.formData()
  const raw = Object.fromEntries(form) as Record<string, string>
  const intent = raw.intent === 'refuser' ? 'refuser' : 'accepter'
  const values = { signerName: raw.signerName ?? '', reason: raw.reason ?? '', consent: raw.consent === 'on' }
  const parsed = QuoteAnswerSchema.safeParse(raw)
  if (!parsed.success) {
    return data<QuoteAnswerState>({ intent, values, fieldErrors: fieldErrors(parsed.error) }, { status: 400 })
  }
  const supabase = getSupabase(context)
  const result =
    parsed.data.intent === 'accepter'
      ? await acceptQuote(supabase, params.id, parsed.data.signerName)
      : await declineQuote(supabase, params.id, parsed.data.reason)
  if (!result.ok) {
    if (result.error.kind === 'not_found') notFound(NOT_FOUND)
    if (result.error.kind === 'forbidden') throw data({ message: 'Vous ne pouvez pas répondre à ce devis.' }, { status: 403 })
    return data<QuoteAnswerState>({ intent, values, formError: result.error.message }, { status: result.error.kind === 'rule' ? 409 : 500 })
  }
  const message = result.status === 'accepted' ? 'Devis accepté : merci ! NOURX a été prévenu.' : 'Votre refus a été transmis à NOURX.'
  return redirectWithFlash(`/factures-devis/devis/${params.id}`, { kind: 'success', message }, getEnv(context))
}

export default function Devis({ loaderData, actionData }: Route.ComponentProps) {
  const { quote, answerable, placeholderName } = loaderData
  return (
    <>
      <DocumentHeader
        kind="Devis"
        number={quote.number}
        badge={<QuoteStatusBadge status={quote.status} />}
        title={quote.title}
        meta={[
          ['Projet', quote.project_title],
          ['Émis le', quote.issue_date ? formatDay(quote.issue_date) : null],
          ['Valable jusqu’au', quote.valid_until ? formatDay(quote.valid_until) : null],
        ]}
        actions={
          <Button asChild variant="outline">
            <a href={`/api/devis/${quote.id}/pdf`} download>
              <DownloadIcon aria-hidden="true" />
              Télécharger le PDF
            </a>
          </Button>
        }
      />

      <div className="flex flex-col gap-6">
        {quote.status === 'accepted' && quote.accepted_at && (
          <p className="flex gap-2 rounded-xl border border-success/30 bg-success-soft p-4 text-sm text-success" role="status">
            <CheckCircle2Icon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
            <span>
              Accepté le {formatDateTime(quote.accepted_at)}
              {quote.signer_name && ` par ${quote.signer_name}`} (bon pour accord).
            </span>
          </p>
        )}
        {quote.status === 'declined' && quote.declined_at && (
          <div className="flex gap-2 rounded-xl border p-4 text-sm" role="status">
            <XCircleIcon className="mt-0.5 size-4 shrink-0 text-danger" aria-hidden="true" />
            <div>
              <p>Refusé le {formatDateTime(quote.declined_at)}.</p>
              {quote.decline_reason && <p className="text-muted-foreground">Raison : {quote.decline_reason}</p>}
            </div>
          </div>
        )}
        {(quote.status === 'expired' || (quote.status === 'sent' && !answerable)) && (
          <p className="rounded-xl border p-4 text-sm" role="status">
            Ce devis a expiré{quote.valid_until ? ` le ${formatDay(quote.valid_until)}` : ''} : demandez-en un nouveau à NOURX
            depuis vos <Link className="underline underline-offset-4" to="/reclamations/nouvelle">réclamations</Link>.
          </p>
        )}

        <section aria-labelledby="lignes-titre" className="rounded-xl border p-4 sm:p-5">
          <h2 id="lignes-titre" className="mb-2 font-semibold">
            Détail
          </h2>
          <LineItems items={quote.items} />
          <div className="mt-4 border-t pt-4">
            <Totals subtotal={quote.subtotal_ht} vatRate={quote.vat_rate} vat={quote.vat_amount} total={quote.total_ttc} />
          </div>
          {quote.notes && <p className="mt-4 text-sm whitespace-pre-line text-muted-foreground">{quote.notes}</p>}
          {quote.terms && (
            <div className="mt-4 text-sm">
              <h3 className="font-medium">Conditions</h3>
              <p className="whitespace-pre-line text-muted-foreground">{quote.terms}</p>
            </div>
          )}
        </section>

        {answerable && <QuoteAnswer total={quote.total_ttc} state={actionData} placeholderName={placeholderName} />}

        {quote.invoices.length > 0 && (
          <section aria-labelledby="factures-titre" className="rounded-xl border p-4 sm:p-5">
            <h2 id="factures-titre" className="mb-2 font-semibold">
              Factures de ce devis
            </h2>
            <ul className="flex flex-col gap-2 text-sm">
              {quote.invoices.map((invoice) => (
                <li key={invoice.id} className="flex items-center gap-2">
                  <Link className="underline underline-offset-4" to={`/factures-devis/${invoice.id}`}>
                    {invoice.number ?? 'Facture'}
                  </Link>
                  <InvoiceStatusBadge status={invoice.status} />
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </>
  )
}
