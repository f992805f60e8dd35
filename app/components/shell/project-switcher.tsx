import { useEffect, useState } from 'react'
import { Form, useLocation } from 'react-router'
import { cn } from '~/lib/utils.ts'

export interface SwitcherProject {
  id: string
  title: string
}

/**
 * A native <select> in a form posting to /api/projet-courant: submits on
 * change with JavaScript, through its own button without. Shown only when
 * the client has several projects; one project is simply named.
 */
export function ProjectSwitcher({
  projects,
  currentId,
  className,
  compact = false,
}: {
  projects: SwitcherProject[]
  currentId: string | null
  className?: string
  compact?: boolean
}) {
  const location = useLocation()
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])

  if (projects.length === 0) {
    return <p className={cn('truncate text-sm text-muted-foreground', className)}>Aucun projet</p>
  }
  if (projects.length === 1) {
    return (
      <p className={cn('truncate text-sm font-medium', className)} title={projects[0].title}>
        {!compact && <span className="block text-xs font-normal text-muted-foreground">Projet</span>}
        {projects[0].title}
      </p>
    )
  }
  const selectId = compact ? 'projet-courant-mobile' : 'projet-courant'
  return (
    <Form method="post" action="/api/projet-courant" className={cn('flex flex-col gap-1', className)}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <label htmlFor={selectId} className={cn('text-xs text-muted-foreground', compact && 'sr-only')}>
        Projet
      </label>
      <div className="flex gap-2">
        <select
          id={selectId}
          name="projectId"
          defaultValue={currentId ?? undefined}
          key={currentId}
          onChange={(event) => event.currentTarget.form?.requestSubmit()}
          className="h-9 w-full min-w-0 truncate rounded-md border border-input bg-background px-2 text-sm shadow-xs focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/40 focus-visible:outline-none"
        >
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
        {!hydrated && (
          <button type="submit" className="h-9 rounded-md border px-3 text-sm">
            OK
          </button>
        )}
      </div>
    </Form>
  )
}
