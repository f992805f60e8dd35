// Back office, dashboard: the indicators and the "à traiter" lists from the
// seed (Baobab's overdue invoice, the flagged payment), the revenue chart,
// and the audit journal's filters kept in the URL.
import { ADMIN, expect, login, screenshotBoth, test } from './fixtures.ts'

test('tableau de bord : à traiter, indicateurs, graphique ; journal filtré', async ({ page }) => {
  test.setTimeout(180_000)
  await login(page, ADMIN)
  await page.goto('/admin')
  await expect(page.getByRole('heading', { name: /À traiter/ })).toBeVisible()
  await expect(page.getByText('Factures en retard')).toBeVisible()
  await expect(page.getByRole('link', { name: 'Baobab Studio' }).first()).toBeVisible()
  await expect(page.getByText('À vérifier').first()).toBeVisible()
  for (const label of ['Clients connectés ce mois', 'Tâches finies à temps', 'Jalons livrés à temps', 'Paiement en ligne', 'Délai moyen d’encaissement', 'Satisfaction', 'Impayés en retard']) {
    await expect(page.getByText(label)).toBeVisible()
  }
  await expect(page.getByRole('img', { name: 'Chiffre d’affaires facturé et encaissé par mois' })).toBeVisible()
  await screenshotBoth(page, 'admin-tableau-de-bord-kpi')

  await page.goto('/admin/journal')
  await page.getByRole('combobox', { name: 'Élément' }).selectOption('prospects')
  await expect(page).toHaveURL(/entite=prospects/)
  await expect(page.getByRole('cell').getByText('Prospect', { exact: true }).first()).toBeVisible()
  await screenshotBoth(page, 'admin-journal-liste')
})
