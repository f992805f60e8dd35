// The error page and panel of the client portal's error boundaries, loaded
// only when an error is shown: every page of the portal carries its error
// boundaries, and the first-load budget is tight
// (docs/decisions/007-client-bundle-budget.md). The server renders them in
// full (the lazy module resolves during the streamed render); the browser
// hydrates them once their small chunk has arrived.
import { lazy, Suspense } from 'react'
import type { ErrorPage as ErrorPageType, ErrorPanel as ErrorPanelType } from './error-page.tsx'

const load = () => import('./error-page.tsx')
const Page = lazy(() => load().then((m) => ({ default: m.ErrorPage })))
const Panel = lazy(() => load().then((m) => ({ default: m.ErrorPanel })))

export function LazyErrorPage(props: React.ComponentProps<typeof ErrorPageType>) {
  return (
    <Suspense fallback={null}>
      <Page {...props} />
    </Suspense>
  )
}

export function LazyErrorPanel(props: React.ComponentProps<typeof ErrorPanelType>) {
  return (
    <Suspense fallback={null}>
      <Panel {...props} />
    </Suspense>
  )
}
