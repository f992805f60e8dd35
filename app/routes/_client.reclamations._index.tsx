import { ChevronRightIcon, LifeBuoyIcon, PlusIcon } from '~/components/icons.tsx'
import { Link, useNavigation } from 'react-router'
import { EmptyState, PageHeader } from '~/components/shell/page.tsx'
import { TicketStatusBadge } from '~/components/tickets/ticket-badges.tsx'
import { Badge } from '~/components/ui/badge.tsx'
import { Button } from '~/components/ui/button.tsx'
import { SkeletonRows } from '~/components/ui/skeleton-rows.tsx'
import { requireClient } from '~/lib/auth.server.ts'
import { unavailable } from '~/lib/billing/errors.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { formatDateTime } from '~/lib/format.ts'
import { CATEGORY_LABEL, isSlaBreached, PRIORITY_LABEL } from '~/lib/tickets/labels.ts'
import { listTickets, type StatusGroup } from '~/lib/tickets/tickets.server.ts'
import { cn } from '~/lib/utils.ts'
import type { Route } from './+types/_client.reclamations._index'

export const meta: Route.MetaFunction = () => [{ title: 'Réclamations — Espace Client NOURX' }]

const GROUPS: Array<{ value: StatusGroup; label: string }> = [
  { value: 'ouvertes', label: 'En cours' },
  { value: 'resolues', label: 'Résolues' },
  { value: 'fermees', label: 'Fermées' },
  { value: 'toutes', label: 'Toutes' },
]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireClient({ request, context })
  const raw = new URL(request.url).searchParams.get('statut')
  const group: StatusGroup = GROUPS.some((g) => g.value === raw) ? (raw as StatusGroup) : 'toutes'
  const result = await listTickets(getSupabase(context), group)
  if (!result.ok) unavailable('reclamations', result.error)
  return { group, tickets: result.value, now: new Date().toISOString() }
}

/** NOURX has not answered yet and the ticket is still open: its SLA deadline is what matters. */
function awaitingFirstAnswer(t: { first_response_at: string | null; status: string }) {
  return !t.first_response_at && t.status !== 'resolved' && t.status !== 'closed'
}

export default function Reclamations({ loaderData }: Route.ComponentProps) {
  const { group, tickets, now } = loaderData
  const navigation = useNavigation()
  const pending = navigation.state === 'loading' && navigation.location.pathname.startsWith('/reclamations')
  return (
    <>
      <PageHeader
        title="Réclamations"
        description="Vos demandes auprès de NOURX et leur suivi."
        actions={
          <Button asChild>
            <Link to="/reclamations/nouvelle">
              <PlusIcon aria-hidden="true" />
              Nouvelle réclamation
            </Link>
          </Button>
        }
      />
      <nav aria-label="Filtres" className="-mx-1 mb-4 flex gap-2 overflow-x-auto px-1 pb-1">
        {GROUPS.map((g) => (
          <Link
            key={g.value}
            to={g.value === 'toutes' ? '/reclamations' : `/reclamations?statut=${g.value}`}
            aria-current={group === g.value ? 'true' : undefined}
            preventScrollReset
            className={cn(
              'shrink-0 rounded-full border px-3 py-1 text-sm whitespace-nowrap text-muted-foreground hover:bg-accent',
              group === g.value && 'border-foreground bg-foreground text-background hover:bg-foreground',
            )}
          >
            {g.label}
          </Link>
        ))}
      </nav>
      {pending ? (
        <SkeletonRows />
      ) : tickets.length === 0 ? (
        <EmptyState icon={LifeBuoyIcon} title={group === 'toutes' ? 'Aucune réclamation' : 'Aucune réclamation dans cette catégorie'}>
          {group === 'toutes'
            ? 'Une question, une anomalie, un paiement qui n’apparaît pas ? Ouvrez une réclamation : NOURX vous répond ici.'
            : 'Essayez un autre filtre.'}
        </EmptyState>
      ) : (
        <ul className="flex flex-col gap-2" aria-label="Réclamations">
          {tickets.map((t) => {
            const late = isSlaBreached(t, new Date(now))
            return (
              <li key={t.id}>
                <Link
                  to={`/reclamations/${t.id}`}
                  className="flex items-center gap-3 rounded-xl border p-4 transition-colors hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/40 focus-visible:outline-none"
                >
                  <div className="flex min-w-0 flex-1 flex-col gap-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="text-sm text-muted-foreground tabular-nums">n° {t.number}</span>
                      <TicketStatusBadge status={t.status} />
                      <Badge variant="outline">{CATEGORY_LABEL[t.category]}</Badge>
                      {late && <Badge variant="danger">Délai dépassé</Badge>}
                    </div>
                    <p className="truncate font-medium">{t.subject}</p>
                    <p className="text-sm text-muted-foreground">
                      {[
                        t.project_title,
                        `Priorité ${PRIORITY_LABEL[t.priority].toLowerCase()}`,
                        awaitingFirstAnswer(t) && t.sla_due_at
                          ? `Réponse attendue avant le ${formatDateTime(t.sla_due_at)}`
                          : t.last_message_at && `Dernier message le ${formatDateTime(t.last_message_at)}`,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </p>
                  </div>
                  <ChevronRightIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
                </Link>
              </li>
            )
          })}
        </ul>
      )}
    </>
  )
}
