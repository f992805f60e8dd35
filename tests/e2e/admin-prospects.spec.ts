// Back office, prospects: the pipeline board, a card moved to another stage
// by drag and drop, and a prospect converted into a client with a draft
// project.
import { ADMIN, adminClient, expect, login, screenshotBoth, test } from './fixtures.ts'

test('pipeline : créer, déplacer, convertir un prospect en client', async ({ page }) => {
  test.setTimeout(240_000)
  const name = `Clinique E2E ${Date.now().toString(36)}`
  await login(page, ADMIN)
  await page.goto('/admin/prospects')
  await expect(page.getByRole('region', { name: 'Étape Nouveau' })).toBeVisible()
  await screenshotBoth(page, 'admin-prospects-pipeline')

  await page.getByRole('link', { name: 'Nouveau prospect' }).click()
  await page.getByLabel('Entreprise').fill(name)
  await page.getByLabel('Contact').fill('Dr Ibrahim Sanogo')
  await page.getByLabel('Montant estimé HT (F CFA)').fill('3 200 000')
  await page.getByLabel('Date de la prochaine action').fill('2026-12-05')
  await page.getByRole('button', { name: 'Ajouter au pipeline' }).click()
  await expect(page).toHaveURL(/\/admin\/prospects$/)
  const card = page.locator(`[data-prospect="${name}"]`)
  await expect(page.getByRole('region', { name: 'Étape Nouveau' }).locator(`[data-prospect="${name}"]`)).toBeVisible()

  // Drag the card to "Qualifié" with the mouse.
  const target = page.getByRole('region', { name: 'Étape Qualifié' })
  const from = (await card.boundingBox())!
  const to = (await target.boundingBox())!
  await page.mouse.move(from.x + from.width / 2, from.y + from.height - 6)
  await page.mouse.down()
  await page.mouse.move(from.x + from.width / 2 + 20, from.y + 20, { steps: 5 })
  await page.mouse.move(to.x + to.width / 2, to.y + 120, { steps: 15 })
  await page.mouse.up()
  await expect(target.locator(`[data-prospect="${name}"]`)).toBeVisible()
  await expect
    .poll(async () => (await adminClient().from('prospects').select('stage').eq('company_name', name).single()).data?.stage)
    .toBe('qualifie')

  // Convert it.
  await card.getByRole('link', { name }).click()
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible()
  await screenshotBoth(page, 'admin-prospect-fiche')
  await page.getByLabel('Créer aussi un projet (brouillon)').check()
  await page.getByLabel('Titre du projet').fill('Prise de rendez-vous en ligne')
  await page.getByRole('button', { name: 'Convertir en client' }).click()
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible()
  await expect(page).toHaveURL(/\/admin\/clients\//)
  await expect(page.getByRole('link', { name: 'Prise de rendez-vous en ligne' })).toBeVisible()
  await expect
    .poll(async () => (await adminClient().from('prospects').select('stage, converted_client_id').eq('company_name', name).single()).data?.stage)
    .toBe('gagne')
})
