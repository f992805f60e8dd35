/**
 * Espace Client NOURX — 16. Processing an account deletion request (RGPD)
 *
 * A client files a request from /parametres (public.account_deletion_requests,
 * migration 09); the admin processes or rejects it from
 * /admin/demandes-suppression. The decision is docs/decisions/006: NOURX must
 * keep its accounting records (invoices, payments, receipts: legal retention,
 * OHADA / Code général des impôts), which belong to the client COMPANY, so
 * "processing" a request means:
 *   1. the person loses every access: their memberships are removed (RLS then
 *      shows them nothing) and — in the app, through GoTrue's admin API — the
 *      auth user is soft-deleted (e-mail and phone obfuscated, password and
 *      sessions removed, metadata cleared; the row stays so nothing cascades);
 *   2. their personal profile data is anonymised (name, phone, WhatsApp, job
 *      title, avatar, consent) and their notification preferences deleted;
 *   3. nothing accounting- or project-related is deleted: invoices, payments,
 *      tickets and comments stay, now signed "Compte supprimé".
 * Rejecting a request is a plain update allowed to the admin by the existing
 * policy (status 'rejected' + admin_note); the stamp trigger records who/when.
 *
 * Every write below goes through the audit trigger (private.audit_row) with
 * the admin as actor: auth.uid() still reads the caller's JWT inside a
 * security definer function.
 */

/** What processing did, kept on the request (companies are not personal data; they tell the admin later whom it concerned). */
alter table public.account_deletion_requests add column processing_summary jsonb;
comment on column public.account_deletion_requests.processing_summary is
  'Set when processed: {memberships: [{client_id, client, role}], notification_preferences: n, avatar_path}. Written by process_account_deletion_request().';

/**
 * public.process_account_deletion_request(p_request_id, p_note) → jsonb
 *   {user_id, avatar_path, memberships: [{client_id, client, role}]}
 *
 * Admin only. Security definer because the admin may not delete another
 * user's notification preferences through RLS (they are the user's own rows);
 * every other write is one the admin's policies already allow. The request
 * row is locked first, so two admins (or a double click) cannot process it
 * twice. Refuses an admin account: NOURX staff accounts are not closed this way.
 *
 * Errors (French, for the UI):
 *   42501 not an admin / target is an admin   P0002 request not found
 *   55000 request no longer pending            22023 note too long
 */
create function public.process_account_deletion_request(p_request_id uuid, p_note text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_request public.account_deletion_requests;
  v_profile public.profiles;
  v_memberships jsonb;
  v_preferences integer;
  v_note text := nullif(btrim(p_note), '');
begin
  if not private.is_admin() then
    raise exception 'Seul l''administrateur traite les demandes de suppression.' using errcode = '42501';
  end if;
  if char_length(v_note) > 2000 then
    raise exception 'La note ne doit pas dépasser 2000 caractères.' using errcode = '22023';
  end if;

  select * into v_request from public.account_deletion_requests r where r.id = p_request_id for update;
  if not found then
    raise exception 'Demande de suppression introuvable.' using errcode = 'P0002';
  end if;
  if v_request.status <> 'pending' then
    raise exception 'Cette demande a déjà été traitée.' using errcode = '55000';
  end if;

  select * into v_profile from public.profiles p where p.id = v_request.user_id for update;
  if v_profile.role = 'admin' then
    raise exception 'Un compte administrateur ne se supprime pas par une demande RGPD.' using errcode = '42501';
  end if;

  -- 1. Access: the memberships go (snapshot first, for the record).
  select coalesce(jsonb_agg(jsonb_build_object('client_id', m.client_id, 'client', c.name, 'role', m.role) order by c.name), '[]'::jsonb)
    into v_memberships
    from public.client_members m join public.clients c on c.id = m.client_id
   where m.user_id = v_request.user_id;
  delete from public.client_members m where m.user_id = v_request.user_id;

  -- 2. Personal data: preferences deleted, profile anonymised. The e-mail
  --    column follows auth.users (obfuscated by GoTrue's soft delete, copied
  --    by private.sync_user_to_profile), so it is not touched here.
  delete from public.notification_preferences n where n.user_id = v_request.user_id;
  get diagnostics v_preferences = row_count;
  update public.profiles p
     set full_name = 'Compte supprimé',
         phone = null,
         whatsapp = null,
         preferred_contact = 'email',
         job_title = null,
         avatar_path = null,
         analytics_consent = null
   where p.id = v_request.user_id;

  -- 3. The request: processed, with what was done (stamp trigger sets processed_at/by).
  update public.account_deletion_requests r
     set status = 'processed',
         admin_note = v_note,
         processing_summary = jsonb_build_object('memberships', v_memberships,
                                                 'notification_preferences', v_preferences,
                                                 'avatar_path', v_profile.avatar_path)
   where r.id = p_request_id;

  return jsonb_build_object('user_id', v_request.user_id, 'avatar_path', v_profile.avatar_path, 'memberships', v_memberships);
end;
$$;
comment on function public.process_account_deletion_request(uuid, text) is
  'RGPD: removes the requester''s memberships and preferences, anonymises the profile, marks the request processed. Admin only; accounting records are kept (ADR 006).';

revoke execute on function public.process_account_deletion_request(uuid, text) from public, anon;
grant execute on function public.process_account_deletion_request(uuid, text) to authenticated, service_role;
