// The daily overdue-invoice reminders: the Worker's `scheduled` handler
// (wrangler.toml [triggers] crons) runs this job every morning.
//
// 0. public.mark_overdue_invoices() first: the "sent" invoices past their due
//    date become "en retard" (badge, lists, client dashboard). The database had
//    this daily maintenance function but nothing called it. A failure there is
//    logged and does not stop the reminders (they accept both statuses).
// 1. public.claim_invoice_reminders(today) records, in ONE statement, an
//    automatic reminder for each invoice due for one (issued, balance due,
//    past its due date, nothing sent in the last 7 days) and returns them.
//    Recording before mailing is the idempotency: a second run the same day,
//    even one overlapping this one, finds nothing left to claim (a unique index
//    allows one automatic reminder per invoice and per day).
// 2. For each claim, notifyInvoiceReminder() mails the company's members who
//    did not switch "Relance d'une facture échue" off.
// 3. The claim keeps how many people the mail reached. When nothing could be
//    sent (the e-mail API failed for everyone, the invoice was paid meanwhile,
//    the company has no member), the claim is deleted: no false "relance
//    envoyée" on the invoice page, and tomorrow's run tries again. When every
//    member opted out, the claim stays with 0 recipients: that is the
//    client's choice, not a failure, and it is not re-examined for 7 days.
//
// Service-role client: there is no user session in a cron, and the job reads
// every company's invoices, members and preferences. workers/ is on the
// allow-list of scripts/check-service-role-imports.ts for that reason.
import { parseEnv, type AppEnv } from '../../app/lib/env.server.ts'
import { safely } from '../../app/lib/notifications/background.server.ts'
import { notifyInvoiceReminder, type NotifyDb, type NotifyDeps } from '../../app/lib/notifications/notify.server.ts'
import { createSupabaseAdminClient } from '../../app/lib/supabase-admin.server.ts'

/** Every day at 08:00 UTC = 08:00 in Abidjan (GMT all year). Must match wrangler.toml [triggers] crons. */
export const INVOICE_REMINDERS_CRON = '0 8 * * *'

/** Invoices handled per run (the rest go the next day, oldest due date first). */
export const REMINDERS_PER_RUN = 200
/** Mails in flight at once: enough to finish quickly, few enough for the e-mail API's rate limit. */
const CONCURRENCY = 4

export interface ReminderRunSummary {
  /** The day the rules were applied to (YYYY-MM-DD, Abidjan). */
  day: string
  claimed: number
  /** Invoices whose reminder reached at least one member. */
  reminded: number
  /** Mails sent in all. */
  mails: number
  /** Invoices every member of which switched the reminder off (claim kept, 0 recipients). */
  optedOut: number
  /** Claims dropped because nothing could be sent; retried by the next run. */
  released: number
}

/** The calendar day of `time` in Abidjan, which is on GMT (UTC+0) all year, without daylight saving. */
export function abidjanDay(time: number | Date): string {
  return new Date(time).toISOString().slice(0, 10)
}

export async function runInvoiceReminders(
  deps: NotifyDeps,
  { day, limit = REMINDERS_PER_RUN }: { day: string; limit?: number },
): Promise<ReminderRunSummary> {
  const { data, error } = await deps.db.rpc('claim_invoice_reminders', { p_today: day, p_limit: limit })
  if (error) throw new Error(`relances : sélection impossible : ${error.message}`)
  const claims = (data ?? []) as { reminder_id: string; invoice_id: string }[]
  const summary: ReminderRunSummary = { day, claimed: claims.length, reminded: 0, mails: 0, optedOut: 0, released: 0 }

  const queue = [...claims]
  const worker = async () => {
    for (let claim = queue.shift(); claim; claim = queue.shift()) {
      const result = await safely(`invoice_reminder ${claim.invoice_id}`, () => notifyInvoiceReminder(deps, claim.invoice_id))
      const sent = result?.sent.length ?? 0
      if (sent === 0 && !(result && result.skipped.length > 0 && result.failed.length === 0)) {
        // Nothing reached anyone and not by the client's choice: forget the claim.
        const dropped = await deps.db.from('invoice_reminders').delete().eq('id', claim.reminder_id)
        if (dropped.error) console.error(`[cron:invoice-reminders] relance ${claim.reminder_id} non libérée : ${dropped.error.message}`)
        summary.released++
        continue
      }
      if (sent === 0) summary.optedOut++
      else summary.reminded++
      summary.mails += sent
      const counted = await deps.db.from('invoice_reminders').update({ recipients: sent }).eq('id', claim.reminder_id)
      if (counted.error) console.error(`[cron:invoice-reminders] relance ${claim.reminder_id} : destinataires non enregistrés : ${counted.error.message}`)
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, claims.length) }, worker))
  return summary
}

export interface ScheduledDeps {
  /** Tests replace the service-role client or the e-mail fetch. */
  deps?: (env: AppEnv) => NotifyDeps
}

/**
 * The Worker's `scheduled` handler. One cron today; an unknown expression
 * (a trigger added in the dashboard, a typo) is logged and ignored rather
 * than sending reminders at the wrong hour. Errors are thrown: the run is
 * then marked failed in the Workers dashboard and reported by Sentry (the
 * export is wrapped by withSentry in workers/app.ts).
 */
export function createScheduledHandler(options: ScheduledDeps = {}) {
  return async function scheduled(controller: ScheduledController, bindings: Env, _ctx: ExecutionContext): Promise<void> {
    if (controller.cron !== INVOICE_REMINDERS_CRON) {
      console.warn(`[cron] déclencheur inconnu « ${controller.cron} » : rien n’est fait`)
      return
    }
    const parsed = parseEnv(bindings as unknown as Record<string, unknown>)
    if (!parsed.ok) {
      throw new Error(`[cron:invoice-reminders] configuration invalide : ${parsed.problems.map((p) => p.variable).join(', ')}`)
    }
    const env = parsed.env
    const deps = options.deps?.(env) ?? { db: createSupabaseAdminClient(env) as NotifyDb, env }
    const overdue = await deps.db.rpc('mark_overdue_invoices')
    if (overdue.error) console.error(`[cron:invoice-reminders] passage « en retard » impossible : ${overdue.error.message}`)
    else if (overdue.data) console.log(`[cron:invoice-reminders] ${overdue.data} facture(s) passée(s) « en retard »`)
    const summary = await runInvoiceReminders(deps, { day: abidjanDay(controller.scheduledTime) })
    console.log(
      `[cron:invoice-reminders] ${summary.day} : ${summary.claimed} facture(s) à relancer, ${summary.reminded} relancée(s) (${summary.mails} e-mail(s)), ` +
        `${summary.optedOut} sans destinataire (préférences), ${summary.released} reportée(s) au lendemain`,
    )
  }
}
