// Documents as client@acme.test: folders, several files at once with
// progress, limits with French messages (browser side and server side), the
// file downloaded back byte for byte, inline previews, who uploaded what.
// Baobab gets 404 on every ACME document and download.
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { adminClient, CLIENT_ACME, CLIENT_BAOBAB, expect, login, screenshotBoth, test } from './fixtures.ts'

const ACME_PROJECT = '30000000-0000-4000-8000-000000000001'
const ACME_IMAGE = '60000000-0000-4000-8000-000000000002' // maquette-accueil.png
const ACME_PDF = '60000000-0000-4000-8000-000000000001' // cahier-des-charges.pdf
const ACME_INTERNAL = '60000000-0000-4000-8000-000000000004' // notes-internes.txt (internal)

test('dossiers, envoi multiple avec progression, téléchargement identique octet pour octet', async ({ page }) => {
  await login(page, CLIENT_ACME)
  await page.goto('/documents')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Documents')
  const folders = page.getByRole('navigation', { name: 'Dossiers' })
  await expect(folders.getByRole('link', { name: /Maquettes/ })).toBeVisible()
  await expect(page.locator('body')).not.toContainText('Notes internes')
  await screenshotBoth(page, 'client-documents')

  await folders.getByRole('link', { name: /Maquettes/ }).click()
  await expect(page).toHaveURL(/dossier=Maquettes/)
  await expect(
    page
      .getByRole('link', { name: 'Maquette de la page d\u2019accueil' })
      .or(page.getByRole('link', { name: "Maquette de la page d'accueil" })),
  ).toBeVisible()

  // Two files at once into a new folder; binary content (every byte value) to prove nothing is re-encoded.
  const stamp = Date.now()
  const binary = Buffer.concat([
    Buffer.from('%PDF-1.4\n'),
    randomBytes(64 * 1024),
    Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  ])
  const text = Buffer.from(`Compte rendu réunion ${stamp} — état des livraisons à Abidjan.\n`, 'utf8')
  await page.getByLabel('Dossier de destination').fill(`Envois E2E ${stamp}`)
  await page.getByLabel('Fichiers à envoyer').setInputFiles([
    { name: `bon-de-livraison-${stamp}.pdf`, mimeType: 'application/pdf', buffer: binary },
    { name: `réunion-${stamp}.txt`, mimeType: 'text/plain', buffer: text },
  ])
  await expect(page.getByRole('progressbar', { name: `Envoi de bon-de-livraison-${stamp}.pdf` })).toBeVisible()
  await expect(page.getByLabel('Envoyé')).toHaveCount(2, { timeout: 30_000 })
  await folders.getByRole('link', { name: new RegExp(`Envois E2E ${stamp}`) }).click()
  await expect(page.getByRole('link', { name: `réunion-${stamp}.txt`, exact: true })).toBeVisible()
  const row = page.locator('li', {
    has: page.getByRole('link', { name: `bon-de-livraison-${stamp}.pdf`, exact: true }),
  })
  await expect(row).toContainText('Déposé par vous le')

  // Stored as the rules say: <client>/<project>/<uuid>-<ascii name>, row by the uploader.
  const { data: doc } = await adminClient()
    .from('documents')
    .select(
      'id, path, file_name, size_bytes, mime_type, visibility, folder, profiles!documents_uploaded_by_fkey(email)',
    )
    .eq('file_name', `réunion-${stamp}.txt`)
    .single()
  expect(doc!.path).toMatch(
    new RegExp(`^20000000-0000-4000-8000-000000000001/${ACME_PROJECT}/[0-9a-f-]{36}-reunion-${stamp}\\.txt$`),
  )
  expect(doc).toMatchObject({
    size_bytes: text.length,
    mime_type: 'text/plain',
    visibility: 'client',
    folder: `Envois E2E ${stamp}`,
  })

  // Download back.
  const downloadPromise = page.waitForEvent('download')
  await row.getByRole('link', { name: `Télécharger bon-de-livraison-${stamp}.pdf` }).click()
  const download = await downloadPromise
  expect(download.suggestedFilename()).toBe(`bon-de-livraison-${stamp}.pdf`)
  const received = readFileSync((await download.path())!)
  expect(received.equals(binary)).toBe(true)
})

test('glisser-déposer : le fichier déposé sur la zone est envoyé', async ({ page }) => {
  await login(page, CLIENT_ACME)
  await page.goto('/documents')
  const name = `depose-${Date.now()}.txt`
  // A real drop event carrying a File, as a browser fires it at the end of a drag.
  const transfer = await page.evaluateHandle((fileName) => {
    const dt = new DataTransfer()
    dt.items.add(new File(['Déposé par glisser-déposer\n'], fileName, { type: 'text/plain' }))
    return dt
  }, name)
  await page.getByTestId('zone-depot').dispatchEvent('dragover', { dataTransfer: transfer })
  await page.getByTestId('zone-depot').dispatchEvent('drop', { dataTransfer: transfer })
  await expect(page.getByLabel('Envoyé')).toHaveCount(1, { timeout: 30_000 })
  await page
    .getByRole('navigation', { name: 'Dossiers' })
    .getByRole('link', { name: /^Général/ })
    .click()
  await expect(page.getByRole('link', { name, exact: true })).toBeVisible()
})

test('limites de taille et de type : messages clairs, rien n’est enregistré', async ({ page, baseURL }) => {
  await login(page, CLIENT_ACME)
  await page.goto('/documents')
  const big = Buffer.alloc(26 * 1024 * 1024, 1)
  await page.getByLabel('Fichiers à envoyer').setInputFiles([
    { name: 'video-trop-lourde.pdf', mimeType: 'application/pdf', buffer: big },
    { name: 'script.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') },
  ])
  const alert = page.getByRole('alert')
  await expect(alert).toContainText('« video-trop-lourde.pdf » pèse')
  await expect(alert).toContainText('la limite est de 25')
  await expect(alert).toContainText('« script.exe » n’est pas d’un type accepté')
  await screenshotBoth(page, 'client-documents-limites')

  // The server refuses the same, whatever the browser claims.
  const origin = new URL(baseURL!).origin
  const sign = await page.request.post('/api/documents/televersement', {
    data: {
      intent: 'sign',
      projectId: ACME_PROJECT,
      files: [{ name: 'x.exe', size: 10, type: 'application/x-msdownload' }],
    },
    headers: { Origin: origin },
  })
  expect(sign.status()).toBe(400)
  expect((await sign.json()).problems.join(' ')).toContain('n’est pas d’un type accepté')
  const tooBig = await page.request.post('/api/documents/televersement', {
    data: {
      intent: 'sign',
      projectId: ACME_PROJECT,
      files: [{ name: 'x.pdf', size: 26 * 1024 * 1024, type: 'application/pdf' }],
    },
    headers: { Origin: origin },
  })
  expect(tooBig.status()).toBe(400)
  expect((await tooBig.json()).problems.join(' ')).toContain('25 Mo')
})

test('aperçu en ligne des images et des PDF, auteur et date', async ({ page }) => {
  await login(page, CLIENT_ACME)
  await page.goto(`/documents/${ACME_IMAGE}`)
  const panel = page.getByRole('main')
  await expect(panel.getByText('Déposé par')).toBeVisible()
  await expect(panel.getByText('Yannick Kouadio')).toBeVisible()
  const img = panel.locator('img')
  await expect(img).toBeVisible()
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0)
  await screenshotBoth(page, 'client-document-apercu')
  // Back to the list, as it was left.
  await page.getByRole('main').getByRole('link', { name: 'Documents', exact: true }).click()
  await expect(page).toHaveURL(/\/documents$/)
  await page.goto(`/documents/${ACME_PDF}`)
  await expect(page.getByRole('main').locator('iframe')).toHaveAttribute(
    'src',
    /\/storage\/v1\/object\/sign\/project-files\//,
  )
})

test('Baobab : chaque document ACME répond 404, aucun octet ACME', async ({ page, baseURL }) => {
  await login(page, CLIENT_BAOBAB)
  for (const id of [ACME_IMAGE, ACME_PDF, ACME_INTERNAL]) {
    const view = await page.goto(`/documents/${id}`)
    expect(view?.status(), id).toBe(404)
    const html = await view!.text()
    // Baobab has its own "maquette-accueil.png": check ACME's ids, names and paths instead.
    expect(html).not.toContain('ACME')
    // (The requested id itself is echoed in the page URL; the document's data is not.)
    expect(html).not.toContain('cahier-des-charges')
    expect(html).not.toContain('notes-internes')
    expect(html).not.toContain('Boutique en ligne')
    expect(html).not.toContain('20000000-0000-4000-8000-000000000001')
    const download = await page.request.get(`/api/documents/${id}/telecharger`, { maxRedirects: 0 })
    expect(download.status(), id).toBe(404)
    expect(download.headers()['location']).toBeUndefined()
  }
  // Upload into the ACME project: refused before any URL is signed.
  const sign = await page.request.post('/api/documents/televersement', {
    data: { intent: 'sign', projectId: ACME_PROJECT, files: [{ name: 'a.pdf', size: 10, type: 'application/pdf' }] },
    headers: { Origin: new URL(baseURL!).origin },
  })
  expect(sign.status()).toBe(404)
  expect(JSON.stringify(await sign.json())).not.toContain('signedUrl')
})
