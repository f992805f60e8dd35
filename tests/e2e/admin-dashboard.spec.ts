// Back office, dashboard: the indicators and the "à traiter" lists from the
// seed (Baobab's overdue invoice, the flagged payment), the recharts revenue
// chart (rendered after hydration, without hydration warnings, with its data
// as a table for screen readers), the deep links to detail pages, the audit
// journal's filters kept in the URL — and an RGPD deletion request filed by a
// client from /parametres that reaches the admin and gets processed.
import { ADMIN, adminClient, createUser, expect, login, screenshotBoth, test, waitForHydration } from './fixtures.ts'

const BAOBAB = '20000000-0000-4000-8000-000000000002'

test('tableau de bord : à traiter, indicateurs, graphique ; journal filtré', async ({ page }) => {
  test.setTimeout(180_000)
  const hydrationErrors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' && /hydrat|did not match|server rendered/i.test(m.text())) hydrationErrors.push(m.text())
  })
  await login(page, ADMIN)
  await page.goto('/admin')
  await waitForHydration(page)
  await expect(page.getByRole('heading', { name: /À traiter/ })).toBeVisible()
  await expect(page.getByText('Factures en retard')).toBeVisible()
  await expect(page.getByRole('link', { name: /Baobab Studio/ }).first()).toBeVisible()
  await expect(page.getByText('À vérifier').first()).toBeVisible()
  await expect(page.getByText('Demandes de suppression', { exact: true })).toBeVisible()
  for (const label of ['Clients connectés ce mois', 'Tâches finies à temps', 'Jalons livrés à temps', 'Paiement en ligne', 'Délai moyen d’encaissement', 'Satisfaction', 'Impayés en retard']) {
    await expect(page.getByText(label)).toBeVisible()
  }

  // The chart: recharts draws 12 months × 2 series once hydrated; the same figures are a table for screen readers.
  const chart = page.locator('[data-slot="chart"]')
  await expect(chart.locator('svg.recharts-surface').first()).toBeVisible()
  await expect(chart.locator('.recharts-bar').first()).toBeAttached()
  await expect(chart.locator('.recharts-cartesian-axis-tick')).not.toHaveCount(0)
  await expect(page.getByText('Facturé TTC').first()).toBeVisible() // legend
  const table = page.getByRole('table', { name: 'Chiffre d’affaires par mois' })
  await expect(table.getByRole('row')).toHaveCount(13)
  await expect(table).toContainText('F CFA')
  // Tooltip on hover, amounts in XOF.
  await chart.scrollIntoViewIfNeeded()
  const box = await chart.boundingBox()
  await chart.hover({ position: { x: box!.width - 40, y: box!.height / 2 } })
  await expect(chart.locator('.recharts-tooltip-wrapper')).toContainText('Encaissé')
  await page.mouse.move(0, 0)
  expect(hydrationErrors).toEqual([])
  await screenshotBoth(page, 'admin-tableau-de-bord-kpi')

  // Deep links: straight to the detail pages.
  const review = page.locator('section[aria-labelledby="a-traiter"] a[href^="/admin/paiements/"]').first()
  const attemptHref = await review.getAttribute('href')
  expect(attemptHref).toMatch(/^\/admin\/paiements\/[0-9a-f-]{36}$/)
  await review.click()
  await expect(page).toHaveURL(attemptHref!)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await page.goBack()
  const invoice = page.locator('section[aria-labelledby="a-traiter"] a[href^="/admin/factures-devis/factures/"]').first()
  const invoiceHref = await invoice.getAttribute('href')
  await invoice.click()
  await expect(page).toHaveURL(invoiceHref!)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/FAC|Facture/)
  for (const href of await page.locator('section[aria-labelledby="a-traiter"] a[href^="/admin/reclamations"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    expect(href).toMatch(/^\/admin\/reclamations\/[0-9a-f-]{36}$/)
  }

  await page.goto('/admin/journal')
  await page.getByRole('combobox', { name: 'Élément' }).selectOption('prospects')
  await expect(page).toHaveURL(/entite=prospects/)
  await expect(page.getByRole('cell').getByText('Prospect', { exact: true }).first()).toBeVisible()
  await screenshotBoth(page, 'admin-journal-liste')
})

test('RGPD : la demande de suppression d’un client arrive chez l’admin, qui la traite', async ({ browser }) => {
  test.setTimeout(180_000)
  // A throwaway client of Baobab (never a demo account: other specs sign in with them).
  const person = await createUser('rgpd')
  const service = adminClient()
  const joined = await service.from('client_members').insert({ client_id: BAOBAB, user_id: person.id, role: 'member' })
  expect(joined.error).toBeNull()
  const named = await service.from('profiles').update({ full_name: 'Koffi Test RGPD', phone: '+225 07 11 22 33 44' }).eq('id', person.id)
  expect(named.error).toBeNull()

  // The client files the request from /parametres.
  const clientContext = await browser.newContext()
  const client = await clientContext.newPage()
  await login(client, person.email, person.password)
  await client.goto('/parametres')
  await waitForHydration(client)
  const form = client.getByRole('form', { name: 'Supprimer mon compte' })
  await form.getByLabel('Motif (facultatif)').fill('Je quitte Baobab Studio.')
  await form.getByLabel('Je demande la suppression de mon compte.').check()
  await form.getByRole('button', { name: 'Demander la suppression' }).click()
  await expect(client.getByRole('status').filter({ hasText: 'Demande envoyée le' })).toBeVisible()

  // The admin sees it on the dashboard and on the list.
  const adminContext = await browser.newContext()
  const admin = await adminContext.newPage()
  await login(admin, ADMIN)
  await admin.goto('/admin')
  await expect(admin.getByText(/demande\(s\) RGPD en attente/)).toBeVisible()
  await admin.getByRole('navigation').getByRole('link', { name: 'Demandes RGPD' }).first().click()
  await expect(admin).toHaveURL(/\/admin\/demandes-suppression$/)
  await waitForHydration(admin)
  const item = admin.getByRole('listitem').filter({ hasText: 'Koffi Test RGPD' })
  await expect(item).toContainText(person.email)
  await expect(item).toContainText('Baobab Studio')
  await expect(item).toContainText('Je quitte Baobab Studio.')
  await expect(item).toContainText('À traiter')
  await item.scrollIntoViewIfNeeded()
  await screenshotBoth(admin, 'admin-demandes-suppression')

  // Processing: behind a confirmation that says what is erased and what is kept.
  await item.getByRole('button', { name: 'Traiter la demande' }).click()
  const dialog = admin.getByRole('dialog')
  await expect(dialog).toContainText('les factures, paiements, devis et réclamations de l’entreprise sont conservés')
  await dialog.getByLabel('Note interne (facultative)').fill('Identité confirmée par téléphone.')
  await screenshotBoth(admin, 'admin-demandes-suppression-confirmation')
  await dialog.getByRole('button', { name: 'Supprimer le compte' }).click()
  await expect(admin.getByText('Compte supprimé : accès retiré')).toBeVisible()
  await expect(admin.getByRole('listitem').filter({ hasText: 'Koffi Test RGPD' })).toHaveCount(0)

  await admin.getByRole('link', { name: 'Traitées' }).click()
  await expect(admin).toHaveURL(/statut=processed/)
  const done = admin.getByRole('listitem').filter({ hasText: 'Identité confirmée par téléphone.' })
  await expect(done).toContainText('Compte supprimé')
  await expect(done).toContainText('Baobab Studio')
  await expect(done).toContainText('Traitée')
  await screenshotBoth(admin, 'admin-demandes-suppression-traitees')

  // The person can no longer sign in.
  const { error } = await service.auth.signInWithPassword({ email: person.email, password: person.password })
  expect(error).not.toBeNull()
  await clientContext.close()
  await adminContext.close()
})
