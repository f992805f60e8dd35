import { XIcon } from '~/components/icons.tsx'
import { useEffect, useRef } from 'react'
import type * as React from 'react'
import { Link, useNavigate, useOutlet } from 'react-router'
import { cn } from '~/lib/utils.ts'

/**
 * A sheet that is a route: rendered on the server (it works without
 * JavaScript and on a direct link), closed by a link back to `closeTo`.
 * On a phone it is simply the page (the parent hides its own content, see
 * `useHasChild`), scrolling with the document; from `md` up, a right-hand
 * panel over the list. Escape closes; focus moves into the panel.
 */
function SidePanel({
  title,
  description,
  closeTo,
  children,
  className,
}: {
  title: React.ReactNode
  description?: React.ReactNode
  closeTo: string
  children: React.ReactNode
  className?: string
}) {
  const navigate = useNavigate()
  const panel = useRef<HTMLDivElement>(null)
  useEffect(() => {
    panel.current?.focus({ preventScroll: true })
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') navigate(closeTo, { preventScrollReset: true })
    }
    document.addEventListener('keydown', onKey)
    // From md up, the page behind does not scroll while the panel is open.
    const overflow = document.body.style.overflow
    if (window.matchMedia('(min-width: 768px)').matches) document.body.style.overflow = 'hidden'
    return () => {
      document.removeEventListener('keydown', onKey)
      document.body.style.overflow = overflow
    }
  }, [closeTo, navigate])
  return (
    <div
      data-slot="side-panel"
      className="max-md:-mx-4 max-md:-mt-6 md:fixed md:inset-0 md:z-50 md:flex md:justify-end"
    >
      <Link
        to={closeTo}
        preventScrollReset
        aria-label="Fermer"
        tabIndex={-1}
        className="absolute inset-0 hidden bg-black/40 md:block"
      />
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-labelledby="side-panel-title"
        tabIndex={-1}
        className={cn(
          'relative flex w-full flex-col bg-background outline-none md:h-full md:max-w-xl md:overflow-y-auto md:border-l md:shadow-xl',
          className,
        )}
      >
        <header className="z-10 flex items-start justify-between gap-3 border-b bg-background/95 px-5 py-4 backdrop-blur md:sticky md:top-0">
          <div className="flex min-w-0 flex-col gap-1">
            <h2 id="side-panel-title" className="text-lg leading-snug font-semibold">
              {title}
            </h2>
            {description && <div className="text-sm text-muted-foreground">{description}</div>}
          </div>
          <Link
            to={closeTo}
            preventScrollReset
            className="-mr-2 rounded-md p-2 text-muted-foreground hover:bg-accent hover:text-foreground"
          >
            <XIcon className="size-5" aria-hidden="true" />
            <span className="sr-only">Fermer</span>
          </Link>
        </header>
        <div className="flex flex-1 flex-col gap-6 px-5 py-5">{children}</div>
      </div>
    </div>
  )
}

/**
 * For the parent route of a panel: true when a child route (the panel) is
 * open, so the parent can hide its own content on phones.
 */
function useHasChild(): boolean {
  return useOutlet() !== null
}

export { SidePanel, useHasChild }
