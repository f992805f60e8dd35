// Back office, settings: a refused value keeps what was typed, a valid one is
// saved and shows in the audit journal; the e-mail template preview follows
// the typing.
import { ADMIN, adminClient, expect, login, screenshotBoth, test } from './fixtures.ts'

test('paramètres : délais de réponse, aperçu des modèles, trace dans le journal', async ({ page }) => {
  test.setTimeout(240_000)
  const { data: before } = await adminClient().from('settings').select('sla_hours_low').eq('id', true).single()
  await login(page, ADMIN)
  await page.goto('/admin/parametres')
  await expect(page.getByRole('heading', { name: 'Paramètres', level: 1 })).toBeVisible()
  await screenshotBoth(page, 'admin-parametres-complet')

  // Invalid: a lower priority with a shorter deadline than a higher one.
  const low = page.getByLabel('Basse (h)')
  await low.fill('2')
  await page.getByRole('button', { name: 'Enregistrer les délais' }).click()
  await expect(page.getByText('Une priorité plus haute doit avoir un délai plus court ou égal.')).toBeVisible()
  await low.fill('96')
  await page.getByRole('button', { name: 'Enregistrer les délais' }).click()
  await expect(page.getByText('Délais de réponse enregistrés.')).toBeVisible()
  await expect.poll(async () => (await adminClient().from('settings').select('sla_hours_low').eq('id', true).single()).data?.sla_hours_low).toBe(96)

  // Template preview with sample values, and an unknown variable refused.
  await page.getByRole('link', { name: 'Réponse à une réclamation' }).click()
  await expect(page).toHaveURL(/modele=ticket_reply/)
  const subject = page.getByLabel('Objet')
  await subject.fill('Votre demande « {{sujet}} » a une réponse')
  await expect(page.getByTestId('template-preview')).toContainText('Votre demande « Erreur sur la page de paiement » a une réponse')
  await subject.fill('Facture {{numero}}')
  await subject.blur()
  await expect(page.getByText(/Variable inconnue/).first()).toBeVisible()

  // The audit journal shows the SLA change with its diff.
  await page.goto('/admin/journal?entite=settings')
  // The journal renders a table on laptops and cards on phones (one of them
  // hidden by CSS): look only at what is shown.
  await expect(page.getByText('sla_hours_low').filter({ visible: true }).first()).toBeVisible()
  await expect(page.getByText('96', { exact: true }).filter({ visible: true }).first()).toBeVisible()
  await screenshotBoth(page, 'admin-journal-parametres')

  await adminClient().from('settings').update({ sla_hours_low: before?.sla_hours_low ?? 72 }).eq('id', true)
})
