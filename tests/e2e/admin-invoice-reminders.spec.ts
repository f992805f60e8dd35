// Back office — "Relancer le client" on an overdue invoice as admin@nourx.test:
// the Relances card, the confirmation, the flash, the reminder listed with
// who sent it, and the e-mail in the local mail catcher (client@baobab.test).
// The invoice is created here (service role), so the seed's invoices stay as
// the other specs expect them.
import { formatXOF } from '../../app/lib/format.ts'
import { ADMIN, adminClient, CLIENT_BAOBAB, expect, login, screenshotBoth, test, waitForHydration, waitForMail } from './fixtures.ts'

const BAOBAB = '20000000-0000-4000-8000-000000000002'
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

async function overdueInvoice() {
  const db = adminClient()
  const { data, error } = await db
    .from('invoices')
    .insert({ client_id: BAOBAB, title: 'Maintenance mensuelle', vat_rate: 18, issue_date: day(-40), due_date: day(-10) })
    .select('id')
    .single()
  if (error) throw error
  const items = await db.from('invoice_items').insert({ invoice_id: data.id, position: 0, label: 'Forfait maintenance', quantity: 1, unit_price: 150000 })
  if (items.error) throw items.error
  const sent = await db.from('invoices').update({ status: 'sent' }).eq('id', data.id).select('number').single()
  if (sent.error) throw sent.error
  return { id: data.id as string, number: sent.data.number as string }
}

test('relance manuelle d’une facture échue : confirmation, trace sur la page, e-mail au client', async ({ page }) => {
  const invoice = await overdueInvoice()
  await login(page, ADMIN)
  await page.goto(`/admin/factures-devis/factures/${invoice.id}`)
  await waitForHydration(page)
  const card = page.locator('[data-slot="card"]', { has: page.getByText('Relances', { exact: true }) })
  await expect(card.getByText('Aucune relance envoyée.')).toBeVisible()

  const since = new Date().toISOString()
  await card.getByRole('button', { name: 'Relancer le client' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText(`solde dû : ${formatXOF(177000)}`)
  await dialog.getByRole('button', { name: 'Envoyer la relance' }).click()
  await expect(page.getByText(/^Relance envoyée à \d+ destinataires?\./)).toBeVisible()
  await expect(card.getByRole('list', { name: 'Dernières relances' }).getByRole('listitem')).toHaveCount(1)
  await expect(card.getByRole('listitem').first()).toContainText('Par ')
  await expect(card.getByRole('listitem').first()).toContainText(/\d+ destinataires?/)
  await screenshotBoth(page, 'admin-facture-relance')

  const mail = await waitForMail(CLIENT_BAOBAB, { since, subject: new RegExp(`Rappel : facture ${invoice.number}`) })
  expect(mail.text).toContain(`Solde dû : ${formatXOF(177000)}.`)
})
