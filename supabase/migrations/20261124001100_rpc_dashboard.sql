/**
 * Espace Client NOURX — 11. Read RPCs for screens (one round trip each)
 *
 * All are SECURITY INVOKER: they read through the caller's RLS, so a client
 * only ever aggregates what they could read row by row. Filters name the
 * caller's companies explicitly as well, so the planner can use the indexes
 * instead of evaluating the policies over whole tables.
 */

/**
 * client_dashboard(project_id default null) → jsonb
 * {
 *   project:          {id, client_id, title, description, status, progress, start_date, end_date} | null,
 *   projects:         [{id, title, status, progress}]            (for the project switcher),
 *   milestones:       {total, approved, delivered, late, next: [{id, title, version_label, due_date, status}]},
 *   open_tasks:       {count, items: [{id, title, status, priority, due_date}]},
 *   latest_documents: [{id, file_name, label, folder, mime_type, size_bytes, path, created_at}],
 *   invoice_due:      {id, number, title, total_ttc, balance_due, due_date, status, currency} | null,
 *   invoices_due:     {count, total},
 *   open_tickets:     number,
 *   recent_activity:  [{kind, title, at, entity_id, project_id}]
 * }
 * `project` is the requested one when visible, else the caller's most
 * relevant project (active first, most recent start). recent_activity kinds:
 * document_added, task_comment, task_done, milestone_delivered,
 * milestone_approved, invoice_sent, payment_received, ticket_message.
 */
create function public.client_dashboard(p_project_id uuid default null)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  v_project public.projects;
  v_client_ids uuid[];
  v_result jsonb;
begin
  if auth.uid() is null then
    raise exception 'Connexion requise.' using errcode = '42501';
  end if;
  select coalesce(array_agg(c), '{}') into v_client_ids from private.my_client_ids() c;

  if p_project_id is not null then
    select * into v_project from public.projects where id = p_project_id;
  else
    select * into v_project from public.projects
     where client_id = any (v_client_ids)
     order by (status = 'active') desc, (status in ('draft', 'on_hold')) desc, start_date desc nulls last, created_at desc
     limit 1;
  end if;
  -- Money and tickets are per company: the current project's, else all of the caller's.
  if v_project.id is not null then
    v_client_ids := array[v_project.client_id];
  end if;

  select jsonb_build_object(
    'project', case when v_project.id is null then null else jsonb_build_object(
      'id', v_project.id, 'client_id', v_project.client_id, 'title', v_project.title,
      'description', v_project.description, 'status', v_project.status, 'progress', v_project.progress,
      'start_date', v_project.start_date, 'end_date', v_project.end_date) end,

    'projects', coalesce((
      select jsonb_agg(jsonb_build_object('id', p.id, 'title', p.title, 'status', p.status, 'progress', p.progress)
                       order by (p.status = 'active') desc, p.start_date desc nulls last)
        from public.projects p where p.client_id in (select private.my_client_ids())), '[]'::jsonb),

    'milestones', (
      select jsonb_build_object(
        'total', count(*),
        'approved', count(*) filter (where m.status = 'approved'),
        'delivered', count(*) filter (where m.status = 'delivered'),
        'late', count(*) filter (where m.status in ('planned', 'in_progress') and m.due_date < current_date),
        'next', coalesce((
          select jsonb_agg(jsonb_build_object('id', n.id, 'title', n.title, 'version_label', n.version_label,
                                              'due_date', n.due_date, 'status', n.status) order by n.due_date nulls last, n.position)
            from (select * from public.milestones n0
                   where n0.project_id = v_project.id and n0.status <> 'approved'
                   order by n0.due_date nulls last, n0.position limit 3) n), '[]'::jsonb))
        from public.milestones m where m.project_id = v_project.id),

    'open_tasks', (
      select jsonb_build_object(
        'count', (select count(*) from public.tasks t
                   where t.project_id = v_project.id and t.visibility = 'client' and t.status <> 'done'),
        'items', coalesce((
          select jsonb_agg(jsonb_build_object('id', t.id, 'title', t.title, 'status', t.status,
                                              'priority', t.priority, 'due_date', t.due_date) order by t.due_date nulls last, t.position)
            from (select * from public.tasks t0
                   where t0.project_id = v_project.id and t0.visibility = 'client' and t0.status <> 'done'
                   order by t0.due_date nulls last, t0.position limit 5) t), '[]'::jsonb))),

    'latest_documents', coalesce((
      select jsonb_agg(jsonb_build_object('id', d.id, 'file_name', d.file_name, 'label', d.label, 'folder', d.folder,
                                          'mime_type', d.mime_type, 'size_bytes', d.size_bytes, 'path', d.path,
                                          'created_at', d.created_at) order by d.created_at desc)
        from (select * from public.documents d0
               where d0.project_id = v_project.id and d0.client_id = v_project.client_id and d0.visibility = 'client'
               order by d0.created_at desc limit 5) d), '[]'::jsonb),

    'invoice_due', (
      select jsonb_build_object('id', i.id, 'number', i.number, 'title', i.title, 'total_ttc', i.total_ttc,
                                'balance_due', i.balance_due, 'due_date', i.due_date, 'status', i.status, 'currency', i.currency)
        from public.invoices i
       where i.client_id = any (v_client_ids) and i.status in ('sent', 'overdue') and i.balance_due > 0
       order by (i.status = 'overdue') desc, i.due_date, i.number
       limit 1),

    'invoices_due', (
      select jsonb_build_object('count', count(*), 'total', coalesce(sum(i.balance_due), 0))
        from public.invoices i
       where i.client_id = any (v_client_ids) and i.status in ('sent', 'overdue') and i.balance_due > 0),

    'open_tickets', (
      select count(*) from public.tickets k
       where k.client_id = any (v_client_ids) and k.status not in ('resolved', 'closed')),

    'recent_activity', coalesce((
      select jsonb_agg(a order by a ->> 'at' desc) from (
        select x.a from (
          (select jsonb_build_object('kind', 'document_added', 'title', coalesce(d.label, d.file_name), 'at', d.created_at,
                                     'entity_id', d.id, 'project_id', d.project_id) as a, d.created_at as at
             from public.documents d
            where d.project_id = v_project.id and d.client_id = v_project.client_id and d.visibility = 'client'
            order by d.created_at desc limit 8)
          union all
          (select jsonb_build_object('kind', 'task_comment', 'title', t.title, 'at', c.created_at,
                                     'entity_id', t.id, 'project_id', t.project_id), c.created_at
             from public.task_comments c join public.tasks t on t.id = c.task_id
            where t.project_id = v_project.id and t.visibility = 'client' and c.visibility = 'client'
            order by c.created_at desc limit 8)
          union all
          (select jsonb_build_object('kind', 'task_done', 'title', t.title, 'at', t.completed_at,
                                     'entity_id', t.id, 'project_id', t.project_id), t.completed_at
             from public.tasks t
            where t.project_id = v_project.id and t.visibility = 'client' and t.status = 'done'
            order by t.completed_at desc nulls last limit 8)
          union all
          (select jsonb_build_object('kind', case when m.status = 'approved' then 'milestone_approved' else 'milestone_delivered' end,
                                     'title', m.title, 'at', coalesce(m.approved_at, m.delivered_at),
                                     'entity_id', m.id, 'project_id', m.project_id), coalesce(m.approved_at, m.delivered_at)
             from public.milestones m
            where m.project_id = v_project.id and m.status in ('delivered', 'approved')
            order by coalesce(m.approved_at, m.delivered_at) desc limit 8)
          union all
          (select jsonb_build_object('kind', 'invoice_sent', 'title', i.number, 'at', i.sent_at,
                                     'entity_id', i.id, 'project_id', i.project_id), i.sent_at
             from public.invoices i
            where i.client_id = any (v_client_ids) and i.status <> 'draft'
            order by i.sent_at desc nulls last limit 8)
          union all
          (select jsonb_build_object('kind', 'payment_received', 'title', i.number, 'at', p.paid_at,
                                     'entity_id', i.id, 'project_id', i.project_id), p.paid_at
             from public.payments p join public.invoices i on i.id = p.invoice_id
            where p.client_id = any (v_client_ids)
            order by p.paid_at desc limit 8)
          union all
          (select jsonb_build_object('kind', 'ticket_message', 'title', k.subject, 'at', tm.created_at,
                                     'entity_id', k.id, 'project_id', k.project_id), tm.created_at
             from public.ticket_messages tm join public.tickets k on k.id = tm.ticket_id
            where k.client_id = any (v_client_ids) and not tm.is_internal
            order by tm.created_at desc limit 8)
        ) x
        where x.at is not null
        order by x.at desc
        limit 8
      ) s (a)), '[]'::jsonb)
  ) into v_result;
  return v_result;
end;
$$;
comment on function public.client_dashboard(uuid) is 'Client dashboard in one round trip: current project, milestones, open tasks, documents, invoice due, activity.';

/**
 * admin_kpis() → jsonb (admin only)
 * {
 *   active_clients:   {active, total, share}        companies with a member signed in this calendar month,
 *   on_time:          {tasks: {on_time, total, rate}, milestones: {on_time, total, rate}}  (last 180 days),
 *   online_payments:  {online_amount, total_amount, online_count, total_count, rate}      (last 12 months, by amount),
 *   collection_days:  average days from sent to paid (invoices paid in the last 12 months) | null,
 *   tickets:          {open, past_sla, avg_resolution_hours, satisfaction, ratings},
 *   revenue_by_month: [{month: 'YYYY-MM', invoiced, collected}]  (12 months, oldest first),
 *   overdue:          {count, total},
 *   to_review:        {flagged_payments, waiting_payments, pending_deletion_requests}
 * }
 * Rates are between 0 and 1 (null when there is nothing to measure).
 */
create function public.admin_kpis()
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  v_result jsonb;
begin
  if not private.is_admin() then
    raise exception 'Indicateurs réservés à l''administrateur.' using errcode = '42501';
  end if;

  select jsonb_build_object(
    'active_clients', (
      select jsonb_build_object('active', a.active, 'total', a.total,
                                'share', case when a.total > 0 then round(a.active::numeric / a.total, 4) end)
        from (select count(*) filter (where exists (
                       select 1 from public.client_members m join public.profiles p on p.id = m.user_id
                        where m.client_id = c.id and p.last_sign_in_at >= date_trunc('month', now()))) as active,
                     count(*) as total
                from public.clients c where not c.is_archived) a),

    'on_time', jsonb_build_object(
      'tasks', (
        select jsonb_build_object('on_time', x.ok, 'total', x.n, 'rate', case when x.n > 0 then round(x.ok::numeric / x.n, 4) end)
          from (select count(*) filter (where t.completed_at::date <= t.due_date) as ok, count(*) as n
                  from public.tasks t
                 where t.status = 'done' and t.due_date is not null and t.completed_at >= now() - interval '180 days') x),
      'milestones', (
        select jsonb_build_object('on_time', x.ok, 'total', x.n, 'rate', case when x.n > 0 then round(x.ok::numeric / x.n, 4) end)
          from (select count(*) filter (where m.delivered_at::date <= m.due_date) as ok, count(*) as n
                  from public.milestones m
                 where m.delivered_at is not null and m.due_date is not null
                   and m.delivered_at >= now() - interval '180 days') x)),

    'online_payments', (
      select jsonb_build_object(
               'online_amount', coalesce(sum(p.amount) filter (where p.method = 'online'), 0),
               'total_amount', coalesce(sum(p.amount), 0),
               'online_count', count(*) filter (where p.method = 'online'),
               'total_count', count(*),
               'rate', case when sum(p.amount) > 0
                            then round(coalesce(sum(p.amount) filter (where p.method = 'online'), 0)::numeric / sum(p.amount), 4) end)
        from public.payments p where p.paid_at >= now() - interval '12 months'),

    'collection_days', (
      select round(avg(extract(epoch from (i.paid_at - i.sent_at)) / 86400)::numeric, 1)
        from public.invoices i
       where i.status = 'paid' and i.sent_at is not null and i.paid_at >= now() - interval '12 months'),

    'tickets', (
      select jsonb_build_object(
               'open', count(*) filter (where k.status not in ('resolved', 'closed')),
               'past_sla', count(*) filter (where k.status not in ('resolved', 'closed') and k.sla_due_at < now()),
               'avg_resolution_hours', round((avg(extract(epoch from (k.resolved_at - k.created_at)) / 3600)
                                        filter (where k.resolved_at >= now() - interval '180 days'))::numeric, 1),
               'satisfaction', round(avg(k.rating) filter (where k.rated_at >= now() - interval '12 months'), 2),
               'ratings', count(*) filter (where k.rating is not null and k.rated_at >= now() - interval '12 months'))
        from public.tickets k),

    'revenue_by_month', (
      select jsonb_agg(jsonb_build_object(
               'month', to_char(mo.m, 'YYYY-MM'),
               'invoiced', coalesce((select sum(i.total_ttc) from public.invoices i
                                      where i.status in ('sent', 'paid', 'overdue')
                                        and i.issue_date >= mo.m and i.issue_date < mo.m + interval '1 month'), 0),
               'collected', coalesce((select sum(p.amount) from public.payments p
                                       where p.paid_at >= mo.m and p.paid_at < mo.m + interval '1 month'), 0))
             order by mo.m)
        from generate_series(date_trunc('month', now()) - interval '11 months', date_trunc('month', now()), interval '1 month') mo (m)),

    'overdue', (
      select jsonb_build_object('count', count(*), 'total', coalesce(sum(i.balance_due), 0))
        from public.invoices i
       where i.status = 'overdue' or (i.status = 'sent' and i.due_date < current_date)),

    'to_review', jsonb_build_object(
      'flagged_payments', (select count(*) from public.payment_attempts a where a.status = 'flagged'),
      'waiting_payments', (select count(*) from public.payment_attempts a where a.status in ('pending', 'waiting')
                                                                            and a.created_at < now() - interval '1 hour'),
      'pending_deletion_requests', (select count(*) from public.account_deletion_requests r where r.status = 'pending'))
  ) into v_result;
  return v_result;
end;
$$;
comment on function public.admin_kpis() is 'Admin dashboard indicators in one round trip (see the comment in the migration for the shape).';

/**
 * export_my_data() → jsonb: RGPD export of what concerns the signed-in user
 * (profile, memberships, preferences, what they wrote, approved or filed).
 */
create function public.export_my_data()
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
begin
  if v_uid is null then
    raise exception 'Connexion requise.' using errcode = '42501';
  end if;
  return jsonb_build_object(
    'exported_at', now(),
    'profile', (select to_jsonb(p) from public.profiles p where p.id = v_uid),
    'memberships', coalesce((select jsonb_agg(jsonb_build_object('client_id', m.client_id, 'client', c.name,
                                                                  'role', m.role, 'job_title', m.job_title, 'since', m.created_at))
                               from public.client_members m join public.clients c on c.id = m.client_id
                              where m.user_id = v_uid), '[]'::jsonb),
    'notification_preferences', coalesce((select jsonb_agg(to_jsonb(n)) from public.notification_preferences n
                                           where n.user_id = v_uid), '[]'::jsonb),
    'task_comments', coalesce((select jsonb_agg(to_jsonb(c) order by c.created_at) from public.task_comments c
                                where c.author_id = v_uid), '[]'::jsonb),
    'milestone_comments', coalesce((select jsonb_agg(to_jsonb(c) order by c.created_at) from public.milestone_comments c
                                     where c.author_id = v_uid), '[]'::jsonb),
    'milestone_approvals', coalesce((select jsonb_agg(to_jsonb(a) order by a.approved_at) from public.milestone_approvals a
                                      where a.approved_by = v_uid), '[]'::jsonb),
    'tickets', coalesce((select jsonb_agg(to_jsonb(t) order by t.created_at) from public.tickets t
                          where t.created_by = v_uid), '[]'::jsonb),
    'ticket_messages', coalesce((select jsonb_agg(to_jsonb(m) order by m.created_at) from public.ticket_messages m
                                  where m.author_id = v_uid), '[]'::jsonb),
    'documents', coalesce((select jsonb_agg(to_jsonb(d) order by d.created_at) from public.documents d
                            where d.uploaded_by = v_uid), '[]'::jsonb),
    'quote_answers', coalesce((select jsonb_agg(jsonb_build_object('quote_id', q.id, 'number', q.number, 'status', q.status,
                                                                    'accepted_at', q.accepted_at, 'signer_name', q.signer_name,
                                                                    'declined_at', q.declined_at, 'decline_reason', q.decline_reason))
                                 from public.quotes q where q.accepted_by = v_uid or q.declined_by = v_uid), '[]'::jsonb),
    'account_deletion_requests', coalesce((select jsonb_agg(to_jsonb(r)) from public.account_deletion_requests r
                                            where r.user_id = v_uid), '[]'::jsonb)
  );
end;
$$;
comment on function public.export_my_data() is 'RGPD: everything about the signed-in user, as one JSON document.';

revoke execute on function public.client_dashboard(uuid), public.admin_kpis(), public.export_my_data() from public;
grant execute on function public.client_dashboard(uuid), public.admin_kpis(), public.export_my_data() to authenticated;
