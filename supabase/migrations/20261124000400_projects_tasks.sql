/**
 * Espace Client NOURX — 04. Projects, team, milestones, tasks
 *
 * A project belongs to one client company. Members see their company's
 * projects, milestones and the NOURX team; of tasks and comments they see only
 * rows with visibility = 'client'. Clients comment (tasks and milestones) and
 * approve delivered milestones; everything else is written by the admin.
 */

create type public.project_status as enum ('draft', 'active', 'on_hold', 'completed', 'cancelled');
comment on type public.project_status is 'draft (not started) | active | on_hold | completed | cancelled.';
create type public.progress_mode as enum ('manual', 'tasks', 'milestones');
comment on type public.progress_mode is 'How projects.progress is maintained: typed by the admin, or computed from done tasks / approved milestones.';
create type public.milestone_status as enum ('planned', 'in_progress', 'delivered', 'approved');
comment on type public.milestone_status is 'planned → in_progress → delivered (awaiting the client) → approved (by the client, see milestone_approvals).';
create type public.task_status as enum ('todo', 'in_progress', 'review', 'done');
create type public.priority as enum ('low', 'normal', 'high', 'urgent');
comment on type public.priority is 'Priority of tasks and tickets. Ticket SLA hours per priority live in settings.';
create type public.visibility as enum ('internal', 'client');
comment on type public.visibility is 'internal = NOURX only; client = visible to the members of the client company.';

/** Section — projects */
create table public.projects (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete restrict,
  title text not null check (char_length(title) between 1 and 200),
  description text,
  status public.project_status not null default 'active',
  progress smallint not null default 0 check (progress between 0 and 100),
  progress_mode public.progress_mode not null default 'tasks',
  start_date date,
  end_date date,
  budget_ht bigint check (budget_ht is null or budget_ht >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Lets child tables (documents, invoices, tickets) prove with a foreign key
  -- that their project belongs to their client.
  unique (id, client_id),
  check (end_date is null or start_date is null or end_date >= start_date)
);
comment on table public.projects is 'Projects of a client company. Members read them; the admin writes.';
comment on column public.projects.progress is '0–100. Computed from tasks or milestones unless progress_mode = manual.';
comment on column public.projects.budget_ht is 'Agreed budget excluding VAT, XOF (optional; invoiced/paid amounts come from invoices).';
create index projects_client_id_idx on public.projects (client_id);
create index projects_title_trgm_idx on public.projects using gin (title extensions.gin_trgm_ops);

/** private.my_project_ids() — projects of the caller's companies. */
create function private.my_project_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select p.id
    from public.projects p
    join public.client_members m on m.client_id = p.client_id
   where m.user_id = (select auth.uid());
$$;
comment on function private.my_project_ids() is 'Project ids of the companies of the signed-in user. Use as project_id in (select private.my_project_ids()).';

/** private.project_client_id(project_id) — the company of a project. */
create function private.project_client_id(p_project_id uuid)
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select p.client_id from public.projects p where p.id = p_project_id;
$$;
comment on function private.project_client_id(uuid) is 'client_id of a project (bypasses RLS; for checks, never returned to clients).';

revoke execute on function private.my_project_ids(), private.project_client_id(uuid) from public;
grant execute on function private.my_project_ids(), private.project_client_id(uuid) to authenticated, service_role;

/** Section — project_team: NOURX people shown to the client on the project page. */
create table public.project_team (
  project_id uuid not null references public.projects (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  role_label text not null default 'Chef de projet' check (char_length(role_label) between 1 and 80),
  position integer not null default 0,
  created_at timestamptz not null default now(),
  primary key (project_id, user_id)
);
comment on table public.project_team is 'The NOURX team of a project, shown to the client (name, role, avatar).';
create index project_team_user_id_idx on public.project_team (user_id);

/** Section — milestones */
create table public.milestones (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 200),
  description text,
  version_label text check (char_length(version_label) <= 40),
  due_date date,
  status public.milestone_status not null default 'planned',
  deliverables text[] not null default '{}',
  position integer not null default 0,
  delivered_at timestamptz,
  approved_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, project_id)
);
comment on table public.milestones is 'Roadmap milestones of a project (feuille de route). Clients read, comment, and approve delivered ones.';
comment on column public.milestones.deliverables is 'Labels of what is delivered; files are documents with milestone_id set.';
comment on column public.milestones.delivered_at is 'Set when the status becomes delivered (on-time KPI compares it with due_date).';
comment on column public.milestones.approved_at is 'Set by approve_milestone(); who approved is in milestone_approvals.';
create index milestones_project_id_idx on public.milestones (project_id, position);

/** Section — milestone_comments */
create table public.milestone_comments (
  id uuid primary key default gen_random_uuid(),
  milestone_id uuid not null references public.milestones (id) on delete cascade,
  author_id uuid references public.profiles (id) on delete set null default auth.uid(),
  body text not null check (char_length(body) between 1 and 5000),
  visibility public.visibility not null default 'client',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.milestone_comments is 'Comments on a milestone. Clients read and write visibility = client; the admin may add internal ones.';
create index milestone_comments_milestone_id_idx on public.milestone_comments (milestone_id, created_at);
create index milestone_comments_author_id_idx on public.milestone_comments (author_id);

/** Section — milestone_approvals: who approved a delivered milestone, and when. */
create table public.milestone_approvals (
  id uuid primary key default gen_random_uuid(),
  milestone_id uuid not null references public.milestones (id) on delete cascade,
  approved_by uuid references public.profiles (id) on delete set null,
  signer_name text not null check (char_length(signer_name) between 2 and 120),
  note text check (char_length(note) <= 2000),
  version_label text,
  approved_at timestamptz not null default now()
);
comment on table public.milestone_approvals is 'Dated, attributed approvals of delivered milestones, written only by approve_milestone().';
create index milestone_approvals_milestone_id_idx on public.milestone_approvals (milestone_id);
create index milestone_approvals_approved_by_idx on public.milestone_approvals (approved_by);

/** Section — tasks */
create table public.tasks (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  milestone_id uuid,
  title text not null check (char_length(title) between 1 and 300),
  description text,
  status public.task_status not null default 'todo',
  priority public.priority not null default 'normal',
  visibility public.visibility not null default 'internal',
  assigned_to uuid references public.profiles (id) on delete set null,
  due_date date,
  position integer not null default 0,
  completed_at timestamptz,
  created_by uuid references public.profiles (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- The milestone, when set, must belong to the same project.
  foreign key (milestone_id, project_id) references public.milestones (id, project_id) on delete set null (milestone_id)
);
comment on table public.tasks is 'Tasks of a project (list and kanban). visibility defaults to internal: a task reaches the client only when the admin says so.';
comment on column public.tasks.position is 'Order inside a kanban column (status), ascending.';
comment on column public.tasks.completed_at is 'Set when status becomes done, cleared when it leaves done (on-time KPI).';
-- Client task lists filter by project, visibility and status; the kanban orders by position.
create index tasks_project_id_idx on public.tasks (project_id, visibility, status, position);
create index tasks_milestone_id_idx on public.tasks (milestone_id, project_id);
create index tasks_assigned_to_idx on public.tasks (assigned_to);
create index tasks_created_by_idx on public.tasks (created_by);
-- Enum comparisons are not leakproof, so under RLS a `status = …` filter is
-- never an index condition; a partial index whose predicate the filter implies
-- still serves the back office's cross-project lists.
create index tasks_open_due_idx on public.tasks (due_date) where status <> 'done';
create index tasks_title_trgm_idx on public.tasks using gin (title extensions.gin_trgm_ops);

/** Section — task_comments */
create table public.task_comments (
  id uuid primary key default gen_random_uuid(),
  task_id uuid not null references public.tasks (id) on delete cascade,
  author_id uuid references public.profiles (id) on delete set null default auth.uid(),
  body text not null check (char_length(body) between 1 and 5000),
  visibility public.visibility not null default 'client',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.task_comments is 'Comments on a task. Clients read and write visibility = client on client-visible tasks.';
create index task_comments_task_id_idx on public.task_comments (task_id, created_at);
create index task_comments_author_id_idx on public.task_comments (author_id);

/** Section — task_checklist_items */
create table public.task_checklist_items (
  id uuid primary key default gen_random_uuid(),
  task_id uuid not null references public.tasks (id) on delete cascade,
  label text not null check (char_length(label) between 1 and 300),
  is_done boolean not null default false,
  position integer not null default 0,
  done_at timestamptz,
  done_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.task_checklist_items is 'Checklist of a task (progress shown to the client when the task is visible).';
create index task_checklist_items_task_id_idx on public.task_checklist_items (task_id, position);
create index task_checklist_items_done_by_idx on public.task_checklist_items (done_by);

/**
 * Section — triggers: timestamps, derived dates, project progress
 */
create trigger projects_set_updated_at before update on public.projects for each row execute function private.set_updated_at();
create trigger milestones_set_updated_at before update on public.milestones for each row execute function private.set_updated_at();
create trigger milestone_comments_set_updated_at before update on public.milestone_comments for each row execute function private.set_updated_at();
create trigger tasks_set_updated_at before update on public.tasks for each row execute function private.set_updated_at();
create trigger task_comments_set_updated_at before update on public.task_comments for each row execute function private.set_updated_at();
create trigger task_checklist_items_set_updated_at before update on public.task_checklist_items for each row execute function private.set_updated_at();

-- A client edits the text of their comment, never where it is attached, who wrote it, or its visibility.
create trigger milestone_comments_protect_columns before update on public.milestone_comments
  for each row execute function private.protect_columns('id', 'milestone_id', 'author_id', 'visibility', 'created_at');
create trigger task_comments_protect_columns before update on public.task_comments
  for each row execute function private.protect_columns('id', 'task_id', 'author_id', 'visibility', 'created_at');

/** Tasks: completed_at follows the done status. */
create function private.stamp_task_completion()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status = 'done' and (tg_op = 'INSERT' or old.status is distinct from 'done') then
    new.completed_at := coalesce(new.completed_at, now());
  elsif new.status <> 'done' then
    new.completed_at := null;
  end if;
  return new;
end;
$$;
create trigger tasks_stamp_completion before insert or update of status on public.tasks
  for each row execute function private.stamp_task_completion();

/** Milestones: delivered_at follows the delivered status; approved only through approve_milestone() for clients. */
create function private.stamp_milestone_status()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status in ('delivered', 'approved') and new.delivered_at is null then
    new.delivered_at := now();
  end if;
  if new.status = 'approved' and new.approved_at is null then
    new.approved_at := now();
  end if;
  if new.status not in ('delivered', 'approved') then
    new.delivered_at := null;
  end if;
  if new.status <> 'approved' then
    new.approved_at := null;
  end if;
  return new;
end;
$$;
create trigger milestones_stamp_status before insert or update of status on public.milestones
  for each row execute function private.stamp_milestone_status();

/** Checklist: done_at/done_by follow is_done. */
create function private.stamp_checklist_item()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.is_done and (tg_op = 'INSERT' or not old.is_done) then
    new.done_at := coalesce(new.done_at, now());
    new.done_by := coalesce(new.done_by, auth.uid());
  elsif not new.is_done then
    new.done_at := null;
    new.done_by := null;
  end if;
  return new;
end;
$$;
create trigger task_checklist_items_stamp before insert or update of is_done on public.task_checklist_items
  for each row execute function private.stamp_checklist_item();

/**
 * private.refresh_project_progress(project_id) — recomputes projects.progress
 * when progress_mode is 'tasks' (share of done tasks) or 'milestones' (share
 * of approved milestones). Runs as owner so client-invisible tasks count too.
 */
create function private.refresh_project_progress(p_project_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_mode public.progress_mode;
  v_progress smallint;
begin
  select progress_mode into v_mode from public.projects where id = p_project_id;
  if v_mode is null or v_mode = 'manual' then
    return;
  end if;
  if v_mode = 'tasks' then
    select coalesce(round(100.0 * count(*) filter (where status = 'done') / nullif(count(*), 0)), 0)
      into v_progress from public.tasks where project_id = p_project_id;
  else
    select coalesce(round(100.0 * count(*) filter (where status = 'approved') / nullif(count(*), 0)), 0)
      into v_progress from public.milestones where project_id = p_project_id;
  end if;
  update public.projects set progress = v_progress where id = p_project_id and progress is distinct from v_progress;
end;
$$;
comment on function private.refresh_project_progress(uuid) is 'Recomputes projects.progress from tasks or milestones (no-op in manual mode).';

create function private.on_progress_source_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform private.refresh_project_progress(old.project_id);
  end if;
  if tg_op in ('INSERT', 'UPDATE') and (tg_op = 'INSERT' or new.project_id is distinct from old.project_id) then
    perform private.refresh_project_progress(new.project_id);
  end if;
  return null;
end;
$$;
create trigger tasks_refresh_progress after insert or delete or update of status, project_id on public.tasks
  for each row execute function private.on_progress_source_change();
create trigger milestones_refresh_progress after insert or delete or update of status, project_id on public.milestones
  for each row execute function private.on_progress_source_change();

/** Switching a project to an automatic mode recomputes at once. */
create function private.on_progress_mode_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.refresh_project_progress(new.id);
  return null;
end;
$$;
create trigger projects_refresh_progress after update of progress_mode on public.projects
  for each row when (old.progress_mode is distinct from new.progress_mode)
  execute function private.on_progress_mode_change();

/**
 * Section — RPC approve_milestone(milestone_id, signer_name, note)
 * A member of the project's company approves a delivered milestone. Records
 * who (auth.uid()), when, the typed name and an optional note, and moves the
 * milestone to approved — atomically.
 */
create function public.approve_milestone(p_milestone_id uuid, p_signer_name text, p_note text default null)
returns public.milestone_approvals
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_milestone public.milestones;
  v_client_id uuid;
  v_approval public.milestone_approvals;
begin
  if auth.uid() is null then
    raise exception 'Connexion requise.' using errcode = '42501';
  end if;
  select * into v_milestone from public.milestones where id = p_milestone_id for update;
  v_client_id := private.project_client_id(v_milestone.project_id);
  if v_milestone.id is null or not (private.is_client_member(v_client_id) or private.is_admin()) then
    raise exception 'Jalon introuvable.' using errcode = 'P0002';
  end if;
  if v_milestone.status <> 'delivered' then
    raise exception 'Seul un jalon livré peut être validé (statut actuel : %).', v_milestone.status
      using errcode = 'P0001';
  end if;
  if p_signer_name is null or char_length(trim(p_signer_name)) < 2 then
    raise exception 'Indiquez votre nom complet pour valider le jalon.' using errcode = '22023';
  end if;

  insert into public.milestone_approvals (milestone_id, approved_by, signer_name, note, version_label)
  values (p_milestone_id, auth.uid(), trim(p_signer_name), nullif(trim(p_note), ''), v_milestone.version_label)
  returning * into v_approval;

  update public.milestones set status = 'approved', approved_at = v_approval.approved_at where id = p_milestone_id;
  return v_approval;
end;
$$;
comment on function public.approve_milestone(uuid, text, text) is 'Client approval of a delivered milestone: checks membership and status, records who/when/typed name.';
revoke execute on function public.approve_milestone(uuid, text, text) from public;
grant execute on function public.approve_milestone(uuid, text, text) to authenticated, service_role;

/**
 * Section — RLS and grants
 */
alter table public.projects enable row level security;
alter table public.project_team enable row level security;
alter table public.milestones enable row level security;
alter table public.milestone_comments enable row level security;
alter table public.milestone_approvals enable row level security;
alter table public.tasks enable row level security;
alter table public.task_comments enable row level security;
alter table public.task_checklist_items enable row level security;

-- projects
create policy "Members read their company's projects" on public.projects
  for select to authenticated
  using ((select private.is_admin()) or client_id in (select private.my_client_ids()));
create policy "Only the admin creates projects" on public.projects
  for insert to authenticated with check ((select private.is_admin()));
create policy "Only the admin edits projects" on public.projects
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Only the admin deletes projects" on public.projects
  for delete to authenticated using ((select private.is_admin()));

-- project_team
create policy "Members read the team of their projects" on public.project_team
  for select to authenticated
  using ((select private.is_admin()) or project_id in (select private.my_project_ids()));
create policy "Only the admin adds team members" on public.project_team
  for insert to authenticated with check ((select private.is_admin()));
create policy "Only the admin edits the team" on public.project_team
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Only the admin removes team members" on public.project_team
  for delete to authenticated using ((select private.is_admin()));

-- milestones
create policy "Members read the milestones of their projects" on public.milestones
  for select to authenticated
  using ((select private.is_admin()) or project_id in (select private.my_project_ids()));
create policy "Only the admin creates milestones" on public.milestones
  for insert to authenticated with check ((select private.is_admin()));
create policy "Only the admin edits milestones" on public.milestones
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Only the admin deletes milestones" on public.milestones
  for delete to authenticated using ((select private.is_admin()));

-- milestone_comments: the parent milestone's policy decides visibility of the milestone itself.
create policy "Members read client-visible comments of their milestones" on public.milestone_comments
  for select to authenticated
  using (
    (select private.is_admin())
    or (visibility = 'client' and exists (select 1 from public.milestones m where m.id = milestone_id))
  );
create policy "Members comment their milestones as themselves" on public.milestone_comments
  for insert to authenticated
  with check (
    (select private.is_admin())
    or (
      author_id = (select auth.uid())
      and visibility = 'client'
      and exists (select 1 from public.milestones m where m.id = milestone_id)
    )
  );
create policy "Authors edit their own milestone comments" on public.milestone_comments
  for update to authenticated
  using ((select private.is_admin()) or (author_id = (select auth.uid()) and visibility = 'client'))
  with check ((select private.is_admin()) or (author_id = (select auth.uid()) and visibility = 'client'));
create policy "Authors delete their own milestone comments" on public.milestone_comments
  for delete to authenticated
  using ((select private.is_admin()) or (author_id = (select auth.uid()) and visibility = 'client'));

-- milestone_approvals: written by approve_milestone() only.
create policy "Members read approvals of their milestones" on public.milestone_approvals
  for select to authenticated
  using ((select private.is_admin()) or exists (select 1 from public.milestones m where m.id = milestone_id));
create policy "Only the admin deletes approvals" on public.milestone_approvals
  for delete to authenticated using ((select private.is_admin()));

-- tasks: clients see client-visible tasks of their projects, read only.
create policy "Members read client-visible tasks of their projects" on public.tasks
  for select to authenticated
  using (
    (select private.is_admin())
    or (visibility = 'client' and project_id in (select private.my_project_ids()))
  );
create policy "Only the admin creates tasks" on public.tasks
  for insert to authenticated with check ((select private.is_admin()));
create policy "Only the admin edits tasks" on public.tasks
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Only the admin deletes tasks" on public.tasks
  for delete to authenticated using ((select private.is_admin()));

-- task_comments: the parent task's policy hides internal tasks; the comment's own visibility hides internal notes.
create policy "Members read client-visible comments of visible tasks" on public.task_comments
  for select to authenticated
  using (
    (select private.is_admin())
    or (visibility = 'client' and exists (select 1 from public.tasks t where t.id = task_id))
  );
create policy "Members comment visible tasks as themselves" on public.task_comments
  for insert to authenticated
  with check (
    (select private.is_admin())
    or (
      author_id = (select auth.uid())
      and visibility = 'client'
      and exists (select 1 from public.tasks t where t.id = task_id)
    )
  );
create policy "Authors edit their own task comments" on public.task_comments
  for update to authenticated
  using ((select private.is_admin()) or (author_id = (select auth.uid()) and visibility = 'client'))
  with check ((select private.is_admin()) or (author_id = (select auth.uid()) and visibility = 'client'));
create policy "Authors delete their own task comments" on public.task_comments
  for delete to authenticated
  using ((select private.is_admin()) or (author_id = (select auth.uid()) and visibility = 'client'));

-- task_checklist_items: visible with the task, written by the admin.
create policy "Members read checklists of visible tasks" on public.task_checklist_items
  for select to authenticated
  using ((select private.is_admin()) or exists (select 1 from public.tasks t where t.id = task_id));
create policy "Only the admin creates checklist items" on public.task_checklist_items
  for insert to authenticated with check ((select private.is_admin()));
create policy "Only the admin edits checklist items" on public.task_checklist_items
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Only the admin deletes checklist items" on public.task_checklist_items
  for delete to authenticated using ((select private.is_admin()));

grant select, insert, update, delete on
  public.projects, public.project_team, public.milestones, public.milestone_comments,
  public.tasks, public.task_comments, public.task_checklist_items
  to authenticated;
grant select, delete on public.milestone_approvals to authenticated;
grant select, insert, update, delete on
  public.projects, public.project_team, public.milestones, public.milestone_comments, public.milestone_approvals,
  public.tasks, public.task_comments, public.task_checklist_items
  to service_role;
