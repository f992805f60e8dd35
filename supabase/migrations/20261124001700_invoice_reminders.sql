/**
 * Espace Client NOURX — 17. Overdue-invoice reminders
 *
 * The `invoice_reminder` e-mail (migration 03) had a template and a client
 * preference but no sender. Reminders now leave two ways:
 *   - automatically, from the Worker's daily cron (workers/jobs/invoice-reminders.ts),
 *     with the service-role client;
 *   - by hand, from the admin invoice page ("Relancer le client"), with the
 *     admin's own client (RLS applies, the audit log names the admin).
 *
 * public.invoice_reminders keeps one row per reminder: when, by whom (null =
 * the cron), to how many people. It is what the admin sees on the invoice page
 * and what keeps the cron from mailing the same client twice.
 *
 * Rules (the cron's, in public.claim_invoice_reminders()):
 *   - the invoice was issued and is not settled: status 'sent' or 'overdue'
 *     (a partially paid invoice keeps one of those), balance_due > 0
 *     ('canceled' invoices have balance_due = 0 by construction, 'paid' ones too);
 *   - its due date is past: the first reminder goes the day AFTER the due date;
 *   - no reminder (automatic or by hand) in the last 7 days: a client the admin
 *     reminded yesterday does not get the automatic one this morning;
 *   - at most one automatic reminder per invoice and per day, enforced by a
 *     unique index, so two cron runs the same day (a retry, a manual trigger
 *     from the dashboard, an overlap) never send twice.
 *
 * Days are counted in Africa/Abidjan time (GMT all year, no daylight saving):
 * the agency's and its clients' calendar.
 */

/** Section — table */
create table public.invoice_reminders (
  id uuid primary key default gen_random_uuid(),
  invoice_id uuid not null references public.invoices (id) on delete cascade,
  sent_at timestamptz not null default now(),
  -- The admin who sent it by hand; null for the cron. Set by the trigger below
  -- from the caller's JWT, never trusted from the request.
  sent_by uuid references public.profiles (id) on delete set null,
  -- Kept apart from sent_by: if that admin's profile is ever removed the row
  -- must still read "by hand", not "automatic".
  automatic boolean not null default false,
  -- Members the mail actually reached (0 = everyone switched the e-mail off,
  -- or no member has an address). Filled in once the mails have left.
  recipients integer not null default 0 check (recipients >= 0)
);
comment on table public.invoice_reminders is
  'One row per reminder of an overdue invoice (invoice_reminder e-mail): automatic (daily cron) or sent by the admin.';
comment on column public.invoice_reminders.sent_by is 'Admin who sent it by hand; null for the cron (or a removed profile: see automatic).';
comment on column public.invoice_reminders.automatic is 'True when the daily cron sent it (service role).';
comment on column public.invoice_reminders.recipients is 'How many members the e-mail reached; written after sending.';

-- The invoice page lists an invoice's reminders, newest first; the cron looks
-- for the latest one per invoice.
create index invoice_reminders_invoice_id_idx on public.invoice_reminders (invoice_id, sent_at desc);
create index invoice_reminders_sent_by_idx on public.invoice_reminders (sent_by);
-- Idempotency of the cron: one automatic reminder per invoice and per Abidjan
-- day. claim_invoice_reminders() inserts with ON CONFLICT DO NOTHING, so a
-- second run the same day, even one racing the first, claims nothing.
create unique index invoice_reminders_one_automatic_per_day_idx
  on public.invoice_reminders (invoice_id, ((sent_at at time zone 'Africa/Abidjan')::date))
  where automatic;

/**
 * Section — validation and bookkeeping triggers
 *
 * private.guard_invoice_reminder() — BEFORE INSERT.
 * - API users (the admin's "Relancer le client"): who and when come from the
 *   session, never from the request — sent_by = auth.uid(), sent_at = now(),
 *   automatic = false — and the admin's reminder is refused, in French, for an
 *   invoice that is not due for one: a draft, a settled or canceled invoice,
 *   one not yet past its due date (the first reminder is possible the day
 *   after). A client's insert is not examined here: the insert policy refuses
 *   it right after, as for any table.
 * - Back-end sessions (service role, seed/maintenance superuser): trusted
 *   like everywhere else (private.is_privileged_session); the cron's rows come
 *   from claim_invoice_reminders(), which applied the rules for its own day
 *   (tests run it for a day in the future). A row without an author is automatic.
 *
 * Security invoker: the admin reads any invoice under RLS.
 */
create function private.guard_invoice_reminder()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_invoice public.invoices;
begin
  if private.is_privileged_session() then
    new.automatic := new.sent_by is null;
    return new;
  end if;

  new.sent_by := auth.uid();
  new.automatic := false;
  new.sent_at := now();
  new.recipients := 0;
  if not private.is_admin() then
    return new;
  end if;

  select * into v_invoice from public.invoices i where i.id = new.invoice_id;
  if not found then
    raise exception 'Facture introuvable.' using errcode = 'P0002';
  end if;
  if v_invoice.status not in ('sent', 'overdue') then
    raise exception 'Seule une facture émise et non réglée peut être relancée : celle-ci est « % ».',
      private.status_label('invoice', v_invoice.status::text)
      using errcode = 'P0001';
  end if;
  if v_invoice.balance_due <= 0 then
    raise exception 'Cette facture n''a plus de solde dû : rien à relancer.' using errcode = 'P0001';
  end if;
  if v_invoice.due_date is null or v_invoice.due_date >= (now() at time zone 'Africa/Abidjan')::date then
    raise exception 'La facture n''est pas encore échue (échéance le %) : la relance n''est possible qu''à partir du lendemain.',
      coalesce(to_char(v_invoice.due_date, 'DD/MM/YYYY'), 'non fixée')
      using errcode = 'P0001';
  end if;
  return new;
end;
$$;
comment on function private.guard_invoice_reminder() is
  'Trigger: an API user''s reminder gets its author and time from the session; the admin''s is refused unless the invoice is overdue with a balance.';
create trigger invoice_reminders_10_guard before insert on public.invoice_reminders
  for each row execute function private.guard_invoice_reminder();

/**
 * private.stamp_invoice_last_reminder() — AFTER INSERT OR DELETE: keeps
 * invoices.last_reminder_at (a column migration 05 already allows to change
 * on an issued invoice) equal to the latest remaining reminder, so the
 * client's invoice page can show "Relance envoyée le …" without reading this
 * table. On delete too: the cron drops a claim whose mails all failed, and
 * the invoice must not then claim a reminder nobody received.
 * Security invoker: the writer (admin or service role) may update invoices anyway.
 */
create function private.stamp_invoice_last_reminder()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_invoice_id uuid := case when tg_op = 'DELETE' then old.invoice_id else new.invoice_id end;
begin
  update public.invoices i
     set last_reminder_at = (select max(r.sent_at) from public.invoice_reminders r where r.invoice_id = v_invoice_id)
   where i.id = v_invoice_id
     and i.last_reminder_at is distinct from (select max(r.sent_at) from public.invoice_reminders r where r.invoice_id = v_invoice_id);
  return null;
end;
$$;
comment on function private.stamp_invoice_last_reminder() is 'Trigger: invoices.last_reminder_at follows the latest reminder.';
create trigger invoice_reminders_20_stamp_invoice after insert or delete on public.invoice_reminders
  for each row execute function private.stamp_invoice_last_reminder();

-- Every write is audited like the other business tables (actor = the admin,
-- or 'service_role' for the cron; the company comes through invoice_id).
create trigger zz_audit_invoice_reminders after insert or update or delete on public.invoice_reminders
  for each row execute function private.audit_row();

/**
 * Section — the cron's selection
 *
 * public.claim_invoice_reminders(p_today, p_limit) → setof (reminder_id, invoice_id)
 *
 * Picks the invoices due for an automatic reminder on p_today (see the rules
 * at the top) and inserts their reminder rows in the same statement, before
 * any mail leaves: the claim IS the idempotency. The caller then sends each
 * mail and writes `recipients` (or deletes the claim when every send failed,
 * so the next day's run tries again).
 *
 * - `for update of i skip locked`: a concurrent run skips invoices the first
 *   one is handling instead of waiting on them;
 * - `on conflict do nothing` on the one-automatic-per-day index: whatever the
 *   snapshot saw, the same invoice is never claimed twice on the same day;
 * - p_limit bounds one run (the Worker has a CPU/time budget); the rest are
 *   picked up by the next run, oldest due date first.
 *
 * Security invoker, executable by the service role only: the cron is its only
 * caller. The admin's "Relancer" inserts one row under RLS instead.
 */
create function public.claim_invoice_reminders(
  p_today date default (now() at time zone 'Africa/Abidjan')::date,
  p_limit integer default 200
)
returns table (reminder_id uuid, invoice_id uuid)
language sql
set search_path = ''
as $$
  with due as (
    select i.id
      from public.invoices i
     where i.status in ('sent', 'overdue')
       and i.balance_due > 0
       and i.due_date < p_today
       -- Nothing in the last 7 days: a reminder sent on day D blocks D … D+6,
       -- the next one can go on D+7.
       and not exists (
         select 1 from public.invoice_reminders r
          where r.invoice_id = i.id
            and (r.sent_at at time zone 'Africa/Abidjan')::date > p_today - 7
       )
     order by i.due_date, i.id
     limit greatest(p_limit, 0)
       for update of i skip locked
  ), claimed as (
    insert into public.invoice_reminders (invoice_id)
    select due.id from due
    on conflict do nothing
    returning id, invoice_reminders.invoice_id
  )
  select claimed.id, claimed.invoice_id from claimed;
$$;
comment on function public.claim_invoice_reminders(date, integer) is
  'Cron (service role): records an automatic reminder for each invoice due for one on p_today and returns them; idempotent per day.';

revoke execute on function public.claim_invoice_reminders(date, integer) from public, anon, authenticated;
grant execute on function public.claim_invoice_reminders(date, integer) to service_role;

/**
 * Section — RLS and grants
 * The admin reads every reminder; client members read their company's (an
 * issued invoice's, through the invoices policy); only the admin inserts (the
 * cron is the service role, which bypasses RLS) and the admin may then record
 * how many people the mail reached — that column only. Nobody deletes through
 * the API except the service role (the cron drops a claim whose sends all failed).
 */
alter table public.invoice_reminders enable row level security;

create policy "Admin and the company's members read reminders" on public.invoice_reminders
  for select to authenticated
  using (
    (select private.is_admin())
    or exists (
      select 1 from public.invoices i
       where i.id = invoice_id
         and i.status <> 'draft'
         and i.client_id in (select private.my_client_ids())
    )
  );
create policy "Only the admin records a reminder" on public.invoice_reminders
  for insert to authenticated with check ((select private.is_admin()));
create policy "Only the admin updates a reminder's recipients" on public.invoice_reminders
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));

grant select on public.invoice_reminders to authenticated;
grant insert (invoice_id) on public.invoice_reminders to authenticated;
grant update (recipients) on public.invoice_reminders to authenticated;
grant select, insert, update, delete on public.invoice_reminders to service_role;
