// The two shells: every page answers, navigation works on desktop and on a
// phone, the project switcher switches, errors are French, the CSP holds (no
// violation in the console) — and a screenshot of every page at 390×844 and
// 1440×900 lands in test-results/screenshots/.
import type { Page } from '@playwright/test'
import { ADMIN, CLIENT_ACME, CLIENT_BAOBAB, expect, login, screenshotBoth, test, VIEWPORTS } from './fixtures.ts'

const CLIENT_PAGES = [
  ['/dashboard', 'dashboard'],
  ['/projet', 'projet'],
  ['/feuille-de-route', 'feuille-de-route'],
  ['/taches', 'taches'],
  ['/factures-devis', 'factures-devis'],
  ['/documents', 'documents'],
  ['/reclamations', 'reclamations'],
  ['/parametres', 'parametres'],
] as const

const ADMIN_PAGES = [
  ['/admin', 'tableau-de-bord', 'Tableau de bord'],
  ['/admin/projets', 'projets', 'Projets'],
  ['/admin/clients', 'clients', 'Clients'],
  ['/admin/prospects', 'prospects', 'Prospects'],
  ['/admin/taches', 'taches', 'Tâches'],
  ['/admin/reclamations', 'reclamations', 'Réclamations'],
  ['/admin/factures-devis', 'factures-devis', 'Factures & devis'],
  ['/admin/paiements', 'paiements', 'Paiements'],
  ['/admin/parametres', 'parametres', 'Paramètres'],
  ['/admin/journal', 'journal', 'Journal d’audit'],
] as const

/** Collects CSP violations and uncaught errors reported by the page. */
function watchConsole(page: Page) {
  const problems: string[] = []
  page.on('console', (message) => {
    const text = message.text()
    if (/Content Security Policy|Refused to (load|execute|apply|connect)/i.test(text)) problems.push(text)
    if (message.type() === 'error' && /hydrat/i.test(text)) problems.push(text.slice(0, 300))
  })
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  return problems
}

test('espace client : chaque page répond, sans violation CSP, captures 390 et 1440', async ({ page }) => {
  test.setTimeout(240_000) // 8 pages × 2 full-page screenshots
  const problems = watchConsole(page)
  await login(page, CLIENT_ACME)
  for (const [path, name] of CLIENT_PAGES) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(200)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await screenshotBoth(page, `client-${name}`)
  }
  expect(problems).toEqual([])
})

test('espace client : navigation latérale puis barre du bas et menu « Plus » sur téléphone', async ({ page }) => {
  await login(page, CLIENT_ACME)
  await page.locator('aside').getByRole('link', { name: 'Feuille de route' }).click()
  await expect(page).toHaveURL(/\/feuille-de-route$/)
  await expect(page.locator('aside').getByRole('link', { name: 'Feuille de route' })).toHaveAttribute('aria-current', 'page')

  await page.setViewportSize(VIEWPORTS.mobile)
  const bottom = page.locator('nav[aria-label="Navigation principale"]').last()
  await expect(bottom).toBeVisible()
  await bottom.getByRole('link', { name: 'Factures' }).click()
  await expect(page).toHaveURL(/\/factures-devis$/)
  // The shell closes open menus when a navigation lands: open "Plus" once the page is there.
  await expect(page.getByRole('heading', { level: 1, name: 'Factures & devis' })).toBeVisible()
  await bottom.getByRole('button', { name: 'Plus' }).click()
  const more = page.locator('#menu-plus')
  await expect(more).toBeVisible()
  await screenshotBoth(page, 'client-menu-plus')
  await page.setViewportSize(VIEWPORTS.mobile)
  await expect(more).toBeVisible()
  await more.getByRole('link', { name: 'Documents' }).click()
  await expect(page).toHaveURL(/\/documents$/)
  await expect(more).toBeHidden()
})

test('sélecteur de projet : un client de plusieurs projets change de projet courant', async ({ page }) => {
  await login(page, CLIENT_ACME)
  await page.goto('/projet')
  const select = page.locator('aside').getByLabel('Projet')
  // Seed: ACME has an active project (shown first) and a draft one.
  await expect(select.locator('option')).toHaveText(['Boutique en ligne ACME', 'Application mobile ACME Fidélité'])
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Boutique en ligne ACME')
  const target = 'Application mobile ACME Fidélité'
  await select.selectOption({ label: target })
  await expect(page).toHaveURL(/\/projet$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(target)
  // Remembered on the next visit.
  await page.reload()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(target)
})

test('un client ne voit que ses projets', async ({ page }) => {
  await login(page, CLIENT_BAOBAB)
  await page.goto('/projet')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Refonte du site vitrine Baobab Studio')
  // One project: named, no switcher; nothing of ACME anywhere on the page.
  await expect(page.locator('aside').getByLabel('Projet')).toHaveCount(0)
  await expect(page.locator('body')).not.toContainText('ACME')
})

test('administration : chaque page répond, sans violation CSP, captures 390 et 1440', async ({ page }) => {
  test.setTimeout(300_000) // 10 pages × 2 full-page screenshots
  const problems = watchConsole(page)
  await login(page, ADMIN)
  for (const [path, name, title] of ADMIN_PAGES) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(200)
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
    await screenshotBoth(page, `admin-${name}`)
  }
  await page.setViewportSize(VIEWPORTS.mobile)
  await page.getByRole('button', { name: 'Menu' }).click()
  await expect(page.locator('#menu-admin')).toBeVisible()
  await screenshotBoth(page, 'admin-menu-mobile')
  expect(problems).toEqual([])
})

test('un administrateur qui ouvre une page client est renvoyé vers /admin', async ({ page }) => {
  await login(page, ADMIN)
  await page.goto('/taches')
  await expect(page).toHaveURL(/\/admin$/)
})

test('pages publiques et erreurs en français', async ({ page }) => {
  const problems = watchConsole(page)
  await page.goto('/connexion')
  await screenshotBoth(page, 'auth-connexion')
  await page.goto('/mot-de-passe-oublie')
  await screenshotBoth(page, 'auth-mot-de-passe-oublie')
  const missing = await page.goto('/cette-page-n-existe-pas')
  expect(missing?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible()
  await screenshotBoth(page, 'erreur-404')
  await page.goto('/auth/confirm?error=access_denied&error_code=otp_expired')
  await expect(page.getByRole('heading', { name: 'Lien non valide' })).toBeVisible()
  await screenshotBoth(page, 'auth-lien-invalide')
  expect(problems).toEqual([])

  await login(page, CLIENT_ACME)
  await page.goto('/admin')
  await expect(page.getByRole('heading', { level: 1, name: 'Accès refusé' })).toBeVisible()
  await screenshotBoth(page, 'erreur-403')
})

test('en-têtes de sécurité et refus CSRF', async ({ page, request, baseURL }) => {
  const response = await page.goto('/connexion')
  const headers = response!.headers()
  const csp = headers['content-security-policy']
  expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/)
  expect(csp).toContain("frame-ancestors 'none'")
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
  expect(headers['permissions-policy']).toContain('camera=()')
  // The nonce of the header is the one on the page's scripts.
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]
  const scriptNonce = await page.locator('script[nonce]').first().evaluate((el) => (el as HTMLScriptElement).nonce)
  expect(scriptNonce).toBe(nonce)

  const forged = await request.post(`${baseURL}/deconnexion`, {
    headers: { Origin: 'https://evil.example' },
    maxRedirects: 0,
  })
  expect(forged.status()).toBe(403)
  expect(await forged.text()).toContain('Requête refusée')
})
