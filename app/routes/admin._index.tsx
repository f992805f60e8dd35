import {
  AlarmClockIcon,
  BadgeCheckIcon,
  CalendarCheckIcon,
  CreditCardIcon,
  FlagIcon,
  HourglassIcon,
  LifeBuoyIcon,
  SmileIcon,
  UserXIcon,
  UsersIcon,
  WalletIcon,
} from 'lucide-react'
import { Link } from 'react-router'
import { RevenueChart } from '~/components/admin/dashboard/revenue-chart.tsx'
import { Stat } from '~/components/admin/stat.tsx'
import { StatusBadge } from '~/components/admin/status-badge.tsx'
import { PageHeader } from '~/components/shell/page.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '~/components/ui/card.tsx'
import { getDashboard } from '~/lib/admin/dashboard.server.ts'
import { PAYMENT_ATTEMPT_STATUS, PRIORITY } from '~/lib/admin/labels.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { formatRelative, formatShortDate, formatXOF } from '~/lib/format.ts'
import type { Route } from './+types/admin._index'

export const meta: Route.MetaFunction = () => [{ title: 'Tableau de bord — Administration NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  return getDashboard(getSupabase(context))
}

const percent = new Intl.NumberFormat('fr-CI', { style: 'percent', maximumFractionDigits: 0 })
const decimal = new Intl.NumberFormat('fr-CI', { maximumFractionDigits: 1 })
const pct = (rate: number | null) => (rate === null ? '—' : percent.format(rate))

export default function AdminDashboard({ loaderData }: Route.ComponentProps) {
  const { kpis, overdueInvoices, lateTickets, paymentsToReview, deletionRequests, now } = loaderData
  const toDo = overdueInvoices.length + lateTickets.length + paymentsToReview.length + deletionRequests.length
  return (
    <>
      <PageHeader title="Tableau de bord" description="Ce qui demande votre attention et les indicateurs de l’agence." />

      <section aria-labelledby="a-traiter" className="mb-8">
        <h2 id="a-traiter" className="mb-3 text-lg font-semibold">
          À traiter {toDo > 0 && <span className="text-muted-foreground">({toDo})</span>}
        </h2>
        <div className="grid grid-cols-[minmax(0,1fr)] gap-4 lg:grid-cols-2 2xl:grid-cols-4 [&>*]:min-w-0">
          <Card className="gap-3">
            <CardHeader>
              <CardTitle className="flex items-center gap-2">
                <WalletIcon className="size-4" aria-hidden="true" /> Factures en retard
              </CardTitle>
              <CardDescription>
                {kpis.overdue.count} facture(s), {formatXOF(kpis.overdue.total)} à encaisser
              </CardDescription>
            </CardHeader>
            <CardContent>
              {overdueInvoices.length === 0 ? (
                <p className="text-sm text-muted-foreground">Aucune facture en retard.</p>
              ) : (
                <ul className="divide-y text-sm">
                  {overdueInvoices.map((i) => (
                    <li key={i.id} className="flex items-center gap-2 py-2">
                      <div className="min-w-0 flex-1">
                        <Link to={`/admin/factures-devis/factures/${i.id}`} className="block truncate font-medium hover:underline">
                          {i.number ?? i.title} · {i.client}
                        </Link>
                        <div className="text-xs text-muted-foreground">
                          échue le {i.due_date ? formatShortDate(i.due_date) : '—'} ·{' '}
                          <Link to={`/admin/clients/${i.client_id}`} className="hover:underline">
                            fiche client
                          </Link>
                        </div>
                      </div>
                      <span className="font-medium text-danger tabular-nums">{formatXOF(i.balance_due)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
          <Card className="gap-3">
            <CardHeader>
              <CardTitle className="flex items-center gap-2">
                <AlarmClockIcon className="size-4" aria-hidden="true" /> Réclamations hors délai
              </CardTitle>
              <CardDescription>Délai de réponse (SLA) dépassé</CardDescription>
            </CardHeader>
            <CardContent>
              {lateTickets.length === 0 ? (
                <p className="text-sm text-muted-foreground">Toutes les réclamations sont dans les délais.</p>
              ) : (
                <ul className="divide-y text-sm">
                  {lateTickets.map((t) => (
                    <li key={t.id} className="flex items-center gap-2 py-2">
                      <div className="min-w-0 flex-1">
                        <Link to={`/admin/reclamations/${t.id}`} className="block truncate font-medium hover:underline">
                          #{t.number} {t.subject}
                        </Link>
                        <div className="text-xs text-muted-foreground">
                          {t.client} · échéance {formatRelative(t.sla_due_at, now)}
                        </div>
                      </div>
                      <StatusBadge map={PRIORITY} value={t.priority} />
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
          <Card className="gap-3">
            <CardHeader>
              <CardTitle className="flex items-center gap-2">
                <FlagIcon className="size-4" aria-hidden="true" /> Paiements à vérifier
              </CardTitle>
              <CardDescription>Montant incohérent, ou en attente depuis plus d’une heure</CardDescription>
            </CardHeader>
            <CardContent>
              {paymentsToReview.length === 0 ? (
                <p className="text-sm text-muted-foreground">Aucun paiement à vérifier.</p>
              ) : (
                <ul className="divide-y text-sm">
                  {paymentsToReview.map((p) => (
                    <li key={p.id} className="flex items-center gap-2 py-2">
                      <div className="min-w-0 flex-1">
                        <Link to={`/admin/paiements/${p.id}`} className="block truncate font-medium hover:underline">
                          {p.client} · {p.invoice ?? 'facture ?'}
                        </Link>
                        <div className="truncate text-xs text-muted-foreground">
                          {formatXOF(p.amount)} · {p.transaction_id}
                        </div>
                      </div>
                      <StatusBadge map={PAYMENT_ATTEMPT_STATUS} value={p.status} />
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
          <Card className="gap-3">
            <CardHeader>
              <CardTitle className="flex items-center gap-2">
                <UserXIcon className="size-4" aria-hidden="true" /> Demandes de suppression
              </CardTitle>
              <CardDescription>
                <Link to="/admin/demandes-suppression" className="hover:underline">
                  {kpis.to_review.pending_deletion_requests} demande(s) RGPD en attente
                </Link>
              </CardDescription>
            </CardHeader>
            <CardContent>
              {deletionRequests.length === 0 ? (
                <p className="text-sm text-muted-foreground">Aucune demande de suppression de compte.</p>
              ) : (
                <ul className="divide-y text-sm">
                  {deletionRequests.map((d) => (
                    <li key={d.id} className="py-2">
                      <Link to={`/admin/demandes-suppression#demande-${d.id}`} className="block truncate font-medium hover:underline">
                        {d.person}
                      </Link>
                      <div className="truncate text-xs text-muted-foreground">
                        {d.companies || 'aucune entreprise'} · {formatRelative(d.requested_at, now)}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
        </div>
      </section>

      <section aria-labelledby="indicateurs">
        <h2 id="indicateurs" className="mb-3 text-lg font-semibold">
          Indicateurs
        </h2>
        <div className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
          <Stat
            label="Clients connectés ce mois"
            value={pct(kpis.active_clients.share)}
            hint={`${kpis.active_clients.active} sur ${kpis.active_clients.total} clients`}
            icon={UsersIcon}
          />
          <Stat
            label="Tâches finies à temps"
            value={pct(kpis.on_time.tasks.rate)}
            hint={`${kpis.on_time.tasks.on_time} sur ${kpis.on_time.tasks.total} (6 mois)`}
            icon={CalendarCheckIcon}
          />
          <Stat
            label="Jalons livrés à temps"
            value={pct(kpis.on_time.milestones.rate)}
            hint={`${kpis.on_time.milestones.on_time} sur ${kpis.on_time.milestones.total} (6 mois)`}
            icon={BadgeCheckIcon}
          />
          <Stat
            label="Paiement en ligne"
            value={pct(kpis.online_payments.rate)}
            hint={`${kpis.online_payments.online_count} paiement(s) sur ${kpis.online_payments.total_count}, en montant (12 mois)`}
            icon={CreditCardIcon}
          />
          <Stat
            label="Délai moyen d’encaissement"
            value={kpis.collection_days === null ? '—' : `${decimal.format(kpis.collection_days)} j`}
            hint="De l’envoi au paiement complet (12 mois)"
            icon={HourglassIcon}
          />
          <Stat
            label="Réclamations ouvertes"
            value={kpis.tickets.open}
            hint={`${kpis.tickets.past_sla} hors délai`}
            tone={kpis.tickets.past_sla > 0 ? 'warning' : undefined}
            icon={LifeBuoyIcon}
          />
          <Stat
            label="Résolution moyenne"
            value={kpis.tickets.avg_resolution_hours === null ? '—' : `${decimal.format(kpis.tickets.avg_resolution_hours)} h`}
            hint="Réclamations résolues (6 mois)"
            icon={AlarmClockIcon}
          />
          <Stat
            label="Satisfaction"
            value={kpis.tickets.satisfaction === null ? '—' : `${decimal.format(kpis.tickets.satisfaction)} / 5`}
            hint={`${kpis.tickets.ratings} avis (12 mois)`}
            icon={SmileIcon}
          />
          <Stat
            label="Impayés en retard"
            value={formatXOF(kpis.overdue.total)}
            hint={`${kpis.overdue.count} facture(s)`}
            tone={kpis.overdue.total > 0 ? 'danger' : undefined}
            icon={WalletIcon}
            className="col-span-2 md:col-span-1 xl:col-span-2"
          />
        </div>
        <Card>
          <CardHeader>
            <CardTitle>Chiffre d’affaires par mois</CardTitle>
            <CardDescription>Factures émises (TTC) et paiements encaissés, 12 derniers mois</CardDescription>
          </CardHeader>
          <CardContent>
            <RevenueChart data={kpis.revenue_by_month} />
          </CardContent>
        </Card>
      </section>
    </>
  )
}
