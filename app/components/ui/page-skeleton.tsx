import { cn } from '~/lib/utils.ts'
import { Skeleton } from './skeleton.tsx'

/**
 * Placeholder of a portal page while its loader runs: a title, a row of key
 * figures and a list. Meant for the layout (`useNavigation().state ===
 * 'loading'` towards another pathname), so a slow connection shows that
 * something is coming instead of the previous page.
 */
function PageSkeleton({ className, rows = 5 }: { className?: string; rows?: number }) {
  return (
    <div data-slot="page-skeleton" role="status" aria-label="Chargement de la page" className={cn('flex flex-col gap-6', className)}>
      <div className="flex flex-col gap-2">
        <Skeleton className="h-7 w-56" />
        <Skeleton className="h-4 w-72 max-w-full" />
      </div>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-20 rounded-xl" />
        ))}
      </div>
      <div className="flex flex-col gap-2 rounded-xl border p-4">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="flex items-center gap-3 py-1.5">
            <Skeleton className="size-5 shrink-0 rounded-full" />
            <div className="flex flex-1 flex-col gap-1.5">
              <Skeleton className="h-4 w-3/5" />
              <Skeleton className="h-3 w-2/5" />
            </div>
          </div>
        ))}
      </div>
    </div>
  )
}

export { PageSkeleton }
