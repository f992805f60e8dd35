/**
 * Espace Client NOURX — 07. Tickets (réclamations) and their messages
 *
 * A member opens a ticket for their company (optionally on a project, or
 * about a payment attempt), writes messages, and closes a resolved ticket
 * with a 1–5 rating that feeds the satisfaction KPI. The admin answers,
 * assigns, changes status and writes internal notes, which never reach a
 * client (RLS filters them out; clients cannot create them).
 *
 * SLA: sla_due_at = created_at + settings.sla_hours_<priority>, computed on
 * insert and when the priority changes.
 */

create type public.ticket_status as enum ('open', 'in_progress', 'waiting_client', 'resolved', 'closed');
comment on type public.ticket_status is 'open → in_progress ⇄ waiting_client → resolved → closed (by the client, with a rating, or by the admin).';
create type public.ticket_category as enum ('question', 'bug', 'change_request', 'payment', 'billing', 'other');
comment on type public.ticket_category is 'question | bug | change_request (évolution) | payment (paiement) | billing (facturation) | other.';

create table public.tickets (
  id uuid primary key default gen_random_uuid(),
  number bigint generated always as identity (start with 1001) unique,
  client_id uuid not null references public.clients (id) on delete cascade,
  project_id uuid,
  payment_attempt_id uuid references public.payment_attempts (id) on delete set null,
  subject text not null check (char_length(subject) between 3 and 200),
  category public.ticket_category not null default 'question',
  priority public.priority not null default 'normal',
  status public.ticket_status not null default 'open',
  created_by uuid references public.profiles (id) on delete set null default auth.uid(),
  assigned_to uuid references public.profiles (id) on delete set null,
  sla_due_at timestamptz,
  first_response_at timestamptz,
  last_message_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  rating smallint check (rating between 1 and 5),
  rating_comment text check (char_length(rating_comment) <= 2000),
  rated_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (project_id, client_id) references public.projects (id, client_id) on delete set null (project_id)
);
comment on table public.tickets is 'Client claims (réclamations). Members create and read their company''s tickets; only the admin updates them (clients close via close_ticket()).';
comment on column public.tickets.number is 'Human number shown as « n° 1042 » (gaps are harmless here, so an identity is fine).';
comment on column public.tickets.payment_attempt_id is 'The transaction a "J''ai payé mais…" ticket is about.';
comment on column public.tickets.sla_due_at is 'created_at + SLA hours of the priority (settings).';
create index tickets_client_id_idx on public.tickets (client_id, status);
create index tickets_project_id_idx on public.tickets (project_id, client_id);
create index tickets_payment_attempt_id_idx on public.tickets (payment_attempt_id);
create index tickets_created_by_idx on public.tickets (created_by);
create index tickets_assigned_to_idx on public.tickets (assigned_to);
-- The inbox sorted by SLA deadline (partial: see tasks_open_due_idx).
create index tickets_open_sla_idx on public.tickets (sla_due_at) where status in ('open', 'in_progress', 'waiting_client');

create table public.ticket_messages (
  id uuid primary key default gen_random_uuid(),
  ticket_id uuid not null references public.tickets (id) on delete cascade,
  author_id uuid references public.profiles (id) on delete set null default auth.uid(),
  body text not null check (char_length(body) between 1 and 10000),
  is_internal boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.ticket_messages is 'Thread of a ticket. is_internal = NOURX-only note, invisible to clients.';
create index ticket_messages_ticket_id_idx on public.ticket_messages (ticket_id, created_at);
create index ticket_messages_author_id_idx on public.ticket_messages (author_id);

/** SLA deadline, status timestamps, and consistency of the linked transaction. */
create function private.prepare_ticket()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_hours integer;
begin
  if tg_op = 'INSERT' or new.priority is distinct from old.priority then
    select case new.priority when 'low' then s.sla_hours_low when 'normal' then s.sla_hours_normal
                             when 'high' then s.sla_hours_high else s.sla_hours_urgent end
      into v_hours from public.settings s where s.id;
    new.sla_due_at := coalesce(new.created_at, now()) + make_interval(hours => coalesce(v_hours, 48));
  end if;
  if new.payment_attempt_id is not null
     and (tg_op = 'INSERT' or new.payment_attempt_id is distinct from old.payment_attempt_id)
     and not exists (select 1 from public.payment_attempts a
                     where a.id = new.payment_attempt_id and a.client_id = new.client_id) then
    raise exception 'Cette transaction n''appartient pas à cette entreprise.' using errcode = 'P0001';
  end if;
  if tg_op = 'UPDATE' and new.status is distinct from old.status then
    if new.status in ('resolved', 'closed') then
      new.resolved_at := coalesce(new.resolved_at, now());
    else
      new.resolved_at := null;
    end if;
    new.closed_at := case when new.status = 'closed' then coalesce(new.closed_at, now()) end;
  end if;
  if tg_op = 'INSERT' then
    new.last_message_at := coalesce(new.last_message_at, new.created_at, now());
  end if;
  return new;
end;
$$;
create trigger tickets_prepare before insert or update on public.tickets
  for each row execute function private.prepare_ticket();
create trigger tickets_set_updated_at before update on public.tickets
  for each row execute function private.set_updated_at();

/**
 * A message moves the ticket along: the first public answer from NOURX sets
 * first_response_at; a client writing on a waiting or resolved ticket reopens
 * it; nobody writes on a closed ticket except the admin's internal notes.
 */
create function private.on_ticket_message()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_ticket public.tickets;
  v_author_is_admin boolean;
begin
  select * into v_ticket from public.tickets where id = new.ticket_id for update;
  select p.role = 'admin' into v_author_is_admin from public.profiles p where p.id = new.author_id;
  if v_ticket.status = 'closed' and not new.is_internal then
    raise exception 'Cette réclamation est fermée : ouvrez-en une nouvelle.' using errcode = 'P0001';
  end if;
  if new.is_internal then
    return new;
  end if;
  if coalesce(v_author_is_admin, false) then
    update public.tickets
       set first_response_at = coalesce(first_response_at, new.created_at),
           last_message_at = new.created_at
     where id = new.ticket_id;
  else
    update public.tickets
       set last_message_at = new.created_at,
           status = case when status in ('waiting_client', 'resolved') then 'open'::public.ticket_status else status end
     where id = new.ticket_id;
  end if;
  return new;
end;
$$;
create trigger ticket_messages_on_insert before insert on public.ticket_messages
  for each row execute function private.on_ticket_message();
create trigger ticket_messages_set_updated_at before update on public.ticket_messages
  for each row execute function private.set_updated_at();

/**
 * close_ticket(ticket_id, rating, comment) — a member closes a resolved
 * ticket of their company and may rate it 1–5; on an already closed ticket
 * that has no rating yet, it only records the rating.
 */
create function public.close_ticket(p_ticket_id uuid, p_rating integer default null, p_comment text default null)
returns public.tickets
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_ticket public.tickets;
begin
  if auth.uid() is null then
    raise exception 'Connexion requise.' using errcode = '42501';
  end if;
  select * into v_ticket from public.tickets where id = p_ticket_id for update;
  if v_ticket.id is null or not (private.is_client_member(v_ticket.client_id) or private.is_admin()) then
    raise exception 'Réclamation introuvable.' using errcode = 'P0002';
  end if;
  if p_rating is not null and p_rating not between 1 and 5 then
    raise exception 'La note va de 1 à 5.' using errcode = '22023';
  end if;
  if v_ticket.status = 'closed' then
    if v_ticket.rating is not null or p_rating is null then
      raise exception 'Cette réclamation est déjà fermée.' using errcode = 'P0001';
    end if;
  elsif v_ticket.status <> 'resolved' then
    raise exception 'Seule une réclamation résolue peut être fermée.' using errcode = 'P0001';
  end if;
  update public.tickets
     set status = 'closed',
         rating = coalesce(p_rating, rating),
         rating_comment = coalesce(nullif(trim(p_comment), ''), rating_comment),
         rated_at = case when p_rating is not null then now() else rated_at end
   where id = p_ticket_id
  returning * into v_ticket;
  return v_ticket;
end;
$$;
comment on function public.close_ticket(uuid, integer, text) is 'Member: closes a resolved ticket of their company, with an optional 1–5 rating and comment.';
revoke execute on function public.close_ticket(uuid, integer, text) from public;
grant execute on function public.close_ticket(uuid, integer, text) to authenticated, service_role;

/**
 * Section — RLS and grants
 */
alter table public.tickets enable row level security;
alter table public.ticket_messages enable row level security;

create policy "Members read their company's tickets" on public.tickets
  for select to authenticated
  using ((select private.is_admin()) or client_id in (select private.my_client_ids()));
-- A member opens a ticket for their company, as themselves, in its initial state.
create policy "Members open tickets for their company" on public.tickets
  for insert to authenticated
  with check (
    (select private.is_admin())
    or (
      client_id in (select private.my_client_ids())
      and created_by = (select auth.uid())
      and status = 'open'
      and assigned_to is null
      and rating is null
      and resolved_at is null
      and closed_at is null
      and first_response_at is null
    )
  );
create policy "Only the admin updates tickets" on public.tickets
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Only the admin deletes tickets" on public.tickets
  for delete to authenticated using ((select private.is_admin()));

create policy "Members read the public messages of their tickets" on public.ticket_messages
  for select to authenticated
  using (
    (select private.is_admin())
    or (not is_internal and exists (select 1 from public.tickets t where t.id = ticket_id))
  );
create policy "Members write public messages on their tickets" on public.ticket_messages
  for insert to authenticated
  with check (
    (select private.is_admin())
    or (
      not is_internal
      and author_id = (select auth.uid())
      and exists (select 1 from public.tickets t where t.id = ticket_id)
    )
  );
create policy "Only the admin edits messages" on public.ticket_messages
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Only the admin deletes messages" on public.ticket_messages
  for delete to authenticated using ((select private.is_admin()));

grant select, insert, update, delete on public.tickets, public.ticket_messages to authenticated, service_role;
