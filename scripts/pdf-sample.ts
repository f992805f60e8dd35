// Writes one sample of every PDF document to test-results/pdf/ for
// eyeballing, plus PNG renderings of every page when poppler's pdftoppm is
// installed (`apt-get install poppler-utils`):
//   node scripts/pdf-sample.ts            (Node 24: /work/main/node_modules/.bin/node)
// It goes through the module's public API (app/lib/pdf/index.server.ts),
// fonts included: the `.bin` Data modules the Worker gets from Wrangler are
// loaded here by a small module hook.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { registerHooks } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

registerHooks({
  load(url, context, nextLoad) {
    if (!url.endsWith('.bin')) return nextLoad(url, context)
    const base64 = readFileSync(fileURLToPath(url)).toString('base64')
    return {
      format: 'module',
      shortCircuit: true,
      source: `export default Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0)).buffer`,
    }
  },
})

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'test-results', 'pdf')

const pdf = await import('../app/lib/pdf/index.server.ts')
const fixtures = await import('../app/lib/pdf/test/fixtures.ts')
const logo = readFileSync(join(root, 'app/lib/pdf/test/logo-sample.png.bin'))

const seller = fixtures.sampleSeller({ logo })
const invoice = fixtures.sampleInvoice()
const ttc = invoice.totals.totalTtc

const samples: Array<[string, () => Promise<Uint8Array>]> = [
  ['facture', () => pdf.renderInvoicePdf(invoice, seller)],
  ['facture-40-lignes', () => pdf.renderInvoicePdf(fixtures.longInvoice(), seller)],
  [
    'facture-payee',
    () =>
      pdf.renderInvoicePdf(
        fixtures.sampleInvoice({
          status: 'paid',
          amountPaid: ttc,
          balanceDue: 0,
          payments: [
            { paidAt: '2026-03-20T10:42:00+00:00', amount: 180_000, method: 'transfer', reference: 'VIR-SGCI-88412' },
            {
              paidAt: '2026-04-02T14:05:00+00:00',
              amount: ttc - 180_000,
              method: 'online',
              methodDetail: 'WAVECI',
              transactionId: 'NXT5Z8W1P3',
              receiptNumber: 'REC-2026-00008',
            },
          ],
        }),
        seller,
      ),
  ],
  [
    'facture-annulee',
    () =>
      pdf.renderInvoicePdf(
        fixtures.sampleInvoice({
          status: 'canceled',
          creditNote: { number: 'AVO-2026-00003', issuedAt: '2026-03-15T09:30:00+00:00' },
        }),
        fixtures.sampleSeller({ accentColor: '#1D4ED8' }),
      ),
  ],
  [
    'facture-brouillon-sans-logo',
    () =>
      pdf.renderInvoicePdf(
        fixtures.sampleInvoice({ status: 'draft', number: null }),
        fixtures.sampleSeller({ accentColor: '#000000' }),
      ),
  ],
  ['facture-extreme', () => pdf.renderInvoicePdf(fixtures.extremeInvoice(), fixtures.extremeSeller(logo))],
  ['devis', () => pdf.renderQuotePdf(fixtures.sampleQuote(), seller)],
  [
    'devis-accepte',
    () =>
      pdf.renderQuotePdf(
        fixtures.sampleQuote({
          status: 'accepted',
          acceptance: { signerName: 'Aïcha Kouamé', acceptedAt: '2026-02-24T16:32:00+00:00' },
        }),
        seller,
      ),
  ],
  ['avoir', () => pdf.renderCreditNotePdf(fixtures.sampleCreditNote(), seller)],
  ['recu', () => pdf.renderReceiptPdf(fixtures.sampleReceipt(), seller)],
  [
    'recu-especes-partiel',
    () =>
      pdf.renderReceiptPdf(
        fixtures.sampleReceipt({
          payment: { paidAt: '2026-04-02T09:00:00+00:00', amount: 300_000, method: 'cash', reference: 'Caisse n° 118' },
          invoice: { number: 'FAC-2026-00042', totalTtc: ttc, amountPaid: 300_000, balanceDue: ttc - 300_000 },
        }),
        seller,
      ),
  ],
]

rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
const hasPdftoppm = spawnSync('pdftoppm', ['-v']).error === undefined
for (const [name, render] of samples) {
  const started = performance.now()
  const bytes = await render()
  const ms = Math.round(performance.now() - started)
  const file = join(out, `${name}.pdf`)
  writeFileSync(file, bytes)
  if (hasPdftoppm) spawnSync('pdftoppm', ['-png', '-r', '110', file, join(out, name)])
  console.log(`${file}  ${(bytes.length / 1024).toFixed(1)} Ko  ${ms} ms`)
}
if (!hasPdftoppm) console.log('pdftoppm absent : pas de PNG (apt-get install poppler-utils).')
