import { ArrowLeftIcon, type IconComponent } from '~/components/icons.tsx'
import { Link } from 'react-router'
import { cn } from '~/lib/utils.ts'

/** The way back to the list a detail page was opened from (its filters kept in `to`). */
export function BackLink({ to, children, className }: { to: string; children: React.ReactNode; className?: string }) {
  return (
    <Link
      to={to}
      className={cn('mb-4 inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground', className)}
    >
      <ArrowLeftIcon className="size-4" aria-hidden="true" />
      {children}
    </Link>
  )
}

export function PageHeader({
  title,
  description,
  actions,
  className,
}: {
  title: string
  description?: React.ReactNode
  actions?: React.ReactNode
  className?: string
}) {
  return (
    <div className={cn('mb-6 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between', className)}>
      <div className="flex min-w-0 flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight text-balance">{title}</h1>
        {description && <p className="text-sm text-muted-foreground">{description}</p>}
      </div>
      {actions && <div className="flex shrink-0 gap-2">{actions}</div>}
    </div>
  )
}

/**
 * Says plainly that there is nothing to show. Used by lists with no rows
 * and by sections whose content is not displayed yet: it never suggests
 * data that does not exist.
 */
export function EmptyState({
  icon: Icon,
  title,
  children,
  className,
}: {
  icon?: IconComponent
  title: string
  children?: React.ReactNode
  className?: string
}) {
  return (
    <div
      className={cn(
        'flex flex-col items-center justify-center gap-3 rounded-xl border border-dashed px-6 py-14 text-center',
        className,
      )}
    >
      {Icon && (
        <span className="flex size-11 items-center justify-center rounded-full bg-muted">
          <Icon className="size-5 text-muted-foreground" aria-hidden="true" />
        </span>
      )}
      <h2 className="text-base font-medium">{title}</h2>
      {children && <div className="max-w-md text-sm text-muted-foreground">{children}</div>}
    </div>
  )
}
