// "Relancer le client": the admin reminds a company of an overdue invoice by
// hand, next to the daily automatic reminders (workers/jobs/invoice-reminders.ts).
//
// With the admin's own client (RLS applies, the audit log names the admin):
// 1. insert into public.invoice_reminders — the database stamps the admin and
//    the time and refuses, in French, an invoice that is not overdue with a
//    balance (private.guard_invoice_reminder); that row also holds the
//    automatic reminder back for 7 days;
// 2. the invoice_reminder mail to the members who did not switch it off,
//    awaited (bounded by the e-mail timeout) so the admin is told how many
//    people got it;
// 3. that number is written on the row (the only column the admin may update).
import type { AppEnv } from '../../env.server.ts'
import { notifyInvoiceReminder, type NotifyDb } from '../../notifications/notify.server.ts'
import { AdminWriteError, check, type Db } from '../db.ts'

export interface InvoiceReminder {
  id: string
  sent_at: string
  automatic: boolean
  recipients: number
  /** Who sent it by hand (name, else e-mail); null when automatic. */
  sent_by_name: string | null
}

/** The last reminders of an invoice, newest first (the page shows a handful). */
export async function listInvoiceReminders(db: Db, invoiceId: string, limit = 5): Promise<InvoiceReminder[]> {
  const rows = check(
    await db
      .from('invoice_reminders')
      .select('id, sent_at, automatic, recipients, profiles(full_name, email)')
      .eq('invoice_id', invoiceId)
      .order('sent_at', { ascending: false })
      .limit(limit),
    'relances de la facture',
  )
  return (rows ?? []).map((r) => {
    const by = r.profiles as unknown as { full_name: string | null; email: string | null } | null
    return {
      id: r.id as string,
      sent_at: r.sent_at as string,
      automatic: r.automatic as boolean,
      recipients: r.recipients as number,
      sent_by_name: r.automatic ? null : by?.full_name?.trim() || by?.email || 'un administrateur',
    }
  })
}

/** Overdue with a balance: the same rule as the database, for showing the button (the database decides). */
export function canRemind(invoice: { status: string; balance_due: number; due_date: string | null }, today: string): boolean {
  return (invoice.status === 'sent' || invoice.status === 'overdue') && invoice.balance_due > 0 && !!invoice.due_date && invoice.due_date < today
}

export interface RemindOutcome {
  sent: number
  /** Members who switched the reminder e-mail off. */
  skipped: number
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`

/**
 * Records and sends a reminder by hand. Throws AdminWriteError with the
 * database's French message when the invoice is not due for one, and when no
 * e-mail could leave (the reminder stays recorded with 0 recipients).
 */
export async function remindInvoiceClient(
  deps: { db: Db; env: Pick<AppEnv, 'APP_URL' | 'EMAIL_API_URL' | 'EMAIL_API_KEY' | 'EMAIL_FROM'>; fetch?: typeof fetch },
  invoiceId: string,
): Promise<RemindOutcome> {
  const { id: reminderId } = check(
    await deps.db.from('invoice_reminders').insert({ invoice_id: invoiceId }).select('id').single(),
    'relance de la facture',
  ) as { id: string }
  const result = await notifyInvoiceReminder({ db: deps.db as NotifyDb, env: deps.env, fetch: deps.fetch }, invoiceId)
  check(
    await deps.db.from('invoice_reminders').update({ recipients: result.sent.length }).eq('id', reminderId),
    'destinataires de la relance',
  )
  if (result.sent.length === 0 && result.failed.length > 0) {
    throw new AdminWriteError(
      `La relance n’a pu être envoyée à aucun des ${plural(result.failed.length, 'destinataire', 'destinataires')} (service d’e-mail indisponible). Réessayez plus tard.`,
      'email_failed',
      502,
    )
  }
  if (result.sent.length === 0 && result.skipped.length === 0) {
    throw new AdminWriteError('Aucun membre de ce client n’a d’adresse e-mail : la relance n’a pas pu partir.', 'no_recipient', 400)
  }
  return { sent: result.sent.length, skipped: result.skipped.length }
}

/** The flash message after a reminder by hand. */
export function remindMessage({ sent, skipped }: RemindOutcome): string {
  const off = skipped > 0 ? ` ${plural(skipped, 'membre a', 'membres ont')} désactivé ces relances.` : ''
  if (sent === 0) return `Relance enregistrée, mais aucun e-mail envoyé :${off}`
  return `Relance envoyée à ${plural(sent, 'destinataire', 'destinataires')}.${off}`
}
