// Every document type rendered with realistic French data, then read back
// the way a PDF viewer does (pdf.js text extraction): numbers, client,
// totals exactly as formatXOF prints them, accents, page numbering, logo,
// fonts, and no two pieces of text drawn over each other.
import { describe, expect, test } from 'vitest'
import { formatDate, formatDateTime, formatDay, formatXOF, NNBSP } from '../format.ts'
import {
  pdfFileName,
  PdfInputError,
  pdfResponse,
  renderCreditNotePdf,
  renderInvoicePdf,
  renderQuotePdf,
  renderReceiptPdf,
} from './index.server.ts'
import {
  ACME,
  extremeInvoice,
  extremeSeller,
  longInvoice,
  manyItems,
  sampleCreditNote,
  sampleInvoice,
  sampleQuote,
  sampleReceipt,
  sampleSeller,
  totalsOf,
} from './test/fixtures.ts'
import logoJpeg from './test/logo-sample.jpg.bin'
import logoPng from './test/logo-sample.png.bin'
import { defaultExtraction, embeddedObjects, exactPageTexts, overlaps, pageTexts, textBoxes } from './test/read-pdf.ts'

const png = new Uint8Array(logoPng)
const jpeg = new Uint8Array(logoJpeg)

/**
 * Exact text of every page (one line per drawn string), U+202F included.
 * pdf.js — hence unpdf — reads every whitespace glyph as U+0020, so it cannot
 * tell whether formatXOF's narrow no-break spaces are in the file.
 */
const exact = async (bytes: Uint8Array) => (await exactPageTexts(bytes)).join('\n')

/** Wrapped paragraphs back on one line (lines break only at spaces). */
const oneLine = (text: string) => text.replace(/\n/g, ' ')

/** What pdf.js/unpdf returns for a formatted amount. */
const asExtracted = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')

/** Every page says "Page n / N" with the real page count. */
function expectPageNumbers(pages: string[]) {
  pages.forEach((text, index) => expect(text).toContain(`Page ${index + 1} / ${pages.length}`))
}

async function expectNoOverlap(bytes: Uint8Array) {
  const collisions = overlaps(await textBoxes(bytes)).map(
    ([a, b]) => `page ${a.page}: « ${a.str} » chevauche « ${b.str} »`,
  )
  expect(collisions).toEqual([])
}

describe('facture', () => {
  test('read back with unpdf: number, client, totals, accents, page number', async () => {
    const bytes = await renderInvoicePdf(sampleInvoice(), sampleSeller({ logo: png }))
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-')
    const pages = await pageTexts(bytes)
    expect(pages).toHaveLength(1)
    const text = await defaultExtraction(bytes)
    expect(text).toContain('N° FAC-2026-00042')
    expect(text).toContain('ACME Côte d’Ivoire')
    expect(text).toContain(asExtracted(`Total TTC ${formatXOF(1_180_000)}`))
    expect(text).toContain(asExtracted(`Reste à payer ${formatXOF(1_180_000)}`))
    expect(text).toContain('Formation de l’équipe à l’administration du site — ½')
    expect(text).toContain('Page 1 / 1')
  })

  test('exact text: lines with accents, totals HT/TVA/TTC exactly as formatXOF prints them (U+202F)', async () => {
    const invoice = sampleInvoice()
    const bytes = await renderInvoicePdf(invoice, sampleSeller({ logo: png }))
    const text = await exact(bytes)

    expect(text).toContain('FACTURE')
    expect(text).toContain('N° FAC-2026-00042')
    expect(text).toContain('ACME Côte d’Ivoire')
    expect(text).toContain('À l’attention de Aïcha Kouamé')
    expect(text).toContain('NCC 1809876 A · RCCM CI-ABJ-2018-B-12345')
    expect(text).toContain(`Date d’émission\n${formatDay('2026-03-12')}`)
    expect(text).toContain(`Échéance\n${formatDay('2026-04-11')}`)
    // French accents, guillemets, ½ and the em dash.
    expect(text).toContain('« Qui sommes-nous »')
    expect(text).toContain('Formation de l’équipe à l’administration du site — ½')
    expect(text).toContain('Devis de référence : DEV-2026-00017')

    // 1 000 000 HT + 180 000 TVA = 1 180 000 TTC, nothing paid yet.
    expect(invoice.totals!.totalTtc).toBe(1_180_000)
    const ttc = formatXOF(1_180_000)
    expect(ttc).toContain(NNBSP) // the assertions below are about narrow no-break spaces
    expect(text).toContain(`Total HT\n${formatXOF(1_000_000)}`)
    expect(text).toContain(`TVA 18${NNBSP}%\n${formatXOF(180_000)}`)
    expect(text).toContain(`Total TTC\n${ttc}`)
    expect(text).toContain(`Déjà payé\n${formatXOF(0)}`)
    expect(text).toContain(`Reste à payer\n${ttc}`)
    // A line: quantity 1,5 × 50 000 = 75 000.
    expect(text).toContain(`1,5\n${formatXOF(50_000)}\n${formatXOF(75_000)}`)
    expect(oneLine(text)).toContain(
      'Arrêtée la présente facture à la somme de un million cent quatre-vingt mille francs CFA toutes taxes comprises.',
    )

    // Notes beside the totals, payment instructions with the bank details, legal mentions.
    expect(oneLine(text)).toContain('Merci d’indiquer le numéro de facture sur tout règlement.')
    expect(text).toContain('Modalités de paiement')
    expect(oneLine(text)).toContain(`Merci de régler ${ttc} avant le ${formatDay('2026-04-11')}, référence FAC-2026-00042.`)
    expect(text).toContain('IBAN\nCI93 CI00 8012 3401 2345 6789 0123')
    expect(text).toContain('https://espace.nourx.ci')
    expect(text).toContain('RCCM CI-ABJ-03-2022-B13-04567')
    expect(text).toContain('Pénalités de retard')
    expectPageNumbers(await pageTexts(bytes))
    await expectNoOverlap(bytes)
  })

  test('40 lines break onto further pages, with the table header repeated and every page numbered', async () => {
    const invoice = longInvoice()
    const bytes = await renderInvoicePdf(invoice, sampleSeller())
    const pages = await exactPageTexts(bytes)
    expect(pages.length).toBeGreaterThanOrEqual(2)
    expectPageNumbers(pages)
    expect(pages.at(-1)).toContain(`Page ${pages.length} / ${pages.length}`)

    // Every line is printed exactly once, in order, across the pages.
    const all = pages.join('\n')
    let cursor = 0
    for (let n = 1; n <= 40; n++) {
      const at = all.indexOf(`${n}. `, cursor)
      expect(at, `ligne ${n}`).toBeGreaterThan(-1)
      cursor = at
    }
    // Pages 2+ carry the compact header and repeat the column titles while lines remain.
    for (const page of pages.slice(1)) expect(page).toContain('Facture FAC-2026-00043\n (suite)')
    const pagesWithLines = pages.filter((page) => /\b\d+\. /.test(page))
    expect(pagesWithLines.length).toBeGreaterThanOrEqual(2)
    for (const page of pagesWithLines) expect(page).toContain('DÉSIGNATION')

    const totals = totalsOf(manyItems(40))
    expect(all).toContain(`Total TTC\n${formatXOF(totals.totalTtc)}`)
    expect(all).toContain(`Déjà payé\n${formatXOF(500_000)}`)
    expect(all).toContain(`Reste à payer\n${formatXOF(totals.totalTtc - 500_000)}`)
    expect(all).toContain('Reçu REC-2026-00007')
    // The payment history names the operator and the receipt.
    expect(all).toContain('Orange Money')
    expect(all).toContain('NXR8K2M4Q7')
    expect(all).toContain(formatDate('2026-03-20T10:42:00+00:00'))
    await expectNoOverlap(bytes)
  })

  test('exactly two pages: the last page says "Page 2 / 2"', async () => {
    const items = manyItems(24)
    const bytes = await renderQuotePdf(sampleQuote({ items, totals: totalsOf(items) }), sampleSeller())
    const pages = await pageTexts(bytes)
    expect(pages).toHaveLength(2)
    expect(pages[0]).toContain('Page 1 / 2')
    expect(pages[1]).toContain('Page 2 / 2')
    await expectNoOverlap(bytes)
  })

  test('paid invoice: "PAYÉE" mark, nothing left to pay, no payment instructions', async () => {
    const base = sampleInvoice()
    const ttc = base.totals!.totalTtc
    const bytes = await renderInvoicePdf(
      sampleInvoice({
        status: 'paid',
        amountPaid: ttc,
        balanceDue: 0,
        payments: [
          { paidAt: '2026-03-20T10:42:00+00:00', amount: 180_000, method: 'transfer', reference: 'VIR-SGCI-88412' },
          { paidAt: '2026-04-02T14:05:00+00:00', amount: ttc - 180_000, method: 'online', methodDetail: 'WAVECI', transactionId: 'NXT5Z8W1P3' },
        ],
      }),
      sampleSeller(),
    )
    const pages = await exactPageTexts(bytes)
    expect(pages).toHaveLength(1)
    const text = pages[0]
    expect(text).toContain('PAYÉE')
    expect(text).toContain(`Déjà payé\n${formatXOF(ttc)}`)
    expect(text).toContain(`Reste à payer\n${formatXOF(0)}`)
    expect(text).toContain(`Virement bancaire\nVIR-SGCI-88412\n${formatXOF(180_000)}`)
    expect(text).toContain(`Wave\nNXT5Z8W1P3\n${formatXOF(ttc - 180_000)}`)
    expect(text).not.toContain('Modalités de paiement')
  })

  test('cancelled invoice points to its credit note; a draft has no number', async () => {
    const canceled = await exact(
      await renderInvoicePdf(
        sampleInvoice({
          status: 'canceled',
          balanceDue: 0,
          creditNote: { number: 'AVO-2026-00003', issuedAt: '2026-03-15T09:30:00+00:00' },
        }),
        sampleSeller(),
      ),
    )
    expect(canceled).toContain('ANNULÉE')
    expect(canceled).toContain('annulée par l’avoir AVO-2026-00003')
    expect(canceled).not.toContain('Modalités de paiement')
    expect(canceled).not.toContain('Reste à payer')
    await expect(renderInvoicePdf(sampleInvoice({ status: 'canceled' }), sampleSeller())).rejects.toThrow(
      /annulée n’a pas de reste à payer/,
    )

    const draft = await exact(await renderInvoicePdf(sampleInvoice({ status: 'draft', number: null }), sampleSeller()))
    expect(draft).toContain('BROUILLON')
    expect(draft).toContain('Brouillon — non numéroté')
  })

  test('the logo is embedded when given (PNG and JPEG), absent otherwise', async () => {
    const withPng = await embeddedObjects(await renderInvoicePdf(sampleInvoice(), sampleSeller({ logo: png })))
    expect(withPng.images).toEqual([expect.objectContaining({ width: 600, height: 176 })])

    const withJpeg = await embeddedObjects(await renderQuotePdf(sampleQuote(), sampleSeller({ logo: jpeg.buffer })))
    expect(withJpeg.images).toEqual([{ width: 417, height: 123, filter: '/DCTDecode' }])

    const without = await embeddedObjects(await renderInvoicePdf(sampleInvoice(), sampleSeller({ logo: null })))
    expect(without.images).toEqual([])
  })

  test('fonts: embedded Inter subsets (Type0/Identity), never a standard WinAnsi font', async () => {
    const { fonts, title } = await embeddedObjects(await renderInvoicePdf(sampleInvoice(), sampleSeller()))
    const top = fonts.filter((font) => font.subtype === '/Type0')
    expect(top).toHaveLength(2)
    // pdf-lib names subsets "Inter-Regular-1234" (no ABCDEF+ tag).
    expect(top.map((font) => font.baseFont.replace(/-\d+$/, '')).sort()).toEqual(['/Inter-Bold', '/Inter-Regular'])
    expect(fonts.filter((font) => font.subtype === '/Type1' || font.subtype === '/TrueType')).toEqual([])
    expect(title).toBe('Facture FAC-2026-00042')
  })

  test('text the font cannot draw is replaced, never dropped silently nor fatal', async () => {
    const text = await exact(
      await renderInvoicePdf(
        // "é" typed as e + combining acute, an emoji and CJK.
        sampleInvoice({ title: 'Cre\u0301ation du logo 🎨 — 設計' }),
        sampleSeller(),
      ),
    )
    expect(text).toContain('Création du logo ? — ??')
  })
  test('extreme but valid input: longest labels, names and notes, huge amounts — still no overlap', async () => {
    const invoice = extremeInvoice()
    const bytes = await renderInvoicePdf(invoice, extremeSeller(png))
    const pages = await exactPageTexts(bytes)
    expect(pages.length).toBeGreaterThanOrEqual(2)
    pages.forEach((text, index) => expect(text).toContain(`Page ${index + 1} / ${pages.length}`))
    expect(pages.join('\n')).toContain(formatXOF(invoice.totals!.totalTtc))
    await expectNoOverlap(bytes)
  })
})

describe('devis', () => {
  test('sent quote: number, validity, totals, conditions from settings, signature frame', async () => {
    const bytes = await renderQuotePdf(sampleQuote(), sampleSeller({ logo: png }))
    const pages = await exactPageTexts(bytes)
    const text = pages.join('\n')
    expect(text).toContain('DEVIS')
    expect(text).toContain('N° DEV-2026-00017')
    expect(text).toContain(`Valable jusqu’au\n${formatDay('2026-03-22')}`)
    expect(text).toContain(ACME.name)
    expect(text).toContain(`Total TTC\n${formatXOF(1_180_000)}`)
    expect(text).not.toContain('Reste à payer')
    expect(text).toContain('Acompte de 50 % à la commande')
    expect(text).toContain('Bon pour accord')
    expect(text).toContain('Date, nom et signature')
    expectPageNumbers(pages)
    await expectNoOverlap(bytes)
  })

  test('accepted quote records who accepted and when', async () => {
    const acceptedAt = '2026-02-24T16:32:00+00:00'
    const bytes = await renderQuotePdf(
      sampleQuote({ status: 'accepted', acceptance: { signerName: 'Aïcha Kouamé', acceptedAt } }),
      sampleSeller(),
    )
    const text = await exact(bytes)
    expect(text).toContain('ACCEPTÉ')
    expect(text).toContain(`Devis accepté en ligne le ${formatDateTime(acceptedAt)} par Aïcha Kouamé`)
    expect(text).toContain('« Bon pour accord »')
    expect(text).not.toContain('Date, nom et signature')
  })

  test('declined quote shows the reason', async () => {
    const text = await exact(
      await renderQuotePdf(
        sampleQuote({
          status: 'declined',
          decline: { declinedAt: '2026-02-25T08:00:00+00:00', reason: 'Budget reporté à l’exercice prochain.' },
        }),
        sampleSeller(),
      ),
    )
    expect(text).toContain('REFUSÉ')
    expect(text).toContain('Motif : Budget reporté à l’exercice prochain.')
  })
})

describe('avoir', () => {
  test('credit note: number, cancelled invoice, reason, credited totals', async () => {
    const bytes = await renderCreditNotePdf(sampleCreditNote(), sampleSeller({ logo: png }))
    const pages = await exactPageTexts(bytes)
    const text = pages.join('\n')
    expect(text).toContain('AVOIR')
    expect(text).toContain('N° AVO-2026-00003')
    expect(text).toContain('Annulation de la facture FAC-2026-00042')
    expect(text).toContain('Motif : Erreur sur le périmètre facturé')
    expect(text).toContain(ACME.name)
    expect(text).toContain(`Montant de l’avoir TTC\n${formatXOF(1_180_000)}`)
    expect(text).toContain(`Date d’émission\n${formatDate('2026-03-15T09:30:00+00:00')}`)
    expectPageNumbers(pages)
    await expectNoOverlap(bytes)
  })
})

describe('reçu', () => {
  test('receipt: number, invoice, amount, operator, transaction id, date and the "PAYÉ" mark', async () => {
    const receipt = sampleReceipt()
    const bytes = await renderReceiptPdf(receipt, sampleSeller({ logo: png }))
    const pages = await exactPageTexts(bytes)
    expect(pages).toHaveLength(1)
    const text = pages[0]
    expect(text).toContain('REÇU DE PAIEMENT')
    expect(text).toContain('N° REC-2026-00008')
    expect(text).toContain('Paiement de la facture FAC-2026-00042')
    expect(text).toContain(ACME.name)
    expect(text).toContain(`MONTANT REÇU\n${formatXOF(1_180_000)}\nPAYÉ`)
    expect(text).toContain('Mode de paiement\nPaiement en ligne')
    expect(text).toContain('Opérateur\nWave')
    expect(text).toContain('Identifiant de transaction\nNXT5Z8W1P3')
    expect(text).toContain('Référence opérateur\nMP260402.1405.C31552')
    expect(text).toContain(`Date du paiement\n${formatDateTime('2026-04-02T14:05:00+00:00')}`)
    expect(text).toContain('un million cent quatre-vingt mille francs CFA')
    expect(text).toContain(`Reste à payer\n${formatXOF(0)}`)
    expect(text).toContain('Page 1 / 1')
    await expectNoOverlap(bytes)
  })

  test('cash receipt for a partial payment shows what remains due', async () => {
    const text = await exact(
      await renderReceiptPdf(
        sampleReceipt({
          payment: { paidAt: '2026-04-02T09:00:00+00:00', amount: 300_000, method: 'cash', reference: 'Caisse n° 118' },
          invoice: { number: 'FAC-2026-00042', totalTtc: 1_180_000, amountPaid: 300_000, balanceDue: 880_000 },
        }),
        sampleSeller(),
      ),
    )
    expect(text).toContain('Mode de paiement\nEspèces')
    expect(text).toContain('Référence\nCaisse n° 118')
    expect(oneLine(text)).toContain(`La facture FAC-2026-00042 reste due à hauteur de ${formatXOF(880_000)}.`)
    expect(text).toContain('trois cent mille francs CFA')
  })
})

describe('every document type reads back with unpdf extractText (as the E2E tests read it)', () => {
  test.each([
    ['devis', () => renderQuotePdf(sampleQuote(), sampleSeller({ logo: png })), 'N° DEV-2026-00017', `Total TTC ${formatXOF(1_180_000)}`],
    ['facture', () => renderInvoicePdf(longInvoice(), sampleSeller({ logo: png })), 'N° FAC-2026-00043', `Reste à payer ${formatXOF(totalsOf(manyItems(40)).totalTtc - 500_000)}`],
    ['avoir', () => renderCreditNotePdf(sampleCreditNote(), sampleSeller()), 'N° AVO-2026-00003', `Montant de l’avoir TTC ${formatXOF(1_180_000)}`],
    ['reçu', () => renderReceiptPdf(sampleReceipt(), sampleSeller()), 'N° REC-2026-00008', `${formatXOF(1_180_000)} PAYÉ`],
  ])('%s', async (_, render, number, total) => {
    const bytes = await render()
    const text = await defaultExtraction(bytes)
    expect(text).toContain(number)
    expect(text).toContain('ACME Côte d’Ivoire')
    expect(text).toContain(asExtracted(total))
    const pages = await pageTexts(bytes)
    expect(text).toContain(`Page ${pages.length} / ${pages.length}`)
  })
})

describe('invalid input is refused with a French message', () => {
  test('malformed number and fractional amount: every problem listed with its path', async () => {
    const error = await renderInvoicePdf(sampleInvoice({ number: 'FAC-26-42', amountPaid: 10.5 }), sampleSeller()).then(
      () => undefined,
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(PdfInputError)
    const message = (error as PdfInputError).message
    expect(message).toContain('Données de la facture invalides pour le PDF')
    expect(message).toContain('Le numéro de la facture doit avoir la forme FAC-AAAA-NNNNN.')
    expect(message).toContain('→ at number')
    expect(message).toContain('Le montant déjà payé doit être un nombre entier de F CFA (pas de centimes).')
    expect((error as PdfInputError).issues.map((issue) => issue.path.join('.'))).toEqual(['number', 'amountPaid'])
  })

  test('money that does not add up: TTC ≠ HT + TVA, lines ≠ HT, payments ≠ paid, paid with a balance', async () => {
    await expect(
      renderInvoicePdf(
        sampleInvoice({ totals: { subtotalHt: 1_000_000, vatRate: 18, vatAmount: 180_000, totalTtc: 1_200_000 }, balanceDue: 1_200_000 }),
        sampleSeller(),
      ),
    ).rejects.toThrow('Le total TTC (1200000) doit être égal au total HT plus la TVA (1180000).')
    await expect(
      renderInvoicePdf(
        sampleInvoice({ totals: { subtotalHt: 1_000_000, vatRate: 18, vatAmount: 100_000, totalTtc: 1_100_000 }, balanceDue: 1_100_000 }),
        sampleSeller(),
      ),
    ).rejects.toThrow('La TVA (100000) ne correspond pas à 18 % du total HT (1000000).')
    const invoice = sampleInvoice()
    const wrongLine = { ...invoice.items![0], lineTotal: 1 }
    await expect(renderInvoicePdf({ ...invoice, items: [wrongLine, ...invoice.items!.slice(1)] }, sampleSeller())).rejects.toThrow(
      /Le total HT \(1000000\) ne correspond pas à la somme des lignes \(650001\)[\s\S]*\(1\) ne correspond pas à quantité × prix unitaire/,
    )
    await expect(
      renderInvoicePdf(sampleInvoice({ amountPaid: 100_000, balanceDue: 1_080_000 }), sampleSeller()),
    ).rejects.toThrow('La somme des paiements (0) ne correspond pas au montant déjà payé (100000).')
    await expect(renderInvoicePdf(sampleInvoice({ amountPaid: 0, balanceDue: 1 }), sampleSeller())).rejects.toThrow(
      'Le reste à payer (1) doit être égal au total TTC moins le montant déjà payé (1180000).',
    )
    await expect(renderInvoicePdf(sampleInvoice({ status: 'paid' }), sampleSeller())).rejects.toThrow(
      'Une facture payée ne peut pas avoir de reste à payer.',
    )
  })

  test('seller settings: colour, logo format, required name', async () => {
    await expect(renderQuotePdf(sampleQuote(), sampleSeller({ accentColor: 'rouge' }))).rejects.toThrow(
      "La couleur d'accent doit être au format #RRGGBB.",
    )
    await expect(
      renderQuotePdf(sampleQuote(), sampleSeller({ logo: new TextEncoder().encode('<svg></svg>') })),
    ).rejects.toThrow('Le logo doit être une image PNG ou JPEG.')
    await expect(renderQuotePdf(sampleQuote(), sampleSeller({ name: '  ' }))).rejects.toThrow(
      "Le nom de l'entreprise est obligatoire.",
    )
  })

  test('quote and receipt rules', async () => {
    await expect(renderQuotePdf(sampleQuote({ status: 'accepted' }), sampleSeller())).rejects.toThrow(
      "Un devis accepté doit indiquer le signataire et la date d'acceptation.",
    )
    await expect(renderQuotePdf(sampleQuote({ number: null }), sampleSeller())).rejects.toThrow(
      'Un devis envoyé doit avoir un numéro.',
    )
    await expect(
      renderReceiptPdf(
        sampleReceipt({ payment: { paidAt: '2026-04-02T14:05:00+00:00', amount: 1_180_000, method: 'online' } }),
        sampleSeller(),
      ),
    ).rejects.toThrow('Un paiement en ligne doit avoir un identifiant de transaction.')
    await expect(renderReceiptPdf(sampleReceipt({ issuedAt: '02/04/2026' }), sampleSeller())).rejects.toThrow(
      "La date d'émission du reçu doit être une date et heure ISO 8601.",
    )
  })
})

test('pdfFileName and pdfResponse: download vs inline preview, never cached', async () => {
  expect(pdfFileName('facture', 'FAC-2026-00042')).toBe('FAC-2026-00042.pdf')
  expect(pdfFileName('devis', null)).toBe('devis-brouillon.pdf')
  const bytes = await renderReceiptPdf(sampleReceipt(), sampleSeller())
  const download = pdfResponse(bytes, pdfFileName('recu', 'REC-2026-00008'))
  expect(download.headers.get('Content-Type')).toBe('application/pdf')
  expect(download.headers.get('Content-Disposition')).toBe(
    `attachment; filename="REC-2026-00008.pdf"; filename*=UTF-8''REC-2026-00008.pdf`,
  )
  expect(download.headers.get('Cache-Control')).toBe('private, no-store')
  expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes)
  const preview = pdfResponse(bytes, 'reçu brouillon.pdf', { inline: true })
  expect(preview.headers.get('Content-Disposition')).toBe(
    `inline; filename="re_u brouillon.pdf"; filename*=UTF-8''re%C3%A7u%20brouillon.pdf`,
  )
})
