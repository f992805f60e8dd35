// Back office, projects: the list (filters in the URL), the project page,
// a milestone added then moved by drag and drop (keyboard) — the client sees
// the new order on their roadmap — and the team shown to the client.
import { ADMIN, adminClient, CLIENT_ACME, expect, login, screenshotBoth, test } from './fixtures.ts'

const ACME_SHOP = '30000000-0000-4000-8000-000000000001'

test('liste, fiche projet, jalon ajouté puis déplacé au clavier', async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000)
  await login(page, ADMIN)
  await page.goto('/admin/projets')
  await expect(page.getByRole('link', { name: 'Boutique en ligne ACME' })).toBeVisible()
  await screenshotBoth(page, 'admin-projets-liste')

  await page.getByRole('combobox', { name: 'Statut' }).selectOption('draft')
  await expect(page).toHaveURL(/statut=draft/)
  await expect(page.getByRole('link', { name: 'Boutique en ligne ACME' })).toHaveCount(0)

  await page.goto('/admin/projets/nouveau')
  await screenshotBoth(page, 'admin-projet-nouveau')

  await page.goto(`/admin/projets/${ACME_SHOP}`)
  await expect(page.getByRole('heading', { name: 'Boutique en ligne ACME', level: 1 })).toBeVisible()

  // Add a milestone: it goes last.
  const title = `Formation ${Date.now().toString(36)}`
  await page.getByRole('button', { name: 'Ajouter un jalon' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Titre').fill(title)
  await dialog.getByLabel('Échéance').fill('2027-01-20')
  await dialog.getByLabel('Livrables').fill('Support de formation\nVidéo')
  await dialog.getByRole('button', { name: 'Ajouter le jalon' }).click()
  await expect(dialog).toHaveCount(0)
  // Direct children only: an approved milestone nests the list of its approvals.
  const items = page.getByTestId('milestones').locator(':scope > li')
  await expect(items.last()).toHaveAttribute('data-milestone', title)

  // Move it up one place with the keyboard (space, arrow up, space).
  await page.getByRole('button', { name: `Déplacer le jalon « ${title} »` }).focus()
  // dnd-kit measures between key presses: give each step a moment.
  await page.keyboard.press('Space')
  await page.waitForTimeout(300)
  await page.keyboard.press('ArrowUp')
  await page.waitForTimeout(300)
  await page.keyboard.press('Space')
  const count = await items.count()
  await expect(items.nth(count - 2)).toHaveAttribute('data-milestone', title)
  await expect
    .poll(async () => {
      const { data } = await adminClient().from('milestones').select('title').eq('project_id', ACME_SHOP).order('position')
      return data?.map((m) => m.title).indexOf(title)
    })
    .toBe(count - 2)
  await screenshotBoth(page, 'admin-projet-fiche')

  // The client sees it on the roadmap, in that place.
  const ctx = await browser.newContext({ baseURL, locale: 'fr-FR', timezoneId: 'Africa/Abidjan' })
  const client = await ctx.newPage()
  await login(client, CLIENT_ACME)
  await client.goto('/feuille-de-route')
  await expect(client.getByText(title).first()).toBeVisible()
  await ctx.close()

  // Clean up for the other specs (the roadmap of the seed keeps five milestones).
  await adminClient().from('milestones').delete().eq('project_id', ACME_SHOP).eq('title', title)
})

test('validation d’un jalon par le client : l’admin voit qui, quand et la remarque', async ({ page, browser, baseURL }) => {
  // A delivered milestone of its own (removed at the end: the seed's roadmap stays as other specs expect it).
  const title = `Recette mobile ${Date.now().toString(36)}`
  const { data: milestone } = await adminClient()
    .from('milestones')
    .insert({ project_id: ACME_SHOP, title, status: 'delivered', version_label: 'v2.3', position: 99 })
    .select('id')
    .single()
  try {
    // The client approves it on their roadmap.
    const ctx = await browser.newContext({ baseURL, locale: 'fr-FR', timezoneId: 'Africa/Abidjan' })
    const client = await ctx.newPage()
    await login(client, CLIENT_ACME)
    await client.goto(`/feuille-de-route#jalon-${milestone!.id}`)
    const card = client.locator(`#jalon-${milestone!.id}`)
    await card.getByRole('button', { name: 'Valider ce jalon' }).click()
    const dialog = client.getByRole('dialog')
    await dialog.getByLabel('Votre nom complet').fill('Aïcha Coulibaly')
    await dialog.getByLabel('Remarque (facultatif)').fill('Testé sur iPhone et Android, conforme.')
    await dialog.getByRole('checkbox').click()
    await dialog.getByRole('button', { name: 'Valider le jalon' }).click()
    await expect(dialog).toBeHidden()
    await ctx.close()

    // The admin's project page shows the approval under the milestone.
    await login(page, ADMIN)
    await page.goto(`/admin/projets/${ACME_SHOP}`)
    const row = page.locator(`[data-milestone="${title}"]`)
    await expect(row.getByText('Validé', { exact: true })).toBeVisible() // status badge
    const approval = row.getByTestId('milestone-approval')
    await expect(approval).toContainText('Validé par Aïcha Coulibaly (client@acme.test) le')
    await expect(approval).toContainText('v2.3')
    await expect(approval).toContainText('« Testé sur iPhone et Android, conforme. »')
    const { data } = await adminClient().from('milestone_approvals').select('approved_at').eq('milestone_id', milestone!.id).single()
    await expect(approval.locator('time')).toHaveAttribute('datetime', data!.approved_at)
    // The seed's milestones approved by the client show theirs too.
    await expect(page.getByTestId('milestone-approval').filter({ hasText: 'Cadrage conforme à nos échanges.' })).toBeVisible()
    await approval.scrollIntoViewIfNeeded()
    await screenshotBoth(page, 'admin-projet-validations')
  } finally {
    await adminClient().from('milestones').delete().eq('id', milestone!.id)
  }
})
