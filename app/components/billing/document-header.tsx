import { BackLink } from '~/components/shell/page.tsx'

/** Back link + kind, number, badge and title of a quote or an invoice. */
export function DocumentHeader({
  kind,
  number,
  badge,
  title,
  meta,
  actions,
}: {
  kind: string
  number: string | null
  badge: React.ReactNode
  title: string
  meta: Array<[string, string | null]>
  actions?: React.ReactNode
}) {
  return (
    <header className="mb-6 flex flex-col gap-4">
      <BackLink to="/factures-devis" className="mb-0">
        Factures & devis
      </BackLink>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex min-w-0 flex-col gap-2">
          <div className="flex flex-wrap items-center gap-2">
            <span className="text-sm text-muted-foreground">{kind}</span>
            <span className="font-medium tabular-nums">{number ?? '—'}</span>
            {badge}
          </div>
          <h1 className="text-2xl font-semibold tracking-tight text-balance">{title}</h1>
          <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
            {meta
              .filter((entry): entry is [string, string] => Boolean(entry[1]))
              .map(([label, value]) => (
                <div key={label} className="flex gap-1.5">
                  <dt className="text-muted-foreground">{label} :</dt>
                  <dd>{value}</dd>
                </div>
              ))}
          </dl>
        </div>
        {actions && <div className="flex shrink-0 flex-wrap gap-2">{actions}</div>}
      </div>
    </header>
  )
}
