/**
 * Espace Client NOURX — 09. Prospects (CRM pipeline), notification
 * preferences, account deletion requests
 */

/** Section — prospects: admin only. */
create type public.prospect_stage as enum ('nouveau', 'contacte', 'qualifie', 'proposition', 'gagne', 'perdu');
comment on type public.prospect_stage is 'Pipeline stage (ASCII values; the app shows Nouveau, Contacté, Qualifié, Proposition, Gagné, Perdu).';

create table public.prospects (
  id uuid primary key default gen_random_uuid(),
  company_name text not null check (char_length(company_name) between 1 and 160),
  contact_name text,
  email text check (email is null or email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  phone text,
  source text check (char_length(source) <= 80),
  stage public.prospect_stage not null default 'nouveau',
  estimated_amount bigint check (estimated_amount is null or estimated_amount >= 0),
  notes text,
  next_action text check (char_length(next_action) <= 300),
  next_action_date date,
  position integer not null default 0,
  lost_reason text,
  converted_client_id uuid references public.clients (id) on delete set null,
  converted_at timestamptz,
  created_by uuid references public.profiles (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.prospects is 'Sales pipeline (prospects). Admin only. converted_client_id is set when a won prospect becomes a client.';
comment on column public.prospects.estimated_amount is 'Estimated deal size excluding VAT, XOF.';
create index prospects_stage_idx on public.prospects (stage, position);
create index prospects_converted_client_id_idx on public.prospects (converted_client_id);
create index prospects_created_by_idx on public.prospects (created_by);
create index prospects_next_action_idx on public.prospects (next_action_date);
create index prospects_company_trgm_idx on public.prospects using gin (company_name extensions.gin_trgm_ops);

create trigger prospects_set_updated_at before update on public.prospects
  for each row execute function private.set_updated_at();

create function private.stamp_prospect_conversion()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.converted_client_id is not null and (tg_op = 'INSERT' or old.converted_client_id is null) then
    new.converted_at := coalesce(new.converted_at, now());
    new.stage := 'gagne';
  end if;
  return new;
end;
$$;
create trigger prospects_stamp_conversion before insert or update of converted_client_id on public.prospects
  for each row execute function private.stamp_prospect_conversion();

alter table public.prospects enable row level security;
create policy "Only the admin reads prospects" on public.prospects
  for select to authenticated using ((select private.is_admin()));
create policy "Only the admin creates prospects" on public.prospects
  for insert to authenticated with check ((select private.is_admin()));
create policy "Only the admin edits prospects" on public.prospects
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Only the admin deletes prospects" on public.prospects
  for delete to authenticated using ((select private.is_admin()));
grant select, insert, update, delete on public.prospects to authenticated, service_role;

/** Section — notification_preferences: one row per user and event (absent row = defaults). */
create type public.notification_event as enum (
  'invoice_sent', 'invoice_reminder', 'payment_received', 'quote_sent',
  'ticket_reply', 'milestone_delivered', 'document_added', 'task_comment'
);
comment on type public.notification_event is 'Events a user can be notified of. No row in notification_preferences = email on, WhatsApp off.';

create table public.notification_preferences (
  user_id uuid not null references public.profiles (id) on delete cascade default auth.uid(),
  event public.notification_event not null,
  email boolean not null default true,
  whatsapp boolean not null default false,
  updated_at timestamptz not null default now(),
  primary key (user_id, event)
);
comment on table public.notification_preferences is 'Per-user, per-event notification choices (email, WhatsApp). Each user manages their own.';

create trigger notification_preferences_set_updated_at before update on public.notification_preferences
  for each row execute function private.set_updated_at();
create trigger notification_preferences_protect_columns before update on public.notification_preferences
  for each row execute function private.protect_columns('user_id', 'event');

alter table public.notification_preferences enable row level security;
create policy "Users read their own preferences" on public.notification_preferences
  for select to authenticated using (user_id = (select auth.uid()) or (select private.is_admin()));
create policy "Users create their own preferences" on public.notification_preferences
  for insert to authenticated with check (user_id = (select auth.uid()));
create policy "Users update their own preferences" on public.notification_preferences
  for update to authenticated using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "Users delete their own preferences" on public.notification_preferences
  for delete to authenticated using (user_id = (select auth.uid()));
grant select, insert, update, delete on public.notification_preferences to authenticated, service_role;

/** Section — account_deletion_requests (RGPD): the user asks, the admin processes. */
create type public.deletion_request_status as enum ('pending', 'processed', 'rejected');

create table public.account_deletion_requests (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade default auth.uid(),
  reason text check (char_length(reason) <= 2000),
  status public.deletion_request_status not null default 'pending',
  requested_at timestamptz not null default now(),
  processed_at timestamptz,
  processed_by uuid references public.profiles (id) on delete set null,
  admin_note text
);
comment on table public.account_deletion_requests is 'RGPD account deletion requests. A user files one for themselves; the admin processes it.';
create index account_deletion_requests_user_id_idx on public.account_deletion_requests (user_id);
create index account_deletion_requests_processed_by_idx on public.account_deletion_requests (processed_by);
-- At most one open request per user.
create unique index account_deletion_requests_one_pending_idx on public.account_deletion_requests (user_id) where status = 'pending';

create function private.stamp_deletion_request()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status is distinct from old.status and new.status <> 'pending' then
    new.processed_at := coalesce(new.processed_at, now());
    new.processed_by := coalesce(new.processed_by, auth.uid());
  end if;
  return new;
end;
$$;
create trigger account_deletion_requests_stamp before update on public.account_deletion_requests
  for each row execute function private.stamp_deletion_request();

alter table public.account_deletion_requests enable row level security;
create policy "Users read their own deletion requests" on public.account_deletion_requests
  for select to authenticated using (user_id = (select auth.uid()) or (select private.is_admin()));
create policy "Users file a deletion request for themselves" on public.account_deletion_requests
  for insert to authenticated
  with check (user_id = (select auth.uid()) and status = 'pending' and processed_at is null and processed_by is null);
create policy "Only the admin processes deletion requests" on public.account_deletion_requests
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Only the admin deletes deletion requests" on public.account_deletion_requests
  for delete to authenticated using ((select private.is_admin()));
grant select, insert, update, delete on public.account_deletion_requests to authenticated, service_role;
