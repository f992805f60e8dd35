import { ArrowRightIcon, FileTextIcon, FolderKanbanIcon } from '~/components/icons.tsx'
import { Link } from 'react-router'
import { ActivityList } from '~/components/dashboard/activity-list.tsx'
import { MilestoneStatusBadge } from '~/components/roadmap/milestone-badge.tsx'
import { EmptyState, PageHeader } from '~/components/shell/page.tsx'
import { PriorityBadge, TaskStatusBadge } from '~/components/tasks/task-badges.tsx'
import { Button } from '~/components/ui/button.tsx'
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from '~/components/ui/card.tsx'
import { Progress } from '~/components/ui/progress.tsx'
import { requireClient } from '~/lib/auth.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { wantedProjectId } from '~/lib/dashboard/current-project.server.ts'
import { getClientDashboard } from '~/lib/dashboard/get-client-dashboard.server.ts'
import { formatXOF, formatDay, plural } from '~/lib/format.ts'
import { formatBytes } from '~/lib/format.ts'
import { isMilestoneLate, todayIso } from '~/lib/roadmap/labels.ts'
import type { Route } from './+types/_client.dashboard'

export const meta: Route.MetaFunction = () => [{ title: 'Tableau de bord — Espace Client NOURX' }]

/** One Supabase round trip: the client_dashboard RPC (two only when the switcher's cookie is stale). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireClient({ request, context })
  const dashboard = await getClientDashboard(getSupabase(context), wantedProjectId(request))
  const now = new Date()
  return {
    firstName: user.fullName?.split(/\s+/)[0] ?? null,
    dashboard,
    now: now.toISOString(),
    today: todayIso(now),
  }
}

export default function Dashboard({ loaderData }: Route.ComponentProps) {
  const { firstName, dashboard, now, today } = loaderData
  const { project, milestones, open_tasks: tasks, latest_documents: documents, invoice_due: invoice } = dashboard
  const greeting = firstName ? `Bonjour ${firstName}` : 'Bonjour'

  if (!project) {
    return (
      <>
        <PageHeader title={greeting} />
        <EmptyState icon={FolderKanbanIcon} title="Aucun projet pour l’instant">
          Aucun projet n’est encore associé à votre entreprise. Votre contact NOURX l’ajoutera dès le lancement.
        </EmptyState>
      </>
    )
  }

  return (
    <>
      <PageHeader title={greeting} description={<>Projet : {project.title}</>} />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Avancement</CardTitle>
            <CardDescription>
              {milestones.approved} jalon{milestones.approved > 1 ? 's' : ''} validé{milestones.approved > 1 ? 's' : ''}{' '}
              sur {milestones.total}
              {milestones.late > 0 && (
                <span className="text-danger"> · {plural(milestones.late, 'jalon')} en retard</span>
              )}
            </CardDescription>
            <CardAction>
              <span className="text-2xl font-semibold tabular-nums">{project.progress}&nbsp;%</span>
            </CardAction>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <Progress value={project.progress} aria-label="Avancement du projet" />
            {project.end_date && (
              <p className="text-sm text-muted-foreground">Fin prévue le {formatDay(project.end_date)}</p>
            )}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>À régler</CardTitle>
            <CardDescription>
              {dashboard.invoices_due.count === 0
                ? 'Aucune facture en attente de paiement.'
                : `${plural(dashboard.invoices_due.count, 'facture')} · ${formatXOF(dashboard.invoices_due.total)}`}
            </CardDescription>
          </CardHeader>
          {invoice && (
            <CardContent className="flex flex-col gap-3">
              <div className="flex flex-col">
                <span className="text-sm font-medium">{invoice.number ?? 'Facture'}</span>
                {invoice.title && <span className="truncate text-sm text-muted-foreground">{invoice.title}</span>}
                <span className="mt-1 text-xl font-semibold tabular-nums">{formatXOF(invoice.balance_due)}</span>
                {invoice.due_date && (
                  <span
                    className={invoice.status === 'overdue' ? 'text-sm text-danger' : 'text-sm text-muted-foreground'}
                  >
                    {invoice.status === 'overdue' ? 'En retard, échéance le ' : 'Échéance le '}
                    {formatDay(invoice.due_date)}
                  </span>
                )}
              </div>
              <Button asChild variant="brand">
                <Link to={`/factures-devis/${invoice.id}`}>Payer</Link>
              </Button>
            </CardContent>
          )}
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Prochains jalons</CardTitle>
            <CardAction>
              <Link to="/feuille-de-route" className="text-sm text-muted-foreground hover:text-foreground">
                Tout voir
              </Link>
            </CardAction>
          </CardHeader>
          <CardContent>
            {milestones.next.length === 0 ? (
              <p className="text-sm text-muted-foreground">Tous les jalons sont validés.</p>
            ) : (
              <ul className="flex flex-col gap-3">
                {milestones.next.map((m) => (
                  <li key={m.id} className="flex flex-col gap-1">
                    <Link to={`/feuille-de-route#jalon-${m.id}`} className="text-sm font-medium hover:underline">
                      {m.title}
                      {m.version_label && <span className="text-muted-foreground"> · {m.version_label}</span>}
                    </Link>
                    <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                      <MilestoneStatusBadge status={m.status} late={isMilestoneLate(m.status, m.due_date, today)} />
                      {m.due_date && <span>{formatDay(m.due_date)}</span>}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Tâches ouvertes</CardTitle>
            <CardDescription>{plural(tasks.count, 'tâche ouverte', 'tâches ouvertes')}</CardDescription>
            <CardAction>
              <Link to="/taches" className="text-sm text-muted-foreground hover:text-foreground">
                Tout voir
              </Link>
            </CardAction>
          </CardHeader>
          <CardContent>
            {tasks.items.length === 0 ? (
              <p className="text-sm text-muted-foreground">Aucune tâche ouverte.</p>
            ) : (
              <ul className="flex flex-col gap-3">
                {tasks.items.map((t) => (
                  <li key={t.id} className="flex flex-col gap-1">
                    <Link to={`/taches/${t.id}`} className="text-sm font-medium hover:underline">
                      {t.title}
                    </Link>
                    <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                      <TaskStatusBadge status={t.status} />
                      <PriorityBadge priority={t.priority} />
                      {t.due_date && <span>pour le {formatDay(t.due_date)}</span>}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Derniers documents</CardTitle>
            <CardAction>
              <Link to="/documents" className="text-sm text-muted-foreground hover:text-foreground">
                Tout voir
              </Link>
            </CardAction>
          </CardHeader>
          <CardContent>
            {documents.length === 0 ? (
              <p className="text-sm text-muted-foreground">Aucun document partagé pour l’instant.</p>
            ) : (
              <ul className="flex flex-col gap-3">
                {documents.map((d) => (
                  <li key={d.id} className="flex items-start gap-2">
                    <FileTextIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
                    <div className="flex min-w-0 flex-col">
                      <Link
                        to={`/documents?dossier=${encodeURIComponent(d.folder)}`}
                        className="truncate text-sm font-medium hover:underline"
                      >
                        {d.label ?? d.file_name}
                      </Link>
                      <span className="text-xs text-muted-foreground">
                        {d.folder} · {formatBytes(d.size_bytes)}
                      </span>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>

        <Card className="lg:col-span-3">
          <CardHeader>
            <CardTitle>Activité récente</CardTitle>
            {dashboard.open_tickets > 0 && (
              <CardAction>
                <Link
                  to="/reclamations"
                  className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
                >
                  {plural(dashboard.open_tickets, 'réclamation ouverte', 'réclamations ouvertes')}
                  <ArrowRightIcon className="size-3.5" aria-hidden="true" />
                </Link>
              </CardAction>
            )}
          </CardHeader>
          <CardContent>
            <ActivityList items={dashboard.recent_activity} now={now} />
          </CardContent>
        </Card>
      </div>
    </>
  )
}
