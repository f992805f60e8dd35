import { Outlet, useLoaderData, useRouteLoaderData } from 'react-router'
import { describeError, ErrorPage, ErrorPanel } from '~/components/error-page.tsx'
import { AppShell } from '~/components/shell/app-shell.tsx'
import { ADMIN_NAV } from '~/components/shell/nav-admin.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getShellProfile } from '~/lib/profile.server.ts'
import type { Route } from './+types/admin'

/**
 * Layout of the back office (/admin/*). A signed-in client gets the 403 page;
 * an anonymous visitor goes to /connexion. The middleware covers every
 * route below, actions and resource routes included.
 */
export const middleware: Route.MiddlewareFunction[] = [
  async ({ request, context }, next) => {
    await requireAdmin({ request, context })
    return next()
  },
]

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireAdmin({ request, context })
  return { user: await getShellProfile(context, user) }
}

export default function AdminLayout() {
  const { user } = useLoaderData<typeof loader>()
  return (
    <AppShell area="admin" nav={ADMIN_NAV} user={user} settingsHref="/admin/parametres">
      <Outlet />
    </AppShell>
  )
}

/**
 * Errors of the pages below render inside the shell when the layout itself
 * loaded (a 404 on a task keeps the navigation); otherwise a full page.
 */
export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const layout = useRouteLoaderData<typeof loader>('routes/admin')
  const { status, message } = describeError(error)
  if (!layout) return <ErrorPage status={status} message={message} />
  return (
    <AppShell area="admin" nav={ADMIN_NAV} user={layout.user} settingsHref="/admin/parametres">
      <ErrorPanel status={status} message={message} />
    </AppShell>
  )
}
