/**
 * Espace Client NOURX — 12. Prospect conversion in one transaction
 *
 * convert_prospect(prospect_id, project_title default null) — admin: creates
 * the client company from the prospect (name, contact, email, phone), marks
 * the prospect won and linked, and optionally opens a first project (draft).
 * The invitation of the contact goes through Supabase Auth from the app
 * (admin.inviteUserByEmail), then a client_members row.
 * Returns {client_id, project_id}.
 */
create function public.convert_prospect(p_prospect_id uuid, p_project_title text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_prospect public.prospects;
  v_client_id uuid;
  v_project_id uuid;
begin
  if not private.is_admin() then
    raise exception 'Action réservée à l''administrateur.' using errcode = '42501';
  end if;
  select * into v_prospect from public.prospects where id = p_prospect_id for update;
  if v_prospect.id is null then
    raise exception 'Prospect introuvable.' using errcode = 'P0002';
  end if;
  if v_prospect.converted_client_id is not null then
    raise exception 'Ce prospect est déjà client.' using errcode = 'P0001';
  end if;
  insert into public.clients (name, contact_name, email, phone)
  values (v_prospect.company_name, v_prospect.contact_name, v_prospect.email, v_prospect.phone)
  returning id into v_client_id;
  if nullif(trim(p_project_title), '') is not null then
    insert into public.projects (client_id, title, status, budget_ht)
    values (v_client_id, trim(p_project_title), 'draft', v_prospect.estimated_amount)
    returning id into v_project_id;
  end if;
  -- The conversion trigger stamps converted_at and moves the stage to « gagné ».
  update public.prospects set converted_client_id = v_client_id where id = p_prospect_id;
  return jsonb_build_object('client_id', v_client_id, 'project_id', v_project_id);
end;
$$;
comment on function public.convert_prospect(uuid, text) is 'Admin: prospect → client (and optional first project) in one transaction.';
revoke execute on function public.convert_prospect(uuid, text) from public;
grant execute on function public.convert_prospect(uuid, text) to authenticated;
