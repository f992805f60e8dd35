// A readable diff of one audit entry: one line per changed column, old value
// struck through and new value next to it; long values folded.
import { formatDateTime } from '~/lib/format.ts'
import { cn } from '~/lib/utils.ts'

const HIDDEN = new Set(['id', 'created_at', 'updated_at'])

function show(value: unknown): string {
  if (value === null || value === undefined) return '—'
  if (typeof value === 'boolean') return value ? 'oui' : 'non'
  if (typeof value === 'string') {
    // Timestamps read as dates, in the app's time zone.
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(value)
    return value
  }
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return value.join(', ') || '—'
  return JSON.stringify(value)
}

function Value({ value, kind }: { value: unknown; kind: 'old' | 'new' }) {
  const text = show(value)
  const long = text.length > 120
  const cls = cn('rounded px-1 py-0.5 font-mono text-xs break-all', kind === 'old' ? 'bg-danger-soft text-danger line-through' : 'bg-success-soft text-success')
  if (!long) return <span className={cls}>{text}</span>
  return (
    <details className="inline-block max-w-full align-top">
      <summary className={cn(cls, 'cursor-pointer')}>{text.slice(0, 100)}…</summary>
      <pre className="mt-1 max-h-64 overflow-auto rounded border bg-muted p-2 text-xs whitespace-pre-wrap">{text}</pre>
    </details>
  )
}

export function AuditDiff({ diff, action }: { diff: Record<string, { old?: unknown; new?: unknown }>; action: string }) {
  const keys = Object.keys(diff).filter((k) => action === 'update' || !HIDDEN.has(k))
  if (keys.length === 0) return <span className="text-xs text-muted-foreground">—</span>
  // A creation or deletion lists every column: show the first few, fold the rest.
  if (keys.length > 5 && action !== 'update') {
    return (
      <div className="flex flex-col gap-1">
        <Lines diff={diff} keys={keys.slice(0, 4)} />
        <details>
          <summary className="cursor-pointer text-xs text-muted-foreground hover:text-foreground">{keys.length - 4} autres champs</summary>
          <div className="mt-1">
            <Lines diff={diff} keys={keys.slice(4)} />
          </div>
        </details>
      </div>
    )
  }
  return <Lines diff={diff} keys={keys} />
}

function Lines({ diff, keys }: { diff: Record<string, { old?: unknown; new?: unknown }>; keys: string[] }) {
  return (
    <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
      {keys.map((k) => (
        <div key={k} className="contents">
          <dt className="font-mono text-xs text-muted-foreground">{k}</dt>
          <dd className="flex flex-wrap items-center gap-1">
            {'old' in diff[k] && <Value value={diff[k].old} kind="old" />}
            {'old' in diff[k] && 'new' in diff[k] && <span aria-hidden="true">→</span>}
            {'new' in diff[k] && <Value value={diff[k].new} kind="new" />}
          </dd>
        </div>
      ))}
    </dl>
  )
}
