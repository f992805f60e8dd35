import { BadgeCheckIcon, FileTextIcon, MessageSquareIcon } from '~/components/icons.tsx'
import { lazy, Suspense, useEffect, useRef, useState } from 'react'
import { useFetcher } from 'react-router'
import { FormError, TextareaField } from '~/components/forms.tsx'
import { TextField } from '~/components/text-field.tsx'
import { Button } from '~/components/ui/button.tsx'
import { formatDateTime, formatDay } from '~/lib/format.ts'
import { isMilestoneLate } from '~/lib/roadmap/labels.ts'
import type { RoadmapMilestone } from '~/lib/roadmap/get-roadmap.server.ts'
import { cn } from '~/lib/utils.ts'
import { MilestoneStatusBadge } from './milestone-badge.tsx'

const loadApproveDialog = () => import('./approve-dialog.tsx')
const ApproveMilestoneDialog = lazy(loadApproveDialog)

/** What the route action answers to the milestone forms. */
export interface MilestoneActionData {
  intent: 'comment' | 'approve'
  milestoneId?: string
  ok: boolean
  message?: string
  errors?: Partial<Record<string, string[]>>
  values?: Record<string, string>
}

const DOT: Record<RoadmapMilestone['status'], string> = {
  planned: 'bg-background border-foreground/30',
  in_progress: 'bg-info border-info',
  delivered: 'bg-warning border-warning',
  approved: 'bg-success border-success',
}

export function MilestoneCard({
  milestone,
  today,
  defaultSignerName,
  userId,
}: {
  milestone: RoadmapMilestone
  today: string
  defaultSignerName: string
  userId: string
}) {
  const m = milestone
  const late = isMilestoneLate(m.status, m.due_date, today)
  // Latest approval first; earlier ones stay visible (a milestone re-delivered in a new version is approved again).
  const approvals = m.milestone_approvals.toSorted((a, b) => b.approved_at.localeCompare(a.approved_at))
  return (
    <li id={`jalon-${m.id}`} className="relative scroll-mt-20 pb-8 pl-8 last:pb-0">
      <span className="absolute top-1.5 bottom-0 left-[7px] w-px bg-border" aria-hidden="true" />
      <span
        className={cn('absolute top-1.5 left-0 size-[15px] rounded-full border-2', DOT[m.status])}
        aria-hidden="true"
      />
      <article className="flex flex-col gap-3 rounded-xl border bg-card p-4 sm:p-5">
        <header className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
          <div className="flex min-w-0 flex-col gap-1">
            <h2 className="text-base font-semibold">
              {m.title}
              {m.version_label && <span className="font-normal text-muted-foreground"> · {m.version_label}</span>}
            </h2>
            <p className="text-xs text-muted-foreground">
              {m.due_date ? `Échéance : ${formatDay(m.due_date)}` : 'Sans échéance'}
              {m.delivered_at && ` · livré le ${formatDay(m.delivered_at.slice(0, 10))}`}
            </p>
          </div>
          <MilestoneStatusBadge status={m.status} late={late} />
        </header>

        {m.description && <p className="text-sm text-muted-foreground">{m.description}</p>}

        {(m.deliverables.length > 0 || m.documents.length > 0) && (
          <div className="flex flex-col gap-1.5">
            <h3 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Livrables</h3>
            <ul className="flex flex-wrap gap-2">
              {m.deliverables.map((d) => (
                <li key={d} className="rounded-md bg-muted px-2 py-1 text-xs">
                  {d}
                </li>
              ))}
              {m.documents.map((d) => (
                <li key={d.id}>
                  <a
                    href={`/api/documents/${d.id}/telecharger`}
                    className="inline-flex items-center gap-1 rounded-md border px-2 py-1 text-xs hover:bg-accent"
                  >
                    <FileTextIcon className="size-3.5" aria-hidden="true" />
                    {d.label ?? d.file_name}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}

        {approvals.length > 0 && (
          <ul className="flex flex-col gap-2">
            {approvals.map((approval, i) => (
              <li
                key={approval.id}
                className={cn(
                  'flex items-start gap-2 rounded-md px-3 py-2 text-sm',
                  i === 0 ? 'bg-success-soft text-success' : 'bg-muted text-muted-foreground',
                )}
                data-testid={i === 0 ? 'approbation' : 'approbation-precedente'}
              >
                <BadgeCheckIcon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
                <span>
                  Validé par <strong>{approval.signer_name}</strong> le {formatDateTime(approval.approved_at)}
                  {approval.version_label && ` (version ${approval.version_label})`}
                  {approval.note && <span className="block opacity-80">« {approval.note} »</span>}
                </span>
              </li>
            ))}
          </ul>
        )}

        {m.status === 'delivered' && <ApproveDialog milestone={m} defaultSignerName={defaultSignerName} />}

        <Comments milestone={m} userId={userId} />
      </article>
    </li>
  )
}

/**
 * "Valider ce jalon": the trigger ships with the page, the dialog itself
 * (Radix Dialog, ~12 KB gzipped) is fetched when the client is about to open
 * it, to keep the roadmap within the portal's first-load budget
 * (docs/decisions/007-client-bundle-budget.md).
 */
function ApproveDialog({ milestone, defaultSignerName }: { milestone: RoadmapMilestone; defaultSignerName: string }) {
  const [open, setOpen] = useState(false)
  return (
    <div className="flex flex-col gap-2 rounded-md border border-warning/30 bg-warning-soft px-3 py-3 sm:flex-row sm:items-center sm:justify-between">
      <p className="text-sm">Ce jalon est livré : vérifiez les livrables puis validez-le.</p>
      <Button
        size="sm"
        aria-haspopup="dialog"
        aria-expanded={open}
        onPointerEnter={loadApproveDialog}
        onFocus={loadApproveDialog}
        onClick={() => setOpen(true)}
      >
        Valider ce jalon
      </Button>
      {open && (
        <Suspense fallback={null}>
          <ApproveMilestoneDialog milestone={milestone} defaultSignerName={defaultSignerName} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </div>
  )
}

function Comments({ milestone, userId }: { milestone: RoadmapMilestone; userId: string }) {
  const fetcher = useFetcher<MilestoneActionData>({ key: `comment-${milestone.id}` })
  const form = useRef<HTMLFormElement>(null)
  const result = fetcher.data
  const busy = fetcher.state !== 'idle'
  useEffect(() => {
    if (fetcher.state === 'idle' && result?.ok) form.current?.reset()
  }, [fetcher.state, result])
  const comments = milestone.milestone_comments
  return (
    <details className="group border-t pt-3" open={comments.length > 0 && comments.length <= 3}>
      <summary className="flex cursor-pointer items-center gap-2 text-sm text-muted-foreground select-none hover:text-foreground">
        <MessageSquareIcon className="size-4" aria-hidden="true" />
        {comments.length === 0 ? 'Commenter' : `Commentaires (${comments.length})`}
      </summary>
      <div className="mt-3 flex flex-col gap-3">
        {comments.length > 0 && (
          <ul className="flex flex-col gap-3">
            {comments.map((c) => (
              <li
                key={c.id}
                className={cn('rounded-lg px-3 py-2 text-sm', c.author_id === userId ? 'bg-muted' : 'border')}
              >
                <p className="mb-0.5 text-xs text-muted-foreground">
                  <span className="font-medium text-foreground">
                    {c.author_id === userId ? 'Vous' : (c.profiles?.full_name ?? 'Utilisateur')}
                  </span>
                  {c.profiles?.role === 'admin' && ' · NOURX'} · {formatDateTime(c.created_at)}
                </p>
                <p className="whitespace-pre-line">{c.body}</p>
              </li>
            ))}
          </ul>
        )}
        <fetcher.Form ref={form} method="post" className="flex flex-col gap-2">
          <input type="hidden" name="intent" value="comment" />
          <input type="hidden" name="milestoneId" value={milestone.id} />
          <TextareaField
            label={<span className="sr-only">Votre commentaire sur ce jalon</span>}
            errors={result?.errors?.body ?? (result && !result.ok && result.message ? [result.message] : undefined)}
            textareaProps={{
              name: 'body',
              rows: 2,
              maxLength: 5000,
              placeholder: 'Votre commentaire…',
              defaultValue: result && !result.ok ? (result.values?.body ?? '') : '',
            }}
          />
          <Button type="submit" size="sm" variant="outline" className="self-end" disabled={busy}>
            {busy ? 'Envoi…' : 'Envoyer'}
          </Button>
        </fetcher.Form>
      </div>
    </details>
  )
}
