// Paramètres as a client, on a throwaway member of ACME (the demo accounts
// stay as seeded for the other specs): profile and contact methods with a
// validation error that keeps what was typed, avatar, password change then
// sign-in with the new one, notification preferences, analytics consent,
// RGPD export as JSON and the deletion request that reaches the admin.
import { readFileSync } from 'node:fs'
import { adminClient, CLIENT_ACME, createUser, expect, login, screenshotBoth, test } from './fixtures.ts'

const ACME_CLIENT_ID = '20000000-0000-4000-8000-000000000001'

// 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

test('captures de la page Paramètres (compte de démonstration)', async ({ page }) => {
  await login(page, CLIENT_ACME)
  await page.goto('/parametres')
  await expect(page.getByRole('heading', { level: 1, name: 'Paramètres' })).toBeVisible()
  await expect(page.getByLabel('Nom complet')).toHaveValue('Aïcha Coulibaly')
  await screenshotBoth(page, 'parametres')
})

test('profil, photo, mot de passe, notifications, consentement, export et suppression', async ({ page }) => {
  const user = await createUser('parametres')
  const admin = adminClient()
  const { error } = await admin.from('client_members').insert({ client_id: ACME_CLIENT_ID, user_id: user.id, role: 'member' })
  expect(error).toBeNull()
  await login(page, user.email, user.password)
  await page.goto('/parametres')

  // Profile: WhatsApp chosen without a number → refused, what was typed stays.
  const profile = page.getByRole('form', { name: 'Profil' })
  await profile.getByLabel('Nom complet').fill('Mariam Traoré')
  await profile.getByRole('textbox', { name: 'Téléphone' }).fill('+225 07 11 22 33 44')
  await profile.getByRole('textbox', { name: 'WhatsApp' }).fill('')
  await profile.getByRole('radio', { name: 'WhatsApp' }).check()
  await profile.getByRole('button', { name: 'Enregistrer le profil' }).click()
  await expect(page.getByText('Indiquez votre numéro WhatsApp pour être contacté par WhatsApp.')).toBeVisible()
  await expect(profile.getByLabel('Nom complet')).toHaveValue('Mariam Traoré')
  await expect(profile.getByRole('textbox', { name: 'Téléphone' })).toHaveValue('+225 07 11 22 33 44')
  await profile.getByRole('textbox', { name: 'WhatsApp' }).fill('+225 05 99 88 77 66')
  await profile.getByRole('button', { name: 'Enregistrer le profil' }).click()
  await expect(page.getByText('Profil enregistré.')).toBeVisible()
  const { data: saved } = await admin.from('profiles').select('full_name, phone, whatsapp, preferred_contact').eq('id', user.id).single()
  expect(saved).toEqual({ full_name: 'Mariam Traoré', phone: '+225 07 11 22 33 44', whatsapp: '+225 05 99 88 77 66', preferred_contact: 'whatsapp' })

  // Avatar: a text file is refused, a PNG is shown.
  const photo = page.getByRole('form', { name: 'Photo de profil' })
  await photo.locator('input[type=file]').setInputFiles({ name: 'moi.txt', mimeType: 'text/plain', buffer: Buffer.from('pas une image') })
  await photo.getByRole('button', { name: 'Mettre à jour' }).click()
  await expect(page.getByText('Format accepté : PNG, JPEG ou WebP.')).toBeVisible()
  await photo.locator('input[type=file]').setInputFiles({ name: 'moi.png', mimeType: 'image/png', buffer: PNG })
  await photo.getByRole('button', { name: 'Mettre à jour' }).click()
  await expect(page.getByRole('img', { name: 'Votre photo de profil' })).toBeVisible()
  const avatar = await page.request.get('/api/compte/avatar')
  expect(avatar.status()).toBe(200)
  expect(Buffer.from(await avatar.body()).equals(PNG)).toBe(true)

  // Notifications: untick e-mail for task comments, tick WhatsApp for invoices.
  const prefs = page.getByRole('form', { name: 'Notifications' })
  await prefs.getByLabel('Commentaire sur une tâche par e-mail').uncheck()
  await prefs.getByLabel('Nouvelle facture par WhatsApp').check()
  await prefs.getByRole('button', { name: 'Enregistrer les préférences' }).click()
  await expect(page.getByText('Préférences de notification enregistrées.')).toBeVisible()
  await expect(prefs.getByLabel('Commentaire sur une tâche par e-mail')).not.toBeChecked()
  await expect(prefs.getByLabel('Nouvelle facture par WhatsApp')).toBeChecked()

  // Consent.
  const consent = page.getByRole('form', { name: 'Mesure d’audience' })
  await consent.getByRole('radio', { name: 'Je refuse' }).check()
  await consent.getByRole('button', { name: 'Enregistrer mon choix' }).click()
  await expect(page.getByText('Mesure d’audience refusée.')).toBeVisible()
  await expect(page.getByText(/Dernier choix le/)).toBeVisible()

  // RGPD export: a JSON file with this user's profile and preferences.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Télécharger \(JSON\)/ }).click()])
  expect(download.suggestedFilename()).toMatch(/^mes-donnees-nourx-\d{4}-\d{2}-\d{2}\.json$/)
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'))
  expect(exported.profile.full_name).toBe('Mariam Traoré')
  expect(exported.profile.analytics_consent).toBe(false)
  expect(exported.notification_preferences).toEqual(
    expect.arrayContaining([expect.objectContaining({ event: 'task_comment', email: false })]),
  )
  expect(JSON.stringify(exported)).not.toContain('client@acme.test')

  // Password: wrong current one refused, then changed; the new one signs in.
  const password = page.getByRole('form', { name: 'Mot de passe' })
  await password.getByLabel('Mot de passe actuel').fill('pas-le-bon-mot-de-passe')
  await password.getByLabel('Nouveau mot de passe').fill('nouveau-secret-2026')
  await password.getByLabel('Confirmation').fill('nouveau-secret-2026')
  await password.getByRole('button', { name: 'Changer le mot de passe' }).click()
  await expect(page.getByText('Mot de passe actuel incorrect.')).toBeVisible()
  await password.getByLabel('Mot de passe actuel').fill(user.password)
  await password.getByLabel('Nouveau mot de passe').fill('nouveau-secret-2026')
  await password.getByLabel('Confirmation').fill('nouveau-secret-2026')
  await password.getByRole('button', { name: 'Changer le mot de passe' }).click()
  await expect(page.getByText('Mot de passe modifié.')).toBeVisible()

  // Deletion request: reaches the admin's table, shown as pending.
  const deletion = page.getByRole('form', { name: 'Supprimer mon compte' })
  await deletion.getByLabel('Motif (facultatif)').fill('Je quitte l’entreprise.')
  await deletion.getByRole('checkbox').check()
  await deletion.getByRole('button', { name: 'Demander la suppression' }).click()
  await expect(page.getByText(/Demande envoyée le .* NOURX la traite/)).toBeVisible()
  const { data: requests } = await admin.from('account_deletion_requests').select('status, reason').eq('user_id', user.id)
  expect(requests).toEqual([{ status: 'pending', reason: 'Je quitte l’entreprise.' }])

  await page.context().clearCookies()
  await login(page, user.email, 'nouveau-secret-2026')
  await expect(page).toHaveURL(/\/dashboard$/)
})
