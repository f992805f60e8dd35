// Tasks as client@acme.test: list, kanban, filters, the task sheet (checklist
// progress, attachments, a comment written inline, a file attached); no
// status control for the client. Baobab gets 404 on every ACME task.
import { adminClient, CLIENT_ACME, CLIENT_BAOBAB, expect, login, screenshotBoth, test } from './fixtures.ts'

const TASK = '50000000-0000-4000-8000-000000000011' // Paiement … via CinetPay (client-visible, checklist 2/5)
const INTERNAL_TASK = '50000000-0000-4000-8000-000000000013' // Tests de charge (internal)

test('liste, kanban et filtres', async ({ page }) => {
  await login(page, CLIENT_ACME)
  await page.goto('/taches')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tâches')
  await expect(page.getByRole('link', { name: /Paiement Orange Money/ })).toBeVisible()
  await expect(page.locator('body')).not.toContainText('Tests de charge') // internal
  await screenshotBoth(page, 'client-taches')

  await page.getByLabel('Priorité').selectOption('urgent')
  await expect(page).toHaveURL(/priorite=urgent/)
  await expect(page.locator('main ul > li')).toHaveCount(1)
  await expect(page.getByRole('link', { name: /Correctif : panier sur iPhone SE/ })).toBeVisible()

  await page.getByRole('link', { name: 'Effacer les filtres' }).click()
  await expect(page).not.toHaveURL(/priorite=/)
  await expect(page.getByLabel('Priorité')).toHaveValue('')
  await page.getByRole('searchbox', { name: 'Rechercher une tâche' }).fill('maquettes')
  await page.getByRole('searchbox', { name: 'Rechercher une tâche' }).press('Enter')
  await expect(page).toHaveURL(/q=maquettes/)
  await expect(page.getByRole('link', { name: /Maquettes de la page d'accueil/ })).toBeVisible()
  await expect(page.getByRole('link', { name: /Paiement Orange Money/ })).toHaveCount(0)

  await page.goto('/taches?vue=kanban')
  for (const column of ['À faire', 'En cours', 'En validation', 'Terminée']) {
    await expect(page.getByRole('region', { name: column })).toBeVisible()
  }
  await expect(page.getByRole('region', { name: 'En validation' })).toContainText('Filtres par catégorie')
  await screenshotBoth(page, 'client-taches-kanban')
})

test('fiche tâche : étapes, commentaire en ligne, pièce jointe, pas de changement de statut', async ({ page }) => {
  await login(page, CLIENT_ACME)
  await page.goto('/taches')
  await page.getByRole('link', { name: /Paiement Orange Money/ }).click()
  await expect(page).toHaveURL(new RegExp(`/taches/${TASK}$`))
  const sheet = page.getByRole('main')
  await expect(sheet.getByRole('heading', { name: /Paiement Orange Money/ })).toBeVisible()
  await expect(sheet.getByText('2/5 · 40 %')).toBeVisible()
  await expect(sheet.getByText('Moov Money')).toBeVisible()
  // The internal comment of the seed never shows.
  await expect(sheet).not.toContainText('Interne : CinetPay')
  // No status control for the client.
  await expect(sheet.getByRole('combobox')).toHaveCount(0)
  await expect(sheet.getByText('Le statut des tâches est mis à jour par l’équipe NOURX.')).toBeVisible()

  // Empty comment: French message.
  await sheet.getByRole('button', { name: 'Commenter' }).click()
  await expect(sheet.getByText('Écrivez votre commentaire.')).toBeVisible()
  const body = `Wave est activé de notre côté (${Date.now()})`
  await sheet.getByLabel('Votre commentaire').fill(body)
  await sheet.getByRole('button', { name: 'Commenter' }).click()
  await expect(sheet.getByText(body)).toBeVisible()
  await expect(sheet.getByLabel('Votre commentaire')).toHaveValue('')

  // Attach a file from the sheet.
  const name = `capture-wave-${Date.now()}.png`
  await sheet
    .getByLabel('Fichiers à envoyer')
    .setInputFiles({ name, mimeType: 'image/png', buffer: Buffer.from(PNG_1PX, 'base64') })
  await expect(sheet.getByRole('link', { name })).toBeVisible({ timeout: 20_000 })
  await screenshotBoth(page, 'client-tache-fiche')

  const { data } = await adminClient()
    .from('task_comments')
    .select('visibility, profiles(email)')
    .eq('task_id', TASK)
    .eq('body', body)
    .single()
  expect(data).toMatchObject({ visibility: 'client', profiles: { email: CLIENT_ACME } })

  // The way back leads to the list.
  await page.getByRole('main').getByRole('link', { name: 'Tâches' }).click()
  await expect(page).toHaveURL(/\/taches$/)
  await expect(page.getByRole('link', { name: /Paiement Orange Money/ })).toBeVisible()
})

test('Baobab : chaque tâche ACME répond 404, sans rien d’ACME dans la page', async ({ page, baseURL }) => {
  await login(page, CLIENT_BAOBAB)
  for (const id of [TASK, INTERNAL_TASK, '50000000-0000-4000-8000-000000000004', 'pas-un-uuid']) {
    const response = await page.goto(`/taches/${id}`)
    expect(response?.status(), id).toBe(404)
    const html = await response!.text()
    expect(html).not.toContain('ACME')
    expect(html).not.toContain('CinetPay')
    await expect(page.getByText('Cette tâche est introuvable.')).toBeVisible()
  }
  const res = await page.request.post(`/taches/${TASK}`, {
    form: { intent: 'comment', body: 'intrusion baobab' },
    headers: { Origin: new URL(baseURL!).origin },
  })
  expect([403, 404]).toContain(res.status())
  const { count } = await adminClient()
    .from('task_comments')
    .select('id', { count: 'exact', head: true })
    .eq('body', 'intrusion baobab')
  expect(count).toBe(0)
})

const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
