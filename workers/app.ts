// Worker entry: `fetch` serves the app (and the CinetPay webhook), `queue`
// consumes `payment-check`, `scheduled` runs the daily cron (overdue-invoice
// reminders). All wrapped by Sentry, which stays off while SENTRY_DSN is empty.
import * as Sentry from '@sentry/cloudflare'
import { createRequestHandler } from 'react-router'
import { createFetchHandler } from './fetch.ts'
import { createScheduledHandler } from './jobs/invoice-reminders.ts'
import { createQueueHandler } from './queue.ts'
import { sentryOptions } from './sentry.ts'

// Created once per isolate, not per request.
const requestHandler = createRequestHandler(
  () => import('virtual:react-router/server-build'),
  import.meta.env.MODE,
)

const handler = {
  fetch: createFetchHandler({
    handleRequest: (request, context) => requestHandler(request, context),
    isDev: import.meta.env.DEV,
    reportError: (error) => Sentry.captureException(error),
  }),
  queue: createQueueHandler(),
  scheduled: createScheduledHandler(),
} satisfies ExportedHandler<Env>

export default Sentry.withSentry((env: Env) => sentryOptions(env as unknown as Record<string, unknown>), handler)
