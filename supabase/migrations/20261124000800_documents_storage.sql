/**
 * Espace Client NOURX — 08. Documents, attachments, Storage buckets and policies
 *
 * Files live in the private Storage bucket `project-files` under
 *   <client_id>/<project_id | general>/<uuid>-<file name>
 * (`general` holds company-level files: payment proofs, tickets without a
 * project). `documents` describes each file (label, folder, visibility, who
 * uploaded it); task and ticket attachments point at documents.
 *
 * Clients read the documents of their company with visibility = client, and
 * upload under their own company and projects (the row they insert is always
 * visibility = client, uploaded by themselves). Storage policies mirror this:
 * a member reads an object when a client-visible document points at it, or
 * when they uploaded it themselves (between upload and the documents insert).
 *
 * Also: `branding` (agency logo; admin writes, every signed-in user reads)
 * and `avatars` (<user_id>/<file>; each user writes their own folder).
 */

/** Section — documents */
create table public.documents (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null references public.clients (id) on delete cascade,
  project_id uuid,
  milestone_id uuid,
  bucket text not null default 'project-files' check (bucket = 'project-files'),
  path text not null,
  file_name text not null check (char_length(file_name) between 1 and 255),
  label text check (char_length(label) <= 200),
  folder text not null default 'Général' check (char_length(folder) between 1 and 80),
  mime_type text not null,
  size_bytes bigint not null check (size_bytes between 0 and 26214400),
  visibility public.visibility not null default 'client',
  uploaded_by uuid references public.profiles (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (bucket, path),
  foreign key (project_id, client_id) references public.projects (id, client_id) on delete cascade,
  foreign key (milestone_id, project_id) references public.milestones (id, project_id) on delete set null (milestone_id),
  check (milestone_id is null or project_id is not null),
  -- The object name must sit in the folder of the row's company and project.
  check (
    array_length(string_to_array(path, '/'), 1) = 3
    and split_part(path, '/', 1) = client_id::text
    and split_part(path, '/', 2) = coalesce(project_id::text, 'general')
  )
);
comment on table public.documents is 'Files of a client company (Storage bucket project-files). Clients see visibility = client and upload their own.';
comment on column public.documents.path is 'Object name in the bucket: <client_id>/<project_id|general>/<uuid>-<file name> (ASCII).';
comment on column public.documents.file_name is 'Original file name, as shown and offered on download (may contain accents).';
comment on column public.documents.folder is 'Folder shown in the Documents page (Contrats, Maquettes, Livrables…).';
comment on column public.documents.milestone_id is 'Set when the file is a deliverable of a milestone.';
create index documents_client_id_idx on public.documents (client_id, created_at desc);
create index documents_project_id_idx on public.documents (project_id, client_id, visibility, created_at desc);
-- Partial: most documents are not deliverables, and a full index on a mostly-null
-- column tempts the planner for project-only queries.
create index documents_milestone_id_idx on public.documents (milestone_id, project_id) where milestone_id is not null;
create index documents_uploaded_by_idx on public.documents (uploaded_by);

create trigger documents_set_updated_at before update on public.documents
  for each row execute function private.set_updated_at();

alter table public.payments
  add constraint payments_proof_document_id_fkey foreign key (proof_document_id) references public.documents (id) on delete set null;

/** Section — task_attachments */
create table public.task_attachments (
  id uuid primary key default gen_random_uuid(),
  task_id uuid not null references public.tasks (id) on delete cascade,
  document_id uuid not null references public.documents (id) on delete cascade,
  created_by uuid references public.profiles (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  unique (task_id, document_id)
);
comment on table public.task_attachments is 'Files attached to a task (the document must belong to the task''s project).';
create index task_attachments_document_id_idx on public.task_attachments (document_id);
create index task_attachments_created_by_idx on public.task_attachments (created_by);

/** Section — ticket_attachments */
create table public.ticket_attachments (
  id uuid primary key default gen_random_uuid(),
  ticket_id uuid not null references public.tickets (id) on delete cascade,
  message_id uuid references public.ticket_messages (id) on delete cascade,
  document_id uuid not null references public.documents (id) on delete cascade,
  created_by uuid references public.profiles (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  unique (ticket_id, document_id)
);
comment on table public.ticket_attachments is 'Files attached to a ticket or one of its messages (same company).';
create index ticket_attachments_message_id_idx on public.ticket_attachments (message_id);
create index ticket_attachments_document_id_idx on public.ticket_attachments (document_id);
create index ticket_attachments_created_by_idx on public.ticket_attachments (created_by);

/**
 * Attachments stay inside their project / company. Security definer so the
 * check sees rows the caller cannot (an internal document is "not in the
 * project" for nobody); who may attach what is the policies' business.
 */
create function private.check_attachment()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_table_name = 'task_attachments' then
    if not exists (select 1 from public.tasks t join public.documents d on d.project_id = t.project_id
                   where t.id = new.task_id and d.id = new.document_id) then
      raise exception 'Le document doit appartenir au projet de la tâche.' using errcode = 'P0001';
    end if;
  else
    if not exists (select 1 from public.tickets t join public.documents d on d.client_id = t.client_id
                   where t.id = new.ticket_id and d.id = new.document_id) then
      raise exception 'Le document doit appartenir à l''entreprise de la réclamation.' using errcode = 'P0001';
    end if;
    if new.message_id is not null
       and not exists (select 1 from public.ticket_messages m where m.id = new.message_id and m.ticket_id = new.ticket_id) then
      raise exception 'Le message ne fait pas partie de cette réclamation.' using errcode = 'P0001';
    end if;
  end if;
  return new;
end;
$$;
create trigger task_attachments_check before insert or update on public.task_attachments
  for each row execute function private.check_attachment();
create trigger ticket_attachments_check before insert or update on public.ticket_attachments
  for each row execute function private.check_attachment();

/**
 * Section — RLS on documents and attachments
 */
alter table public.documents enable row level security;
alter table public.task_attachments enable row level security;
alter table public.ticket_attachments enable row level security;

create policy "Members read their company's shared documents" on public.documents
  for select to authenticated
  using ((select private.is_admin()) or (visibility = 'client' and client_id in (select private.my_client_ids())));
create policy "Members upload documents to their company and projects" on public.documents
  for insert to authenticated
  with check (
    (select private.is_admin())
    or (
      uploaded_by = (select auth.uid())
      and visibility = 'client'
      and milestone_id is null
      and client_id in (select private.my_client_ids())
      and (project_id is null or project_id in (select private.my_project_ids()))
    )
  );
create policy "Only the admin edits documents" on public.documents
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Only the admin deletes documents" on public.documents
  for delete to authenticated using ((select private.is_admin()));

-- An attachment is visible when both its task and its document are.
create policy "Members read attachments of visible tasks" on public.task_attachments
  for select to authenticated
  using (
    (select private.is_admin())
    or (exists (select 1 from public.tasks t where t.id = task_id)
        and exists (select 1 from public.documents d where d.id = document_id))
  );
create policy "Members attach their documents to visible tasks" on public.task_attachments
  for insert to authenticated
  with check (
    (select private.is_admin())
    or (created_by = (select auth.uid())
        and exists (select 1 from public.tasks t where t.id = task_id)
        and exists (select 1 from public.documents d where d.id = document_id))
  );
create policy "Only the admin edits task attachments" on public.task_attachments
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Authors remove their own task attachments" on public.task_attachments
  for delete to authenticated
  using ((select private.is_admin()) or created_by = (select auth.uid()));

create policy "Members read attachments of their tickets" on public.ticket_attachments
  for select to authenticated
  using (
    (select private.is_admin())
    or (exists (select 1 from public.tickets t where t.id = ticket_id)
        and exists (select 1 from public.documents d where d.id = document_id)
        and (message_id is null or exists (select 1 from public.ticket_messages m where m.id = message_id)))
  );
create policy "Members attach their documents to their tickets" on public.ticket_attachments
  for insert to authenticated
  with check (
    (select private.is_admin())
    or (created_by = (select auth.uid())
        and exists (select 1 from public.tickets t where t.id = ticket_id)
        and exists (select 1 from public.documents d where d.id = document_id)
        and (message_id is null
             or exists (select 1 from public.ticket_messages m where m.id = message_id and m.author_id = (select auth.uid()))))
  );
create policy "Only the admin edits ticket attachments" on public.ticket_attachments
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Authors remove their own ticket attachments" on public.ticket_attachments
  for delete to authenticated
  using ((select private.is_admin()) or created_by = (select auth.uid()));

grant select, insert, update, delete on public.documents, public.task_attachments, public.ticket_attachments
  to authenticated, service_role;

/**
 * Section — Storage buckets
 * All private: files are served through short-lived signed URLs after the
 * SELECT policy below allowed the caller to see the object.
 */
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values
  ('project-files', 'project-files', false, 26214400, array[
    'application/pdf',
    'image/png', 'image/jpeg', 'image/gif', 'image/webp',
    'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.ms-excel',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.ms-powerpoint',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.oasis.opendocument.spreadsheet',
    'application/vnd.oasis.opendocument.presentation',
    'application/zip', 'application/x-zip-compressed',
    'text/plain', 'text/csv'
  ]),
  ('branding', 'branding', false, 2097152, array['image/png', 'image/jpeg', 'image/webp']),
  ('avatars', 'avatars', false, 2097152, array['image/png', 'image/jpeg', 'image/webp'])
on conflict (id) do update
  set public = excluded.public,
      file_size_limit = excluded.file_size_limit,
      allowed_mime_types = excluded.allowed_mime_types;

/**
 * private.can_upload_project_file(name) — may the caller upload this object
 * name into project-files? Exactly three segments; the first is one of the
 * caller's companies; the second is `general` or a project of that company;
 * the third is `<uuid>-<file name>`.
 */
create function private.can_upload_project_file(p_name text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((
    select array_length(t, 1) = 3
       and t[3] ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}-.+$'
       and exists (select 1 from public.client_members m
                   where m.client_id = private.uuid_or_null(t[1]) and m.user_id = (select auth.uid()))
       and (t[2] = 'general'
            or exists (select 1 from public.projects p
                       where p.id = private.uuid_or_null(t[2]) and p.client_id = private.uuid_or_null(t[1])))
      from (select string_to_array(p_name, '/') as t) s
  ), false);
$$;
comment on function private.can_upload_project_file(text) is 'Storage: true when the caller may upload this object name in project-files.';
revoke execute on function private.can_upload_project_file(text) from public;
grant execute on function private.can_upload_project_file(text) to authenticated, service_role;

/**
 * Section — storage.objects policies (one per operation, covering our three
 * buckets; any other bucket gets nothing from these).
 */
create policy "nourx: read objects" on storage.objects
  for select to authenticated
  using (
    (bucket_id = 'project-files' and (
      (select private.is_admin())
      or (
        private.uuid_or_null(split_part(objects.name, '/', 1)) in (select private.my_client_ids())
        and (
          objects.owner_id = (select auth.uid())::text
          or exists (select 1 from public.documents d where d.bucket = 'project-files' and d.path = objects.name)
        )
      )
    ))
    or bucket_id = 'branding'
    or bucket_id = 'avatars'
  );

create policy "nourx: upload objects" on storage.objects
  for insert to authenticated
  with check (
    (bucket_id = 'project-files' and ((select private.is_admin()) or private.can_upload_project_file(objects.name)))
    or (bucket_id = 'branding' and (select private.is_admin()))
    or (bucket_id = 'avatars' and ((select private.is_admin())
                                   or (storage.foldername(objects.name))[1] = (select auth.uid())::text))
  );

create policy "nourx: update objects" on storage.objects
  for update to authenticated
  using (
    (bucket_id in ('project-files', 'branding') and (select private.is_admin()))
    or (bucket_id = 'avatars' and ((select private.is_admin())
                                   or (storage.foldername(objects.name))[1] = (select auth.uid())::text))
  )
  with check (
    (bucket_id in ('project-files', 'branding') and (select private.is_admin()))
    or (bucket_id = 'avatars' and ((select private.is_admin())
                                   or (storage.foldername(objects.name))[1] = (select auth.uid())::text))
  );

-- A member may delete an object they uploaded that no document points at yet
-- (cleanup after a failed upload form); documents themselves are removed by the admin.
create policy "nourx: delete objects" on storage.objects
  for delete to authenticated
  using (
    (bucket_id = 'project-files' and (
      (select private.is_admin())
      or (
        objects.owner_id = (select auth.uid())::text
        and private.uuid_or_null(split_part(objects.name, '/', 1)) in (select private.my_client_ids())
        and not exists (select 1 from public.documents d where d.bucket = 'project-files' and d.path = objects.name)
      )
    ))
    or (bucket_id = 'branding' and (select private.is_admin()))
    or (bucket_id = 'avatars' and ((select private.is_admin())
                                   or (storage.foldername(objects.name))[1] = (select auth.uid())::text))
  );
