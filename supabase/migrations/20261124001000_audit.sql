/**
 * Espace Client NOURX — 10. Audit log
 *
 * Every insert, update and delete on a business table writes one row:
 * who (auth.uid() and their role), what (action, table, row id), for which
 * company (client_id, resolved from the row or its parent) and the diff:
 *   insert → {"col": {"new": v}, …}         (non-null columns)
 *   update → {"col": {"old": a, "new": b}}  (changed columns only; updated_at ignored)
 *   delete → {"col": {"old": v}, …}
 * An update that changes nothing is not logged.
 *
 * The admin reads the log; nobody writes it directly (no INSERT grant to any
 * API role, not even service_role): only the security definer trigger does.
 * The journals payment_notifications / payment_checks are logs themselves and
 * are not audited again.
 */

create table public.audit_logs (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  actor_id uuid,
  actor_role text not null,
  action text not null check (action in ('insert', 'update', 'delete')),
  entity text not null,
  entity_id text,
  client_id uuid,
  diff jsonb not null default '{}'::jsonb
);
comment on table public.audit_logs is 'Append-only audit trail written by triggers. Admin reads; no API role writes.';
comment on column public.audit_logs.actor_id is 'auth.uid() of the user who made the change; null for the service role or maintenance. No foreign key: the trail outlives users.';
comment on column public.audit_logs.actor_role is 'admin | client (profile role), service_role, or system.';
comment on column public.audit_logs.entity is 'Table name (invoices, tasks, …).';
comment on column public.audit_logs.client_id is 'Company concerned, when the row belongs to one (for filtering).';
comment on column public.audit_logs.diff is 'Changed columns: {"col": {"old": …, "new": …}}.';
create index audit_logs_occurred_at_idx on public.audit_logs (occurred_at desc);
create index audit_logs_entity_idx on public.audit_logs (entity, entity_id);
create index audit_logs_actor_id_idx on public.audit_logs (actor_id, occurred_at desc);
create index audit_logs_client_id_idx on public.audit_logs (client_id, occurred_at desc);

/**
 * private.audit_row() — AFTER ROW trigger. Optional trigger arguments name the
 * key columns when the table has no `id` (e.g. 'client_id', 'user_id').
 */
create function private.audit_row()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_old jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
  v_new jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
  v_row jsonb := coalesce(v_new, v_old);
  v_diff jsonb;
  v_entity_id text;
  v_client_id uuid;
  v_actor uuid := auth.uid();
  v_actor_role text;
  v_key text;
begin
  if tg_op = 'UPDATE' then
    select coalesce(jsonb_object_agg(n.key, jsonb_build_object('old', v_old -> n.key, 'new', n.value)), '{}'::jsonb)
      into v_diff
      from jsonb_each(v_new) n
     where n.key <> 'updated_at' and (v_old -> n.key) is distinct from n.value;
    if v_diff = '{}'::jsonb then
      return null;
    end if;
  elsif tg_op = 'INSERT' then
    select coalesce(jsonb_object_agg(n.key, jsonb_build_object('new', n.value)), '{}'::jsonb)
      into v_diff from jsonb_each(v_new) n
     where n.value <> 'null'::jsonb and n.key not in ('created_at', 'updated_at');
  else
    select coalesce(jsonb_object_agg(o.key, jsonb_build_object('old', o.value)), '{}'::jsonb)
      into v_diff from jsonb_each(v_old) o
     where o.value <> 'null'::jsonb;
  end if;

  if tg_nargs > 0 then
    v_entity_id := '';
    foreach v_key in array tg_argv loop
      v_entity_id := v_entity_id || case when v_entity_id = '' then '' else '/' end || coalesce(v_row ->> v_key, '');
    end loop;
  else
    v_entity_id := v_row ->> 'id';
  end if;

  -- The company concerned: on the row, or through its parent.
  v_client_id := case
    when tg_table_name = 'clients' then (v_row ->> 'id')::uuid
    when v_row ? 'client_id' then (v_row ->> 'client_id')::uuid
    when v_row ? 'project_id' then (select p.client_id from public.projects p where p.id = (v_row ->> 'project_id')::uuid)
    when v_row ? 'task_id' then (select p.client_id from public.tasks t join public.projects p on p.id = t.project_id
                                 where t.id = (v_row ->> 'task_id')::uuid)
    when v_row ? 'milestone_id' then (select p.client_id from public.milestones m join public.projects p on p.id = m.project_id
                                      where m.id = (v_row ->> 'milestone_id')::uuid)
    when v_row ? 'ticket_id' then (select t.client_id from public.tickets t where t.id = (v_row ->> 'ticket_id')::uuid)
    when v_row ? 'invoice_id' then (select i.client_id from public.invoices i where i.id = (v_row ->> 'invoice_id')::uuid)
    when v_row ? 'quote_id' then (select q.client_id from public.quotes q where q.id = (v_row ->> 'quote_id')::uuid)
  end;

  if v_actor is not null then
    select p.role::text into v_actor_role from public.profiles p where p.id = v_actor;
  end if;
  v_actor_role := coalesce(v_actor_role, case when auth.role() = 'service_role' then 'service_role' else 'system' end);

  insert into public.audit_logs (actor_id, actor_role, action, entity, entity_id, client_id, diff)
  values (v_actor, v_actor_role, lower(tg_op), tg_table_name, v_entity_id, v_client_id, v_diff);
  return null;
end;
$$;
comment on function private.audit_row() is 'Trigger: writes actor, action, entity, entity id, company and diff into audit_logs.';

-- Attach the audit trigger to every business table (key columns for tables without an id).
do $$
declare
  v_table record;
begin
  for v_table in
    select * from (values
      ('profiles', null), ('clients', null), ('client_members', array['client_id', 'user_id']), ('client_notes', null),
      ('settings', null), ('email_templates', array['key']),
      ('projects', null), ('project_team', array['project_id', 'user_id']), ('milestones', null),
      ('milestone_comments', null), ('milestone_approvals', null), ('tasks', null), ('task_comments', null),
      ('task_checklist_items', null),
      ('quotes', null), ('quote_items', null), ('invoices', null), ('invoice_items', null), ('credit_notes', null),
      ('payment_attempts', null), ('payments', null), ('receipts', null),
      ('tickets', null), ('ticket_messages', null),
      ('documents', null), ('task_attachments', null), ('ticket_attachments', null),
      ('prospects', null), ('notification_preferences', array['user_id', 'event']),
      ('account_deletion_requests', null)
    ) as t (name, keys)
  loop
    execute format(
      'create trigger %I after insert or update or delete on public.%I for each row execute function private.audit_row(%s)',
      'zz_audit_' || v_table.name, v_table.name,
      coalesce((select string_agg(quote_literal(k), ', ') from unnest(v_table.keys) k), '')
    );
  end loop;
end;
$$;

alter table public.audit_logs enable row level security;
create policy "Only the admin reads the audit log" on public.audit_logs
  for select to authenticated using ((select private.is_admin()));
-- No write policy and no write grant: only private.audit_row() (security definer) inserts.
grant select on public.audit_logs to authenticated, service_role;
