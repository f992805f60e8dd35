// /dashboard and /projet loaders, in workerd, against the local stack, and
// the dashboard's one-request budget (every client page's round trips: client-loader-budget.test.ts).
import { describe, expect, it } from 'vitest'
import { loader as dashboardLoader } from '~/routes/_client.dashboard.tsx'
import { loader as projectLoader } from '~/routes/_client.projet.tsx'
import {
  ACME,
  countSupabaseRequests,
  ADMIN,
  APP,
  BAOBAB,
  buildContext,
  callLoader,
  clientVisibleTaskCount,
  IDS,
  projectCookie,
  projectIdsOf,
  sessionCookie,
} from './client-support.ts'

async function dashboardWithCookie(email: string, cookie: string) {
  const request = new Request(`${APP}/dashboard`, { headers: { Cookie: `${await sessionCookie(email)}; ${cookie}` } })
  return dashboardLoader({ request, context: buildContext(request), params: {} } as never)
}

describe('dashboard loader', () => {
  it('gives ACME its active project, milestones, open tasks, documents and the invoice due', async () => {
    const { status, data } = await callLoader(dashboardLoader, { as: ACME, path: '/dashboard' })
    expect(status).toBe(200)
    expect(data.firstName).toBe('Aïcha')
    const d = data.dashboard
    expect(d.project).toMatchObject({ id: IDS.acmeProject, title: 'Boutique en ligne ACME' })
    expect(d.milestones.total).toBe(5)
    expect(d.milestones.next.length).toBeGreaterThan(0)
    expect(d.open_tasks.items.every((t: { status: string }) => t.status !== 'done')).toBe(true)
    // Internal task and internal document never reach the client.
    expect(JSON.stringify(d)).not.toContain('Tests de charge')
    expect(JSON.stringify(d)).not.toContain('notes-internes')
    expect(d.invoice_due).not.toBeNull()
    expect(Number(d.invoice_due.balance_due)).toBeGreaterThan(0)
  })

  it('follows the project switcher, and ignores a project of another company', async () => {
    const draft = await dashboardWithCookie(ACME, projectCookie(IDS.acmeDraftProject))
    expect(draft.dashboard.project?.id).toBe(IDS.acmeDraftProject)
    // Baobab forcing ACME's project id: falls back to its own project, nothing of ACME.
    const forced = await dashboardWithCookie(BAOBAB, projectCookie(IDS.acmeProject))
    expect(await projectIdsOf(IDS.baobabClient)).toContain(forced.dashboard.project?.id)
    expect(JSON.stringify(forced)).not.toContain('ACME')
  })

  it('sends anonymous visitors to the login page and admins to the back office', async () => {
    const anonymous = await callLoader(dashboardLoader, { as: null, path: '/dashboard' })
    expect(anonymous.status).toBe(302)
    expect(anonymous.location).toMatch(/^\/connexion\?redirectTo=%2Fdashboard/)
    const admin = await callLoader(dashboardLoader, { as: ADMIN, path: '/dashboard' })
    expect(admin.status).toBe(302)
    expect(admin.location).toBe('/admin')
  })
})

describe('project loader', () => {
  it('gives KPIs, the NOURX team and milestones with deliverables', async () => {
    const { status, data } = await callLoader(projectLoader, { as: ACME, path: '/projet', project: IDS.acmeProject })
    expect(status).toBe(200)
    const p = data.project
    expect(p.title).toBe('Boutique en ligne ACME')
    expect(p.team).toEqual([expect.objectContaining({ role: 'Chef de projet', email: 'admin@nourx.test' })])
    expect(p.milestones.map((m: { position: number }) => m.position)).toEqual([1, 2, 3, 4, 5])
    expect(p.milestones[0].deliverables).toContain('Cahier des charges')
    // Invoiced/paid are sums of issued invoices as integer strings (XOF).
    expect(p.invoiced).toMatch(/^\d+$/)
    expect(BigInt(p.paid)).toBeLessThanOrEqual(BigInt(p.invoiced))
    // Only client-visible tasks are counted.
    expect(p.tasks.total).toBe(await clientVisibleTaskCount(IDS.acmeProject))
    expect(p.tasks.total).toBeGreaterThanOrEqual(15) // the seed's client-visible tasks
  })

  it('never shows another company’s project', async () => {
    const request = new Request(`${APP}/projet`, {
      headers: { Cookie: `${await sessionCookie(BAOBAB)}; ${projectCookie(IDS.acmeProject)}` },
    })
    const data = await projectLoader({ request, context: buildContext(request), params: {} } as never)
    expect(await projectIdsOf(IDS.baobabClient)).toContain(data.project?.id)
    expect(JSON.stringify(data)).not.toContain('ACME')
  })
})

describe('round-trip budget of the loaders (REST and Storage requests to Supabase)', () => {
  it('dashboard: exactly one request, the client_dashboard RPC', async () => {
    await sessionCookie(ACME)
    const { result, calls } = await countSupabaseRequests(() =>
      callLoader(dashboardLoader, { as: ACME, path: '/dashboard' }),
    )
    expect(result.status).toBe(200)
    expect(calls.map((c) => c.url.split('?')[0])).toEqual(['/rest/v1/rpc/client_dashboard'])
  })
})
