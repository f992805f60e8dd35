/**
 * Espace Client NOURX — 06. Payments: CinetPay attempts, notifications, checks,
 * payments and receipts
 *
 * Flow (issue 7): the app creates a payment_attempt (unique short
 * alphanumeric transaction_id) and sends the client to CinetPay. A
 * notification never decides anything: it is stored raw in
 * payment_notifications, then /v2/payment/check is called and its answer is
 * stored in payment_checks with the decision taken. An accepted check turns
 * into exactly one `payments` row (unique per transaction) through
 * record_online_payment(), which also flags amount/currency mismatches.
 *
 * Exactly-once rests on the database: payments.transaction_id is unique, the
 * attempt row is locked while deciding, attempt statuses only move forward,
 * and invoice.amount_paid / status / the receipt follow from the payments
 * rows by trigger.
 *
 * Clients read the attempts, payments and receipts of their company (the
 * return page polls the attempt). Only the service role writes; the admin
 * records transfers and cash through record_manual_payment().
 */

create type public.payment_attempt_status as enum (
  'pending', 'waiting', 'accepted', 'refused', 'cancelled', 'expired', 'failed', 'flagged'
);
comment on type public.payment_attempt_status is
  'pending (created, client sent to CinetPay) → waiting (operator confirmation pending) → accepted | refused | cancelled | expired | failed | flagged (accepted by CinetPay but amount/currency/invoice mismatch: admin review).';
create type public.payment_method as enum ('online', 'transfer', 'cash');
create type public.payment_check_source as enum ('notification', 'queue', 'return', 'manual', 'ticket');
create type public.payment_check_decision as enum ('accepted', 'refused', 'cancelled', 'waiting', 'flagged', 'expired', 'error', 'ignored');

/** Section — payment_attempts */
create table public.payment_attempts (
  id uuid primary key default gen_random_uuid(),
  invoice_id uuid not null references public.invoices (id) on delete restrict,
  client_id uuid not null references public.clients (id) on delete restrict,
  transaction_id text not null unique check (transaction_id ~ '^[A-Za-z0-9]{8,30}$'),
  amount bigint not null check (amount >= 100 and amount % 5 = 0),
  currency text not null default 'XOF' check (currency ~ '^[A-Z]{3}$'),
  status public.payment_attempt_status not null default 'pending',
  channels text not null default 'ALL',
  payment_method text,
  operator_id text,
  payment_token text,
  payment_url text,
  initiated_by uuid references public.profiles (id) on delete set null,
  next_check_at timestamptz,
  check_count integer not null default 0 check (check_count >= 0),
  last_checked_at timestamptz,
  last_code text,
  last_message text,
  failure_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finalized_at timestamptz
);
comment on table public.payment_attempts is 'One CinetPay checkout per row. transaction_id is ours (unique, [A-Za-z0-9]{8,30}). Status only moves forward.';
comment on column public.payment_attempts.amount is 'XOF integer, multiple of 5, at least 100 (CinetPay rules).';
comment on column public.payment_attempts.channels is 'CinetPay channels sent at init (ALL, MOBILE_MONEY, CREDIT_CARD, WALLET, comma-joined).';
comment on column public.payment_attempts.payment_method is 'Operator reported by /v2/payment/check (OM, MOMO, FLOOZ, WAVECI…). Free text on purpose.';
comment on column public.payment_attempts.next_check_at is 'When the queue should re-check a waiting attempt (backoff).';
comment on column public.payment_attempts.failure_reason is 'French message shown to the client when the attempt failed.';
comment on column public.payment_attempts.finalized_at is 'Set when the status becomes final (anything but pending/waiting).';
create index payment_attempts_invoice_id_idx on public.payment_attempts (invoice_id, created_at desc);
create index payment_attempts_client_id_idx on public.payment_attempts (client_id);
create index payment_attempts_initiated_by_idx on public.payment_attempts (initiated_by);
create index payment_attempts_pending_idx on public.payment_attempts (next_check_at) where status in ('pending', 'waiting');

/** Section — payment_notifications: every POST received on the webhook, raw. */
create table public.payment_notifications (
  id uuid primary key default gen_random_uuid(),
  received_at timestamptz not null default now(),
  transaction_id text,
  payment_attempt_id uuid references public.payment_attempts (id) on delete set null,
  site_id text,
  content_type text,
  raw_body text not null default '',
  payload jsonb not null default '{}'::jsonb,
  x_token text,
  token_valid boolean not null default false,
  token_variant text check (token_variant in ('documented', 'posted_order')),
  site_id_valid boolean,
  outcome text not null default 'received'
    check (outcome in ('received', 'checked', 'rejected_token', 'rejected_site', 'unknown_transaction', 'already_final', 'error')),
  error text
);
comment on table public.payment_notifications is 'Raw CinetPay notifications (journal). Never used as proof of payment. Admin only.';
comment on column public.payment_notifications.token_valid is 'x-token HMAC-SHA256 verified (constant time) with the documented 16-field formula or the posted-order variant.';
create index payment_notifications_attempt_idx on public.payment_notifications (payment_attempt_id);
create index payment_notifications_transaction_idx on public.payment_notifications (transaction_id);
create index payment_notifications_received_idx on public.payment_notifications (received_at desc);

/** Section — payment_checks: every /v2/payment/check call and the decision taken. */
create table public.payment_checks (
  id uuid primary key default gen_random_uuid(),
  payment_attempt_id uuid not null references public.payment_attempts (id) on delete cascade,
  checked_at timestamptz not null default now(),
  source public.payment_check_source not null,
  http_status integer,
  code text,
  message text,
  api_status text,
  amount text,
  currency text,
  raw_response jsonb,
  raw_text text,
  decision public.payment_check_decision not null,
  duration_ms integer,
  error text
);
comment on table public.payment_checks is 'Responses of /v2/payment/check (code, data.status, amount as sent by CinetPay: a string) and the decision. Admin only.';
comment on column public.payment_checks.raw_text is 'Body when it was not JSON (timeouts, HTML error pages).';
create index payment_checks_attempt_idx on public.payment_checks (payment_attempt_id, checked_at desc);

/** Section — payments: money actually received. One row per CinetPay transaction at most. */
create table public.payments (
  id uuid primary key default gen_random_uuid(),
  invoice_id uuid not null references public.invoices (id) on delete restrict,
  client_id uuid not null references public.clients (id) on delete restrict,
  payment_attempt_id uuid unique references public.payment_attempts (id) on delete restrict,
  transaction_id text unique,
  amount bigint not null check (amount > 0),
  currency text not null default 'XOF' check (currency ~ '^[A-Z]{3}$'),
  method public.payment_method not null,
  payment_method_detail text,
  operator_id text,
  reference text,
  proof_document_id uuid,
  notes text,
  paid_at timestamptz not null default now(),
  recorded_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  check ((method = 'online') = (transaction_id is not null))
);
comment on table public.payments is 'Accepted payments. Online: one per transaction_id (unique). Transfer/cash: recorded by the admin with a reference and a proof.';
comment on column public.payments.payment_method_detail is 'Operator for online payments (OM, MOMO, WAVECI, card…).';
comment on column public.payments.reference is 'Bank transfer reference, cash receipt number…';
comment on column public.payments.proof_document_id is 'documents.id of the proof (transfer slip). Foreign key added with the documents table.';
create index payments_invoice_id_idx on public.payments (invoice_id);
create index payments_client_id_idx on public.payments (client_id, paid_at desc);
create index payments_recorded_by_idx on public.payments (recorded_by);
create index payments_proof_document_id_idx on public.payments (proof_document_id);

/** Section — receipts: one per payment, numbered REC-YYYY-NNNNN, created by trigger. */
create table public.receipts (
  id uuid primary key default gen_random_uuid(),
  payment_id uuid not null unique references public.payments (id) on delete restrict,
  invoice_id uuid not null references public.invoices (id) on delete restrict,
  client_id uuid not null references public.clients (id) on delete restrict,
  number text not null unique check (number ~ '^REC-[0-9]{4}-[0-9]{5}$'),
  amount bigint not null,
  currency text not null default 'XOF',
  issued_at timestamptz not null default now()
);
comment on table public.receipts is 'Payment receipts (reçus), one per payment, created by the database.';
create index receipts_invoice_id_idx on public.receipts (invoice_id);
create index receipts_client_id_idx on public.receipts (client_id);

/**
 * Section — attempt status machine: forward only.
 *   pending → waiting | accepted | refused | cancelled | expired | failed | flagged
 *   waiting → accepted | refused | cancelled | expired | failed | flagged
 *   flagged → accepted | refused   (admin review only)
 * Final statuses never change again, so a late or duplicate notification
 * cannot move a paid attempt back. (20261124001300_late_acceptance.sql adds
 * refused | cancelled | expired | failed → flagged for money confirmed late.)
 */
create function private.guard_payment_attempt()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    select i.client_id into new.client_id from public.invoices i where i.id = new.invoice_id;
    if new.status not in ('pending', 'failed') then
      raise exception 'Une tentative de paiement commence en attente.' using errcode = 'P0001';
    end if;
  else
    if new.invoice_id is distinct from old.invoice_id or new.transaction_id is distinct from old.transaction_id
       or new.amount is distinct from old.amount or new.currency is distinct from old.currency
       or new.client_id is distinct from old.client_id then
      raise exception 'La facture, la transaction et le montant d''une tentative de paiement sont figés.' using errcode = 'P0001';
    end if;
    if new.status is distinct from old.status and not (
         (old.status = 'pending' and new.status <> 'pending')
      or (old.status = 'waiting' and new.status not in ('pending', 'waiting'))
      or (old.status = 'flagged' and new.status in ('accepted', 'refused'))
    ) then
      raise exception 'Transition de paiement refusée : % → % (les statuts ne reviennent jamais en arrière).', old.status, new.status
        using errcode = 'P0001';
    end if;
  end if;
  if new.status not in ('pending', 'waiting') then
    new.finalized_at := coalesce(new.finalized_at, now());
  end if;
  new.updated_at := now();
  return new;
end;
$$;
create trigger payment_attempts_guard before insert or update on public.payment_attempts
  for each row execute function private.guard_payment_attempt();

/** Notifications find their attempt by transaction id. */
create function private.link_notification()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.payment_attempt_id is null and new.transaction_id is not null then
    select a.id into new.payment_attempt_id from public.payment_attempts a where a.transaction_id = new.transaction_id;
  end if;
  return new;
end;
$$;
create trigger payment_notifications_link before insert on public.payment_notifications
  for each row execute function private.link_notification();

/**
 * Payments: client from the invoice, the invoice must be awaiting payment and
 * the amount must not exceed the balance. Rows are append-only: money
 * received is corrected by a new operation, never by editing history.
 */
create function private.guard_payment()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_invoice public.invoices;
begin
  if tg_op = 'DELETE' then
    raise exception 'Un paiement enregistré ne peut pas être supprimé.' using errcode = 'P0001';
  end if;
  if tg_op = 'UPDATE' then
    if (to_jsonb(new) - array['notes', 'proof_document_id', 'reference'])
       is distinct from (to_jsonb(old) - array['notes', 'proof_document_id', 'reference']) then
      raise exception 'Un paiement enregistré ne peut pas être modifié (seuls la note, la référence et le justificatif le peuvent).'
        using errcode = 'P0001';
    end if;
    return new;
  end if;
  -- Lock the invoice: two payments for the same invoice are applied one after the other.
  select * into v_invoice from public.invoices where id = new.invoice_id for update;
  if v_invoice.id is null then
    raise exception 'Facture introuvable.' using errcode = 'P0002';
  end if;
  if v_invoice.status not in ('sent', 'overdue') then
    raise exception 'La facture % n''attend pas de paiement (statut : %).',
      coalesce(v_invoice.number, 'brouillon'), private.status_label('invoice', v_invoice.status::text)
      using errcode = 'P0001';
  end if;
  if new.currency <> v_invoice.currency then
    raise exception 'La devise du paiement (%) diffère de celle de la facture (%).', new.currency, v_invoice.currency
      using errcode = 'P0001';
  end if;
  if new.amount > v_invoice.balance_due then
    raise exception 'Le montant (% F CFA) dépasse le solde dû (% F CFA).', new.amount, v_invoice.balance_due
      using errcode = 'P0001';
  end if;
  new.client_id := v_invoice.client_id;
  return new;
end;
$$;
create trigger payments_guard before insert or update or delete on public.payments
  for each row execute function private.guard_payment();

/**
 * After a payment: amount_paid = Σ payments, invoice paid when nothing is left
 * due, and a numbered receipt. Security definer: it writes invoices and
 * receipts whatever the inserting role may do directly.
 */
create function private.apply_payment()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_paid bigint;
  v_total bigint;
begin
  select coalesce(sum(amount), 0) into v_paid from public.payments where invoice_id = new.invoice_id;
  select total_ttc into v_total from public.invoices where id = new.invoice_id;
  update public.invoices
     set amount_paid = v_paid,
         status = case when v_paid >= v_total then 'paid'::public.invoice_status else status end,
         paid_at = case when v_paid >= v_total then new.paid_at else paid_at end
   where id = new.invoice_id;
  insert into public.receipts (payment_id, invoice_id, client_id, number, amount, currency, issued_at)
  values (new.id, new.invoice_id, new.client_id,
          private.next_document_number('REC', (new.paid_at at time zone 'UTC')::date),
          new.amount, new.currency, now());
  return null;
end;
$$;
create trigger payments_apply after insert on public.payments
  for each row execute function private.apply_payment();

/**
 * Section — RPCs for payment processing
 */

/**
 * record_online_payment(transaction_id, amount, currency, payment_method,
 * operator_id, paid_at) — service role only. Called once /v2/payment/check
 * answered code "00" + ACCEPTED. Idempotent and safe under concurrency:
 *   - the attempt row is locked, so concurrent callers queue up;
 *   - already accepted  → returns the existing payment ('already_accepted');
 *   - amount or currency differs from the attempt, or the invoice no longer
 *     awaits that amount → attempt flagged for the admin ('flagged');
 *   - otherwise → attempt accepted + one payments row (+ receipt, invoice
 *     amount_paid/status by trigger) ('accepted').
 * Returns {outcome, payment_id, receipt_id, invoice_id, invoice_status, balance_due}.
 */
create function public.record_online_payment(
  p_transaction_id text,
  p_amount bigint,
  p_currency text,
  p_payment_method text default null,
  p_operator_id text default null,
  p_paid_at timestamptz default null
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_attempt public.payment_attempts;
  v_invoice public.invoices;
  v_payment public.payments;
  v_reason text;
begin
  select * into v_attempt from public.payment_attempts where transaction_id = p_transaction_id for update;
  if v_attempt.id is null then
    raise exception 'Transaction inconnue : %.', p_transaction_id using errcode = 'P0002';
  end if;

  if v_attempt.status = 'accepted' then
    select * into v_payment from public.payments where payment_attempt_id = v_attempt.id;
    select * into v_invoice from public.invoices where id = v_attempt.invoice_id;
    return jsonb_build_object('outcome', 'already_accepted', 'payment_id', v_payment.id,
      'receipt_id', (select r.id from public.receipts r where r.payment_id = v_payment.id),
      'invoice_id', v_invoice.id, 'invoice_status', v_invoice.status, 'balance_due', v_invoice.balance_due);
  end if;
  if v_attempt.status not in ('pending', 'waiting') then
    select * into v_invoice from public.invoices where id = v_attempt.invoice_id;
    return jsonb_build_object('outcome', 'already_final', 'attempt_status', v_attempt.status,
      'invoice_id', v_invoice.id, 'invoice_status', v_invoice.status, 'balance_due', v_invoice.balance_due);
  end if;

  select * into v_invoice from public.invoices where id = v_attempt.invoice_id for update;
  if p_amount is distinct from v_attempt.amount then
    v_reason := format('Montant confirmé (%s) différent du montant demandé (%s).', p_amount, v_attempt.amount);
  elsif upper(p_currency) is distinct from v_attempt.currency then
    v_reason := format('Devise confirmée (%s) différente de la devise demandée (%s).', p_currency, v_attempt.currency);
  elsif v_invoice.status not in ('sent', 'overdue') then
    v_reason := format('La facture est « %s » : paiement à rapprocher manuellement.', private.status_label('invoice', v_invoice.status::text));
  elsif p_amount > v_invoice.balance_due then
    v_reason := format('Le paiement (%s) dépasse le solde dû (%s).', p_amount, v_invoice.balance_due);
  end if;

  if v_reason is not null then
    update public.payment_attempts
       set status = 'flagged', failure_reason = v_reason, payment_method = coalesce(p_payment_method, payment_method),
           operator_id = coalesce(p_operator_id, operator_id), next_check_at = null
     where id = v_attempt.id;
    return jsonb_build_object('outcome', 'flagged', 'reason', v_reason,
      'invoice_id', v_invoice.id, 'invoice_status', v_invoice.status, 'balance_due', v_invoice.balance_due);
  end if;

  update public.payment_attempts
     set status = 'accepted', payment_method = coalesce(p_payment_method, payment_method),
         operator_id = coalesce(p_operator_id, operator_id), next_check_at = null, failure_reason = null
   where id = v_attempt.id;
  insert into public.payments (invoice_id, client_id, payment_attempt_id, transaction_id, amount, currency, method,
                               payment_method_detail, operator_id, paid_at, recorded_by)
  values (v_attempt.invoice_id, v_attempt.client_id, v_attempt.id, v_attempt.transaction_id, p_amount,
          v_attempt.currency, 'online', p_payment_method, p_operator_id, coalesce(p_paid_at, now()), null)
  returning * into v_payment;
  select * into v_invoice from public.invoices where id = v_attempt.invoice_id;
  return jsonb_build_object('outcome', 'accepted', 'payment_id', v_payment.id,
    'receipt_id', (select r.id from public.receipts r where r.payment_id = v_payment.id),
    'invoice_id', v_invoice.id, 'invoice_status', v_invoice.status, 'balance_due', v_invoice.balance_due);
end;
$$;
comment on function public.record_online_payment(text, bigint, text, text, text, timestamptz) is
  'Service role: turns an ACCEPTED check into exactly one payment (or flags a mismatch). Idempotent; locks the attempt.';
revoke execute on function public.record_online_payment(text, bigint, text, text, text, timestamptz) from public, authenticated;
grant execute on function public.record_online_payment(text, bigint, text, text, text, timestamptz) to service_role;

/**
 * record_manual_payment(invoice_id, amount, method, reference, paid_at,
 * proof_document_id, notes) — admin: a bank transfer or cash received.
 */
create function public.record_manual_payment(
  p_invoice_id uuid,
  p_amount bigint,
  p_method public.payment_method,
  p_reference text default null,
  p_paid_at timestamptz default null,
  p_proof_document_id uuid default null,
  p_notes text default null
)
returns public.payments
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_payment public.payments;
begin
  -- current_user is the owner inside a security definer function: the caller's
  -- role comes from the verified JWT claims.
  if not (private.is_admin() or auth.role() = 'service_role') then
    raise exception 'Action réservée à l''administrateur.' using errcode = '42501';
  end if;
  if p_method = 'online' then
    raise exception 'Les paiements en ligne sont enregistrés par la vérification CinetPay.' using errcode = '22023';
  end if;
  if p_amount is null or p_amount <= 0 then
    raise exception 'Le montant doit être positif.' using errcode = '22023';
  end if;
  insert into public.payments (invoice_id, client_id, amount, method, reference, paid_at, proof_document_id, notes, recorded_by)
  select i.id, i.client_id, p_amount, p_method, nullif(trim(p_reference), ''), coalesce(p_paid_at, now()),
         p_proof_document_id, nullif(trim(p_notes), ''), auth.uid()
    from public.invoices i where i.id = p_invoice_id
  returning * into v_payment;
  if v_payment.id is null then
    raise exception 'Facture introuvable.' using errcode = 'P0002';
  end if;
  return v_payment;
end;
$$;
comment on function public.record_manual_payment(uuid, bigint, public.payment_method, text, timestamptz, uuid, text) is
  'Admin: records a transfer or cash payment (receipt and invoice status follow by trigger).';
revoke execute on function public.record_manual_payment(uuid, bigint, public.payment_method, text, timestamptz, uuid, text) from public;
grant execute on function public.record_manual_payment(uuid, bigint, public.payment_method, text, timestamptz, uuid, text) to authenticated, service_role;

/**
 * Section — RLS and grants
 */
alter table public.payment_attempts enable row level security;
alter table public.payment_notifications enable row level security;
alter table public.payment_checks enable row level security;
alter table public.payments enable row level security;
alter table public.receipts enable row level security;

create policy "Members read their company's payment attempts" on public.payment_attempts
  for select to authenticated
  using ((select private.is_admin()) or client_id in (select private.my_client_ids()));
create policy "Only the admin reads notifications" on public.payment_notifications
  for select to authenticated using ((select private.is_admin()));
create policy "Only the admin reads check responses" on public.payment_checks
  for select to authenticated using ((select private.is_admin()));
create policy "Members read their company's payments" on public.payments
  for select to authenticated
  using ((select private.is_admin()) or client_id in (select private.my_client_ids()));
create policy "Members read their company's receipts" on public.receipts
  for select to authenticated
  using ((select private.is_admin()) or client_id in (select private.my_client_ids()));
-- No write policy for authenticated on any of these: the service role writes
-- (it bypasses RLS), the admin goes through record_manual_payment().

grant select on public.payment_attempts, public.payment_notifications, public.payment_checks,
  public.payments, public.receipts to authenticated;
grant select, insert, update, delete on public.payment_attempts, public.payment_notifications, public.payment_checks,
  public.payments to service_role;
-- Receipts only ever come from the payments trigger.
grant select on public.receipts to service_role;
