// The answer to an RGPD deletion request, mailed to the person: processed
// (access and personal data erased) or refused (with NOURX's reason).
//
// Sent with the admin's own client (the admin reads the templates), after the
// decision is written, to the address captured before processing: the soft
// delete of the login scrambles it and the profile loses it.
import { formatDate } from '../format.ts'
import { inBackground } from './background.server.ts'
import { appLink, deliver, type NotifyDb, type NotifyDeps, type NotifyResult } from './notify.server.ts'

export interface DeletionDecision {
  outcome: 'processed' | 'rejected'
  /** The person as they were before the decision. */
  person: { email: string; fullName: string }
  requestedAt: string
  /** The reason given to the person when the request is refused. */
  note?: string | null
}

export async function notifyDeletionDecision(deps: NotifyDeps, decision: DeletionDecision): Promise<NotifyResult> {
  const values = {
    date_demande: formatDate(decision.requestedAt),
    motif: decision.note?.trim() || 'Motif non précisé.',
    lien: appLink(deps.env, '/parametres'),
  }
  return deliver(
    deps,
    decision.outcome === 'processed' ? 'account_deletion_processed' : 'account_deletion_rejected',
    // No user id: not subject to notification preferences (see the migration).
    [{ userId: null, email: decision.person.email, fullName: decision.person.fullName }],
    values,
    decision.person.email,
  )
}

/** Called by the back office right after the decision is recorded: the mail leaves after the response. */
export function notifyDeletionDecisionLater(
  deps: { db: NotifyDb; env: NotifyDeps['env'] },
  executionContext: Pick<ExecutionContext, 'waitUntil'>,
  decision: DeletionDecision,
): void {
  inBackground(executionContext, `RGPD ${decision.outcome}`, () => notifyDeletionDecision(deps, decision))
}
