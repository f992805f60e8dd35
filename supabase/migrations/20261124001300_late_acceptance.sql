/**
 * Espace Client NOURX — 13. Money confirmed after we gave up: flag it
 *
 * An attempt may be refused, cancelled, expired or failed on our side and
 * CinetPay may still answer "00 / ACCEPTED" later (an operator confirming
 * after our 24 h of re-checks, a timeout at init that in fact went through).
 * Real money arrived, so the attempt must reach the admin: such attempts may
 * now move to `flagged`. Nothing else changes: statuses still never go back
 * to pending/waiting, and an accepted attempt never changes again.
 *
 *   pending → waiting | accepted | refused | cancelled | expired | failed | flagged
 *   waiting → accepted | refused | cancelled | expired | failed | flagged
 *   refused | cancelled | expired | failed → flagged   (late acceptance, admin review)
 *   flagged → accepted | refused                        (admin review)
 *
 * record_online_payment() flags a late acceptance itself and answers
 * outcome = 'flagged' with late_acceptance = true.
 */

create or replace function private.guard_payment_attempt()
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
      or (old.status in ('refused', 'cancelled', 'expired', 'failed') and new.status = 'flagged')
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

create or replace function public.record_online_payment(
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

  select * into v_invoice from public.invoices where id = v_attempt.invoice_id for update;

  -- Already flagged: the admin decides; a repeated confirmation changes nothing.
  if v_attempt.status = 'flagged' then
    return jsonb_build_object('outcome', 'flagged', 'reason', v_attempt.failure_reason, 'already_flagged', true,
      'invoice_id', v_invoice.id, 'invoice_status', v_invoice.status, 'balance_due', v_invoice.balance_due);
  end if;

  -- Late acceptance of an attempt we had given up on: real money, admin review.
  if v_attempt.status in ('refused', 'cancelled', 'expired', 'failed') then
    v_reason := format('Paiement confirmé par CinetPay après l''abandon de la tentative (statut : %s) : à rapprocher.', v_attempt.status);
    update public.payment_attempts
       set status = 'flagged', failure_reason = v_reason, payment_method = coalesce(p_payment_method, payment_method),
           operator_id = coalesce(p_operator_id, operator_id), next_check_at = null
     where id = v_attempt.id;
    return jsonb_build_object('outcome', 'flagged', 'reason', v_reason, 'late_acceptance', true,
      'invoice_id', v_invoice.id, 'invoice_status', v_invoice.status, 'balance_due', v_invoice.balance_due);
  end if;

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
  'Service role: turns an ACCEPTED check into exactly one payment, or flags it (amount/currency/invoice mismatch, or late acceptance of an abandoned attempt). Idempotent; locks the attempt.';
-- create or replace keeps the existing grants (service_role only); restated for the reader.
revoke execute on function public.record_online_payment(text, bigint, text, text, text, timestamptz) from public, authenticated;
grant execute on function public.record_online_payment(text, bigint, text, text, text, timestamptz) to service_role;
