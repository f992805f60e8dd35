// List state kept in the URL (search, filters, sort, page): a list can be
// bookmarked, shared, reloaded and navigated back to exactly as it was.
// Isomorphic: loaders parse it, components build links from it.

export const PAGE_SIZE = 20

export interface ListParams<S extends string> {
  q: string
  sort: S
  dir: 'asc' | 'desc'
  page: number
  /** Other query parameters (filters), as given. */
  filters: Record<string, string>
}

/**
 * Reads ?q=&sort=&dir=&page= and the allowed filters. Unknown sort keys fall
 * back to the default, so a hand-edited URL never reaches the database as an
 * arbitrary column name.
 */
export function parseListParams<S extends string>(
  url: URL,
  options: { sorts: readonly S[]; defaultSort: S; defaultDir?: 'asc' | 'desc'; filters?: readonly string[] },
): ListParams<S> {
  const p = url.searchParams
  const sortRaw = p.get('sort') as S | null
  const sort = sortRaw && options.sorts.includes(sortRaw) ? sortRaw : options.defaultSort
  const dirRaw = p.get('dir')
  const dir = dirRaw === 'asc' || dirRaw === 'desc' ? dirRaw : (options.defaultDir ?? 'asc')
  const pageRaw = Number.parseInt(p.get('page') ?? '1', 10)
  const page = Number.isFinite(pageRaw) && pageRaw > 0 ? Math.min(pageRaw, 10_000) : 1
  const filters: Record<string, string> = {}
  for (const name of options.filters ?? []) {
    const value = p.get(name)?.trim()
    if (value) filters[name] = value
  }
  return { q: (p.get('q') ?? '').trim().slice(0, 100), sort, dir, page, filters }
}

/** Range for supabase-js `.range(from, to)` (inclusive). */
export function pageRange(page: number, size = PAGE_SIZE): [number, number] {
  const from = (page - 1) * size
  return [from, from + size - 1]
}

/**
 * Escapes a search term for a PostgREST `ilike` pattern inside `or=(…)`:
 * `%` and `_` are literal, and characters that PostgREST's logic-tree syntax
 * reserves (comma, parentheses) are replaced by the single-char wildcard.
 */
export function ilikeTerm(q: string): string {
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/[,()"]/g, '_')
  return `*${escaped}*`
}

/** The same search string with some parameters changed (null removes one); page resets unless given. */
export function withParams(search: string, changes: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams(search)
  if (!('page' in changes)) params.delete('page')
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') params.delete(key)
    else params.set(key, String(value))
  }
  const text = params.toString()
  return text ? `?${text}` : '?'
}
