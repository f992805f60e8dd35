// Réclamations as a client: the list, a thread with NOURX's public reply and
// its attachment (never the internal note), a new ticket with an attachment
// downloaded back byte-identical, closing and rating a resolved ticket — and,
// as another company, every ACME ticket URL answering 404 with no ACME byte.
import { CLIENT_ACME, CLIENT_BAOBAB, expect, login, screenshotBoth, test } from './fixtures.ts'

const ACME_TICKET = '90000000-0000-4000-8000-000000000002' // in progress, NOURX replied, internal note
const ACME_CLOSED = '90000000-0000-4000-8000-000000000001'
const BAOBAB_RESOLVED = '90000000-0000-4000-8000-000000000004'
const ACME_ATTACHMENT = '60000000-0000-4000-8000-000000000006' // capture-panier-iphone.png
const INTERNAL_FILE = '60000000-0000-4000-8000-000000000004' // notes-internes.txt, on the internal note

test.describe('client ACME', () => {
  test.beforeEach(async ({ page }) => {
    await login(page, CLIENT_ACME)
  })

  test('liste et fil : réponse de NOURX visible, note interne jamais envoyée', async ({ page }) => {
    await page.goto('/reclamations')
    await expect(page.getByRole('heading', { level: 1, name: 'Réclamations' })).toBeVisible()
    const tickets = page.getByRole('list', { name: 'Réclamations' })
    for (const subject of ['Le panier s', 'Ajouter le paiement à la livraison', 'Mon paiement Orange Money']) {
      await expect(tickets.getByRole('link', { name: new RegExp(subject) })).toBeVisible()
    }
    await expect(tickets).not.toContainText('Modifier les horaires') // Baobab's
    await screenshotBoth(page, 'reclamations')

    // The HTML as served (the SSR document carries the loader data too).
    const html = await (await page.request.get(`/reclamations/${ACME_TICKET}`)).text()
    expect(html).toContain('Merci pour la capture')
    await page.goto(`/reclamations/${ACME_TICKET}`)
    expect(html).not.toContain('Interne : reproduit')
    expect(html).not.toContain('notes-internes')
    expect(html).not.toContain(INTERNAL_FILE)
    const thread = page.getByRole('list', { name: 'Conversation' })
    await expect(thread.locator('[data-author="nourx"]')).toContainText('Merci pour la capture')
    await expect(thread).toContainText('Yannick Kouadio · NOURX')
    await expect(page.getByRole('link', { name: /capture-panier-iphone\.png/ })).toBeVisible()
    await screenshotBoth(page, 'reclamation-detail')

    // The attachment is served through a short-lived signed URL.
    const file = await page.request.get(`/api/reclamations/${ACME_TICKET}/pieces-jointes/${ACME_ATTACHMENT}`)
    expect(file.status()).toBe(200)
    expect((await file.body()).subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]))
    // The internal note's file is not reachable, even by its id.
    const hidden = await page.request.get(`/api/reclamations/${ACME_TICKET}/pieces-jointes/${INTERNAL_FILE}`, { maxRedirects: 0 })
    expect(hidden.status()).toBe(404)
  })

  test('créer une réclamation « Paiement » avec pièce jointe, saisie conservée sur erreur', async ({ page }) => {
    await page.goto('/reclamations/nouvelle')
    await screenshotBoth(page, 'reclamation-nouvelle')
    const form = page.getByRole('form', { name: 'Nouvelle réclamation' })
    await form.getByLabel('Objet').fill('Reçu introuvable pour mon virement')
    await form.getByLabel('Catégorie').selectOption({ label: 'Paiement' })
    await form.getByLabel('Priorité').selectOption({ label: 'Haute' })
    // Too short a description: refused by the server (browser checks off), the subject stays.
    await form.evaluate((f: HTMLFormElement) => f.setAttribute('novalidate', ''))
    await form.getByLabel('Description').fill('Court')
    await form.getByRole('button', { name: 'Envoyer la réclamation' }).click()
    await expect(page.getByText('10 caractères au moins')).toBeVisible()
    await expect(form.getByLabel('Objet')).toHaveValue('Reçu introuvable pour mon virement')
    await expect(form.getByLabel('Catégorie')).toHaveValue('payment')

    const content = Buffer.from(`Justificatif de virement ${Date.now()} — réf. VIR-2026-0999\n`, 'utf8')
    await form.getByLabel('Description').fill('J’ai fait un virement de 295 000 F CFA le 3 novembre, je ne vois pas le reçu.')
    await form.locator('input[type=file]').setInputFiles({ name: 'justificatif-virement.txt', mimeType: 'text/plain', buffer: content })
    await form.getByRole('button', { name: 'Envoyer la réclamation' }).click()
    await expect(page).toHaveURL(/\/reclamations\/[0-9a-f-]{36}$/)
    await expect(page.getByRole('heading', { level: 1, name: 'Reçu introuvable pour mon virement' })).toBeVisible()
    await expect(page.getByText('Paiement', { exact: true })).toBeVisible()
    await expect(page.getByTestId('sla')).toContainText('Réponse de NOURX attendue avant le')
    const link = page.getByRole('link', { name: /justificatif-virement\.txt/ })
    await expect(link).toBeVisible()
    const back = await page.request.get((await link.getAttribute('href'))!)
    expect(Buffer.from(await back.body()).equals(content)).toBe(true)

    // A reply in the thread.
    await page.getByLabel('Votre message').fill('Le virement a été fait depuis la SGCI.')
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click()
    await expect(page.getByRole('list', { name: 'Conversation' })).toContainText('Le virement a été fait depuis la SGCI.')
  })

  test('réclamation fermée : note affichée, plus de réponse possible', async ({ page }) => {
    await page.goto(`/reclamations/${ACME_CLOSED}`)
    await expect(page.getByText('Votre note : 5/5.')).toBeVisible()
    await expect(page.getByRole('form', { name: 'Répondre' })).toHaveCount(0)
  })
})

test('client Baobab : fermer et noter sa réclamation résolue ; les réclamations ACME répondent 404', async ({ page }) => {
  await login(page, CLIENT_BAOBAB)
  await page.goto(`/reclamations/${BAOBAB_RESOLVED}`)
  const close = page.getByRole('form', { name: 'Fermer la réclamation' })
  await close.getByText('4', { exact: true }).click()
  await close.getByLabel('Commentaire (facultatif)').fill('Parfait, merci.')
  await close.getByRole('button', { name: 'Fermer la réclamation' }).click()
  await expect(page.getByText('Votre note : 4/5.')).toBeVisible()
  await expect(page.getByText('« Parfait, merci. »')).toBeVisible()

  const markers = ['ACME', 'Aïcha', 'panier', 'Orange Money', 'capture-panier']
  for (const url of [`/reclamations/${ACME_TICKET}`, `/reclamations/${ACME_CLOSED}`, '/reclamations/pas-un-uuid']) {
    const response = await page.request.get(url)
    expect([403, 404], url).toContain(response.status())
    const html = await response.text()
    for (const m of markers) expect(html, `${url} contient ${m}`).not.toContain(m)
  }
  const file = await page.request.get(`/api/reclamations/${ACME_TICKET}/pieces-jointes/${ACME_ATTACHMENT}`, { maxRedirects: 0 })
  expect([403, 404]).toContain(file.status())
  const body = await file.text()
  for (const m of markers) expect(body).not.toContain(m)
  await page.goto('/reclamations')
  await expect(page.getByRole('list', { name: 'Réclamations' })).not.toContainText('panier')
})
