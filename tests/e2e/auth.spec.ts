// Sign-in journeys of issue 3, in a real browser against the whole local
// stack: password, magic link and password reset through the mail catcher,
// invitation, logout, redirectTo, and the admin/client boundary.
import {
  adminClient,
  ADMIN,
  CLIENT_ACME,
  createUser,
  expect,
  login,
  mailLink,
  stack,
  test,
  waitForHydration,
  waitForMail,
} from './fixtures.ts'

test.describe('connexion par mot de passe', () => {
  test('un administrateur arrive sur /admin', async ({ page }) => {
    await login(page, ADMIN)
    await expect(page).toHaveURL(/\/admin$/)
    await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible()
    await expect(page.getByRole('navigation', { name: 'Navigation principale' }).first()).toContainText('Journal d’audit')
  })

  test('un client arrive sur /dashboard, avec son nom et son projet', async ({ page }) => {
    await login(page, CLIENT_ACME)
    await expect(page).toHaveURL(/\/dashboard$/)
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Bonjour')
    await expect(page.locator('aside')).toContainText(CLIENT_ACME)
  })

  test('un mauvais mot de passe est refusé en français, l’e-mail saisi est conservé', async ({ page }) => {
    await page.goto('/connexion')
    await page.getByLabel('Adresse e-mail').fill(CLIENT_ACME)
    await page.getByLabel('Mot de passe', { exact: true }).fill('pas-le-bon')
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await expect(page.getByRole('alert')).toHaveText('E-mail ou mot de passe incorrect.')
    await expect(page.getByLabel('Adresse e-mail')).toHaveValue(CLIENT_ACME)
    await expect(page).toHaveURL(/\/connexion/)
  })
})

test.describe('gardes', () => {
  test('un client est refusé sur /admin (page 403)', async ({ page }) => {
    await login(page, CLIENT_ACME)
    const response = await page.goto('/admin/clients')
    expect(response?.status()).toBe(403)
    await expect(page.getByRole('heading', { level: 1, name: 'Accès refusé' })).toBeVisible()
    await expect(page.getByText('Cette page est réservée à l’équipe NOURX.')).toBeVisible()
  })

  test('un visiteur anonyme est renvoyé vers /connexion avec redirectTo', async ({ page }) => {
    await page.goto('/factures-devis?statut=due')
    await expect(page).toHaveURL('/connexion?redirectTo=%2Ffactures-devis%3Fstatut%3Ddue')
  })

  test('redirectTo est honoré après la connexion', async ({ page }) => {
    await page.goto('/documents')
    await expect(page).toHaveURL(/redirectTo=%2Fdocuments/)
    await page.getByLabel('Adresse e-mail').fill(CLIENT_ACME)
    await page.getByLabel('Mot de passe', { exact: true }).fill('demo-nourx-2026')
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await expect(page).toHaveURL(/\/documents$/)
    await expect(page.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible()
  })

  for (const external of ['https://evil.example/vol', '//evil.example/vol', '/\\evil.example/vol', '/\t/evil.example']) {
    test(`un redirectTo externe est refusé : ${JSON.stringify(external)}`, async ({ page }) => {
      await login(page, CLIENT_ACME, undefined, `/connexion?redirectTo=${encodeURIComponent(external)}`)
      await expect(page).toHaveURL(`${stack.appUrl}/dashboard`)
    })
  }

  test('un client ne peut pas être envoyé vers /admin par redirectTo', async ({ page }) => {
    await login(page, CLIENT_ACME, undefined, `/connexion?redirectTo=${encodeURIComponent('/admin/paiements')}`)
    await expect(page).toHaveURL(/\/dashboard$/)
  })
})

test('déconnexion : la session est fermée et les pages protégées redemandent la connexion', async ({ page }) => {
  await login(page, CLIENT_ACME)
  await page.locator('aside').getByRole('button', { name: 'Se déconnecter' }).click()
  await expect(page).toHaveURL(/\/connexion$/)
  await expect(page.getByText('Vous êtes déconnecté.')).toBeVisible()
  const cookies = await page.context().cookies()
  expect(cookies.filter((c) => c.name.startsWith('sb-') && c.name.includes('auth-token') && c.value)).toEqual([])
  await page.goto('/dashboard')
  await expect(page).toHaveURL(/\/connexion\?redirectTo=%2Fdashboard/)
})

test('les cookies de session sont HttpOnly et SameSite=Lax', async ({ page }) => {
  await login(page, CLIENT_ACME)
  const session = (await page.context().cookies()).find((c) => /^sb-.*-auth-token(\.0)?$/.test(c.name))
  expect(session, 'cookie de session').toBeTruthy()
  expect(session?.httpOnly).toBe(true)
  expect(session?.sameSite).toBe('Lax')
})

test('lien de connexion par e-mail (mail catcher, PKCE)', async ({ page }) => {
  const since = new Date(Date.now() - 1000).toISOString()
  await page.goto(`/connexion?redirectTo=${encodeURIComponent('/reclamations')}`)
  await page.getByLabel('Adresse e-mail').fill(CLIENT_ACME)
  await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click()
  await expect(page.getByRole('status')).toContainText('un lien de connexion vient de lui être envoyé')

  const mail = await waitForMail(CLIENT_ACME, { since, subject: /lien de connexion/i })
  // The default Supabase link: /auth/v1/verify, then back with ?code= (PKCE,
  // same browser as the request).
  await page.goto(mailLink(mail, 'confirmation-url'))
  await expect(page).toHaveURL(/\/reclamations$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Réclamations' })).toBeVisible()
})

test('une adresse inconnue reçoit la même réponse, et aucun e-mail', async ({ page }) => {
  await page.goto('/connexion')
  await page.getByLabel('Adresse e-mail').fill('personne@inconnu.test')
  await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click()
  await expect(page.getByRole('status')).toContainText('Si un compte existe pour personne@inconnu.test')
  const res = await fetch(`${stack.mailUrl}/api/messages?to=personne%40inconnu.test`)
  expect(await res.json()).toEqual([])
})

test('mot de passe oublié : lien reçu par e-mail, ouvert dans un autre navigateur, nouveau mot de passe', async ({
  page,
  browser,
}) => {
  const user = await createUser('reset')
  const since = new Date(Date.now() - 1000).toISOString()
  await page.goto('/connexion')
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click()
  await expect(page).toHaveURL(/\/mot-de-passe-oublie$/)
  await page.getByLabel('Adresse e-mail').fill(user.email)
  await page.getByRole('button', { name: 'Envoyer le lien' }).click()
  await expect(page.getByRole('status')).toContainText('lien de réinitialisation')

  const mail = await waitForMail(user.email, { since, subject: /mot de passe/i })
  // The token_hash link (the @supabase/ssr e-mail template) works from any
  // browser: no PKCE verifier needed.
  const other = await browser.newContext({ baseURL: stack.appUrl })
  const otherPage = await other.newPage()
  await otherPage.goto(mailLink(mail, 'token-hash-url'))
  await expect(otherPage).toHaveURL(/\/reinitialiser-mot-de-passe$/)
  await waitForHydration(otherPage)

  // Mismatched confirmation: refused, French message.
  await otherPage.getByLabel('Nouveau mot de passe').fill('nouveau-mdp-2026')
  await otherPage.getByLabel('Confirmation').fill('autre-chose-2026')
  await otherPage.getByRole('button', { name: 'Enregistrer le mot de passe' }).click()
  await expect(otherPage.getByText('Les deux mots de passe ne correspondent pas.')).toBeVisible()

  await otherPage.getByLabel('Nouveau mot de passe').fill('nouveau-mdp-2026')
  await otherPage.getByLabel('Confirmation').fill('nouveau-mdp-2026')
  await otherPage.getByRole('button', { name: 'Enregistrer le mot de passe' }).click()
  await expect(otherPage).toHaveURL(/\/dashboard$/)
  await expect(otherPage.getByText('Votre mot de passe a été modifié.')).toBeVisible()
  await other.close()

  // The old password no longer works; the new one does.
  await page.goto('/connexion')
  await page.getByLabel('Adresse e-mail').fill(user.email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(user.password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await expect(page.getByRole('alert')).toHaveText('E-mail ou mot de passe incorrect.')
  await login(page, user.email, 'nouveau-mdp-2026')
  await expect(page).toHaveURL(/\/dashboard$/)
})

test('un lien déjà utilisé affiche une erreur claire', async ({ page }) => {
  const user = await createUser('reuse')
  const since = new Date(Date.now() - 1000).toISOString()
  await page.goto('/mot-de-passe-oublie')
  await page.getByLabel('Adresse e-mail').fill(user.email)
  await page.getByRole('button', { name: 'Envoyer le lien' }).click()
  const link = mailLink(await waitForMail(user.email, { since }), 'token-hash-url')
  await page.goto(link)
  await expect(page).toHaveURL(/\/reinitialiser-mot-de-passe$/)
  await page.context().clearCookies()
  await page.goto(link)
  await expect(page.getByRole('heading', { name: 'Lien non valide' })).toBeVisible()
  await expect(page.getByRole('alert')).toContainText('Demandez-en un nouveau')
})

test('invitation : le lien ouvre /invitation, la personne choisit nom et mot de passe', async ({ page }) => {
  const email = `invite-${Date.now()}@e2e.test`
  const since = new Date(Date.now() - 1000).toISOString()
  const { error } = await adminClient().auth.admin.inviteUserByEmail(email, {
    redirectTo: `${stack.appUrl}/auth/confirm?next=/invitation`,
  })
  expect(error).toBeNull()
  const mail = await waitForMail(email, { since, subject: /invitation/i })
  // Admin invitations use the implicit flow: tokens arrive in the URL
  // fragment, which the page posts back to the server.
  await page.goto(mailLink(mail, 'confirmation-url'))
  await expect(page).toHaveURL(/\/invitation$/)
  await expect(page.getByRole('heading', { name: 'Bienvenue' })).toBeVisible()
  await page.getByLabel('Nom complet').fill('Adjoua Kouassi')
  await page.getByLabel('Mot de passe', { exact: true }).fill('bienvenue-2026')
  await page.getByLabel('Confirmation').fill('bienvenue-2026')
  await page.getByRole('button', { name: 'Accéder à mon espace' }).click()
  await expect(page).toHaveURL(/\/dashboard$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Adjoua')
})
