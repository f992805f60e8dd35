/**
 * Espace Client NOURX — 14. Saving a draft quote or invoice in one transaction
 *
 * replace_document_items(kind, id, items, header default null) — admin:
 * replaces ALL the lines of a DRAFT quote or invoice with `items` (a JSON
 * array, positions 0, 1, 2… in array order) and, when `header` is given,
 * updates the editable header fields in the same transaction. Before this
 * function the editor saved a draft in several HTTP calls (header, insert new
 * lines, delete old lines): a failure half-way left a draft with both sets of
 * lines or a new header over old lines. Now it is all or nothing: any refused
 * line (or header value) raises, and the draft stays exactly as it was.
 *
 * Totals are NOT computed here: the existing triggers of migration 05 do it
 * (quote_items/invoice_items → refresh_parent_totals → *_10_totals), and the
 * guards (guard_items, guard_invoice, guard_quote) still apply.
 *
 * Why security INVOKER (the default) rather than definer:
 *   - RLS keeps applying: only the admin may update quotes/invoices and write
 *     their lines (policies of migration 05), so this function can never do
 *     more than the caller could do with the same statements one by one;
 *   - the audit trigger and the guards see the real caller (auth.uid(), the
 *     authenticated role), as for any other admin write;
 *   - no search_path hijacking concern beyond `set search_path = ''`, which
 *     is pinned anyway (every name below is schema-qualified).
 * The explicit admin check at the top is not the security boundary (RLS is);
 * it gives a clear French 42501 to a client instead of a confusing
 * "introuvable" (drafts are invisible to clients) or a silent no-op.
 *
 * items: [{ "label": text, "description"?: text|null, "quantity": number,
 *           "unit_price": integer }, …] — 1 to 200 lines, the same bounds as
 *         the editor's zod schema (app/lib/admin/billing/schemas.ts) and the
 *         table checks: label 1–300 characters (trimmed), description at most
 *         2 000, quantity > 0 with at most 3 decimals and at most 100 000 000,
 *         unit_price a whole number of F CFA between 0 and 10^12.
 * header: { client_id, project_id, title, vat_rate, notes } plus due_date
 *         (invoice) or valid_until and terms (quote). Keys present are set
 *         (JSON null clears a nullable field); keys absent are left as they
 *         are; any other key is refused.
 *
 * Errors (French, for the admin as is):
 *   42501 not the admin · 22023 invalid argument (kind, items, header)
 *   P0002 unknown document · P0001 not a draft (hint 'not_draft')
 * Returns { id, status, subtotal_ht, vat_amount, total_ttc, item_count }
 * as recomputed by the triggers.
 */

/**
 * private.check_document_items(items) — validates the JSON lines and raises
 * 22023 with the line number on the first problem. Pure: reads nothing,
 * writes nothing. Separate so the rules read in one place.
 */
create function private.check_document_items(p_items jsonb)
returns void
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_item jsonb;
  v_n bigint;
  v_key text;
  v_label text;
  v_quantity numeric;
  v_price numeric;
begin
  if p_items is null or jsonb_typeof(p_items) <> 'array' then
    raise exception 'Les lignes doivent être une liste.' using errcode = '22023';
  end if;
  if jsonb_array_length(p_items) = 0 then
    raise exception 'Ajoutez au moins une ligne.' using errcode = '22023';
  end if;
  if jsonb_array_length(p_items) > 200 then
    raise exception '200 lignes au plus.' using errcode = '22023';
  end if;

  for v_item, v_n in select e.item, e.n from jsonb_array_elements(p_items) with ordinality as e (item, n) loop
    if jsonb_typeof(v_item) <> 'object' then
      raise exception 'Ligne % : format invalide.', v_n using errcode = '22023';
    end if;
    -- A misspelt key ("unitPrice") would otherwise be silently dropped.
    for v_key in select jsonb_object_keys(v_item) loop
      if v_key not in ('label', 'description', 'quantity', 'unit_price') then
        raise exception 'Ligne % : champ inconnu « % ».', v_n, v_key using errcode = '22023';
      end if;
    end loop;

    v_label := case when jsonb_typeof(v_item -> 'label') = 'string' then btrim(v_item ->> 'label') end;
    if v_label is null or v_label = '' then
      raise exception 'Ligne % : le libellé est obligatoire.', v_n using errcode = '22023';
    end if;
    if char_length(v_label) > 300 then
      raise exception 'Ligne % : libellé de 300 caractères au plus.', v_n using errcode = '22023';
    end if;

    if v_item ? 'description' and jsonb_typeof(v_item -> 'description') not in ('string', 'null') then
      raise exception 'Ligne % : description invalide.', v_n using errcode = '22023';
    end if;
    if char_length(coalesce(v_item ->> 'description', '')) > 2000 then
      raise exception 'Ligne % : description de 2 000 caractères au plus.', v_n using errcode = '22023';
    end if;

    -- JSON numbers only: a string "2,5" is the app's job to parse, not ours.
    if jsonb_typeof(v_item -> 'quantity') is distinct from 'number' then
      raise exception 'Ligne % : quantité invalide.', v_n using errcode = '22023';
    end if;
    v_quantity := (v_item ->> 'quantity')::numeric;
    if v_quantity <= 0 then
      raise exception 'Ligne % : la quantité doit être positive.', v_n using errcode = '22023';
    end if;
    if v_quantity > 100000000 then
      raise exception 'Ligne % : quantité trop grande.', v_n using errcode = '22023';
    end if;
    if v_quantity <> round(v_quantity, 3) then
      raise exception 'Ligne % : trois décimales au plus pour la quantité.', v_n using errcode = '22023';
    end if;

    if jsonb_typeof(v_item -> 'unit_price') is distinct from 'number' then
      raise exception 'Ligne % : prix invalide.', v_n using errcode = '22023';
    end if;
    v_price := (v_item ->> 'unit_price')::numeric;
    if v_price <> trunc(v_price) then
      raise exception 'Ligne % : prix en F CFA entiers, sans décimales.', v_n using errcode = '22023';
    end if;
    if v_price < 0 then
      raise exception 'Ligne % : le prix ne peut pas être négatif.', v_n using errcode = '22023';
    end if;
    if v_price > 1000000000000 then
      raise exception 'Ligne % : prix trop élevé.', v_n using errcode = '22023';
    end if;
  end loop;
end;
$$;
comment on function private.check_document_items(jsonb) is 'Validates the JSON lines of replace_document_items(); raises 22023 in French with the line number.';
revoke execute on function private.check_document_items(jsonb) from public;
grant execute on function private.check_document_items(jsonb) to authenticated, service_role;

/**
 * private.check_document_header(kind, header) — the header keys allowed for
 * the kind, and the two fields whose table error would be unreadable
 * (title null/blank, vat_rate not a number). The rest (uuid format, foreign
 * keys, check constraints) is left to the table, whose errors the app maps.
 */
create function private.check_document_header(p_kind text, p_header jsonb)
returns void
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_key text;
  v_allowed text[] := case p_kind
    when 'invoice' then array['client_id', 'project_id', 'title', 'vat_rate', 'notes', 'due_date']
    else array['client_id', 'project_id', 'title', 'vat_rate', 'notes', 'valid_until', 'terms'] end;
begin
  if jsonb_typeof(p_header) <> 'object' then
    raise exception 'L''en-tête doit être un objet.' using errcode = '22023';
  end if;
  for v_key in select jsonb_object_keys(p_header) loop
    if not v_key = any (v_allowed) then
      raise exception 'Champ d''en-tête inconnu ou non modifiable : « % ».', v_key using errcode = '22023';
    end if;
  end loop;
  if p_header ? 'title'
     and (jsonb_typeof(p_header -> 'title') <> 'string' or btrim(p_header ->> 'title') = '') then
    raise exception 'L''objet est obligatoire.' using errcode = '22023';
  end if;
  if p_header ? 'client_id' and jsonb_typeof(p_header -> 'client_id') <> 'string' then
    raise exception 'Le client est obligatoire.' using errcode = '22023';
  end if;
  if p_header ? 'vat_rate' and jsonb_typeof(p_header -> 'vat_rate') <> 'number' then
    raise exception 'Taux de TVA invalide.' using errcode = '22023';
  end if;
end;
$$;
comment on function private.check_document_header(text, jsonb) is 'Validates the header of replace_document_items(): allowed keys per kind, title and VAT rate.';
revoke execute on function private.check_document_header(text, jsonb) from public;
grant execute on function private.check_document_header(text, jsonb) to authenticated, service_role;

create function public.replace_document_items(p_kind text, p_id uuid, p_items jsonb, p_header jsonb default null)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_status text;
  v_result jsonb;
begin
  -- Clear refusal for anyone but the admin (RLS would refuse too, less clearly).
  if not (private.is_admin() or private.is_privileged_session()) then
    raise exception 'Action réservée à l''administrateur.' using errcode = '42501';
  end if;
  if p_kind is null or p_kind not in ('invoice', 'quote') then
    raise exception 'Type de document inconnu : « % » (invoice ou quote).', p_kind using errcode = '22023';
  end if;
  if p_id is null then
    raise exception 'Document introuvable.' using errcode = 'P0002';
  end if;

  -- Everything is checked before the first write (the transaction would roll
  -- back anyway; this gives the first problem, not a table error).
  perform private.check_document_items(p_items);
  if p_header is not null then
    perform private.check_document_header(p_kind, p_header);
  end if;

  if p_kind = 'invoice' then
    -- Row lock: a concurrent send waits until this save commits, and cannot
    -- number an invoice whose lines are being replaced.
    select i.status::text into v_status from public.invoices i where i.id = p_id for update;
    if v_status is null then
      raise exception 'Facture introuvable.' using errcode = 'P0002';
    end if;
    if v_status <> 'draft' then
      raise exception 'Seule une facture brouillon se modifie : émettez un avoir.'
        using errcode = 'P0001', hint = 'not_draft';
    end if;

    if p_header is not null then
      update public.invoices set
        client_id  = case when p_header ? 'client_id'  then (p_header ->> 'client_id')::uuid else client_id end,
        project_id = case when p_header ? 'project_id' then (p_header ->> 'project_id')::uuid else project_id end,
        title      = case when p_header ? 'title'      then btrim(p_header ->> 'title') else title end,
        vat_rate   = case when p_header ? 'vat_rate'   then (p_header ->> 'vat_rate')::numeric else vat_rate end,
        notes      = case when p_header ? 'notes'      then p_header ->> 'notes' else notes end,
        due_date   = case when p_header ? 'due_date'   then (p_header ->> 'due_date')::date else due_date end
       where id = p_id;
    end if;

    delete from public.invoice_items where invoice_id = p_id;
    insert into public.invoice_items (invoice_id, position, label, description, quantity, unit_price)
    select p_id, (e.n - 1)::integer, btrim(e.item ->> 'label'), nullif(btrim(e.item ->> 'description'), ''),
           (e.item ->> 'quantity')::numeric, (e.item ->> 'unit_price')::bigint
      from jsonb_array_elements(p_items) with ordinality as e (item, n)
     order by e.n;

    select jsonb_build_object('id', i.id, 'status', i.status, 'subtotal_ht', i.subtotal_ht, 'vat_amount', i.vat_amount,
                              'total_ttc', i.total_ttc, 'item_count', jsonb_array_length(p_items))
      into v_result from public.invoices i where i.id = p_id;
  else
    select q.status::text into v_status from public.quotes q where q.id = p_id for update;
    if v_status is null then
      raise exception 'Devis introuvable.' using errcode = 'P0002';
    end if;
    if v_status <> 'draft' then
      raise exception 'Seul un devis brouillon se modifie.' using errcode = 'P0001', hint = 'not_draft';
    end if;

    if p_header is not null then
      update public.quotes set
        client_id   = case when p_header ? 'client_id'   then (p_header ->> 'client_id')::uuid else client_id end,
        project_id  = case when p_header ? 'project_id'  then (p_header ->> 'project_id')::uuid else project_id end,
        title       = case when p_header ? 'title'       then btrim(p_header ->> 'title') else title end,
        vat_rate    = case when p_header ? 'vat_rate'    then (p_header ->> 'vat_rate')::numeric else vat_rate end,
        notes       = case when p_header ? 'notes'       then p_header ->> 'notes' else notes end,
        terms       = case when p_header ? 'terms'       then p_header ->> 'terms' else terms end,
        valid_until = case when p_header ? 'valid_until' then (p_header ->> 'valid_until')::date else valid_until end
       where id = p_id;
    end if;

    delete from public.quote_items where quote_id = p_id;
    insert into public.quote_items (quote_id, position, label, description, quantity, unit_price)
    select p_id, (e.n - 1)::integer, btrim(e.item ->> 'label'), nullif(btrim(e.item ->> 'description'), ''),
           (e.item ->> 'quantity')::numeric, (e.item ->> 'unit_price')::bigint
      from jsonb_array_elements(p_items) with ordinality as e (item, n)
     order by e.n;

    select jsonb_build_object('id', q.id, 'status', q.status, 'subtotal_ht', q.subtotal_ht, 'vat_amount', q.vat_amount,
                              'total_ttc', q.total_ttc, 'item_count', jsonb_array_length(p_items))
      into v_result from public.quotes q where q.id = p_id;
  end if;
  return v_result;
end;
$$;
comment on function public.replace_document_items(text, uuid, jsonb, jsonb) is
  'Admin: replaces all lines (and optionally the header) of a draft quote or invoice in one transaction; totals by the triggers.';

-- Hosted Supabase no longer grants new functions by default; PostgreSQL still
-- grants EXECUTE to PUBLIC, which anon would inherit.
revoke execute on function public.replace_document_items(text, uuid, jsonb, jsonb) from public, anon;
grant execute on function public.replace_document_items(text, uuid, jsonb, jsonb) to authenticated, service_role;
