// Online payment end to end (issue 7), on the whole local stack: the app on
// workerd, the local Supabase, and the CinetPay sandbox whose checkout page
// plays the customer. The sandbox really POSTs notifications to the app's
// webhook and sends the browser back to the return page by POST; the app's
// queue (Miniflare) really runs the re-checks.
import type { Page } from '@playwright/test'
import { adminClient, ADMIN, CLIENT_ACME, expect, login, screenshotBoth, test } from './fixtures.ts'

const ACME = '20000000-0000-4000-8000-000000000001'
// Seed: ACME's due invoice, 1 180 000 F CFA, with an earlier refused attempt.
const INVOICE_DUE = '80000000-0000-4000-8000-000000000002'

/** A fresh due invoice of ACME (no VAT: its total is exactly `amount`). */
async function dueInvoice(amount: number, title: string): Promise<string> {
  const admin = adminClient()
  const today = new Date().toISOString().slice(0, 10)
  const { data, error } = await admin
    .from('invoices')
    .insert({ client_id: ACME, title, vat_rate: 0, issue_date: today, due_date: today })
    .select('id')
    .single()
  if (error) throw error
  const items = await admin.from('invoice_items').insert({ invoice_id: data.id, position: 1, label: title, quantity: 1, unit_price: amount })
  if (items.error) throw items.error
  const sent = await admin.from('invoices').update({ status: 'sent' }).eq('id', data.id)
  if (sent.error) throw sent.error
  return data.id as string
}

/** From the invoice page to the sandbox's checkout, picking an outcome there. */
async function payThroughSandbox(page: Page, invoiceId: string, outcome: RegExp, options: { waitSeconds?: number } = {}) {
  await page.goto(`/factures-devis/${invoiceId}`)
  await page.getByRole('button', { name: /^Payer/ }).click()
  // CinetPay's (sandbox) checkout page, another origin.
  await page.waitForURL(/\/checkout\//)
  await expect(page.getByRole('heading', { name: 'Paiement' })).toBeVisible()
  await page.getByLabel(outcome).check()
  if (options.waitSeconds !== undefined) await page.getByLabel('Attente avant confirmation (secondes)').fill(String(options.waitSeconds))
  await page.getByRole('button', { name: 'Valider' }).click()
  // The sandbox POSTs the browser back to return_url; the app answers 303 → GET.
  await page.waitForURL(new RegExp(`/factures-devis/${invoiceId}/paiement/retour\\?transaction_id=NX`))
}

test.describe('client ACME paie en ligne', () => {
  test.beforeEach(async ({ page }) => {
    await login(page, CLIENT_ACME)
  })

  test('paiement accepté : la facture due passe « Payée » avec son reçu', async ({ page }) => {
    // The seed's due invoice; on a reused stack (E2E_STACK_FILE) where it is already paid, a fresh one.
    const { data: seeded } = await adminClient().from('invoices').select('status').eq('id', INVOICE_DUE).single()
    const invoiceId = seeded?.status === 'sent' ? INVOICE_DUE : await dueInvoice(1_180_000, 'Jalon E2E paiement')
    await payThroughSandbox(page, invoiceId, /Paiement accepté/)
    // Never from the return itself: the page shows what the database says, and polls until it is final.
    await expect(page.getByRole('heading', { name: 'Paiement confirmé' })).toBeVisible({ timeout: 30_000 })
    await expect(page.getByText(/La facture est entièrement réglée/)).toBeVisible()
    const receiptLink = page.getByRole('link', { name: /Télécharger le reçu REC-/ })
    await expect(receiptLink).toBeVisible()
    await screenshotBoth(page, 'paiement-retour-confirme')

    // The receipt is a real PDF.
    const href = await receiptLink.getAttribute('href')
    const pdf = await page.request.get(href!)
    expect(pdf.status()).toBe(200)
    expect(pdf.headers()['content-type']).toContain('application/pdf')

    await page.goto(`/factures-devis/${invoiceId}`)
    await expect(page.getByText('Payée', { exact: true }).first()).toBeVisible()
    await expect(page.getByRole('link', { name: /Reçu REC-/ }).first()).toBeVisible()
    await expect(page.getByRole('button', { name: /^Payer/ })).toHaveCount(0)
  })

  test('paiement refusé : la facture reste due, message clair, « J’ai payé mais… » ouvre un ticket lié', async ({ page }) => {
    const invoiceId = await dueInvoice(150_000, 'Maintenance E2E refus')
    await payThroughSandbox(page, invoiceId, /Paiement refusé/)
    await expect(page.getByRole('heading', { name: 'Paiement non abouti' })).toBeVisible({ timeout: 30_000 })
    await expect(page.getByRole('status').filter({ hasText: /n’a pas abouti|refus/ })).toBeVisible()
    await expect(page.getByRole('button', { name: /Réessayer le paiement/ })).toBeVisible()
    await screenshotBoth(page, 'paiement-retour-refuse')

    await page.goto(`/factures-devis/${invoiceId}`)
    await expect(page.getByRole('button', { name: /^Payer 150/ })).toBeVisible()
    const { data: invoice } = await adminClient().from('invoices').select('status, balance_due').eq('id', invoiceId).single()
    expect(invoice).toEqual({ status: 'sent', balance_due: 150_000 })

    // The client insists they were debited: one click, one "Paiement" ticket linked to the transaction.
    await page.goBack()
    await page.getByRole('button', { name: 'J’ai payé mais ma facture n’est pas à jour' }).click()
    await page.waitForURL(/\/reclamations\/[0-9a-f-]{36}$/)
    const ticketId = page.url().split('/').pop()!
    const { data: ticket } = await adminClient()
      .from('tickets')
      .select('category, subject, payment_attempt_id, payment_attempts(transaction_id)')
      .eq('id', ticketId)
      .single()
    expect(ticket?.category).toBe('payment')
    expect(ticket?.payment_attempt_id).toBeTruthy()
    // …and an immediate re-check was journaled with the source 'ticket'.
    const { data: checks } = await adminClient()
      .from('payment_checks')
      .select('source, decision')
      .eq('payment_attempt_id', ticket!.payment_attempt_id)
    expect(checks?.map((c) => c.source)).toContain('ticket')
  })

  test('en attente puis accepté : la page passe « Payée » sans recharger', async ({ page }) => {
    const invoiceId = await dueInvoice(75_000, 'Hébergement E2E attente')
    await payThroughSandbox(page, invoiceId, /En attente de confirmation, puis accepté/, { waitSeconds: 8 })
    await expect(page.getByRole('heading', { name: 'Paiement en cours de confirmation…' })).toBeVisible()
    await screenshotBoth(page, 'paiement-retour-en-attente')
    const url = page.url()
    // No reload: the polling turns it paid once the operator confirms (notification + check).
    await expect(page.getByRole('heading', { name: 'Paiement confirmé' })).toBeVisible({ timeout: 40_000 })
    expect(page.url()).toBe(url)
    const { data: invoice } = await adminClient().from('invoices').select('status').eq('id', invoiceId).single()
    expect(invoice?.status).toBe('paid')
  })

  test('un montant non multiple de 5 : explication claire, aucune tentative', async ({ page }) => {
    const invoiceId = await dueInvoice(1_183, 'Frais E2E arrondi')
    await page.goto(`/factures-devis/${invoiceId}`)
    await page.getByRole('button', { name: /^Payer/ }).click()
    await page.waitForURL(`**/factures-devis/${invoiceId}`)
    await expect(page.getByText(/multiples de 5 F CFA/).first()).toBeVisible()
    const { count } = await adminClient().from('payment_attempts').select('id', { count: 'exact', head: true }).eq('invoice_id', invoiceId)
    expect(count).toBe(0)
  })
})

test('admin : journal des paiements, détail brut et « Re-vérifier maintenant »', async ({ page }) => {
  await login(page, ADMIN)
  await page.goto('/admin/paiements')
  await expect(page.getByRole('heading', { name: 'Paiements' })).toBeVisible()
  await expect(page.getByText(/à vérifier/).first()).toBeVisible()
  await screenshotBoth(page, 'admin-paiements')

  // Filter by status through the URL-driven toolbar.
  await page.getByLabel('Statut').selectOption('accepted')
  await page.waitForURL(/statut=accepted/)
  await expect(page.locator('tbody tr[data-status]').first()).toHaveAttribute('data-status', 'accepted')

  await page.locator('tbody tr[data-status] a').first().click()
  await page.waitForURL(/\/admin\/paiements\/[0-9a-f-]{36}$/)
  await expect(page.getByRole('heading', { name: /Transaction NX/ })).toBeVisible()
  await expect(page.getByText('Notification').first()).toBeVisible()
  await page.getByRole('button', { name: 'Re-vérifier maintenant' }).click()
  await expect(page.getByText(/Vérification faite|déjà/).first()).toBeVisible()
  await expect(page.getByText('manuelle (admin)').first()).toBeVisible()
  await page.getByText('Réponse brute').first().click()
  await screenshotBoth(page, 'admin-paiement-detail')
})
