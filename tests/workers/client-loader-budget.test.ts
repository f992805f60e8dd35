// Supabase round-trip budget of every client portal page (issue 5: at most 2
// sequential round trips per loader), in workerd against the local stack.
//
// A document request runs the `_client` layout loader and the page loader at
// the same time, so each is measured on its own and both must hold the budget.
// Each measurement is also printed as a `LOADER_BUDGET {json}` line, which
// `npm run bench:bundle` collects to print its per-route table.
import { describe, expect, it } from 'vitest'
import { loader as layoutLoader } from '~/routes/_client.tsx'
import { loader as dashboardLoader } from '~/routes/_client.dashboard.tsx'
import { loader as projectLoader } from '~/routes/_client.projet.tsx'
import { loader as roadmapLoader } from '~/routes/_client.feuille-de-route.tsx'
import { loader as tasksLoader } from '~/routes/_client.taches._index.tsx'
import { loader as taskLoader } from '~/routes/_client.taches.$id.tsx'
import { loader as billingLoader } from '~/routes/_client.factures-devis._index.tsx'
import { loader as invoiceLoader } from '~/routes/_client.factures-devis.$id._index.tsx'
import { loader as quoteLoader } from '~/routes/_client.factures-devis.devis.$id.tsx'
import { loader as documentsLoader } from '~/routes/_client.documents._index.tsx'
import { loader as documentLoader } from '~/routes/_client.documents.$id.tsx'
import { loader as ticketsLoader } from '~/routes/_client.reclamations._index.tsx'
import { loader as newTicketLoader } from '~/routes/_client.reclamations.nouvelle.tsx'
import { loader as ticketLoader } from '~/routes/_client.reclamations.$id.tsx'
import { loader as settingsLoader } from '~/routes/_client.parametres.tsx'
import { ACME, callLoader, countSupabaseRequests, IDS, sessionCookie } from './client-support.ts'

const INVOICE = '80000000-0000-4000-8000-000000000002'
const QUOTE = '70000000-0000-4000-8000-000000000001'
const TICKET = '90000000-0000-4000-8000-000000000002'
const DOCUMENT = '60000000-0000-4000-8000-000000000001'

type Loader = (args: never) => unknown
const PAGES: [route: string, loader: Loader, path: string, params: Record<string, string>][] = [
  ['/dashboard', dashboardLoader, '/dashboard', {}],
  ['/projet', projectLoader, '/projet', {}],
  ['/feuille-de-route', roadmapLoader, '/feuille-de-route', {}],
  ['/taches', tasksLoader, '/taches', {}],
  ['/taches/:id', taskLoader, `/taches/${IDS.acmeTask}`, { id: IDS.acmeTask }],
  ['/factures-devis', billingLoader, '/factures-devis', {}],
  ['/factures-devis/:id', invoiceLoader, `/factures-devis/${INVOICE}`, { id: INVOICE }],
  ['/factures-devis/devis/:id', quoteLoader, `/factures-devis/devis/${QUOTE}`, { id: QUOTE }],
  ['/documents', documentsLoader, '/documents', {}],
  ['/documents/:id', documentLoader, `/documents/${DOCUMENT}`, { id: DOCUMENT }],
  ['/reclamations', ticketsLoader, '/reclamations', {}],
  ['/reclamations/nouvelle', newTicketLoader, '/reclamations/nouvelle', {}],
  ['/reclamations/:id', ticketLoader, `/reclamations/${TICKET}`, { id: TICKET }],
  ['/parametres', settingsLoader, '/parametres', {}],
]

async function measure(route: string, loader: Loader, path: string, params: Record<string, string>) {
  // The session cookie is minted before counting: signing in is not the page's cost.
  await sessionCookie(ACME)
  const { result, calls, sequential } = await countSupabaseRequests(() =>
    callLoader(loader as never, { as: ACME, path, params, project: IDS.acmeProject }),
  )
  console.log(`LOADER_BUDGET ${JSON.stringify({ route, requests: calls.length, sequential, status: result.status })}`)
  return { result, calls, sequential }
}

describe('Supabase round trips of the client portal loaders (budget: 2 sequential)', () => {
  it('the _client layout loader (runs with every page)', async () => {
    const { result, calls, sequential } = await measure('(layout _client)', layoutLoader, '/dashboard', {})
    expect(result.status).toBe(200)
    expect(calls.length).toBeGreaterThanOrEqual(1)
    expect(sequential, calls.map((c) => c.url).join(', ')).toBeLessThanOrEqual(2)
  })

  it.each(PAGES)('%s', async (route, loader, path, params) => {
    const { result, calls, sequential } = await measure(route, loader, path, params)
    expect(result.status, route).toBe(200)
    expect(calls.length, route).toBeGreaterThanOrEqual(1)
    expect(sequential, `${route}: ${calls.map((c) => c.url).join(', ')}`).toBeLessThanOrEqual(2)
  })
})
