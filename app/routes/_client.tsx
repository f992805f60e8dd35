import { lazy, Suspense, useEffect } from 'react'
import { Outlet, useLoaderData, useLocation, useNavigation, useRouteLoaderData } from 'react-router'
import { AppShell } from '~/components/shell/app-shell.tsx'
import { CLIENT_BOTTOM_NAV, CLIENT_NAV } from '~/components/shell/nav-client.ts'
import { ProjectSwitcher } from '~/components/shell/project-switcher.tsx'
import { LazyErrorPage as ErrorPage, LazyErrorPanel as ErrorPanel } from '~/components/lazy-error-page.tsx'
import { describeError } from '~/lib/describe-error.ts'
import { requireClient } from '~/lib/auth.server.ts'
import { getShellProfile } from '~/lib/profile.server.ts'
import { getClientProjects } from '~/lib/projects.server.ts'
import type { Route } from './+types/_client'

/**
 * Pathless layout of the client portal. The middleware guards every route
 * below it (loaders, actions, resource routes) even if one forgets to; each
 * route still calls its own guard, and RLS stays underneath both.
 */
export const middleware: Route.MiddlewareFunction[] = [
  async ({ request, context }, next) => {
    await requireClient({ request, context })
    return next()
  },
]

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireClient({ request, context })
  const [profile, projects] = await Promise.all([
    getShellProfile(context, user),
    getClientProjects(request, context),
  ])
  return {
    user: profile,
    projects: projects.projects.map(({ id, title }) => ({ id, title })),
    currentProjectId: projects.current?.id ?? null,
    projectsFailed: projects.failed,
  }
}

// Shown only while leaving a page, so not part of the first load
// (docs/decisions/007-client-bundle-budget.md): fetched on the first sign of
// intent to follow a link (pointer over it, touch, keyboard focus), like
// the route modules NavLink prefetches, so it is there when the navigation starts.
const loadSkeleton = () => import('~/components/ui/page-skeleton.tsx')
const PageSkeleton = lazy(() => loadSkeleton().then((m) => ({ default: m.PageSkeleton })))

function usePrefetchSkeletonOnIntent() {
  useEffect(() => {
    const events = ['pointerover', 'touchstart', 'focusin'] as const
    const onIntent = (event: Event) => {
      if (!(event.target instanceof Element) || !event.target.closest('a[href]')) return
      for (const type of events) document.removeEventListener(type, onIntent, true)
      void loadSkeleton().catch(() => {})
    }
    for (const type of events) document.addEventListener(type, onIntent, { capture: true, passive: true })
    return () => {
      for (const type of events) document.removeEventListener(type, onIntent, true)
    }
  }, [])
}

export default function ClientLayout() {
  const { user, projects, currentProjectId, projectsFailed } = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const location = useLocation()
  // On a slow mobile connection, show that the next page is coming instead of
  // leaving the previous one on screen. Same-page loads (filters, search)
  // keep the page, which dims its own results.
  const leavingPage = navigation.state === 'loading' && navigation.location.pathname !== location.pathname
  usePrefetchSkeletonOnIntent()
  return (
    <AppShell
      area="client"
      nav={CLIENT_NAV}
      bottomNav={CLIENT_BOTTOM_NAV}
      user={user}
      settingsHref="/parametres"
      context={(placement) =>
        projectsFailed ? (
          <p className="text-sm text-danger" role="alert">
            Vos projets n’ont pas pu être chargés.
          </p>
        ) : (
          <ProjectSwitcher projects={projects} currentId={currentProjectId} compact={placement === 'topbar'} />
        )
      }
    >
      {leavingPage ? (
        <Suspense fallback={null}>
          <PageSkeleton />
        </Suspense>
      ) : (
        <Outlet />
      )}
    </AppShell>
  )
}

/**
 * Errors of the pages below render inside the shell when the layout itself
 * loaded (a 404 on a task keeps the navigation); otherwise a full page.
 */
export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const layout = useRouteLoaderData<typeof loader>('routes/_client')
  const { status, message } = describeError(error)
  if (!layout) return <ErrorPage status={status} message={message} />
  return (
    <AppShell area="client" nav={CLIENT_NAV} bottomNav={CLIENT_BOTTOM_NAV} user={layout.user} settingsHref="/parametres">
      <ErrorPanel status={status} message={message} />
    </AppShell>
  )
}
