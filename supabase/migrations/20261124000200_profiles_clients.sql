/**
 * Espace Client NOURX — 02. Profiles, client companies, memberships
 *
 * `profiles` mirrors auth.users (one row per user, created by a trigger) and
 * carries the application role: 'admin' (NOURX staff) or 'client'. The role
 * is copied into auth.users.raw_app_meta_data.role so the JWT's
 * app_metadata.role lets the app route without a query; RLS never trusts that
 * claim and always reads the tables through the helpers below.
 *
 * A client company (`clients`) has members (`client_members`); a member sees
 * the rows of their company and nothing else.
 */

create type public.user_role as enum ('admin', 'client');
comment on type public.user_role is 'Application role: admin = NOURX staff, client = member of a client company.';

create type public.client_member_role as enum ('owner', 'member');
comment on type public.client_member_role is 'Role inside the client company: owner (main contact) or member.';

create type public.contact_method as enum ('email', 'phone', 'whatsapp');

/** Section — profiles */
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  email text,
  full_name text not null default '' check (char_length(full_name) <= 120),
  phone text check (phone is null or phone ~ '^\+?[0-9 .-]{6,20}$'),
  whatsapp text check (whatsapp is null or whatsapp ~ '^\+?[0-9 .-]{6,20}$'),
  preferred_contact public.contact_method not null default 'email',
  role public.user_role not null default 'client',
  job_title text check (char_length(job_title) <= 120),
  avatar_path text,
  analytics_consent boolean,
  analytics_consent_at timestamptz,
  last_sign_in_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.profiles is 'One row per auth user, created by trigger. Holds the application role and contact methods.';
comment on column public.profiles.role is 'admin | client. Copied into auth.users.raw_app_meta_data.role by trigger. Only an admin may change it.';
comment on column public.profiles.email is 'Copy of auth.users.email, kept in sync by trigger (auth.users is not readable through the API).';
comment on column public.profiles.avatar_path is 'Object name in the avatars bucket: <user_id>/<file>.';
comment on column public.profiles.analytics_consent is 'RGPD: null = not asked yet, true/false = the user''s answer (time in analytics_consent_at).';
comment on column public.profiles.last_sign_in_at is 'Copy of auth.users.last_sign_in_at (feeds the "active clients" KPI).';
create index profiles_role_idx on public.profiles (role);

/** Section — clients (companies) */
create table public.clients (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(name) between 1 and 160),
  contact_name text,
  email text check (email is null or email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  phone text,
  address text,
  city text,
  country text not null default 'CI' check (country ~ '^[A-Z]{2}$'),
  ncc text,
  rccm text,
  is_archived boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.clients is 'Client companies of NOURX. Members read their own company; only the admin writes.';
comment on column public.clients.ncc is 'Numéro de Compte Contribuable (DGI Côte d''Ivoire).';
comment on column public.clients.rccm is 'Registre du Commerce et du Crédit Mobilier.';
create index clients_name_trgm_idx on public.clients using gin (name extensions.gin_trgm_ops);

/** Section — client_members */
create table public.client_members (
  client_id uuid not null references public.clients (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  role public.client_member_role not null default 'member',
  job_title text,
  created_at timestamptz not null default now(),
  primary key (client_id, user_id)
);
comment on table public.client_members is 'Which user belongs to which client company (and their role there).';
-- The primary key covers client_id; policies and the helpers filter on user_id.
create index client_members_user_id_idx on public.client_members (user_id);

/** Section — client_notes: the admin's private notes on a company (never shown to clients). */
create table public.client_notes (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  author_id uuid references public.profiles (id) on delete set null default auth.uid(),
  body text not null check (char_length(body) between 1 and 10000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.client_notes is 'Internal CRM notes about a client company. Admin only.';
create index client_notes_client_id_idx on public.client_notes (client_id);
create index client_notes_author_id_idx on public.client_notes (author_id);

/**
 * Section — membership helpers (security definer, search_path pinned).
 * They read the tables as their owner, which bypasses RLS, so policies can
 * call them without recursion. EXECUTE goes to authenticated only.
 */

/** private.is_admin() — is the caller NOURX staff? */
create function private.is_admin()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.profiles p
    where p.id = (select auth.uid()) and p.role = 'admin'
  );
$$;
comment on function private.is_admin() is 'True when the signed-in user has profiles.role = admin. Use as (select private.is_admin()) in policies.';

/** private.my_client_ids() — the companies the caller belongs to. */
create function private.my_client_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select m.client_id from public.client_members m where m.user_id = (select auth.uid());
$$;
comment on function private.my_client_ids() is 'Client ids of the signed-in user. Use as client_id in (select private.my_client_ids()).';

/** private.is_client_member(client_id) — does the caller belong to this company? */
create function private.is_client_member(p_client_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.client_members m
    where m.client_id = p_client_id and m.user_id = (select auth.uid())
  );
$$;
comment on function private.is_client_member(uuid) is 'True when the signed-in user is a member of the given client company.';

revoke execute on function private.is_admin(), private.my_client_ids(), private.is_client_member(uuid) from public;
grant execute on function private.is_admin(), private.my_client_ids(), private.is_client_member(uuid) to authenticated, service_role;

/**
 * Section — auth.users → profiles synchronisation.
 * These run as `postgres` (security definer) because they fire while GoTrue
 * (supabase_auth_admin) writes auth.users. A failure here surfaces to the
 * user as "Database error saving new user", so they stay small.
 */

/** New auth user → profile (role client, full name from the invitation metadata). */
create function private.handle_new_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.profiles (id, email, full_name, last_sign_in_at)
  values (
    new.id,
    new.email,
    coalesce(nullif(trim(new.raw_user_meta_data ->> 'full_name'), ''), nullif(trim(new.raw_user_meta_data ->> 'name'), ''), ''),
    new.last_sign_in_at
  )
  on conflict (id) do nothing;
  return new;
end;
$$;
comment on function private.handle_new_user() is 'Trigger on auth.users insert: creates the profile (role client).';
create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function private.handle_new_user();

/** Email or last sign-in changed in auth.users → copy into the profile. */
create function private.sync_user_to_profile()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.profiles
     set email = new.email,
         last_sign_in_at = new.last_sign_in_at
   where id = new.id
     and (email is distinct from new.email or last_sign_in_at is distinct from new.last_sign_in_at);
  return new;
end;
$$;
comment on function private.sync_user_to_profile() is 'Trigger on auth.users update: copies email and last_sign_in_at into profiles.';
create trigger on_auth_user_updated
  after update of email, last_sign_in_at on auth.users
  for each row
  when (old.email is distinct from new.email or old.last_sign_in_at is distinct from new.last_sign_in_at)
  execute function private.sync_user_to_profile();

/** profiles.role → auth.users.raw_app_meta_data.role (read by the app from the JWT). */
create function private.sync_role_to_auth()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update auth.users
     set raw_app_meta_data = coalesce(raw_app_meta_data, '{}'::jsonb) || jsonb_build_object('role', new.role::text)
   where id = new.id
     and (raw_app_meta_data ->> 'role') is distinct from new.role::text;
  return new;
end;
$$;
comment on function private.sync_role_to_auth() is 'Trigger: copies profiles.role into auth.users.raw_app_meta_data.role.';
create trigger profiles_sync_role
  after insert or update of role on public.profiles
  for each row execute function private.sync_role_to_auth();

create trigger profiles_set_updated_at before update on public.profiles
  for each row execute function private.set_updated_at();
-- A user edits their own profile but never their role, id, email or sign-in time.
create trigger profiles_protect_columns before update on public.profiles
  for each row execute function private.protect_columns('id', 'role', 'email', 'last_sign_in_at', 'created_at');

/** Consent timestamp follows the consent answer. */
create function private.stamp_analytics_consent()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.analytics_consent is distinct from old.analytics_consent then
    new.analytics_consent_at := case when new.analytics_consent is null then null else now() end;
  end if;
  return new;
end;
$$;
create trigger profiles_stamp_consent before update of analytics_consent on public.profiles
  for each row execute function private.stamp_analytics_consent();

create trigger clients_set_updated_at before update on public.clients
  for each row execute function private.set_updated_at();
create trigger client_notes_set_updated_at before update on public.client_notes
  for each row execute function private.set_updated_at();

/**
 * Section — RLS and grants
 * Policy names read as sentences; one policy per operation.
 */
alter table public.profiles enable row level security;
alter table public.clients enable row level security;
alter table public.client_members enable row level security;
alter table public.client_notes enable row level security;

-- profiles: own row, the admin, the NOURX staff (names shown to clients), and co-members of one's companies.
create policy "Profiles are visible to self, staff, admin and co-members" on public.profiles
  for select to authenticated
  using (
    id = (select auth.uid())
    or (select private.is_admin())
    or role = 'admin'
    or id in (
      select m.user_id from public.client_members m
      where m.client_id in (select private.my_client_ids())
    )
  );
create policy "Users update their own profile; the admin updates any" on public.profiles
  for update to authenticated
  using (id = (select auth.uid()) or (select private.is_admin()))
  with check (id = (select auth.uid()) or (select private.is_admin()));
-- No insert policy (profiles come from the auth trigger) and no delete policy
-- (deleting the auth user cascades).
grant select, update on public.profiles to authenticated;

create policy "Members read their company; the admin reads all" on public.clients
  for select to authenticated
  using ((select private.is_admin()) or id in (select private.my_client_ids()));
create policy "Only the admin creates companies" on public.clients
  for insert to authenticated with check ((select private.is_admin()));
create policy "Only the admin edits companies" on public.clients
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Only the admin deletes companies" on public.clients
  for delete to authenticated using ((select private.is_admin()));
grant select, insert, update, delete on public.clients to authenticated;

create policy "Members read the memberships of their company" on public.client_members
  for select to authenticated
  using ((select private.is_admin()) or client_id in (select private.my_client_ids()));
create policy "Only the admin adds members" on public.client_members
  for insert to authenticated with check ((select private.is_admin()));
create policy "Only the admin edits memberships" on public.client_members
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Only the admin removes members" on public.client_members
  for delete to authenticated using ((select private.is_admin()));
grant select, insert, update, delete on public.client_members to authenticated;

create policy "Only the admin reads client notes" on public.client_notes
  for select to authenticated using ((select private.is_admin()));
create policy "Only the admin writes client notes" on public.client_notes
  for insert to authenticated with check ((select private.is_admin()));
create policy "Only the admin edits client notes" on public.client_notes
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Only the admin deletes client notes" on public.client_notes
  for delete to authenticated using ((select private.is_admin()));
grant select, insert, update, delete on public.client_notes to authenticated;

grant select, insert, update, delete on public.profiles, public.clients, public.client_members, public.client_notes to service_role;
