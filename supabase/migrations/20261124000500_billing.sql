/**
 * Espace Client NOURX — 05. Quotes, invoices, credit notes: the money rules
 *
 * Rules the database enforces so that no route can get them wrong:
 *
 * 1. Amounts are integers in XOF (bigint, no decimals; F CFA has no subunit).
 * 2. Totals come from the items, never from the caller:
 *      line_total  = round(quantity × unit_price)          (generated column)
 *      subtotal_ht = Σ line_total
 *      vat_amount  = round(subtotal_ht × vat_rate / 100)   (once, on the total)
 *      total_ttc   = subtotal_ht + vat_amount
 *    round() is PostgreSQL's numeric round: half away from zero. VAT is
 *    rounded once on the document total, not per line, so the printed lines
 *    and the totals always add up.
 * 3. Numbers FAC-YYYY-NNNNN / DEV-YYYY-NNNNN / AVO-YYYY-NNNNN / REC-YYYY-NNNNN
 *    are assigned when a document leaves draft, from a counter row locked for
 *    the rest of the transaction (never a sequence): gap-free per year, in
 *    commit order, never reused (a rolled-back send rolls the counter back too).
 * 4. Status machines, enforced by triggers:
 *      invoice: draft → sent → paid | overdue | canceled;  overdue → paid | canceled;  draft → canceled
 *      quote:   draft → sent → accepted | declined | expired
 * 5. An issued invoice is immutable except its status and what payments
 *    maintain (amount_paid, paid_at); correction is by cancellation with a
 *    credit note (avoir). A sent quote is immutable except its answer.
 * 6. amount_paid is maintained from accepted payments (see 06_payments);
 *    balance_due = total_ttc − amount_paid (0 once canceled) is a generated column.
 *
 * Errors are raised in French with errcode P0001 (PostgREST → HTTP 400), so
 * the app can show the message as is.
 */

create type public.quote_status as enum ('draft', 'sent', 'accepted', 'declined', 'expired');
create type public.invoice_status as enum ('draft', 'sent', 'paid', 'overdue', 'canceled');

/**
 * Section — numbering
 * One row per (document kind, year). private.next_document_number() takes the
 * row lock with INSERT … ON CONFLICT DO UPDATE: a second transaction sending a
 * document of the same kind waits until the first commits or rolls back, so
 * numbers are consecutive in commit order with no gap.
 */
create table private.document_counters (
  kind text not null check (kind in ('FAC', 'DEV', 'AVO', 'REC')),
  year integer not null check (year between 2000 and 2999),
  last_value integer not null check (last_value >= 0),
  primary key (kind, year)
);
comment on table private.document_counters is 'Last number used per document kind and year. Locked row, never a sequence, so numbering is gap-free.';

create function private.next_document_number(p_kind text, p_date date)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_year integer := extract(year from p_date)::integer;
  v_value integer;
begin
  insert into private.document_counters as c (kind, year, last_value)
  values (p_kind, v_year, 1)
  on conflict (kind, year) do update set last_value = c.last_value + 1
  returning c.last_value into v_value;
  return format('%s-%s-%s', p_kind, v_year, lpad(v_value::text, 5, '0'));
end;
$$;
comment on function private.next_document_number(text, date) is 'Next gap-free number KIND-YYYY-NNNNN for the year of the date; locks the counter row until commit.';

-- Called from the invoice/quote guards, which run as the caller (the admin).
revoke execute on function private.next_document_number(text, date) from public;
grant execute on function private.next_document_number(text, date) to authenticated, service_role;

/** French labels for error messages: an invoice is feminine, a quote masculine. */
create function private.status_label(p_kind text, p_status text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case p_status
    when 'draft' then 'brouillon'
    when 'sent' then case p_kind when 'invoice' then 'envoyée' else 'envoyé' end
    when 'paid' then 'payée'
    when 'overdue' then 'en retard'
    when 'canceled' then 'annulée'
    when 'accepted' then 'accepté'
    when 'declined' then 'refusé'
    when 'expired' then 'expiré'
    else p_status end;
$$;
grant execute on function private.status_label(text, text) to authenticated, service_role;

/** Section — quotes */
create table public.quotes (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete restrict,
  project_id uuid,
  number text unique check (number ~ '^DEV-[0-9]{4}-[0-9]{5}$'),
  status public.quote_status not null default 'draft',
  title text not null check (char_length(title) between 1 and 200),
  issue_date date,
  valid_until date,
  currency text not null default 'XOF' check (currency ~ '^[A-Z]{3}$'),
  vat_rate numeric(5,2) not null default 18 check (vat_rate between 0 and 100),
  subtotal_ht bigint not null default 0,
  vat_amount bigint not null default 0,
  total_ttc bigint not null default 0,
  notes text,
  terms text,
  sent_at timestamptz,
  accepted_at timestamptz,
  accepted_by uuid references public.profiles (id) on delete set null,
  signer_name text,
  declined_at timestamptz,
  declined_by uuid references public.profiles (id) on delete set null,
  decline_reason text,
  expired_at timestamptz,
  created_by uuid references public.profiles (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (project_id, client_id) references public.projects (id, client_id) on delete set null (project_id)
);
comment on table public.quotes is 'Quotes (devis). Clients see them once sent and answer through accept_quote()/decline_quote().';
comment on column public.quotes.number is 'DEV-YYYY-NNNNN, assigned when the quote leaves draft.';
comment on column public.quotes.signer_name is 'Full name typed by the client when accepting ("bon pour accord").';
comment on column public.quotes.vat_rate is 'VAT in percent (18 = 18 %).';
create index quotes_client_id_idx on public.quotes (client_id, status);
create index quotes_project_id_idx on public.quotes (project_id, client_id);
create index quotes_accepted_by_idx on public.quotes (accepted_by);
create index quotes_declined_by_idx on public.quotes (declined_by);
create index quotes_created_by_idx on public.quotes (created_by);

create table public.quote_items (
  id uuid primary key default gen_random_uuid(),
  quote_id uuid not null references public.quotes (id) on delete cascade,
  position integer not null default 0,
  label text not null check (char_length(label) between 1 and 300),
  description text,
  quantity numeric(12,3) not null default 1 check (quantity > 0),
  unit_price bigint not null check (unit_price >= 0),
  line_total bigint not null generated always as (round(quantity * unit_price)::bigint) stored,
  created_at timestamptz not null default now()
);
comment on table public.quote_items is 'Lines of a quote. line_total = round(quantity × unit_price), computed by the database.';
create index quote_items_quote_id_idx on public.quote_items (quote_id, position);

/** Section — invoices */
create table public.invoices (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete restrict,
  project_id uuid,
  quote_id uuid references public.quotes (id) on delete set null,
  number text unique check (number ~ '^FAC-[0-9]{4}-[0-9]{5}$'),
  status public.invoice_status not null default 'draft',
  title text not null check (char_length(title) between 1 and 200),
  issue_date date,
  due_date date,
  currency text not null default 'XOF' check (currency ~ '^[A-Z]{3}$'),
  vat_rate numeric(5,2) not null default 18 check (vat_rate between 0 and 100),
  subtotal_ht bigint not null default 0,
  vat_amount bigint not null default 0,
  total_ttc bigint not null default 0,
  amount_paid bigint not null default 0 check (amount_paid >= 0),
  balance_due bigint not null generated always as (case when status = 'canceled' then 0 else total_ttc - amount_paid end) stored,
  notes text,
  sent_at timestamptz,
  paid_at timestamptz,
  canceled_at timestamptz,
  cancel_reason text,
  last_reminder_at timestamptz,
  created_by uuid references public.profiles (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (project_id, client_id) references public.projects (id, client_id) on delete set null (project_id)
);
comment on table public.invoices is 'Invoices. Clients see them once sent. Immutable once issued (except status and payments); cancel with an avoir.';
comment on column public.invoices.number is 'FAC-YYYY-NNNNN, assigned when the invoice leaves draft; gap-free per year.';
comment on column public.invoices.amount_paid is 'Sum of the payments of this invoice, maintained by trigger. Read only.';
comment on column public.invoices.balance_due is 'total_ttc − amount_paid, 0 once canceled (generated).';
create index invoices_client_id_idx on public.invoices (client_id, status, due_date);
create index invoices_project_id_idx on public.invoices (project_id, client_id);
create index invoices_quote_id_idx on public.invoices (quote_id);
create index invoices_created_by_idx on public.invoices (created_by);
-- Partial, for the same reason as tasks_open_due_idx: "to collect" and "overdue" lists, mark_overdue_invoices().
create index invoices_unpaid_due_idx on public.invoices (due_date) where status in ('sent', 'overdue');
create index invoices_issue_date_idx on public.invoices (issue_date);

create table public.invoice_items (
  id uuid primary key default gen_random_uuid(),
  invoice_id uuid not null references public.invoices (id) on delete cascade,
  position integer not null default 0,
  label text not null check (char_length(label) between 1 and 300),
  description text,
  quantity numeric(12,3) not null default 1 check (quantity > 0),
  unit_price bigint not null check (unit_price >= 0),
  line_total bigint not null generated always as (round(quantity * unit_price)::bigint) stored,
  created_at timestamptz not null default now()
);
comment on table public.invoice_items is 'Lines of an invoice. line_total = round(quantity × unit_price), computed by the database.';
create index invoice_items_invoice_id_idx on public.invoice_items (invoice_id, position);

/** Section — credit_notes (avoirs): the only way to cancel an issued invoice. */
create table public.credit_notes (
  id uuid primary key default gen_random_uuid(),
  invoice_id uuid not null unique references public.invoices (id) on delete restrict,
  client_id uuid not null references public.clients (id) on delete restrict,
  number text not null unique check (number ~ '^AVO-[0-9]{4}-[0-9]{5}$'),
  amount bigint not null check (amount >= 0),
  currency text not null default 'XOF',
  reason text not null check (char_length(reason) between 3 and 1000),
  issued_at timestamptz not null default now(),
  created_by uuid references public.profiles (id) on delete set null
);
comment on table public.credit_notes is 'Credit notes (avoirs) cancelling an issued invoice in full. Written only by cancel_invoice().';
create index credit_notes_client_id_idx on public.credit_notes (client_id);
create index credit_notes_created_by_idx on public.credit_notes (created_by);

/**
 * Section — totals
 * The parent's totals are recomputed whenever its items change, and on every
 * write of the parent itself, so a total sent by a client is overwritten.
 */
create function private.compute_invoice_totals()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  select coalesce(sum(i.line_total), 0) into new.subtotal_ht
    from public.invoice_items i where i.invoice_id = new.id;
  new.vat_amount := round(new.subtotal_ht * new.vat_rate / 100)::bigint;
  new.total_ttc := new.subtotal_ht + new.vat_amount;
  return new;
end;
$$;
create function private.compute_quote_totals()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  select coalesce(sum(i.line_total), 0) into new.subtotal_ht
    from public.quote_items i where i.quote_id = new.id;
  new.vat_amount := round(new.subtotal_ht * new.vat_rate / 100)::bigint;
  new.total_ttc := new.subtotal_ht + new.vat_amount;
  return new;
end;
$$;
-- Trigger names are ordered: BEFORE triggers fire alphabetically, totals first, then the guard.
create trigger invoices_10_totals before insert or update on public.invoices
  for each row execute function private.compute_invoice_totals();
create trigger quotes_10_totals before insert or update on public.quotes
  for each row execute function private.compute_quote_totals();

/** Items changed → touch the parent so its BEFORE UPDATE trigger recomputes the totals. */
create function private.refresh_parent_totals()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_table_name = 'invoice_items' then
    update public.invoices set subtotal_ht = subtotal_ht
     where id in (select (case when tg_op = 'DELETE' then old.invoice_id else new.invoice_id end)
                  union select (case when tg_op = 'UPDATE' then old.invoice_id end));
  else
    update public.quotes set subtotal_ht = subtotal_ht
     where id in (select (case when tg_op = 'DELETE' then old.quote_id else new.quote_id end)
                  union select (case when tg_op = 'UPDATE' then old.quote_id end));
  end if;
  return null;
end;
$$;
create trigger invoice_items_refresh_totals after insert or update or delete on public.invoice_items
  for each row execute function private.refresh_parent_totals();
create trigger quote_items_refresh_totals after insert or update or delete on public.quote_items
  for each row execute function private.refresh_parent_totals();

/** Items of an issued document cannot change. */
create function private.guard_items()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_status text;
begin
  if tg_table_name = 'invoice_items' then
    select status::text into v_status from public.invoices
     where id = case when tg_op = 'DELETE' then old.invoice_id else new.invoice_id end;
    if tg_op = 'UPDATE' and new.invoice_id is distinct from old.invoice_id then
      raise exception 'Une ligne ne peut pas changer de facture.' using errcode = 'P0001';
    end if;
    if v_status is distinct from 'draft' and v_status is not null then
      raise exception 'Une facture émise ne peut pas être modifiée : émettez un avoir.' using errcode = 'P0001';
    end if;
  else
    select status::text into v_status from public.quotes
     where id = case when tg_op = 'DELETE' then old.quote_id else new.quote_id end;
    if tg_op = 'UPDATE' and new.quote_id is distinct from old.quote_id then
      raise exception 'Une ligne ne peut pas changer de devis.' using errcode = 'P0001';
    end if;
    if v_status is distinct from 'draft' and v_status is not null then
      raise exception 'Un devis envoyé ne peut pas être modifié : créez un nouveau devis.' using errcode = 'P0001';
    end if;
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger invoice_items_guard before insert or update or delete on public.invoice_items
  for each row execute function private.guard_items();
create trigger quote_items_guard before insert or update or delete on public.quote_items
  for each row execute function private.guard_items();

/**
 * Section — invoice status machine and immutability
 */
create function private.guard_invoice()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  -- Columns that may still change once the invoice is issued.
  v_mutable constant text[] := array['status', 'amount_paid', 'balance_due', 'paid_at', 'canceled_at',
                                     'cancel_reason', 'last_reminder_at', 'updated_at'];
  v_terms integer;
begin
  if tg_op = 'INSERT' then
    if new.status <> 'draft' then
      raise exception 'Une facture est créée en brouillon, puis envoyée.' using errcode = 'P0001';
    end if;
    new.number := null;
    new.amount_paid := 0;
    new.sent_at := null;
    new.paid_at := null;
    new.canceled_at := null;
    return new;
  end if;

  if tg_op = 'DELETE' then
    if old.status <> 'draft' then
      raise exception 'Seule une facture brouillon peut être supprimée : annulez-la par un avoir.' using errcode = 'P0001';
    end if;
    return old;
  end if;

  -- amount_paid is the sum of the payments, written only by the payments trigger.
  if new.amount_paid is distinct from old.amount_paid and pg_trigger_depth() <= 1 then
    raise exception 'Le montant payé est calculé à partir des paiements enregistrés.' using errcode = 'P0001';
  end if;

  if old.status <> 'draft'
     and (to_jsonb(new) - v_mutable) is distinct from (to_jsonb(old) - v_mutable) then
    raise exception 'Une facture émise ne peut pas être modifiée : émettez un avoir.'
      using errcode = 'P0001', hint = 'Seuls le statut et les paiements évoluent après l''envoi.';
  end if;

  if new.status is distinct from old.status then
    if not ((old.status = 'draft' and new.status in ('sent', 'canceled'))
         or (old.status = 'sent' and new.status in ('paid', 'overdue', 'canceled'))
         or (old.status = 'overdue' and new.status in ('paid', 'canceled'))) then
      raise exception 'Transition impossible : une facture « % » ne peut pas passer à « % ».',
        private.status_label('invoice', old.status::text), private.status_label('invoice', new.status::text)
        using errcode = 'P0001';
    end if;

    case new.status
      when 'sent' then
        if new.total_ttc <= 0 then
          raise exception 'Ajoutez au moins une ligne avant d''envoyer la facture.' using errcode = 'P0001';
        end if;
        select payment_terms_days into v_terms from public.settings where id;
        new.issue_date := coalesce(new.issue_date, current_date);
        new.due_date := coalesce(new.due_date, new.issue_date + coalesce(v_terms, 30));
        if new.due_date < new.issue_date then
          raise exception 'L''échéance ne peut pas précéder la date d''émission.' using errcode = 'P0001';
        end if;
        new.number := private.next_document_number('FAC', new.issue_date);
        new.sent_at := coalesce(new.sent_at, now());
      when 'overdue' then
        if new.due_date >= current_date then
          raise exception 'La facture n''est pas encore échue (échéance le %).', to_char(new.due_date, 'DD/MM/YYYY')
            using errcode = 'P0001';
        end if;
      when 'paid' then
        if new.amount_paid < new.total_ttc then
          raise exception 'La facture n''est pas entièrement payée (solde dû : % F CFA).', new.total_ttc - new.amount_paid
            using errcode = 'P0001';
        end if;
        new.paid_at := coalesce(new.paid_at, now());
      when 'canceled' then
        if old.status <> 'draft'
           and not exists (select 1 from public.credit_notes c where c.invoice_id = new.id) then
          raise exception 'Une facture émise s''annule par un avoir : utilisez « Annuler la facture ».'
            using errcode = 'P0001';
        end if;
        new.canceled_at := coalesce(new.canceled_at, now());
      else
        null;
    end case;
  end if;
  return new;
end;
$$;
comment on function private.guard_invoice() is 'Invoice status machine, numbering on send, immutability once issued.';
create trigger invoices_20_guard before insert or update or delete on public.invoices
  for each row execute function private.guard_invoice();

/**
 * Section — quote status machine and immutability
 * accepted/declined come only from accept_quote()/decline_quote() (security
 * definer, hence a privileged session), which record who, when and why.
 * The guards are security invoker on purpose: private.is_privileged_session()
 * must see the caller's role, not the function owner's.
 */
create function private.guard_quote()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_mutable constant text[] := array['status', 'accepted_at', 'accepted_by', 'signer_name', 'declined_at',
                                     'declined_by', 'decline_reason', 'expired_at', 'updated_at'];
  v_validity integer;
begin
  if tg_op = 'INSERT' then
    if new.status <> 'draft' then
      raise exception 'Un devis est créé en brouillon, puis envoyé.' using errcode = 'P0001';
    end if;
    new.number := null;
    new.sent_at := null;
    new.accepted_at := null; new.accepted_by := null; new.signer_name := null;
    new.declined_at := null; new.declined_by := null; new.decline_reason := null;
    return new;
  end if;

  if tg_op = 'DELETE' then
    if old.status <> 'draft' then
      raise exception 'Seul un devis brouillon peut être supprimé.' using errcode = 'P0001';
    end if;
    return old;
  end if;

  if old.status <> 'draft'
     and (to_jsonb(new) - v_mutable) is distinct from (to_jsonb(old) - v_mutable) then
    raise exception 'Un devis envoyé ne peut pas être modifié : créez un nouveau devis.' using errcode = 'P0001';
  end if;

  if new.status is distinct from old.status then
    if not ((old.status = 'draft' and new.status = 'sent')
         or (old.status = 'sent' and new.status in ('accepted', 'declined', 'expired'))) then
      raise exception 'Transition impossible : un devis « % » ne peut pas passer à « % ».',
        private.status_label('quote', old.status::text), private.status_label('quote', new.status::text)
        using errcode = 'P0001';
    end if;
    if new.status in ('accepted', 'declined') and not private.is_privileged_session() then
      raise exception 'La réponse à un devis passe par accept_quote() ou decline_quote().' using errcode = 'P0001';
    end if;
    case new.status
      when 'sent' then
        if new.total_ttc <= 0 then
          raise exception 'Ajoutez au moins une ligne avant d''envoyer le devis.' using errcode = 'P0001';
        end if;
        select quote_validity_days into v_validity from public.settings where id;
        new.issue_date := coalesce(new.issue_date, current_date);
        new.valid_until := coalesce(new.valid_until, new.issue_date + coalesce(v_validity, 30));
        new.number := private.next_document_number('DEV', new.issue_date);
        new.sent_at := coalesce(new.sent_at, now());
      when 'expired' then
        new.expired_at := coalesce(new.expired_at, now());
      else
        null;
    end case;
  end if;
  return new;
end;
$$;
comment on function private.guard_quote() is 'Quote status machine, numbering on send, immutability once sent.';
create trigger quotes_20_guard before insert or update or delete on public.quotes
  for each row execute function private.guard_quote();

create trigger invoices_set_updated_at before update on public.invoices for each row execute function private.set_updated_at();
create trigger quotes_set_updated_at before update on public.quotes for each row execute function private.set_updated_at();

/**
 * Section — RPCs
 */

/** accept_quote(quote_id, signer_name): "bon pour accord" by a member of the quote's company. */
create function public.accept_quote(p_quote_id uuid, p_signer_name text)
returns public.quotes
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_quote public.quotes;
begin
  if auth.uid() is null then
    raise exception 'Connexion requise.' using errcode = '42501';
  end if;
  select * into v_quote from public.quotes where id = p_quote_id for update;
  if v_quote.id is null or v_quote.status = 'draft'
     or not (private.is_client_member(v_quote.client_id) or private.is_admin()) then
    raise exception 'Devis introuvable.' using errcode = 'P0002';
  end if;
  if v_quote.status <> 'sent' then
    raise exception 'Ce devis n''attend plus de réponse (statut : %).', private.status_label('quote', v_quote.status::text)
      using errcode = 'P0001';
  end if;
  if v_quote.valid_until < current_date then
    raise exception 'Ce devis a expiré le % : demandez-en un nouveau à NOURX.', to_char(v_quote.valid_until, 'DD/MM/YYYY')
      using errcode = 'P0001';
  end if;
  if p_signer_name is null or char_length(trim(p_signer_name)) < 2 then
    raise exception 'Saisissez votre nom complet pour accepter le devis.' using errcode = '22023';
  end if;
  update public.quotes
     set status = 'accepted', accepted_at = now(), accepted_by = auth.uid(), signer_name = trim(p_signer_name)
   where id = p_quote_id
  returning * into v_quote;
  return v_quote;
end;
$$;
comment on function public.accept_quote(uuid, text) is 'Accepts a sent, unexpired quote for a member of its company; records who, when and the typed full name.';

/** decline_quote(quote_id, reason): refusal with a reason. */
create function public.decline_quote(p_quote_id uuid, p_reason text)
returns public.quotes
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_quote public.quotes;
begin
  if auth.uid() is null then
    raise exception 'Connexion requise.' using errcode = '42501';
  end if;
  select * into v_quote from public.quotes where id = p_quote_id for update;
  if v_quote.id is null or v_quote.status = 'draft'
     or not (private.is_client_member(v_quote.client_id) or private.is_admin()) then
    raise exception 'Devis introuvable.' using errcode = 'P0002';
  end if;
  if v_quote.status <> 'sent' then
    raise exception 'Ce devis n''attend plus de réponse (statut : %).', private.status_label('quote', v_quote.status::text)
      using errcode = 'P0001';
  end if;
  if p_reason is null or char_length(trim(p_reason)) < 3 then
    raise exception 'Indiquez la raison du refus.' using errcode = '22023';
  end if;
  update public.quotes
     set status = 'declined', declined_at = now(), declined_by = auth.uid(), decline_reason = trim(p_reason)
   where id = p_quote_id
  returning * into v_quote;
  return v_quote;
end;
$$;
comment on function public.decline_quote(uuid, text) is 'Declines a sent quote for a member of its company; records who, when and why.';

/** cancel_invoice(invoice_id, reason): admin. Draft → canceled; issued → credit note + canceled. */
create function public.cancel_invoice(p_invoice_id uuid, p_reason text)
returns public.invoices
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_invoice public.invoices;
begin
  -- current_user is the owner inside a security definer function: the caller's
  -- role comes from the verified JWT claims.
  if not (private.is_admin() or auth.role() = 'service_role') then
    raise exception 'Action réservée à l''administrateur.' using errcode = '42501';
  end if;
  if p_reason is null or char_length(trim(p_reason)) < 3 then
    raise exception 'Indiquez le motif de l''annulation.' using errcode = '22023';
  end if;
  select * into v_invoice from public.invoices where id = p_invoice_id for update;
  if v_invoice.id is null then
    raise exception 'Facture introuvable.' using errcode = 'P0002';
  end if;
  if v_invoice.status in ('paid', 'canceled') then
    raise exception 'Une facture « % » ne peut pas être annulée.', private.status_label('invoice', v_invoice.status::text)
      using errcode = 'P0001';
  end if;
  if v_invoice.amount_paid > 0 then
    raise exception 'Cette facture a déjà reçu % F CFA : un avoir total est impossible.', v_invoice.amount_paid
      using errcode = 'P0001';
  end if;
  if v_invoice.status <> 'draft' then
    insert into public.credit_notes (invoice_id, client_id, number, amount, currency, reason, created_by)
    values (v_invoice.id, v_invoice.client_id, private.next_document_number('AVO', current_date),
            v_invoice.total_ttc, v_invoice.currency, trim(p_reason), auth.uid());
  end if;
  update public.invoices set status = 'canceled', cancel_reason = trim(p_reason)
   where id = p_invoice_id
  returning * into v_invoice;
  return v_invoice;
end;
$$;
comment on function public.cancel_invoice(uuid, text) is 'Admin: cancels an invoice. An issued one gets a full credit note (AVO-YYYY-NNNNN).';

/** create_invoice_from_quote(quote_id): admin. Copies an accepted quote into a draft invoice. */
create function public.create_invoice_from_quote(p_quote_id uuid)
returns public.invoices
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_quote public.quotes;
  v_invoice public.invoices;
begin
  if not private.is_admin() then
    raise exception 'Action réservée à l''administrateur.' using errcode = '42501';
  end if;
  select * into v_quote from public.quotes where id = p_quote_id;
  if v_quote.id is null then
    raise exception 'Devis introuvable.' using errcode = 'P0002';
  end if;
  if v_quote.status <> 'accepted' then
    raise exception 'Seul un devis accepté peut être facturé.' using errcode = 'P0001';
  end if;
  insert into public.invoices (client_id, project_id, quote_id, title, currency, vat_rate, notes, created_by)
  values (v_quote.client_id, v_quote.project_id, v_quote.id, v_quote.title, v_quote.currency, v_quote.vat_rate,
          v_quote.notes, auth.uid())
  returning * into v_invoice;
  insert into public.invoice_items (invoice_id, position, label, description, quantity, unit_price)
  select v_invoice.id, position, label, description, quantity, unit_price
    from public.quote_items where quote_id = v_quote.id order by position;
  select * into v_invoice from public.invoices where id = v_invoice.id;
  return v_invoice;
end;
$$;
comment on function public.create_invoice_from_quote(uuid) is 'Admin: draft invoice with the lines of an accepted quote.';

/** duplicate_invoice(invoice_id): admin. A new draft with the same lines. */
create function public.duplicate_invoice(p_invoice_id uuid)
returns public.invoices
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_source public.invoices;
  v_invoice public.invoices;
begin
  if not private.is_admin() then
    raise exception 'Action réservée à l''administrateur.' using errcode = '42501';
  end if;
  select * into v_source from public.invoices where id = p_invoice_id;
  if v_source.id is null then
    raise exception 'Facture introuvable.' using errcode = 'P0002';
  end if;
  insert into public.invoices (client_id, project_id, title, currency, vat_rate, notes, created_by)
  values (v_source.client_id, v_source.project_id, v_source.title, v_source.currency, v_source.vat_rate,
          v_source.notes, auth.uid())
  returning * into v_invoice;
  insert into public.invoice_items (invoice_id, position, label, description, quantity, unit_price)
  select v_invoice.id, position, label, description, quantity, unit_price
    from public.invoice_items where invoice_id = v_source.id order by position;
  select * into v_invoice from public.invoices where id = v_invoice.id;
  return v_invoice;
end;
$$;
comment on function public.duplicate_invoice(uuid) is 'Admin: copies an invoice (any status) into a new draft.';

/**
 * mark_overdue_invoices() / expire_quotes(): daily maintenance (admin or
 * service role). Security invoker: RLS lets only the admin touch rows, so a
 * client calling them changes nothing. Return the number of rows moved.
 */
create function public.mark_overdue_invoices()
returns integer
language sql
set search_path = ''
as $$
  with moved as (
    update public.invoices set status = 'overdue'
     where status = 'sent' and due_date < current_date
    returning 1
  )
  select count(*)::integer from moved;
$$;
comment on function public.mark_overdue_invoices() is 'Moves sent invoices past their due date to overdue. Returns how many.';

create function public.expire_quotes()
returns integer
language sql
set search_path = ''
as $$
  with moved as (
    update public.quotes set status = 'expired'
     where status = 'sent' and valid_until < current_date
    returning 1
  )
  select count(*)::integer from moved;
$$;
comment on function public.expire_quotes() is 'Moves sent quotes past their validity date to expired. Returns how many.';

revoke execute on function
  public.accept_quote(uuid, text), public.decline_quote(uuid, text), public.cancel_invoice(uuid, text),
  public.create_invoice_from_quote(uuid), public.duplicate_invoice(uuid),
  public.mark_overdue_invoices(), public.expire_quotes()
  from public;
grant execute on function
  public.accept_quote(uuid, text), public.decline_quote(uuid, text), public.cancel_invoice(uuid, text),
  public.create_invoice_from_quote(uuid), public.duplicate_invoice(uuid),
  public.mark_overdue_invoices(), public.expire_quotes()
  to authenticated, service_role;

/**
 * Section — RLS and grants
 * Clients read their company's quotes and invoices once sent (drafts stay
 * invisible), their lines through the parent's policy, and their credit notes.
 */
alter table public.quotes enable row level security;
alter table public.quote_items enable row level security;
alter table public.invoices enable row level security;
alter table public.invoice_items enable row level security;
alter table public.credit_notes enable row level security;

create policy "Members read their company's sent quotes" on public.quotes
  for select to authenticated
  using ((select private.is_admin()) or (status <> 'draft' and client_id in (select private.my_client_ids())));
create policy "Only the admin creates quotes" on public.quotes
  for insert to authenticated with check ((select private.is_admin()));
create policy "Only the admin edits quotes" on public.quotes
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Only the admin deletes quotes" on public.quotes
  for delete to authenticated using ((select private.is_admin()));

create policy "Quote lines are visible with their quote" on public.quote_items
  for select to authenticated
  using ((select private.is_admin()) or exists (select 1 from public.quotes q where q.id = quote_id));
create policy "Only the admin adds quote lines" on public.quote_items
  for insert to authenticated with check ((select private.is_admin()));
create policy "Only the admin edits quote lines" on public.quote_items
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Only the admin deletes quote lines" on public.quote_items
  for delete to authenticated using ((select private.is_admin()));

create policy "Members read their company's issued invoices" on public.invoices
  for select to authenticated
  using ((select private.is_admin()) or (status <> 'draft' and client_id in (select private.my_client_ids())));
create policy "Only the admin creates invoices" on public.invoices
  for insert to authenticated with check ((select private.is_admin()));
create policy "Only the admin edits invoices" on public.invoices
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Only the admin deletes invoices" on public.invoices
  for delete to authenticated using ((select private.is_admin()));

create policy "Invoice lines are visible with their invoice" on public.invoice_items
  for select to authenticated
  using ((select private.is_admin()) or exists (select 1 from public.invoices i where i.id = invoice_id));
create policy "Only the admin adds invoice lines" on public.invoice_items
  for insert to authenticated with check ((select private.is_admin()));
create policy "Only the admin edits invoice lines" on public.invoice_items
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Only the admin deletes invoice lines" on public.invoice_items
  for delete to authenticated using ((select private.is_admin()));

create policy "Members read their company's credit notes" on public.credit_notes
  for select to authenticated
  using ((select private.is_admin()) or client_id in (select private.my_client_ids()));
-- No insert/update/delete policy: credit notes come from cancel_invoice() only.

grant select, insert, update, delete on public.quotes, public.quote_items, public.invoices, public.invoice_items to authenticated;
grant select on public.credit_notes to authenticated;
grant select, insert, update, delete on public.quotes, public.quote_items, public.invoices, public.invoice_items to service_role;
-- Credit notes only ever come from cancel_invoice().
grant select on public.credit_notes to service_role;
