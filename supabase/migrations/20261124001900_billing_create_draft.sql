/*
 * A new draft quote or invoice, header and lines, in ONE transaction.
 *
 * replace_document_items() (migration 14) made saving an existing draft all
 * or nothing, but creating one still took two calls: insert the header, then
 * replace its (empty) lines — and, if the lines were refused, delete the
 * header again from the app. A crash or a lost connection between those calls
 * left an empty draft behind. This function does both in the same
 * transaction: any refusal (a bad line, a bad header, a total out of range)
 * rolls the new row back with it.
 *
 * It inserts the row with the header's required fields, then hands over to
 * replace_document_items() for the rest of the header and the lines, so the
 * rules (allowed keys per kind, line checks, totals by the triggers, French
 * messages and error codes) are the same ones, written once.
 *
 * security invoker: RLS, the audit trigger and the billing guards apply as
 * for the admin's own writes; the explicit admin check only makes the
 * refusal clear.
 */
create function public.create_document_draft(p_kind text, p_header jsonb, p_items jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_id uuid;
begin
  if not (private.is_admin() or private.is_privileged_session()) then
    raise exception 'Action réservée à l''administrateur.' using errcode = '42501';
  end if;
  if p_kind is null or p_kind not in ('invoice', 'quote') then
    raise exception 'Type de document inconnu : « % » (invoice ou quote).', p_kind using errcode = '22023';
  end if;
  if p_header is null then
    raise exception 'L''en-tête est obligatoire.' using errcode = '22023';
  end if;
  -- Same key and value rules as a save; creation also needs a client and a title.
  perform private.check_document_header(p_kind, p_header);
  if not (p_header ? 'client_id') or p_header -> 'client_id' = 'null'::jsonb then
    raise exception 'Le client est obligatoire.' using errcode = '22023';
  end if;
  if not (p_header ? 'title') then
    raise exception 'L''objet est obligatoire.' using errcode = '22023';
  end if;
  -- Lines are checked before the first write, as replace_document_items() does.
  perform private.check_document_items(p_items);

  if p_kind = 'invoice' then
    insert into public.invoices (client_id, title)
    values ((p_header ->> 'client_id')::uuid, btrim(p_header ->> 'title'))
    returning id into v_id;
  else
    insert into public.quotes (client_id, title)
    values ((p_header ->> 'client_id')::uuid, btrim(p_header ->> 'title'))
    returning id into v_id;
  end if;

  -- The rest of the header and the lines; an exception here undoes the insert above.
  return public.replace_document_items(p_kind, v_id, p_items, p_header);
end;
$$;
comment on function public.create_document_draft(text, jsonb, jsonb) is
  'Admin: creates a draft quote or invoice with its header and lines in one transaction (then as replace_document_items()).';

-- Hosted Supabase no longer grants new functions by default; PostgreSQL still
-- grants EXECUTE to PUBLIC, which anon would inherit.
revoke execute on function public.create_document_draft(text, jsonb, jsonb) from public, anon;
grant execute on function public.create_document_draft(text, jsonb, jsonb) to authenticated, service_role;
