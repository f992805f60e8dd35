// Building blocks of the back office's lists: the search box, filters, sort
// headers and pagination all read and write the URL (GET forms and links),
// so the server does the searching and a list can be bookmarked or shared.
import { ArrowDownIcon, ArrowUpDownIcon, ArrowUpIcon, ChevronLeftIcon, ChevronRightIcon, SearchIcon } from 'lucide-react'
import { useEffect, useRef } from 'react'
import { Form, Link, useLocation, useNavigation, useSubmit } from 'react-router'
import { Input } from '~/components/ui/input.tsx'
import { NativeSelect } from '~/components/ui/native-select.tsx'
import { PAGE_SIZE, withParams } from '~/lib/admin/list.ts'
import { cn } from '~/lib/utils.ts'

export interface FilterDef {
  name: string
  label: string
  options: { value: string; label: string }[]
  /** Text of the empty choice; "<label> : tous" by default. */
  emptyLabel?: string
}

/**
 * Search (submitted as you type, debounced) and filter selects (submitted on
 * change). Sort and direction are carried along; the page resets.
 */
export function ListToolbar({
  placeholder,
  filters = [],
  children,
}: {
  placeholder: string
  filters?: FilterDef[]
  children?: React.ReactNode
}) {
  const location = useLocation()
  const params = new URLSearchParams(location.search)
  const submit = useSubmit()
  const formRef = useRef<HTMLFormElement>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), [])

  const submitNow = (replace: boolean) => {
    if (formRef.current) submit(formRef.current, { replace, preventScrollReset: true })
  }

  return (
    <Form
      ref={formRef}
      method="get"
      role="search"
      className="mb-4 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-center"
    >
      {params.get('sort') && !filters.some((f) => f.name === 'sort') && <input type="hidden" name="sort" value={params.get('sort') ?? ''} />}
      {params.get('dir') && !filters.some((f) => f.name === 'sort') && <input type="hidden" name="dir" value={params.get('dir') ?? ''} />}
      <div className="relative sm:w-72">
        <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
        <Input
          type="search"
          name="q"
          aria-label="Rechercher"
          placeholder={placeholder}
          defaultValue={params.get('q') ?? ''}
          className="pl-9"
          onChange={() => {
            if (timer.current) clearTimeout(timer.current)
            timer.current = setTimeout(() => submitNow(true), 300)
          }}
        />
      </div>
      {filters.map((filter) => (
        <NativeSelect
          key={filter.name}
          name={filter.name}
          aria-label={filter.label}
          defaultValue={params.get(filter.name) ?? ''}
          className="sm:w-48"
          onChange={() => submitNow(false)}
        >
          <option value="">{filter.emptyLabel ?? `${filter.label} : tous`}</option>
          {filter.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </NativeSelect>
      ))}
      <noscript>
        <button type="submit" className="h-10 rounded-md border px-3 text-sm">
          Filtrer
        </button>
      </noscript>
      {children && <div className="flex gap-2 sm:ml-auto">{children}</div>}
    </Form>
  )
}

/** A column header that sorts the list (asc → desc → asc). */
export function SortHeader({ label, column, className }: { label: string; column: string; className?: string }) {
  const location = useLocation()
  const params = new URLSearchParams(location.search)
  const active = params.get('sort') === column
  const dir = params.get('dir') === 'desc' ? 'desc' : 'asc'
  const next = active && dir === 'asc' ? 'desc' : 'asc'
  const Icon = !active ? ArrowUpDownIcon : dir === 'asc' ? ArrowUpIcon : ArrowDownIcon
  return (
    <Link
      to={withParams(location.search, { sort: column, dir: next })}
      preventScrollReset
      className={cn('inline-flex items-center gap-1 hover:text-foreground', active && 'text-foreground', className)}
      aria-label={`Trier par ${label.toLowerCase()}`}
    >
      {label}
      <Icon className="size-3.5" aria-hidden="true" />
    </Link>
  )
}

/** "21–40 sur 57" with previous/next links; nothing when one page holds it all. */
export function Pagination({ page, total, pageSize = PAGE_SIZE }: { page: number; total: number; pageSize?: number }) {
  const location = useLocation()
  const pages = Math.max(1, Math.ceil(total / pageSize))
  if (total === 0) return null
  const from = (page - 1) * pageSize + 1
  const to = Math.min(total, page * pageSize)
  const linkClass =
    'inline-flex h-8 items-center gap-1 rounded-md border px-2.5 text-sm hover:bg-accent aria-disabled:pointer-events-none aria-disabled:opacity-40'
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between gap-4 text-sm text-muted-foreground">
      <span>
        {from}–{to} sur {total}
      </span>
      {pages > 1 && (
        <div className="flex gap-2">
          <Link
            to={withParams(location.search, { page: page - 1 > 1 ? page - 1 : null })}
            aria-disabled={page <= 1}
            className={linkClass}
            preventScrollReset
          >
            <ChevronLeftIcon className="size-4" aria-hidden="true" /> Précédente
          </Link>
          <Link
            to={withParams(location.search, { page: page + 1 })}
            aria-disabled={page >= pages}
            className={linkClass}
            preventScrollReset
          >
            Suivante <ChevronRightIcon className="size-4" aria-hidden="true" />
          </Link>
        </div>
      )}
    </nav>
  )
}

/** Dims the list while a new page of results loads (keeps the layout, no jump). */
export function ListBusy({ children }: { children: React.ReactNode }) {
  const navigation = useNavigation()
  const location = useLocation()
  const busy = navigation.state === 'loading' && navigation.location?.pathname === location.pathname
  return (
    <div aria-busy={busy} className={cn('transition-opacity', busy && 'opacity-50')}>
      {children}
    </div>
  )
}
