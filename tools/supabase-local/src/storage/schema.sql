-- Storage-schema corrections applied by the storage service at start
-- (ensureStorageSchema, as supabase_storage_admin, owner of the schema).
-- Idempotent: everything is `drop … if exists` / `create or replace`.
--
-- storage.search — the listing behind storage-js `list()`, as hosted Storage
-- defines it since its tenant migration "fix-search-name-relative-to-prefix":
--   * signature (prefix, bucketname, limits, offsets, search, sortcolumn, sortorder);
--     the older `levels` argument is gone, the depth follows from prefix || search;
--   * SECURITY INVOKER: it runs as the caller, so SELECT policies on
--     storage.objects filter what is listed;
--   * names are relative to `prefix`; a deeper path shows up once as a folder
--     entry (every other column null);
--   * `search` narrows to names starting with prefix || search, case-insensitively;
--   * sorting by name interleaves folders and files in case-insensitive byte
--     order ("a.txt", "folder", "Zeta.txt"); sorting by a date lists the folders
--     (by name) first, then the files by that date; `limits` is capped at 1500.
-- The bootstrap's first version took `levels`, sorted folders before files and
-- did not cap the limit; this replaces it.

drop function if exists storage.search(text, text, int, int, int, text, text, text);

create or replace function storage.search(
  prefix text,
  bucketname text,
  limits int default 100,
  offsets int default 0,
  search text default '',
  sortcolumn text default 'name',
  sortorder text default 'asc'
)
returns table (
  name text,
  id uuid,
  updated_at timestamptz,
  created_at timestamptz,
  last_accessed_at timestamptz,
  metadata jsonb
)
language plpgsql
stable
security invoker
as $$
#variable_conflict use_column
declare
  v_limit int := least(coalesce(limits, 100), 1500);
  v_offset int := greatest(coalesce(offsets, 0), 0);
  -- What names must start with, and how much of them is the listed folder.
  v_match text := coalesce(prefix, '') || coalesce(search, '');
  v_folder_len int := length(coalesce(prefix, ''));
  v_asc boolean := lower(coalesce(sortorder, 'asc')) <> 'desc';
  v_column text := case lower(coalesce(sortcolumn, 'name'))
    when 'updated_at' then 'updated_at'
    when 'created_at' then 'created_at'
    when 'last_accessed_at' then 'last_accessed_at'
    else 'name' end;
  -- Path-token positions for the date-sorted listing: first token below the
  -- prefix, and the depth of prefix || search.
  v_first int := coalesce(array_length(string_to_array(coalesce(prefix, ''), '/'), 1), 1);
  v_depth int := coalesce(array_length(string_to_array(v_match, '/'), 1), 1);
begin
  if v_column = 'name' then
    return query
    with candidates as (
      -- Objects under prefix || search (case-insensitive), with the position of
      -- the first "/" after it: 0 for a file at this level, else a folder.
      select o.name as full_name, o.id as obj_id, o.updated_at as upd, o.created_at as crt,
             o.last_accessed_at as acc, o.metadata as meta,
             strpos(substr(o.name, length(v_match) + 1), '/') as slash
        from storage.objects o
       where o.bucket_id = bucketname
         and lower(left(o.name, length(v_match))) = lower(v_match)
    ), entries as (
      select substr(c.full_name, v_folder_len + 1) as entry_name, c.obj_id, c.upd, c.crt, c.acc, c.meta,
             lower(c.full_name) as sort_key
        from candidates c
       where c.slash = 0
      union all
      -- One entry per folder, named after its first object in listing order;
      -- it sorts where its objects would (its lowercased path with the slash).
      (select distinct on (lower(left(c.full_name, length(v_match) + c.slash)))
             substr(rtrim(left(c.full_name, length(v_match) + c.slash), '/'), v_folder_len + 1),
             null::uuid, null::timestamptz, null::timestamptz, null::timestamptz, null::jsonb,
             lower(left(c.full_name, length(v_match) + c.slash))
        from candidates c
       where c.slash > 0
       order by lower(left(c.full_name, length(v_match) + c.slash)),
                case when v_asc then lower(c.full_name) end collate "C" asc,
                case when not v_asc then lower(c.full_name) end collate "C" desc)
    )
    select e.entry_name, e.obj_id, e.upd, e.crt, e.acc, e.meta
      from entries e
     order by case when v_asc then e.sort_key end collate "C" asc,
              case when not v_asc then e.sort_key end collate "C" desc,
              e.entry_name collate "C"
    offset v_offset
     limit v_limit;
    return;
  end if;

  -- Sorted by a date: folders first (by name, in the requested order), then
  -- the files at this depth by that date. `ilike` as hosted (so % and _ in a
  -- prefix act as wildcards there too).
  return query
  select r.entry_name, r.obj_id, r.upd, r.crt, r.acc, r.meta
    from (
      select f.folder as entry_name, null::uuid as obj_id, null::timestamptz as upd, null::timestamptz as crt,
             null::timestamptz as acc, null::jsonb as meta, 0 as kind, f.folder as folder_key,
             null::timestamptz as date_key
        from (select distinct array_to_string(o.path_tokens[v_first:v_depth], '/') as folder
                from storage.objects o
               where o.bucket_id = bucketname
                 and o.name ilike v_match || '%'
                 and array_length(o.path_tokens, 1) <> v_depth) f
      union all
      select array_to_string(o.path_tokens[v_first:v_depth], '/'), o.id, o.updated_at, o.created_at,
             o.last_accessed_at, o.metadata, 1, null,
             case v_column when 'updated_at' then o.updated_at when 'created_at' then o.created_at
                           else o.last_accessed_at end
        from storage.objects o
       where o.bucket_id = bucketname
         and o.name ilike v_match || '%'
         and array_length(o.path_tokens, 1) = v_depth
    ) r
   order by r.kind,
            case when v_asc then r.folder_key end asc,
            case when not v_asc then r.folder_key end desc,
            case when v_asc then r.date_key end asc,
            case when not v_asc then r.date_key end desc
  offset v_offset
   limit v_limit;
end
$$;

grant execute on function storage.search(text, text, int, int, text, text, text) to public;
