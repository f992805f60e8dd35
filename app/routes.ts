import type { RouteConfig } from '@react-router/dev/routes'
import { flatRoutes } from '@react-router/fs-routes'

// File-system routes, React Router's flat-file convention (see
// docs/decisions/0002-routing-convention.md). `npx react-router routes`
// prints the resulting tree. Files next to routes that are not routes:
// `*.server.ts`, `*.test.*`, and anything in a `+`-prefixed folder.
export default flatRoutes({
  ignoredRouteFiles: ['**/*.server.{ts,tsx}', '**/*.test.{ts,tsx}', '**/+*/**', '**/.*'],
}) satisfies RouteConfig
