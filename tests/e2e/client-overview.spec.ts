// Dashboard, project page and roadmap as client@acme.test: real data, a
// milestone comment, the dated and attributed approval of a delivered
// milestone (seen back by the admin's client), screenshots at both sizes.
import { adminClient, CLIENT_ACME, CLIENT_BAOBAB, expect, login, screenshotBoth, test } from './fixtures.ts'

// Seed: "Catalogue et fiches produits" (ACME, v0.8) is delivered and waits for the client.
const MILESTONE = '40000000-0000-4000-8000-000000000003'
const ACME_PROJECT = '30000000-0000-4000-8000-000000000001'

test.beforeAll(async () => {
  // Reruns against a reused stack: put the milestone back to "delivered".
  const admin = adminClient()
  await admin.from('milestone_approvals').delete().eq('milestone_id', MILESTONE)
  await admin.from('milestones').update({ status: 'delivered' }).eq('id', MILESTONE)
})

test('tableau de bord : avancement, jalons, tâches, documents, facture à payer, activité', async ({ page }) => {
  await login(page, CLIENT_ACME)
  await page.goto('/dashboard')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Bonjour Aïcha/)
  await expect(page.getByText('Projet : Boutique en ligne ACME')).toBeVisible()
  await expect(page.getByLabel('Avancement du projet')).toBeVisible()
  // Scoped to its card: the activity feed may name the same milestone (e.g. once another test delivered it).
  const nextMilestones = page.locator('[data-slot=card]', { hasText: 'Prochains jalons' })
  await expect(nextMilestones).toBeVisible()
  await expect(nextMilestones.getByRole('link', { name: /^Catalogue et fiches produits/ })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Payer' })).toHaveAttribute('href', /^\/factures-devis\//)
  await expect(page.getByText('Activité récente')).toBeVisible()
  // Internal rows never reach the client: the internal note document, internal tasks.
  await expect(page.locator('body')).not.toContainText('Notes internes')
  await expect(page.locator('body')).not.toContainText('Tests de charge')
  await screenshotBoth(page, 'client-dashboard')
})

test('projet : KPI, équipe NOURX, jalons et livrables', async ({ page }) => {
  await login(page, CLIENT_ACME)
  await page.goto('/projet')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Boutique en ligne ACME')
  await expect(page.getByText('Jalons validés')).toBeVisible()
  await expect(page.getByText('Facturé TTC')).toBeVisible()
  await expect(page.getByText('Votre équipe NOURX')).toBeVisible()
  await expect(page.getByText('Chef de projet')).toBeVisible()
  await expect(page.getByText('Import des 312 produits')).toBeVisible()
  await screenshotBoth(page, 'client-projet')
})

test('feuille de route : filtre, commentaire et validation datée d’un jalon livré', async ({ page }) => {
  await login(page, CLIENT_ACME)
  await page.goto('/feuille-de-route')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feuille de route')
  await screenshotBoth(page, 'client-feuille-de-route')

  await page.getByRole('link', { name: /^À valider/ }).click()
  await expect(page).toHaveURL(/statut=delivered/)
  const card = page.locator(`#jalon-${MILESTONE}`)
  await expect(card).toBeVisible()
  await expect(page.locator('li[id^="jalon-"]')).toHaveCount(1)

  // Comment.
  const comment = `Vérifié sur mobile ${Date.now()}`
  await card.getByPlaceholder('Votre commentaire…').fill(comment)
  await card.getByRole('button', { name: 'Envoyer' }).click()
  await expect(card.getByText(comment)).toBeVisible()

  // Empty name and unchecked box: French messages, nothing lost.
  await card.getByRole('button', { name: 'Valider ce jalon' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Votre nom complet').fill('Aïcha Coulibaly')
  await dialog.getByLabel('Remarque (facultatif)').fill('Catalogue conforme, merci.')
  await screenshotBoth(page, 'client-feuille-de-route-validation')
  await dialog.getByRole('checkbox').click()
  await dialog.getByRole('button', { name: 'Valider le jalon' }).click()
  await expect(dialog).toBeHidden()

  await page.goto(`/feuille-de-route#jalon-${MILESTONE}`)
  const approved = page.locator(`#jalon-${MILESTONE}`)
  await expect(approved.getByTestId('approbation')).toContainText('Validé par Aïcha Coulibaly')
  await expect(approved.getByTestId('approbation')).toContainText('version v0.8')
  await expect(approved.getByRole('button', { name: 'Valider ce jalon' })).toHaveCount(0)

  // What the admin sees: who, when, the typed name and note.
  const { data } = await adminClient()
    .from('milestone_approvals')
    .select('signer_name, note, version_label, approved_at, approved_by, profiles(email)')
    .eq('milestone_id', MILESTONE)
    .single()
  expect(data).toMatchObject({
    signer_name: 'Aïcha Coulibaly',
    note: 'Catalogue conforme, merci.',
    version_label: 'v0.8',
  })
  expect((data as unknown as { profiles: { email: string } }).profiles.email).toBe(CLIENT_ACME)
  expect(Date.now() - new Date(data!.approved_at).getTime()).toBeLessThan(5 * 60_000)
})

test('Baobab : le projet ACME reste invisible, même en forçant le cookie du projet courant', async ({
  page,
  context,
  baseURL,
}) => {
  await login(page, CLIENT_BAOBAB)
  await context.addCookies([{ name: 'nourx-projet', value: ACME_PROJECT, url: baseURL! }])
  for (const path of ['/dashboard', '/projet', '/feuille-de-route', '/taches', '/documents']) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(200)
    const html = await response!.text()
    expect(html, path).not.toContain('ACME')
    expect(html, path).not.toContain(ACME_PROJECT)
  }
  // A roadmap action on an ACME milestone: not found, nothing written.
  const res = await page.request.post('/feuille-de-route', {
    form: { intent: 'comment', milestoneId: MILESTONE, body: 'intrusion' },
    headers: { Origin: new URL(baseURL!).origin },
  })
  expect([403, 404]).toContain(res.status())
  const { count } = await adminClient()
    .from('milestone_comments')
    .select('id', { count: 'exact', head: true })
    .eq('body', 'intrusion')
  expect(count).toBe(0)
})
