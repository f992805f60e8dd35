import { CheckIcon, FolderKanbanIcon } from '~/components/icons.tsx'
import { Link } from 'react-router'
import { MilestoneStatusBadge } from '~/components/roadmap/milestone-badge.tsx'
import { EmptyState, PageHeader } from '~/components/shell/page.tsx'
import { Avatar, AvatarFallback, initialsOf } from '~/components/ui/avatar.tsx'
import { Badge } from '~/components/ui/badge.tsx'
import { Card, CardContent, CardHeader, CardTitle } from '~/components/ui/card.tsx'
import { Progress } from '~/components/ui/progress.tsx'
import { Stat } from '~/components/ui/stat.tsx'
import { requireClient } from '~/lib/auth.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { formatDay, formatXOF } from '~/lib/format.ts'
import { getClientProjects } from '~/lib/projects.server.ts'
import { getProjectOverview } from '~/lib/roadmap/get-project-overview.server.ts'
import { isMilestoneLate, todayIso } from '~/lib/roadmap/labels.ts'
import { PROJECT_STATUS_LABEL, PROJECT_STATUS_VARIANT } from '~/lib/roadmap/project-status.ts'
import type { Route } from './+types/_client.projet'

export const meta: Route.MetaFunction = () => [{ title: 'Projet — Espace Client NOURX' }]

/**
 * Two sequential round trips at most: the caller's projects (shared with the
 * layout loader through a per-request cache) then the project with
 * everything embedded.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  await requireClient({ request, context })
  const { current } = await getClientProjects(request, context)
  if (!current) return { project: null, today: todayIso() }
  const project = await getProjectOverview(getSupabase(context), current.id)
  return { project, today: todayIso() }
}

export default function ProjectPage({ loaderData }: Route.ComponentProps) {
  const { project, today } = loaderData
  if (!project) {
    return (
      <>
        <PageHeader title="Projet" />
        <EmptyState icon={FolderKanbanIcon} title="Aucun projet pour l’instant">
          Aucun projet n’est encore associé à votre entreprise.
        </EmptyState>
      </>
    )
  }
  const done = project.milestones.filter((m) => m.status === 'approved').length
  const late = project.milestones.filter((m) => isMilestoneLate(m.status, m.due_date, today)).length
  const toApprove = project.milestones.filter((m) => m.status === 'delivered').length

  return (
    <>
      <PageHeader
        title={project.title}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <Badge variant={PROJECT_STATUS_VARIANT[project.status] ?? 'neutral'}>
              {PROJECT_STATUS_LABEL[project.status] ?? project.status}
            </Badge>
            {project.startDate && project.endDate && (
              <span>
                Du {formatDay(project.startDate)} au {formatDay(project.endDate)}
              </span>
            )}
          </span>
        }
      />

      <dl className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat
          label="Avancement"
          value={`${project.progress}\u00A0%`}
          hint={<Progress value={project.progress} aria-label="Avancement du projet" className="mt-1" />}
        />
        <Stat
          label="Jalons validés"
          value={`${done} / ${project.milestones.length}`}
          hint={
            late > 0 ? (
              <span className="text-danger">{late} en retard</span>
            ) : toApprove > 0 ? (
              <Link to="/feuille-de-route?statut=delivered" className="underline">
                {toApprove} à valider
              </Link>
            ) : (
              'Aucun retard'
            )
          }
        />
        <Stat
          label="Facturé TTC"
          value={formatXOF(project.invoiced)}
          hint={project.budgetHt ? `Budget HT : ${formatXOF(project.budgetHt)}` : undefined}
        />
        <Stat
          label="Payé"
          value={formatXOF(project.paid)}
          hint={`Tâches : ${project.tasks.done} terminées sur ${project.tasks.total}`}
        />
      </dl>

      <div className="grid gap-4 lg:grid-cols-3">
        <div className="flex flex-col gap-4 lg:col-span-2">
          <Card>
            <CardHeader>
              <CardTitle>Description</CardTitle>
            </CardHeader>
            <CardContent>
              <p className="text-sm leading-relaxed whitespace-pre-line text-muted-foreground">
                {project.description || 'Aucune description pour ce projet.'}
              </p>
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>Jalons et livrables</CardTitle>
            </CardHeader>
            <CardContent>
              {project.milestones.length === 0 ? (
                <p className="text-sm text-muted-foreground">Aucun jalon n’est encore planifié.</p>
              ) : (
                <ol className="flex flex-col divide-y">
                  {project.milestones.map((m) => (
                    <li key={m.id} className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0">
                      <div className="flex flex-wrap items-baseline justify-between gap-2">
                        <Link to={`/feuille-de-route#jalon-${m.id}`} className="font-medium hover:underline">
                          {m.title}
                          {m.version_label && <span className="text-muted-foreground"> · {m.version_label}</span>}
                        </Link>
                        <MilestoneStatusBadge status={m.status} late={isMilestoneLate(m.status, m.due_date, today)} />
                      </div>
                      {m.due_date && (
                        <p className="text-xs text-muted-foreground">Échéance : {formatDay(m.due_date)}</p>
                      )}
                      {m.deliverables.length > 0 && (
                        <ul className="flex flex-col gap-1">
                          {m.deliverables.map((d) => (
                            <li key={d} className="flex items-center gap-2 text-sm">
                              <CheckIcon
                                className={
                                  m.status === 'approved'
                                    ? 'size-3.5 text-success'
                                    : 'size-3.5 text-muted-foreground/50'
                                }
                                aria-hidden="true"
                              />
                              {d}
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                </ol>
              )}
            </CardContent>
          </Card>
        </div>

        <Card className="self-start">
          <CardHeader>
            <CardTitle>Votre équipe NOURX</CardTitle>
          </CardHeader>
          <CardContent>
            {project.team.length === 0 ? (
              <p className="text-sm text-muted-foreground">L’équipe de ce projet n’est pas encore présentée.</p>
            ) : (
              <ul className="flex flex-col gap-4">
                {project.team.map((person) => (
                  <li key={`${person.name}-${person.role}`} className="flex items-center gap-3">
                    <Avatar>
                      <AvatarFallback>{initialsOf(person.name)}</AvatarFallback>
                    </Avatar>
                    <div className="flex min-w-0 flex-col">
                      <span className="text-sm font-medium">{person.name}</span>
                      <span className="text-xs text-muted-foreground">{person.role}</span>
                      {person.email && (
                        <a
                          href={`mailto:${person.email}`}
                          className="truncate text-xs text-muted-foreground hover:underline"
                        >
                          {person.email}
                        </a>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  )
}
