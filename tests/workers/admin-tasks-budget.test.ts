// Round-trip budget of the back-office pages of this half of issue 6 (tasks,
// tickets, invoices & quotes): every loader makes at most two sequential
// rounds of requests to Supabase's REST/Storage APIs (parallel requests
// count once), measured in workerd against the local stack.
import { describe, expect, it } from 'vitest'
import { loader as quoteLoader } from '~/routes/admin.factures-devis.devis.$id.tsx'
import { loader as invoiceLoader } from '~/routes/admin.factures-devis.factures.$id.tsx'
import { loader as billingListLoader } from '~/routes/admin.factures-devis._index.tsx'
import { loader as newDocumentLoader } from '~/routes/admin.factures-devis.nouveau.tsx'
import { loader as ticketLoader } from '~/routes/admin.reclamations.$id.tsx'
import { loader as inboxLoader } from '~/routes/admin.reclamations._index.tsx'
import { loader as taskLoader } from '~/routes/admin.taches.$id.tsx'
import { loader as boardLoader } from '~/routes/admin.taches._index.tsx'
import { loader as newTaskLoader } from '~/routes/admin.taches.nouvelle.tsx'
import { ADMIN, callLoader, sessionCookie } from './admin-support.ts'
import { countSupabaseRequests } from './client-support.ts'

const INVOICE = '80000000-0000-4000-8000-000000000001'
const QUOTE = '70000000-0000-4000-8000-000000000001'
const TICKET = '90000000-0000-4000-8000-000000000002'
const TASK = '50000000-0000-4000-8000-000000000011'

describe('admin loaders (tasks, tickets, billing)', () => {
  it('make at most two sequential round trips to Supabase', async () => {
    await sessionCookie(ADMIN)
    const cases: [unknown, string, Record<string, string>][] = [
      [boardLoader, '/admin/taches', {}],
      [boardLoader, '/admin/taches?vue=liste&priorite=high', {}],
      [newTaskLoader, '/admin/taches/nouvelle', {}],
      [taskLoader, `/admin/taches/${TASK}`, { id: TASK }],
      [inboxLoader, '/admin/reclamations', {}],
      [ticketLoader, `/admin/reclamations/${TICKET}`, { id: TICKET }],
      [billingListLoader, '/admin/factures-devis', {}],
      [billingListLoader, '/admin/factures-devis?type=devis', {}],
      [newDocumentLoader, '/admin/factures-devis/nouveau?type=facture', {}],
      [invoiceLoader, `/admin/factures-devis/factures/${INVOICE}`, { id: INVOICE }],
      [quoteLoader, `/admin/factures-devis/devis/${QUOTE}`, { id: QUOTE }],
    ]
    for (const [loader, path, params] of cases) {
      const { result, sequential, calls } = await countSupabaseRequests(() => callLoader(loader as never, { as: ADMIN, path, params }))
      expect(result.status, path).toBe(200)
      expect(calls.length, path).toBeGreaterThan(0)
      expect(sequential, `${path} : ${calls.map((c) => c.url.split('?')[0]).join(', ')}`).toBeLessThanOrEqual(2)
    }
  })
})
