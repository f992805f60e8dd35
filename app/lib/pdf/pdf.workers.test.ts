// Runs in workerd (see vitest.workers.config.ts): the bundled fonts and the
// logo are imported as Data modules exactly as in the deployed Worker.
import { expect, test } from 'vitest'
import { formatXOF } from '../format.ts'
import { INTER } from './fonts/index.ts'
import { renderInvoicePdf, renderReceiptPdf } from './index.server.ts'
import { longInvoice, sampleReceipt, sampleSeller, totalsOf, manyItems } from './test/fixtures.ts'
import logoPng from './test/logo-sample.png.bin'
import { embeddedObjects, exactPageTexts } from './test/read-pdf.ts'

test('the fonts arrive as ArrayBuffers holding TrueType files', () => {
  for (const bytes of [INTER.regular, INTER.bold]) {
    expect(bytes).toBeInstanceOf(ArrayBuffer)
    // TrueType signature 0x00010000.
    expect([...new Uint8Array(bytes, 0, 4)]).toEqual([0, 1, 0, 0])
  }
  expect(navigator.userAgent).toBe('Cloudflare-Workers')
})

test('a 40-line invoice with logo renders in workerd, amounts with U+202F intact', async () => {
  const bytes = await renderInvoicePdf(longInvoice(), sampleSeller({ logo: new Uint8Array(logoPng) }))
  const pages = await exactPageTexts(bytes)
  expect(pages.length).toBeGreaterThanOrEqual(2)
  pages.forEach((text, index) => expect(text).toContain(`Page ${index + 1} / ${pages.length}`))
  const all = pages.join('\n')
  expect(all).toContain('N° FAC-2026-00043')
  expect(all).toContain('ACME Côte d’Ivoire')
  expect(all).toContain(`Total TTC\n${formatXOF(totalsOf(manyItems(40)).totalTtc)}`)
  const { fonts, images } = await embeddedObjects(bytes)
  expect(fonts.filter((font) => font.subtype === '/Type0')).toHaveLength(2)
  expect(images).toHaveLength(1)
})

test('a receipt renders in workerd', async () => {
  const [text] = await exactPageTexts(await renderReceiptPdf(sampleReceipt(), sampleSeller()))
  expect(text).toContain('REÇU DE PAIEMENT')
  expect(text).toContain(`MONTANT REÇU\n${formatXOF(1_180_000)}\nPAYÉ`)
})
