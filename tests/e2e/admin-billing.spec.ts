// Back office — billing as admin@nourx.test: an invoice with three lines is
// created (the estimate while typing, the database's totals after saving),
// previewed as PDF, sent (the database numbers it) and seen by
// client@acme.test with the same number and totals; then a manual transfer
// with its proof, duplication, cancellation by credit note, and a quote
// turned into an invoice.
import { formatXOF } from '../../app/lib/format.ts'
import { ADMIN, adminClient, CLIENT_ACME, expect, login, screenshotBoth, test } from './fixtures.ts'

const ACME = '20000000-0000-4000-8000-000000000001'
// 1 500 000 + round(2.5 × 120 001 = 300 002.5 → 300 003) + 3 × 45 000 = 1 935 003 HT;
// TVA 18 % = round(348 300.54) = 348 301; TTC = 2 283 304.
const LINES = [
  { label: 'Développement de la boutique', quantity: '1', unit: '1500000' },
  { label: 'Intégration CinetPay', quantity: '2,5', unit: '120001' },
  { label: 'Formation de l’équipe', quantity: '3', unit: '45000' },
]
const HT = 1_935_003
const TVA = 348_301
const TTC = 2_283_304

test('facture de trois lignes : brouillon, aperçu PDF, envoi ; le client la voit avec le bon numéro et les bons totaux', async ({ page, browser }) => {
  // The whole life of an invoice, two browser contexts and a dozen screenshots: more than the default minute
  // on a busy 2-core machine.
  test.setTimeout(150_000)
  await login(page, ADMIN)
  await page.goto('/admin/factures-devis')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Factures & devis')
  await screenshotBoth(page, 'admin-factures-devis')

  await page.getByRole('link', { name: 'Nouvelle facture' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nouvelle facture')
  // Nothing typed: French messages, nothing saved.
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click()
  await expect(page.getByText('Le client est obligatoire.')).toBeVisible()

  const title = `Boutique ACME — lot 3 (${Date.now()})`
  await page.getByLabel('Client').selectOption(ACME)
  await page.getByLabel('Objet').fill(title)
  await page.getByRole('button', { name: 'Ajouter une ligne' }).click()
  await page.getByRole('button', { name: 'Ajouter une ligne' }).click()
  for (const [i, line] of LINES.entries()) {
    await page.getByLabel(`Libellé de la ligne ${i + 1}`).fill(line.label)
    await page.getByLabel(`Quantité de la ligne ${i + 1}`).fill(line.quantity)
    await page.getByLabel(`Prix unitaire de la ligne ${i + 1}`).fill(line.unit)
  }
  // The live estimate (display only) already agrees with the database's rounding.
  const estimate = page.getByRole('region', { name: 'Totaux estimés' })
  await expect(estimate).toContainText(formatXOF(TTC))
  await screenshotBoth(page, 'admin-factures-devis-nouveau')
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click()

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Facture brouillon')
  const totals = page.getByRole('definition')
  await expect(page.locator('[data-total="ht"]')).toHaveText(formatXOF(HT))
  await expect(page.locator('[data-total="tva"]')).toHaveText(formatXOF(TVA))
  await expect(page.locator('[data-total="ttc"]')).toHaveText(formatXOF(TTC))
  void totals
  const invoiceId = page.url().split('/').pop()!
  const { data: row } = await adminClient().from('invoices').select('subtotal_ht, vat_amount, total_ttc, status, number').eq('id', invoiceId).single()
  expect(row).toMatchObject({ subtotal_ht: HT, vat_amount: TVA, total_ttc: TTC, status: 'draft', number: null })

  // An absurd line (each bound holds, the product does not): the estimate says so instead of breaking,
  // the save is refused in French on the field, the typed values stay, the saved draft is unchanged.
  await page.getByLabel('Quantité de la ligne 1').fill('100000000')
  await page.getByLabel('Prix unitaire de la ligne 1').fill('1000000000000')
  await expect(page.getByRole('region', { name: 'Totaux estimés' })).toContainText('Trop élevé')
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click()
  await expect(page.getByText('Montant de la ligne trop élevé : réduisez la quantité ou le prix.')).toBeVisible()
  await expect(page.getByLabel('Prix unitaire de la ligne 1')).toHaveValue('1000000000000')
  await expect(page.getByLabel('Libellé de la ligne 3')).toHaveValue(LINES[2].label)
  await page.reload()
  await expect(page.getByLabel('Prix unitaire de la ligne 1')).toHaveValue('1500000')
  await expect(page.locator('[data-total="ttc"]')).toHaveText(formatXOF(TTC))

  // PDF preview of the draft (same renderer as the client's PDF).
  const pdf = await page.request.get(`/api/admin/factures/${invoiceId}/pdf?apercu`)
  expect(pdf.status()).toBe(200)
  expect(pdf.headers()['content-type']).toBe('application/pdf')
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-')
  await screenshotBoth(page, 'admin-factures-devis-brouillon')

  // Send: confirmed, numbered by the database.
  await page.getByRole('button', { name: 'Envoyer' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Envoyer' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Facture FAC-\d{4}-\d{5}$/)
  const number = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('Facture ', '')
  expect((await adminClient().from('invoices').select('number').eq('id', invoiceId).single()).data!.number).toBe(number)
  await screenshotBoth(page, 'admin-factures-devis-facture')

  // The client sees it with that number and those totals.
  const context = await browser.newContext()
  const client = await context.newPage()
  await login(client, CLIENT_ACME)
  await client.goto('/factures-devis')
  await expect(client.getByRole('list', { name: 'Documents' }).getByRole('link', { name: new RegExp(title.replace(/[()]/g, '.')) })).toBeVisible()
  await client.goto(`/factures-devis/${invoiceId}`)
  await expect(client.getByText(number).first()).toBeVisible()
  await expect(client.getByText(formatXOF(TTC)).first()).toBeVisible()
  await expect(client.getByText(formatXOF(HT)).first()).toBeVisible()
  await expect(client.getByText(formatXOF(TVA)).first()).toBeVisible()
  // And its PDF download answers for the client too.
  const clientPdf = await client.request.get(`/api/factures/${invoiceId}/pdf`)
  expect(clientPdf.status()).toBe(200)
  await context.close()

  // Manual transfer of part of it, with a proof: the receipt is issued, the balance drops.
  await page.getByLabel('Montant reçu (F CFA)').fill('1000000')
  await page.getByLabel('Référence (virement, reçu de caisse…)').fill('VIR-SGCI-0042')
  await page.getByLabel('Justificatif (facultatif)').setInputFiles({ name: 'avis-de-virement.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') })
  await page.getByRole('button', { name: 'Enregistrer le paiement' }).click()
  await expect(page.locator('[data-total="solde"]')).toHaveText(formatXOF(TTC - 1_000_000))
  await expect(page.getByText(/reçu REC-\d{4}-\d{5}/)).toBeVisible()
  await expect(page.getByRole('link', { name: 'Justificatif' })).toBeVisible()
  // More than the balance: refused by the database, in French.
  await page.getByLabel('Montant reçu (F CFA)').fill(String(TTC))
  await page.getByRole('button', { name: 'Enregistrer le paiement' }).click()
  await expect(page.getByText(/dépasse le solde dû/)).toBeVisible()
  // The rest in cash: paid.
  await page.getByLabel('Montant reçu (F CFA)').fill(String(TTC - 1_000_000))
  await page.getByLabel('Mode').selectOption('cash')
  await page.getByRole('button', { name: 'Enregistrer le paiement' }).click()
  await expect(page.getByText('Payée').first()).toBeVisible()
  await expect(page.locator('[data-total="solde"]')).toHaveText(formatXOF(0))
  await screenshotBoth(page, 'admin-factures-devis-payee')

  // Duplicate → a new draft with the same lines and totals.
  await page.getByRole('button', { name: 'Dupliquer' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Facture brouillon')
  await expect(page.locator('[data-total="ttc"]')).toHaveText(formatXOF(TTC))
})

test('annulation par avoir, et devis transformé en facture', async ({ page }) => {
  await login(page, ADMIN)
  // An issued, unpaid invoice made through the admin's own pages.
  await page.goto('/admin/factures-devis/nouveau?type=facture')
  await page.getByLabel('Client').selectOption(ACME)
  await page.getByLabel('Objet').fill(`À annuler ${Date.now()}`)
  await page.getByLabel('Libellé de la ligne 1').fill('Maintenance')
  await page.getByLabel('Prix unitaire de la ligne 1').fill('100000')
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click()
  await page.getByRole('button', { name: 'Envoyer' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Envoyer' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/FAC-/)

  await page.getByRole('button', { name: 'Annuler par un avoir' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Émettre l’avoir' }).click()
  await expect(page.getByRole('dialog')).toBeVisible() // empty reason: the browser keeps the dialog open
  await page.getByLabel('Motif (imprimé sur l’avoir)').fill('Prestation facturée en double')
  await page.getByRole('dialog').getByRole('button', { name: 'Émettre l’avoir' }).click()
  await expect(page.getByText(/^Avoir AVO-\d{4}-\d{5}$/)).toBeVisible()
  await expect(page.getByText('Annulée').first()).toBeVisible()

  // Quote: draft → sent → accepted (by the client, here through the RPC) → invoice.
  await page.goto('/admin/factures-devis/nouveau?type=devis')
  await page.getByLabel('Client').selectOption(ACME)
  await page.getByLabel('Objet').fill(`Refonte du blog ${Date.now()}`)
  await page.getByLabel('Libellé de la ligne 1').fill('Refonte')
  await page.getByLabel('Prix unitaire de la ligne 1').fill('250000')
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Devis brouillon')
  await page.getByRole('button', { name: 'Envoyer' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Envoyer' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Devis DEV-\d{4}-\d{5}$/)
  const quoteId = page.url().split('/').pop()!
  await screenshotBoth(page, 'admin-factures-devis-devis')

  const { createClient } = await import('@supabase/supabase-js')
  const acme = createClient(process.env.E2E_SUPABASE_URL!, process.env.E2E_SUPABASE_ANON_KEY!, { auth: { persistSession: false } })
  await acme.auth.signInWithPassword({ email: CLIENT_ACME, password: 'demo-nourx-2026' })
  const accepted = await acme.rpc('accept_quote', { p_quote_id: quoteId, p_signer_name: 'Aïcha Coulibaly' })
  expect(accepted.error).toBeNull()

  await page.reload()
  await page.getByRole('button', { name: 'Créer la facture' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Facture brouillon')
  await expect(page.locator('[data-total="ttc"]')).toHaveText(formatXOF(295_000))

  await page.goto('/admin/factures-devis?type=devis&statut=accepted')
  await expect(page.locator('tbody tr').first()).toBeVisible()
  await screenshotBoth(page, 'admin-factures-devis-liste-devis')
})
