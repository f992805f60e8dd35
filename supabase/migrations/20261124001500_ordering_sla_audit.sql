/**
 * Espace Client NOURX — 15. Ordering (milestones, kanban), SLA re-dating, audit noise
 *
 * 1. public.reorder_milestones(project, ids): the roadmap order the admin
 *    drags on the project page, saved in one statement (it used to be one
 *    UPDATE per moved milestone: a failure half-way left a scrambled order).
 * 2. public.move_task(task, status, index): a kanban drop — change of column
 *    and/or place in the column — renumbering both columns atomically.
 * 3. SLA: changing the SLA hours of a priority in settings re-dates the
 *    tickets that are still open.
 * 4. Audit: an update that only touches noise columns (updated_at,
 *    last_sign_in_at — copied into profiles at every sign-in) is not logged.
 *
 * Both RPCs are security definer so that they can lock and renumber rows in
 * one transaction, and check private.is_admin() themselves first: a client
 * gets a clear 42501 instead of an UPDATE that silently matches nothing.
 * Every row they change goes through the normal triggers (updated_at, task
 * completion stamp, project progress, audit), so nothing is bypassed.
 */

/**
 * Section — reorder_milestones(project_id, ids)
 *
 * position := index in p_ids (0-based). p_ids must be exactly the project's
 * milestones, each once: a page loaded before someone added or deleted a
 * milestone cannot save a partial order (the admin reloads). Only rows whose
 * position really changes are updated, so the audit log shows real moves.
 */
create function public.reorder_milestones(p_project_id uuid, p_ids uuid[])
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_expected integer;
  v_changed integer;
begin
  if not private.is_admin() then
    raise exception 'Seul l''administrateur peut réordonner les jalons.' using errcode = '42501';
  end if;
  -- Serialises concurrent reorders of the same project (no key update: it
  -- does not block inserts of milestones or tasks referencing the project).
  perform 1 from public.projects where id = p_project_id for no key update;
  if not found then
    raise exception 'Projet introuvable.' using errcode = 'P0002';
  end if;
  if p_ids is null or array_position(p_ids, null) is not null then
    raise exception 'La liste des jalons est vide ou incomplète.' using errcode = '22023';
  end if;
  if (select count(distinct x) from unnest(p_ids) x) <> cardinality(p_ids) then
    raise exception 'Un jalon apparaît deux fois dans le nouvel ordre.' using errcode = '22023';
  end if;
  select count(*) into v_expected from public.milestones where project_id = p_project_id;
  if v_expected <> cardinality(p_ids)
     or exists (select 1 from unnest(p_ids) x
                 where not exists (select 1 from public.milestones m where m.id = x and m.project_id = p_project_id)) then
    raise exception 'La liste ne correspond pas aux jalons du projet : rechargez la page.' using errcode = '22023';
  end if;

  update public.milestones m
     set position = o.ord - 1
    from unnest(p_ids) with ordinality as o (id, ord)
   where m.id = o.id
     and m.project_id = p_project_id
     and m.position is distinct from (o.ord - 1)::integer;
  get diagnostics v_changed = row_count;
  return v_changed;
end;
$$;
comment on function public.reorder_milestones(uuid, uuid[]) is
  'Admin: saves the roadmap order of a project atomically (position = index in p_ids; p_ids = exactly the project''s milestones). Returns the number of moved milestones.';
revoke execute on function public.reorder_milestones(uuid, uuid[]) from public, anon;
grant execute on function public.reorder_milestones(uuid, uuid[]) to authenticated, service_role;

/**
 * Section — move_task(task_id, status, index)
 *
 * A kanban column is (project, status): the client's board shows one project,
 * so positions are numbered per project and status (as createTask already
 * did). The order within a column is the one every board displays:
 * position, then due date (no date last), then id — ties in legacy data are
 * broken the same way here and on screen, so "index" means what the admin saw.
 *
 * The task lands at p_index among the OTHER tasks of the target column
 * (clamped to [0, n]: a too-large index means "last"). The target column and,
 * when the status changes, the source column are renumbered 0..n-1; only rows
 * whose position changes are written. The moved task's status and position
 * are written in one UPDATE so its completion stamp, the project's progress
 * and its audit row are exactly those of a status change. Tasks have no
 * status machine (any column to any column); the triggers stay in charge of
 * what follows from a status.
 */
create function public.move_task(p_task_id uuid, p_status public.task_status, p_index integer)
returns public.tasks
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_task public.tasks;
  v_ids uuid[];
begin
  if not private.is_admin() then
    raise exception 'Seul l''administrateur peut déplacer une tâche.' using errcode = '42501';
  end if;
  if p_status is null then
    raise exception 'Indiquez la colonne de destination.' using errcode = '22023';
  end if;
  if p_index is null or p_index < 0 then
    raise exception 'La place dans la colonne est invalide.' using errcode = '22023';
  end if;
  select * into v_task from public.tasks where id = p_task_id;
  if v_task.id is null then
    raise exception 'Tâche introuvable.' using errcode = 'P0002';
  end if;
  -- One drop at a time per project: two admins dragging in the same project
  -- would otherwise renumber from stale orders.
  perform 1 from public.projects where id = v_task.project_id for no key update;
  select * into v_task from public.tasks where id = p_task_id for update;

  -- The target column without the moved task, in display order.
  select coalesce(array_agg(t.id order by t.position, t.due_date nulls last, t.id), '{}')
    into v_ids
    from public.tasks t
   where t.project_id = v_task.project_id and t.status = p_status and t.id <> p_task_id;
  v_ids := v_ids[1:least(p_index, cardinality(v_ids))] || p_task_id || v_ids[least(p_index, cardinality(v_ids)) + 1:];

  -- The moved task first: status and place together.
  update public.tasks
     set status = p_status, position = array_position(v_ids, p_task_id) - 1
   where id = p_task_id
     and (status is distinct from p_status or position is distinct from array_position(v_ids, p_task_id) - 1);

  -- Its new neighbours.
  update public.tasks t
     set position = o.ord - 1
    from unnest(v_ids) with ordinality as o (id, ord)
   where t.id = o.id and t.id <> p_task_id and t.position is distinct from (o.ord - 1)::integer;

  -- The column it left closes the gap.
  if v_task.status is distinct from p_status then
    update public.tasks t
       set position = s.rn - 1
      from (select x.id, row_number() over (order by x.position, x.due_date nulls last, x.id) as rn
              from public.tasks x
             where x.project_id = v_task.project_id and x.status = v_task.status) s
     where t.id = s.id and t.position is distinct from (s.rn - 1)::integer;
  end if;

  select * into v_task from public.tasks where id = p_task_id;
  return v_task;
end;
$$;
comment on function public.move_task(uuid, public.task_status, integer) is
  'Admin kanban drop: moves a task to p_index (0-based, clamped) of the (project, p_status) column and renumbers the target and source columns atomically.';
revoke execute on function public.move_task(uuid, public.task_status, integer) from public, anon;
grant execute on function public.move_task(uuid, public.task_status, integer) to authenticated, service_role;

/**
 * Section — SLA hours changed → open tickets re-dated
 *
 * Where: an AFTER UPDATE trigger on the settings row, because that is where
 * the SLA hours live and every way of changing them (the Paramètres page, SQL
 * by hand) goes through it. tickets.sla_due_at stays a stored column (the
 * inbox sorts and indexes on it), kept right here rather than computed on read.
 *
 * Choice: the deadline stays "created_at + hours of the priority", measured
 * from the ticket's creation, not from the day the setting changed: the SLA
 * promised to the client is about how long they wait. Shortening it can make
 * an open ticket late at once — that is the point of the new rule.
 * Only open tickets (open, in_progress, waiting_client) move: a resolved or
 * closed ticket was judged against the rule of its time, and rewriting its
 * deadline would rewrite history (and the "resolved within SLA" KPI).
 * Each re-dated ticket is audited like any other change of the row.
 */
create function private.redate_open_tickets()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.tickets t
     set sla_due_at = t.created_at + make_interval(hours => case t.priority
           when 'low' then new.sla_hours_low
           when 'normal' then new.sla_hours_normal
           when 'high' then new.sla_hours_high
           else new.sla_hours_urgent end)
   where t.status in ('open', 'in_progress', 'waiting_client')
     and t.sla_due_at is distinct from t.created_at + make_interval(hours => case t.priority
           when 'low' then new.sla_hours_low
           when 'normal' then new.sla_hours_normal
           when 'high' then new.sla_hours_high
           else new.sla_hours_urgent end);
  return null;
end;
$$;
comment on function private.redate_open_tickets() is
  'Trigger on settings: when SLA hours change, open tickets get sla_due_at = created_at + new hours of their priority; resolved/closed ones keep theirs.';
revoke execute on function private.redate_open_tickets() from public, anon, authenticated;

create trigger settings_redate_open_tickets
  after update of sla_hours_low, sla_hours_normal, sla_hours_high, sla_hours_urgent on public.settings
  for each row
  when (old.sla_hours_low is distinct from new.sla_hours_low
        or old.sla_hours_normal is distinct from new.sla_hours_normal
        or old.sla_hours_high is distinct from new.sla_hours_high
        or old.sla_hours_urgent is distinct from new.sla_hours_urgent)
  execute function private.redate_open_tickets();

/**
 * Section — audit without sign-in noise
 *
 * Same function as migration 10, with one difference: an UPDATE whose
 * changed columns are all "noise" (updated_at, last_sign_in_at) writes
 * nothing. profiles.last_sign_in_at is copied from auth.users at every
 * sign-in and flooded the journal with rows nobody reads (the KPI reads the
 * column itself). When a noise column changes together with a real one, the
 * row is logged as before and the diff still shows it (only updated_at is
 * left out of diffs, as before).
 */
create or replace function private.audit_row()
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
  -- Columns whose change alone is not worth a journal entry.
  v_noise constant text[] := array['updated_at', 'last_sign_in_at'];
begin
  if tg_op = 'UPDATE' then
    select coalesce(jsonb_object_agg(n.key, jsonb_build_object('old', v_old -> n.key, 'new', n.value)), '{}'::jsonb)
      into v_diff
      from jsonb_each(v_new) n
     where n.key <> 'updated_at' and (v_old -> n.key) is distinct from n.value;
    -- Nothing changed, or only noise columns changed: no entry.
    if (v_diff - v_noise) = '{}'::jsonb then
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
comment on function private.audit_row() is 'Trigger: writes actor, action, entity, entity id, company and diff into audit_logs (updates touching only updated_at / last_sign_in_at are skipped).';
