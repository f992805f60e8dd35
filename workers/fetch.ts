// The `fetch` handler around React Router. Order matters:
//   1. configuration validated (a broken env gets a page naming the variable);
//   2. the CinetPay webhook, dispatched before anything session- or
//      browser-related (issue 7 fills workers/webhooks/cinetpay.ts);
//   3. the Origin check on every non-GET request (CSRF);
//   4. React Router, with the validated env and this response's CSP nonce in
//      its context;
//   5. security headers on whatever comes out, errors included.
import { RouterContextProvider } from 'react-router'
import { requestContext } from '../app/lib/context.server.ts'
import { envErrorResponse, parseEnv, type AppEnv } from '../app/lib/env.server.ts'
import {
  checkRequestOrigin,
  createNonce,
  forbiddenOriginResponse,
  withSecurityHeaders,
} from '../app/lib/security.server.ts'
import { CINETPAY_WEBHOOK_PATH, handleCinetPayWebhook } from './webhooks/cinetpay.ts'

export type RequestHandler = (request: Request, context: RouterContextProvider) => Promise<Response>

export interface FetchHandlerOptions {
  handleRequest: RequestHandler
  /** Vite dev server (HMR websocket allowed by the CSP). */
  isDev: boolean
  webhooks?: {
    cinetpay?: typeof handleCinetPayWebhook
  }
  /** Reports an unexpected error (Sentry in production). */
  reportError?: (error: unknown) => void
}

const INTERNAL_ERROR_HTML = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Erreur — NOURX</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#111}</style></head>
<body><h1>Une erreur est survenue</h1><p>Un problème inattendu nous empêche d’afficher cette page. Réessayez dans un instant ; si le problème persiste, contactez NOURX.</p><p><a href="/">Retour à l’accueil</a></p></body></html>`

export function createFetchHandler(options: FetchHandlerOptions) {
  const cinetpay = options.webhooks?.cinetpay ?? handleCinetPayWebhook

  return async function fetch(request: Request, bindings: Env, executionContext: ExecutionContext): Promise<Response> {
    const parsed = parseEnv(bindings as unknown as Record<string, unknown>)
    if (!parsed.ok) {
      console.error(`[config] variables invalides : ${parsed.problems.map((p) => p.variable).join(', ')}`)
      return envErrorResponse(parsed.problems)
    }
    const env: AppEnv = parsed.env
    const nonce = createNonce()
    const secure = (response: Response) => withSecurityHeaders(response, { nonce, isDev: options.isDev, env })

    const url = new URL(request.url)
    try {
      if (url.pathname === CINETPAY_WEBHOOK_PATH) {
        return secure(await cinetpay(request, { env, bindings, executionContext }))
      }

      const origin = checkRequestOrigin(request, env.APP_URL)
      if (!origin.ok) {
        console.warn(`[csrf] ${request.method} ${url.pathname} refusé (${origin.reason})`)
        return secure(forbiddenOriginResponse())
      }

      const context = new RouterContextProvider()
      context.set(requestContext, { env, bindings, executionContext, nonce })
      return secure(await options.handleRequest(request, context))
    } catch (error) {
      console.error(`[fetch] ${request.method} ${url.pathname} a échoué :`, error)
      options.reportError?.(error)
      return secure(
        new Response(INTERNAL_ERROR_HTML, {
          status: 500,
          headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
        }),
      )
    }
  }
}
