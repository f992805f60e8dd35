/**
 * Espace Client NOURX — 01. Extensions, privilege hardening, the `private` schema
 *
 * Everything here is deployable unchanged to hosted Supabase: extensions come
 * from PostgreSQL's contrib set only and are created in the `extensions`
 * schema, and nothing depends on pg_cron, pg_net or pgTAP.
 *
 * Security model in one paragraph: every table in `public` has Row Level
 * Security. Policies are written `to authenticated` (anon gets nothing) and
 * check membership through small `security definer` helpers that live in the
 * `private` schema, which PostgREST never exposes. Privileges are granted
 * explicitly per table and per function: since 2026 hosted Supabase no longer
 * grants new `public` objects to anon/authenticated/service_role by default.
 */

create extension if not exists pgcrypto with schema extensions;
-- Trigram indexes make the back office's `ilike '%…%'` searches usable on big lists.
create extension if not exists pg_trgm with schema extensions;

/**
 * Privilege hardening.
 * PostgreSQL grants EXECUTE on every new function to PUBLIC. We revoke that
 * default for functions created by `postgres`, so a function is callable only
 * by the roles we name in a GRANT. (It has to be the global default: a
 * per-schema default cannot take back what the global one grants.)
 */
alter default privileges for role postgres revoke execute on functions from public;
alter default privileges for role postgres in schema public revoke execute on functions from anon, authenticated, service_role;
alter default privileges for role postgres in schema public revoke select, insert, update, delete on tables from anon, authenticated, service_role;

/**
 * Schema `private`: helpers called by policies and triggers. Not listed in
 * the API's exposed schemas, so nothing here is reachable over /rest/v1.
 * `authenticated` needs USAGE because policies run as the calling role.
 */
create schema if not exists private;
comment on schema private is 'Helpers for RLS policies and triggers. Never exposed through the Data API.';
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

/**
 * private.set_updated_at() — BEFORE UPDATE trigger keeping `updated_at` honest.
 */
create function private.set_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;
comment on function private.set_updated_at() is 'Trigger: sets updated_at to now() on every update.';

/**
 * private.uuid_or_null(text) — parses a path segment as a uuid, or null.
 * Storage policies use it on `<client_id>/<project_id>/…` object names so a
 * malformed name fails the check instead of raising a cast error.
 */
create function private.uuid_or_null(value text)
returns uuid
language plpgsql
immutable
set search_path = ''
as $$
begin
  return value::uuid;
exception when invalid_text_representation then
  return null;
end;
$$;
comment on function private.uuid_or_null(text) is 'The text as a uuid, or null when it is not one.';
grant execute on function private.uuid_or_null(text) to authenticated, service_role;

/**
 * private.is_privileged_session() — true when the statement does not come from
 * a signed-in API user: service_role, the migration/seed superuser, or code
 * running inside a security definer function (whose current_user is the
 * owner). Protection triggers use it to let back-end code and our RPCs
 * through while holding API users to the rules. Call it only from security
 * invoker code: inside a security definer function it is always true.
 */
create function private.is_privileged_session()
returns boolean
language sql
stable
set search_path = ''
as $$
  select current_user not in ('authenticated', 'anon');
$$;
comment on function private.is_privileged_session() is 'True unless the current role is authenticated or anon.';
grant execute on function private.is_privileged_session() to authenticated, service_role;

/**
 * private.protect_columns() — BEFORE UPDATE trigger refusing changes to the
 * columns named in the trigger arguments, unless the caller is an admin or a
 * privileged session. Replaces column-level policies (basejump/makerkit
 * "protect_*_fields" pattern): e.g. a client editing their task comment
 * cannot move it to another task or change its author.
 *
 * The admin check is looked up at call time (private.is_admin is defined in
 * the next migration; plpgsql resolves names when the trigger runs).
 */
create function private.protect_columns()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  col text;
begin
  if private.is_privileged_session() or private.is_admin() then
    return new;
  end if;
  foreach col in array tg_argv loop
    if (to_jsonb(new) -> col) is distinct from (to_jsonb(old) -> col) then
      raise exception 'Vous ne pouvez pas modifier le champ « % ».', col
        using errcode = '42501', hint = format('Colonne protégée de %s.', tg_table_name);
    end if;
  end loop;
  return new;
end;
$$;
comment on function private.protect_columns() is 'Trigger: non-admin API users may not change the columns given as trigger arguments.';
