// Back office — tasks as admin@nourx.test: the kanban across projects, a card
// moved with the keyboard (dnd-kit keyboard sensor) and seen moved by the
// client; a column reordered (move_task) and seen in that order by the client; the list view with filters in the URL; a task created, its
// checklist and attachment; a refused move rolls back.
import { ADMIN, adminClient, CLIENT_ACME, expect, login, screenshotBoth, test } from './fixtures.ts'

const ACME_PROJECT = '30000000-0000-4000-8000-000000000001'
const MOVED = '50000000-0000-4000-8000-000000000018' // « Formation de l'équipe à l'administration », todo, client-visible

test('kanban : déplacer une tâche au clavier, le client la voit déplacée', async ({ page, browser }) => {
  // Same starting point on every run: the task is still to do.
  await adminClient().from('tasks').update({ status: 'todo' }).eq('id', MOVED)
  await login(page, ADMIN)
  await page.goto(`/admin/taches?projet=${ACME_PROJECT}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tâches')
  const todo = page.getByRole('region', { name: 'À faire' })
  const doing = page.getByRole('region', { name: 'En cours' })
  await expect(todo.locator(`[data-task-id="${MOVED}"]`)).toBeVisible()
  await screenshotBoth(page, 'admin-taches')

  // Keyboard drag: focus the grip, Space picks up, → moves one column, Space drops.
  const grip = page.getByRole('button', { name: /Déplacer « Formation de l'équipe/ })
  await grip.focus()
  await page.keyboard.press('Space')
  // Lifted (dnd-kit dims the card and measures the columns) before the arrow is pressed,
  // then shown in the next column before the drop: keys pressed back to back raced the measuring.
  await expect(todo.locator(`[data-task-id="${MOVED}"]`)).toHaveClass(/opacity-40/)
  await page.keyboard.press('ArrowRight')
  await expect(doing.locator(`[data-task-id="${MOVED}"]`)).toBeVisible()
  await page.keyboard.press('Space')
  // Optimistic: the card is in the new column before the server answers, and stays there.
  await expect(doing.locator(`[data-task-id="${MOVED}"]`)).toBeVisible()
  await expect(todo.locator(`[data-task-id="${MOVED}"]`)).toHaveCount(0)
  await expect
    .poll(async () => (await adminClient().from('tasks').select('status').eq('id', MOVED).single()).data?.status)
    .toBe('in_progress')
  await page.reload()
  await expect(doing.locator(`[data-task-id="${MOVED}"]`)).toBeVisible()

  // The client sees it in « En cours » on their own kanban.
  const context = await browser.newContext()
  const client = await context.newPage()
  await login(client, CLIENT_ACME)
  await client.goto('/taches?vue=kanban')
  await expect(client.getByRole('region', { name: 'En cours' })).toContainText('Formation de l’équipe à l’administration'.replace(/’/g, "'"))
  await context.close()
})

test('kanban : réordonner une colonne au clavier, le client voit le même ordre', async ({ page, browser }) => {
  await login(page, ADMIN)
  await page.goto(`/admin/taches?projet=${ACME_PROJECT}`)
  const todo = page.getByRole('region', { name: 'À faire' })
  // The board shows the database's order (position, then due date, then id).
  const { data: rows } = await adminClient()
    .from('tasks')
    .select('id, title, visibility')
    .eq('project_id', ACME_PROJECT)
    .eq('status', 'todo')
    .order('position')
    .order('due_date', { nullsFirst: false })
    .order('id')
  const cards = todo.locator('[data-task-id]')
  await expect.poll(() => cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-task-id')))).toEqual(rows!.map((r) => r.id))

  // The last client-visible card goes to the top: Space, ↑ once per card above it, Space.
  const index = rows!.findLastIndex((r) => r.visibility === 'client')
  expect(index).toBeGreaterThan(0)
  const moved = rows![index]
  await page.getByRole('button', { name: `Déplacer « ${moved.title} » (À faire)` }).focus()
  await page.keyboard.press('Space')
  // Lifted (dnd-kit dims the card in place) before the arrows are pressed.
  await expect(todo.locator(`[data-task-id="${moved.id}"]`)).toHaveClass(/opacity-40/)
  for (let i = 0; i < index; i++) {
    await page.keyboard.press('ArrowUp')
    // dnd-kit measures and re-sorts on the next frames: one card per press.
    await page.waitForTimeout(120)
  }
  await page.keyboard.press('Space')
  await expect(cards.first()).toHaveAttribute('data-task-id', moved.id)
  await expect.poll(async () => (await adminClient().from('tasks').select('position, status').eq('id', moved.id).single()).data).toEqual({ position: 0, status: 'todo' })
  // The others were renumbered after it, in their former order.
  const { data: after } = await adminClient().from('tasks').select('id, position').eq('project_id', ACME_PROJECT).eq('status', 'todo').order('position')
  expect(after!.map((r) => r.id)).toEqual([moved.id, ...rows!.filter((r) => r.id !== moved.id).map((r) => r.id)])
  expect(after!.map((r) => r.position)).toEqual(after!.map((_, i) => i))
  await page.reload()
  await expect(cards.first()).toHaveAttribute('data-task-id', moved.id)
  await screenshotBoth(page, 'admin-taches-ordre')

  // The client's « À faire » column starts with it too.
  const context = await browser.newContext()
  const client = await context.newPage()
  await login(client, CLIENT_ACME)
  await client.goto('/taches?vue=kanban')
  const clientTodo = client.getByRole('region', { name: 'À faire' }).getByRole('link')
  await expect(clientTodo.first()).toContainText(moved.title)
  const visible = rows!.filter((r) => r.visibility === 'client')
  await expect(clientTodo).toHaveCount(visible.length)
  await context.close()
})

test('kanban : un déplacement refusé revient à sa place', async ({ page }) => {
  await login(page, ADMIN)
  await page.goto(`/admin/taches?projet=${ACME_PROJECT}`)
  const task = '50000000-0000-4000-8000-000000000017' // Recette fonctionnelle, todo
  // The task disappears on the server after the page loaded: the move is refused (404) and rolled back.
  const { data: original } = await adminClient().from('tasks').select('*').eq('id', task).single()
  await adminClient().from('tasks').delete().eq('id', task)
  try {
    await page.getByLabel(/Statut de « Recette fonctionnelle/).selectOption('review', { force: true })
    await expect(page.getByText(/n’a pas été déplacée/)).toBeVisible()
    // Rolled back: back in « À faire » (the loader's data), not in « En validation ».
    await expect(page.getByRole('region', { name: 'À faire' }).locator(`[data-task-id="${task}"]`)).toBeVisible()
    await expect(page.getByRole('region', { name: 'En validation' }).locator(`[data-task-id="${task}"]`)).toHaveCount(0)
  } finally {
    await adminClient().from('tasks').insert(original)
  }
})

test('liste, création, checklist et pièce jointe', async ({ page }) => {
  await login(page, ADMIN)
  await page.goto('/admin/taches?vue=liste')
  await page.getByLabel('Priorité', { exact: true }).selectOption('urgent')
  await expect(page).toHaveURL(/priorite=urgent/)
  await expect(page).toHaveURL(/vue=liste/)
  await expect(page.getByRole('link', { name: 'Correctif : panier sur iPhone SE' })).toBeVisible()
  await screenshotBoth(page, 'admin-taches-liste')
  // Assignment straight from the list.
  const urgent = '50000000-0000-4000-8000-000000000016'
  await page.getByLabel('Assigner « Correctif : panier sur iPhone SE »').selectOption('')
  await expect.poll(async () => (await adminClient().from('tasks').select('assigned_to').eq('id', urgent).single()).data?.assigned_to).toBeNull()
  await page.getByLabel('Assigner « Correctif : panier sur iPhone SE »').selectOption({ index: 1 })
  await expect.poll(async () => (await adminClient().from('tasks').select('assigned_to').eq('id', urgent).single()).data?.assigned_to).not.toBeNull()

  await page.goto('/admin/taches/nouvelle')
  await page.getByRole('button', { name: 'Créer la tâche' }).click()
  await expect(page.getByText('Le titre est obligatoire.')).toBeVisible()
  const title = `Préparer la démo client ${Date.now()}`
  await page.getByLabel('Titre').fill(title)
  await page.getByLabel('Projet').selectOption(ACME_PROJECT)
  await page.getByLabel('Visibilité').selectOption('client')
  await page.getByLabel('Assignée à').selectOption({ index: 1 })
  await screenshotBoth(page, 'admin-taches-nouvelle')
  await page.getByRole('button', { name: 'Créer la tâche' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)

  await page.getByLabel('Nouvel élément de checklist').fill('Jeu de données de démonstration')
  await page.getByRole('button', { name: 'Ajouter' }).click()
  const item = page.getByRole('checkbox', { name: 'Jeu de données de démonstration' })
  await expect(item).not.toBeChecked()
  await item.click()
  await expect(item).toBeChecked()
  await expect(page.getByText('1 sur 1 terminé')).toBeVisible()

  await page.getByLabel('Fichier à joindre').setInputFiles({ name: 'déroulé-démo.txt', mimeType: 'text/plain', buffer: Buffer.from('1. Accueil\n2. Paiement\n') })
  await page.getByRole('button', { name: 'Joindre', exact: true }).click()
  await expect(page.getByRole('link', { name: 'déroulé-démo.txt', exact: true })).toBeVisible()
  await expect(page.getByText(/visible client/).first()).toBeVisible()
  await screenshotBoth(page, 'admin-taches-detail')
})
