// /admin/demandes-suppression — RGPD account deletion requests filed by
// clients from /parametres: who, company, when, why; the admin processes
// (access revoked, personal data anonymised, accounting kept — ADR 006) or
// refuses with a reason. Every write is audited by the DB trigger.
import { CheckIcon, UserXIcon, XIcon } from 'lucide-react'
import { data, Link, useSearchParams } from 'react-router'
import { DecisionDialog } from '~/components/admin/deletion-requests/decision-dialog.tsx'
import { StatusBadge } from '~/components/admin/status-badge.tsx'
import { EmptyState, PageHeader } from '~/components/shell/page.tsx'
import { Button } from '~/components/ui/button.tsx'
import { Card, CardContent } from '~/components/ui/card.tsx'
import { writeErrorMessage } from '~/lib/admin/action.server.ts'
import { DELETION_STATUS, DeletionDecisionSchema, parseStatusFilter } from '~/lib/admin/deletion-requests.ts'
import {
  type DecidedRequest,
  listDeletionRequests,
  processDeletionRequest,
  rejectDeletionRequest,
} from '~/lib/admin/deletion-requests.server.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getEnv, getRequestContext, getSupabase } from '~/lib/context.server.ts'
import { redirectWithFlash } from '~/lib/flash.server.ts'
import { notifyDeletionDecisionLater } from '~/lib/notifications/deletion-decision.server.ts'
import type { NotifyDb } from '~/lib/notifications/notify.server.ts'
import { createSupabaseAdminClient } from '~/lib/supabase-admin.server.ts'
import { formatDateTime } from '~/lib/format.ts'
import { cn } from '~/lib/utils.ts'
import type { Route } from './+types/admin.demandes-suppression'

export const meta: Route.MetaFunction = () => [{ title: 'Demandes de suppression — Administration NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  const status = parseStatusFilter(new URL(request.url).searchParams.get('statut'))
  return { status, requests: await listDeletionRequests(getSupabase(context), { status }) }
}

export async function action({ request, context }: Route.ActionArgs) {
  await requireAdmin({ request, context })
  const env = getEnv(context)
  const form = await request.formData()
  const values = { note: String(form.get('note') ?? '') }
  const parsed = DeletionDecisionSchema.safeParse({
    intent: form.get('intent'),
    request_id: form.get('request_id'),
    note: values.note,
  })
  if (!parsed.success) {
    const issues = parsed.error.issues
    const noteIssue = issues.find((i) => i.path[0] === 'note')
    return data(
      noteIssue
        ? { fieldErrors: { note: [noteIssue.message] }, values }
        : { formError: issues[0]?.path[0] === 'intent' ? 'Action inconnue.' : 'Demande invalide.', values },
      { status: 400 },
    )
  }
  const decision = parsed.data
  const back = new URL(request.url).pathname + new URL(request.url).search
  try {
    const db = getSupabase(context)
    // The person is told by e-mail, after the response, at the address they had.
    const tell = (outcome: 'processed' | 'rejected', done: DecidedRequest) => {
      if (!done.person) return
      notifyDeletionDecisionLater({ db: db as NotifyDb, env }, getRequestContext(context).executionContext, {
        outcome,
        person: done.person,
        requestedAt: done.requestedAt,
        note: outcome === 'rejected' ? decision.note : null,
      })
    }
    if (decision.intent === 'process') {
      tell('processed', await processDeletionRequest(db, createSupabaseAdminClient(env), decision.request_id, decision.note || undefined))
      return redirectWithFlash(back, { kind: 'success', message: 'Compte supprimé : accès retiré et données personnelles anonymisées. Les pièces comptables sont conservées ; la personne en est informée par e-mail.' }, env)
    }
    tell('rejected', await rejectDeletionRequest(db, decision.request_id, decision.note))
    return redirectWithFlash(back, { kind: 'success', message: 'Demande refusée. La personne reçoit le motif par e-mail.' }, env)
  } catch (error) {
    const { message, status } = writeErrorMessage(error)
    return data({ formError: message, values }, { status })
  }
}

const FILTERS = [
  { value: 'pending', label: 'À traiter' },
  { value: 'processed', label: 'Traitées' },
  { value: 'rejected', label: 'Refusées' },
  { value: 'toutes', label: 'Toutes' },
] as const

export default function DeletionRequests({ loaderData }: Route.ComponentProps) {
  const { status, requests } = loaderData
  const [params] = useSearchParams()
  return (
    <>
      <PageHeader
        title="Demandes de suppression"
        description="Demandes de suppression de compte (RGPD) envoyées par les clients depuis leurs paramètres."
      />
      <nav aria-label="Filtrer par statut" className="mb-4 inline-flex rounded-lg border bg-muted/50 p-1 text-sm">
        {FILTERS.map((f) => {
          const next = new URLSearchParams(params)
          if (f.value === 'pending') next.delete('statut')
          else next.set('statut', f.value)
          const current = status === f.value
          return (
            <Link
              key={f.value}
              to={`?${next.toString()}`}
              aria-current={current ? 'page' : undefined}
              className={cn(
                'rounded-md px-3 py-1.5 text-muted-foreground transition-colors hover:text-foreground',
                current && 'bg-background font-medium text-foreground shadow-xs',
              )}
            >
              {f.label}
            </Link>
          )
        })}
      </nav>

      {requests.length === 0 ? (
        <EmptyState icon={UserXIcon} title={status === 'pending' ? 'Aucune demande à traiter' : 'Aucune demande'}>
          {status === 'pending'
            ? 'Les demandes de suppression de compte envoyées par les clients apparaîtront ici.'
            : 'Aucune demande ne correspond à ce filtre.'}
        </EmptyState>
      ) : (
        <ul className="grid grid-cols-[minmax(0,1fr)] gap-3" aria-label="Demandes de suppression">
          {requests.map((r) => {
            const who = r.person.full_name || r.person.email || 'Compte sans nom'
            return (
              <li key={r.id} id={`demande-${r.id}`} className="scroll-mt-20">
                <Card className="gap-3 py-4">
                  <CardContent className="flex flex-col gap-3 px-4 sm:px-5 lg:flex-row lg:items-start lg:gap-6">
                    <div className="min-w-0 flex-1 space-y-1.5">
                      <div className="flex flex-wrap items-center gap-2">
                        <h2 className="font-medium">{who}</h2>
                        <StatusBadge map={DELETION_STATUS} value={r.status} />
                      </div>
                      <p className="truncate text-sm text-muted-foreground">
                        {r.status === 'processed' ? 'Adresse anonymisée' : (r.person.email ?? '—')}
                      </p>
                      <p className="text-sm">
                        <span className="text-muted-foreground">{r.companies.length > 1 ? 'Entreprises : ' : 'Entreprise : '}</span>
                        {r.companies.length === 0
                          ? <em className="text-muted-foreground">aucune</em>
                          : r.companies.map((c, i) => (
                              <span key={c.client_id}>
                                {i > 0 && ', '}
                                <Link to={`/admin/clients/${c.client_id}`} className="hover:underline">
                                  {c.name}
                                </Link>
                              </span>
                            ))}
                      </p>
                      <p className="text-sm">
                        <span className="text-muted-foreground">Demandée le </span>
                        {formatDateTime(r.requested_at)}
                      </p>
                      <p className="text-sm whitespace-pre-line">
                        <span className="text-muted-foreground">Motif : </span>
                        {r.reason?.trim() ? r.reason : <em className="text-muted-foreground">non précisé</em>}
                      </p>
                      {r.status !== 'pending' && (
                        <p className="text-sm text-muted-foreground">
                          {r.status === 'processed' ? 'Traitée' : 'Refusée'}
                          {r.processed_at && ` le ${formatDateTime(r.processed_at)}`}
                          {r.processed_by && ` par ${r.processed_by}`}
                          {r.admin_note && (
                            <>
                              {' — '}
                              <span className="text-foreground">{r.admin_note}</span>
                            </>
                          )}
                        </p>
                      )}
                    </div>
                    {r.status === 'pending' && (
                      <div className="flex shrink-0 flex-wrap gap-2">
                        <DecisionDialog
                          intent="reject"
                          requestId={r.id}
                          person={who}
                          trigger={
                            <Button variant="outline" size="sm">
                              <XIcon aria-hidden="true" /> Refuser
                            </Button>
                          }
                        />
                        <DecisionDialog
                          intent="process"
                          requestId={r.id}
                          person={who}
                          trigger={
                            <Button variant="destructive" size="sm">
                              <CheckIcon aria-hidden="true" /> Traiter la demande
                            </Button>
                          }
                        />
                      </div>
                    )}
                  </CardContent>
                </Card>
              </li>
            )
          })}
        </ul>
      )}
    </>
  )
}
