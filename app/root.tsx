import { useEffect } from 'react'
import {
  data,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
} from 'react-router'
import type { Route } from './+types/root'
import { LazyErrorPage as ErrorPage } from './components/lazy-error-page.tsx'
import { ToastHost } from './components/toast-host.tsx'
import { getEnv, supabaseContext } from './lib/context.server.ts'
import { readFlash } from './lib/flash.server.ts'
import { describeError } from './lib/describe-error.ts'
import { useNonce } from './lib/nonce.tsx'
import { applyAuthHeaders, createSupabaseServerClient } from './lib/supabase.server.ts'
import stylesheet from './app.css?url'

/**
 * One user-scoped Supabase client per request, for every route below. Its
 * Set-Cookie headers (sign-in, refresh, sign-out) are copied onto whatever
 * response comes back: rendered pages, redirects thrown by guards, data
 * responses and resource routes alike.
 */
export const middleware: Route.MiddlewareFunction[] = [
  async ({ request, context }, next) => {
    const { supabase, headers } = createSupabaseServerClient(request, getEnv(context))
    context.set(supabaseContext, { supabase, headers })
    const response = await next()
    return applyAuthHeaders(response, headers)
  },
]

export const links: Route.LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  // Inline so the icon costs no request (and no file outside app/).
  {
    rel: 'icon',
    type: 'image/svg+xml',
    href: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='7' fill='%230a0a0a'/%3E%3Cpath d='M9 23V9h2.6l7.8 9.6V9H22v14h-2.6L11.6 13.4V23z' fill='%23fff'/%3E%3Crect x='22' y='20' width='3' height='3' fill='%23ea580c'/%3E%3C/svg%3E",
  },
]

export async function loader({ request, context }: Route.LoaderArgs) {
  const { flash, clear } = readFlash(request, getEnv(context))
  return data({ flash }, clear ? { headers: { 'Set-Cookie': clear } } : undefined)
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce()
  // Lets tests (and anyone curious) know that React has taken over the page.
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true'
  }, [])
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        <Links nonce={nonce} />
      </head>
      <body className="min-h-dvh">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  const { flash } = useLoaderData<typeof loader>()
  return (
    <>
      <Outlet />
      <ToastHost flash={flash} />
    </>
  )
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  if (isRouteErrorResponse(error)) {
    const { status, message } = describeError(error)
    return <ErrorPage status={status} message={message} />
  }
  if (import.meta.env.DEV && error instanceof Error) {
    return <ErrorPage status={500} details={error.stack ?? error.message} />
  }
  return <ErrorPage status={500} />
}
