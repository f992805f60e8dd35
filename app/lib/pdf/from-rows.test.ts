import { expect, test } from 'vitest'
import { clientFromRow, PdfClientSchema, PdfSellerSchema, renderInvoicePdf, sellerFromSettings } from './index.server.ts'
import { sampleInvoice } from './test/fixtures.ts'
import { exactPageTexts } from './test/read-pdf.ts'

// A settings row as the database returns it: defaults, NULLs for what the
// admin has not filled in yet.
const settings = {
  id: true,
  company_name: 'NOURX',
  logo_path: null,
  accent_color: '#0F766E',
  legal_name: 'NOURX',
  legal_form: 'SARL',
  ncc: '2214578 K',
  rccm: null,
  tax_regime: null,
  capital: null,
  address: null,
  city: 'Abidjan',
  country: 'CI',
  phone: null,
  email: 'facturation@nourx.ci',
  website: null,
  bank_name: 'SGCI',
  bank_account_holder: null,
  bank_account_number: null,
  bank_iban: 'CI93 CI00 8012 3401 2345 6789 0123',
  bank_swift: null,
  invoice_footer: null,
  quote_terms: null,
  payment_terms_days: 30,
  manual_payment_instructions: null,
  online_payment_enabled: true,
}

test('a settings row with NULLs maps to a valid seller', () => {
  const seller = PdfSellerSchema.parse(sellerFromSettings(settings, { portalUrl: 'https://espace.nourx.ci' }))
  expect(seller).toMatchObject({
    name: 'NOURX',
    accentColor: '#0F766E',
    ncc: '2214578 K',
    city: 'Abidjan',
    country: 'CI',
    bank: { bankName: 'SGCI', iban: 'CI93 CI00 8012 3401 2345 6789 0123' },
    portalUrl: 'https://espace.nourx.ci',
  })
  // NULL columns disappear instead of printing "null".
  expect(seller.rccm).toBeUndefined()
  expect(seller.bank?.swift).toBeUndefined()
  expect(seller.logo).toBeUndefined()
})

test('online payment disabled in settings: invoices do not advertise it', async () => {
  const seller = sellerFromSettings({ ...settings, online_payment_enabled: false }, { portalUrl: 'https://espace.nourx.ci' })
  expect(seller.portalUrl).toBeUndefined()
  const [text] = await exactPageTexts(await renderInvoicePdf(sampleInvoice(), seller))
  expect(text).not.toContain('Paiement en ligne')
  expect(text).toContain('IBAN\nCI93 CI00 8012 3401 2345 6789 0123')
  expect(text).not.toContain('null')
})

test('a clients row maps to a valid client', () => {
  const client = PdfClientSchema.parse(
    clientFromRow({ name: 'Baobab Studio', contact_name: 'Koffi Yao', address: null, city: 'Bouaké', country: 'CI', email: null, phone: null, ncc: null, rccm: null }),
  )
  expect(client).toEqual({ name: 'Baobab Studio', contactName: 'Koffi Yao', city: 'Bouaké', country: 'CI' })
})
