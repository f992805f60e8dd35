// Back office, clients: the admin creates a company and a project for it,
// invites a member; the invitation arrives in the mail catcher, the member
// opens it, chooses a password and sees the project in the client portal.
import { ADMIN, expect, login, screenshotBoth, test, waitForMail } from './fixtures.ts'

test('créer un client, lui ouvrir un projet, inviter un membre qui active son accès', async ({ page, browser, baseURL }) => {
  // A long journey on a shared two-core machine: two browsers, a mail round trip.
  test.setTimeout(240_000)
  const stamp = Date.now().toString(36)
  const company = `Société E2E ${stamp}`
  const projectTitle = `Site vitrine ${stamp}`
  const memberEmail = `membre-${stamp}@e2e.test`

  await login(page, ADMIN)
  await page.goto('/admin/clients')
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible()
  await screenshotBoth(page, 'admin-clients-liste')

  // Server-side search, kept in the URL.
  await page.getByRole('searchbox', { name: 'Rechercher' }).fill('baobab')
  await expect(page).toHaveURL(/q=baobab/)
  await expect(page.getByRole('link', { name: 'Baobab Studio' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'ACME Côte d\'Ivoire' })).toHaveCount(0)

  // Create: a validation error keeps what was typed.
  await page.goto('/admin/clients/nouveau')
  await page.getByLabel('E-mail de l’entreprise').fill('pas-un-email')
  await page.getByLabel('Ville').fill('Yamoussoukro')
  await page.getByRole('button', { name: 'Créer le client' }).click()
  await expect(page.getByText('Le nom de l’entreprise est obligatoire.')).toBeVisible()
  await expect(page.getByLabel('Ville')).toHaveValue('Yamoussoukro')
  await screenshotBoth(page, 'admin-client-nouveau')
  await page.getByLabel('Raison sociale').fill(company)
  await page.getByLabel('E-mail de l’entreprise').fill(`contact-${stamp}@e2e.test`)
  await page.getByLabel('NCC').fill('1234567 Z')
  await page.getByRole('button', { name: 'Créer le client' }).click()
  await expect(page.getByRole('heading', { name: company, level: 1 })).toBeVisible()
  const clientUrl = page.url()

  // A project for this client (prefilled from the client page).
  await page.getByRole('link', { name: 'Nouveau projet' }).click()
  await expect(page.getByLabel('Client', { exact: true })).toHaveValue(clientUrl.split('/').pop()!)
  await page.getByLabel('Titre', { exact: true }).fill(projectTitle)
  await page.getByRole('button', { name: 'Créer le projet' }).click()
  await expect(page.getByRole('heading', { name: projectTitle, level: 1 })).toBeVisible()

  // Invite a member.
  await page.goto(clientUrl)
  const since = new Date(Date.now() - 1000).toISOString()
  await page.getByLabel('E-mail', { exact: true }).fill(memberEmail)
  await page.getByLabel('Nom complet').fill('Mariam Koné')
  await page.getByLabel('Fonction').fill('Directrice')
  await page.getByRole('button', { name: 'Envoyer l’invitation' }).click()
  await expect(page.getByText('Invitation envoyée.', { exact: false })).toBeVisible()
  await expect(page.getByText('Invitation en attente')).toBeVisible()
  await screenshotBoth(page, 'admin-client-fiche')

  // The app sends its own `invitation` template (editable in Paramètres), with
  // a token_hash link that /auth/confirm verifies on the server.
  const mail = await waitForMail(memberEmail, { since, subject: /espace client/i })
  expect(mail.text).toContain('Bonjour Mariam,')
  expect(mail.text).toContain(company)
  const link = /(\S+\/auth\/confirm\?token_hash=\S+&type=invite)/.exec(mail.text)?.[1] ?? ''
  expect(link.startsWith(`${baseURL}/auth/confirm?token_hash=`)).toBe(true)
  // The HTML part carries the same link, escaped.
  expect(mail.html).toContain(`href="${link.replace(/&/g, '&amp;')}"`)

  // The member, in their own browser.
  const memberContext = await browser.newContext({ baseURL, locale: 'fr-FR', timezoneId: 'Africa/Abidjan' })
  const member = await memberContext.newPage()
  await member.goto(link)
  await expect(member).toHaveURL(/\/invitation$/)
  await expect(member.getByLabel('Nom complet')).toHaveValue('Mariam Koné')
  await member.getByLabel('Mot de passe', { exact: true }).fill('motdepasse-e2e-1')
  await member.getByLabel('Confirmation').fill('motdepasse-e2e-1')
  await member.getByRole('button', { name: 'Accéder à mon espace' }).click()
  await expect(member).toHaveURL(/\/dashboard/)
  await expect(member.getByText(projectTitle).first()).toBeVisible()
  await memberContext.close()

  // Back in the admin: the member is now active.
  await page.reload()
  await expect(page.getByText('Mariam Koné')).toBeVisible()
  await expect(page.getByText('Actif', { exact: true })).toBeVisible()
})
