// Back office — tickets as admin@nourx.test: the inbox sorted by SLA deadline
// with late ones highlighted, an answer and an internal note on a ticket; the
// client sees the answer, never the note.
import { ADMIN, adminClient, CLIENT_ACME, expect, login, screenshotBoth, test } from './fixtures.ts'

const TICKET = '90000000-0000-4000-8000-000000000003' // « Ajouter le paiement à la livraison », ACME, not answered yet

test('boîte de réception triée par échéance SLA, retards en évidence', async ({ page }) => {
  await login(page, ADMIN)
  await page.goto('/admin/reclamations')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Réclamations')
  const rows = page.locator('tbody tr')
  await expect(rows.first()).toBeVisible()
  // Deadlines ascending, as the database computed them.
  const { data } = await adminClient()
    .from('tickets')
    .select('subject, sla_due_at')
    .in('status', ['open', 'in_progress', 'waiting_client'])
    .order('sla_due_at')
  await expect(rows.first()).toContainText(data![0].subject)
  // The seed's high-priority ticket opened 4 days ago (SLA 24 h) is late.
  await expect(page.locator('tbody tr[data-late]').filter({ hasText: 'Le panier s’affiche mal'.replace('’', "'") })).toBeVisible()
  await expect(page.getByText(/en retard sur le SLA/)).toBeVisible()
  await screenshotBoth(page, 'admin-reclamations')

  await page.getByLabel('SLA', { exact: true }).selectOption('1')
  await expect(page).toHaveURL(/retard=1/)
  await expect(page.locator('tbody tr:not([data-late])')).toHaveCount(0)
})

test('répondre et ajouter une note interne ; le client voit la réponse, pas la note', async ({ page, browser }) => {
  // Same starting point on every run: the ticket waits for NOURX.
  await adminClient().from('tickets').update({ status: 'open' }).eq('id', TICKET)
  await login(page, ADMIN)
  await page.goto(`/admin/reclamations/${TICKET}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/paiement à la livraison/)

  // Empty answer: French message, nothing sent.
  await page.getByRole('button', { name: 'Envoyer' }).click()
  await expect(page.getByText('Écrivez votre message.')).toBeVisible()

  const answer = `Bonne idée : nous l’activons pour Abidjan dès le jalon 4 (${Date.now()}).`
  await page.getByLabel('Votre réponse').fill(answer)
  await page.getByLabel('Puis passer en').selectOption('waiting_client')
  await page.getByRole('button', { name: 'Envoyer' }).click()
  await expect(page.getByText('Réponse envoyée au client.')).toBeVisible()
  await expect(page.getByRole('list', { name: 'Messages' })).toContainText(answer)
  await expect(page.getByText('En attente du client').first()).toBeVisible()

  const note = `Interne : vérifier les frais du livreur avant de confirmer (${Date.now()}).`
  await page.getByLabel('Votre réponse').fill(note)
  await page.getByLabel('Note interne (jamais visible par le client)').check()
  await page.getByRole('button', { name: 'Envoyer' }).click()
  await expect(page.getByText('Note interne ajoutée.')).toBeVisible()
  await expect(page.locator('li[data-internal]').filter({ hasText: note })).toBeVisible()

  // Assignment and priority (the SLA deadline is recomputed by the database).
  const before = (await adminClient().from('tickets').select('sla_due_at, priority').eq('id', TICKET).single()).data!
  const priority = before.priority === 'urgent' ? 'high' : 'urgent' // always a change, even on a rerun
  await page.getByLabel('Priorité').selectOption(priority)
  await page.getByLabel('Assignée à').selectOption({ index: 1 })
  await page.getByRole('button', { name: 'Mettre à jour' }).click()
  await expect(page.getByText('Réclamation mise à jour.')).toBeVisible()
  const after = (await adminClient().from('tickets').select('sla_due_at, assigned_to, priority').eq('id', TICKET).single()).data!
  expect(after.priority).toBe(priority)
  // The status chosen with the answer survived the update (the form was not stale).
  expect((await adminClient().from('tickets').select('status').eq('id', TICKET).single()).data!.status).toBe('waiting_client')
  expect(after.assigned_to).not.toBeNull()
  expect(after.sla_due_at).not.toBe(before.sla_due_at)
  await screenshotBoth(page, 'admin-reclamations-detail')

  const context = await browser.newContext()
  const client = await context.newPage()
  await login(client, CLIENT_ACME)
  await client.goto(`/reclamations/${TICKET}`)
  await expect(client.getByText(answer)).toBeVisible()
  await expect(client.locator('body')).not.toContainText(note)
  await context.close()
})

test('répondre avec une pièce jointe ; le client la télécharge depuis le fil', async ({ page, browser }) => {
  // A ticket of its own, so the run can be repeated on the same stack.
  const subject = `Export des commandes en CSV (${Date.now()})`
  const { data: ticket } = await adminClient()
    .from('tickets')
    .insert({ client_id: '20000000-0000-4000-8000-000000000001', subject, category: 'question', created_by: '10000000-0000-4000-8000-000000000002' })
    .select('id')
    .single()
  await login(page, ADMIN)
  await page.goto(`/admin/reclamations/${ticket!.id}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(subject)

  const fileInput = page.locator('input[type="file"][name="attachments"]')
  // The client portal's rule, in the browser: a program is refused before any upload.
  await fileInput.setInputFiles({ name: 'outil.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') })
  await expect(page.getByRole('alert').filter({ hasText: 'type de fichier non accepté' })).toBeVisible()

  const content = 'date;commande;montant\n2026-11-20;ACME-1042;125000\n'
  await page.getByLabel('Votre réponse').fill('Voici l’export demandé, au format CSV.')
  await fileInput.setInputFiles({ name: 'export-commandes.csv', mimeType: 'text/csv', buffer: Buffer.from(content) })
  await page.getByRole('button', { name: 'Envoyer' }).click()
  await expect(page.getByText('Réponse envoyée au client.')).toBeVisible()
  const messages = page.getByRole('list', { name: 'Messages' })
  await expect(messages.getByRole('link', { name: /export-commandes\.csv/ })).toBeVisible()
  await screenshotBoth(page, 'admin-reclamations-piece-jointe')

  const context = await browser.newContext({ acceptDownloads: true })
  const client = await context.newPage()
  await login(client, CLIENT_ACME)
  await client.goto(`/reclamations/${ticket!.id}`)
  await expect(client.getByText('Voici l’export demandé, au format CSV.')).toBeVisible()
  const download = client.waitForEvent('download')
  await client.getByRole('link', { name: /export-commandes\.csv/ }).click()
  const file = await download
  expect(file.suggestedFilename()).toBe('export-commandes.csv')
  const { readFile } = await import('node:fs/promises')
  expect(await readFile((await file.path())!, 'utf8')).toBe(content)
  await context.close()
})
