// Test entry of the Worker: the real fetch pipeline (env, webhook seam, CSRF,
// security headers) and the real queue router, with a tiny stand-in for the
// React Router handler, which only exists under its Vite plugin. The real
// `scheduled` handler (daily invoice reminders) too.
import { createFetchHandler } from '../../../workers/fetch.ts'
import { createScheduledHandler } from '../../../workers/jobs/invoice-reminders.ts'
import { createQueueHandler } from '../../../workers/queue.ts'
import { getRequestContext } from '../../../app/lib/context.server.ts'

export default {
  fetch: createFetchHandler({
    isDev: false,
    handleRequest: async (request, context) => {
      const { nonce } = getRequestContext(context)
      return new Response(`<!doctype html><title>stand-in</title><script nonce="${nonce}"></script>${request.method}`, {
        headers: { 'Content-Type': 'text/html' },
      })
    },
  }),
  queue: createQueueHandler(),
  scheduled: createScheduledHandler(),
} satisfies ExportedHandler<Env>
