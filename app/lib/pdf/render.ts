// Composition of the four documents (devis, facture, avoir, reçu) on top of
// the layout engine. Takes already-parsed inputs and the font files, so it
// has no dependency on how the fonts are bundled (see index.server.ts).
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, type PDFImage } from 'pdf-lib'
import { formatDate, formatDateTime, formatDay, formatXOF } from '../format.ts'
import {
  CONTENT_WIDTH,
  LEFT,
  PAGE_HEIGHT,
  MARGIN_TOP,
  RIGHT,
  createSheet,
  drawFooters,
  ensureSpace,
  heading,
  hRule,
  layFooter,
  columnHeight,
  drawColumn,
  layColumn,
  pairs,
  pairsHeight,
  paragraph,
  roundedRect,
  table,
  themeFor,
  Writer,
  type Column,
  type Pair,
  type Sheet,
  type TextStyle,
} from './layout.ts'
import {
  logoFormat,
  type PdfClient,
  type PdfCreditNote,
  type PdfInvoice,
  type PdfLineItem,
  type PdfQuote,
  type PdfReceipt,
  type PdfSeller,
  type PdfTotals,
} from './schema.ts'
import { countryName, formatQuantity, formatRate, paymentMethodLabel, operatorLabel } from './text.ts'
import { amountInFrenchWords } from './words.ts'

/** The two weights embedded in every PDF (TrueType bytes). */
export interface PdfFontFiles {
  regular: ArrayBuffer | Uint8Array
  bold: ArrayBuffer | Uint8Array
}

interface DocumentFrame {
  /** "Facture", "Devis"… (also used in the continuation header). */
  title: string
  /** Undefined for drafts. */
  number?: string
  /** Label/value lines under the number (dates…). */
  meta: Array<[string, string]>
  /** Outlined status mark under the meta ("PAYÉE", "BROUILLON"…). */
  badge?: string
  /** Left block under the header ("Objet", project, references). */
  subject: { heading: string; title: string; lines: string[] }
  /** Heading of the client block ("Facturé à", "Client"). */
  clientHeading: string
  client: PdfClient
  /** PDF metadata subject line. */
  description: string
}

// ---------------------------------------------------------------------------
// Shared parts

async function openDocument(seller: PdfSeller, fonts: PdfFontFiles, frame: DocumentFrame) {
  const pdf = await PDFDocument.create()
  pdf.registerFontkit(fontkit)
  // Subsetting keeps only the glyphs this document uses (a few KB).
  const [regular, bold] = await Promise.all([
    pdf.embedFont(fonts.regular, { subset: true }),
    pdf.embedFont(fonts.bold, { subset: true }),
  ])
  const logo = seller.logo
    ? logoFormat(seller.logo) === 'png'
      ? await pdf.embedPng(seller.logo)
      : await pdf.embedJpg(seller.logo)
    : undefined

  const label = frame.number ? `${frame.title} ${frame.number}` : `${frame.title} (brouillon)`
  pdf.setTitle(label, { showInWindowTitleBar: true })
  pdf.setAuthor(seller.legalName ?? seller.name)
  pdf.setSubject(frame.description)
  pdf.setCreator('Espace Client NOURX')
  pdf.setProducer('Espace Client NOURX (pdf-lib)')
  pdf.setLanguage('fr-CI')

  const writer = new Writer({ regular, bold }, themeFor(seller.accentColor))
  const footer = layFooter(writer, footerParagraphs(seller))
  const sheet = createSheet(pdf, writer, footer.height, (current) => drawContinuationHeader(current, seller, label))
  drawHeader(sheet, seller, logo, frame)
  drawParties(sheet, frame)
  return { pdf, sheet, footer }
}

async function closeDocument(
  pdf: PDFDocument,
  sheet: Sheet,
  footer: ReturnType<typeof layFooter>,
): Promise<Uint8Array<ArrayBuffer>> {
  drawFooters(sheet, footer)
  // pdf-lib returns a fresh array over its own ArrayBuffer; saying so lets
  // callers pass it straight to `new Response(…)`.
  return (await pdf.save()) as Uint8Array<ArrayBuffer>
}

function sellerAddressLines(seller: PdfSeller): string[] {
  const place = [seller.city, seller.country ? countryName(seller.country) : undefined].filter(Boolean).join(', ')
  const web = [seller.email, seller.website].filter(Boolean).join(' · ')
  return [seller.address, place || undefined, seller.phone ? `Tél. ${seller.phone}` : undefined, web || undefined].filter(
    (line): line is string => Boolean(line),
  )
}

/** Legal mentions on every page: identity, registration, tax regime, then the free footer. */
function footerParagraphs(seller: PdfSeller): string[] {
  const identity = [
    [seller.legalName ?? seller.name, seller.legalForm].filter(Boolean).join(' '),
    seller.capital ? `au capital de ${seller.capital}` : undefined,
  ]
    .filter(Boolean)
    .join(' ')
  const registration = [
    identity,
    seller.rccm ? `RCCM ${seller.rccm}` : undefined,
    seller.ncc ? `NCC ${seller.ncc}` : undefined,
    seller.taxRegime ? `Régime fiscal : ${seller.taxRegime}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ')
  const contact = [
    seller.address,
    [seller.city, seller.country ? countryName(seller.country) : undefined].filter(Boolean).join(', ') || undefined,
    seller.phone,
    seller.email,
    seller.website,
  ]
    .filter(Boolean)
    .join(' · ')
  return [registration, contact, seller.invoiceFooter ?? ''].filter(Boolean)
}

const LOGO_MAX_WIDTH = 150
const LOGO_MAX_HEIGHT = 40
const HEADER_LEFT_WIDTH = 270
const HEADER_RIGHT_WIDTH = 230

function drawHeader(sheet: Sheet, seller: PdfSeller, logo: PDFImage | undefined, frame: DocumentFrame): void {
  const { writer, page } = sheet
  const { theme } = writer
  const top = sheet.y

  // Left: logo, brand name, address and identifiers.
  let left = top
  if (logo) {
    const scale = Math.min(LOGO_MAX_WIDTH / logo.width, LOGO_MAX_HEIGHT / logo.height)
    const width = logo.width * scale
    const height = logo.height * scale
    page.drawImage(logo, { x: LEFT, y: top - height, width, height })
    left -= height + 10
  }
  const nameStyle: TextStyle = { bold: true, size: 12.5 }
  for (const line of writer.wrap(seller.name, nameStyle, HEADER_LEFT_WIDTH)) {
    writer.line(page, line, LEFT, left - 12, nameStyle)
    left -= 15.5
  }
  left -= 2
  const small: TextStyle = { size: 8.5, color: theme.muted }
  // NCC and RCCM are in the legal mentions of every page's footer.
  for (const text of sellerAddressLines(seller)) {
    for (const line of writer.wrap(text, small, HEADER_LEFT_WIDTH)) {
      writer.line(page, line, LEFT, left - 8.5, small)
      left -= 11.5
    }
  }

  // Right: document title, number, dates, status mark.
  let right = top
  writer.line(page, frame.title.toUpperCase(), RIGHT, right - 19, {
    bold: true,
    size: 20,
    color: theme.accentText,
    align: 'right',
    maxWidth: HEADER_RIGHT_WIDTH,
  })
  right -= 28
  writer.line(page, frame.number ? `N° ${frame.number}` : 'Brouillon — non numéroté', RIGHT, right - 11, {
    bold: true,
    size: 11,
    align: 'right',
  })
  right -= 20
  for (const [label, value] of frame.meta) {
    // Label first: text extraction (copy/paste, screen readers) follows drawing order.
    const valueWidth = writer.width(value, { size: 8.5 })
    writer.line(page, label, RIGHT - valueWidth - 6, right - 8.5, { size: 8.5, color: theme.muted, align: 'right' })
    writer.line(page, value, RIGHT, right - 8.5, { size: 8.5, align: 'right' })
    right -= 12.5
  }
  if (frame.badge) {
    const style: TextStyle = { bold: true, size: 8.5 }
    const width = writer.width(frame.badge, style) + 16
    const height = 17
    right -= 5
    page.drawSvgPath(roundedRect(width, height, 3), {
      x: RIGHT - width,
      y: right,
      borderColor: theme.accent,
      borderWidth: 1,
    })
    writer.line(page, frame.badge, RIGHT - width / 2, right - 11.75, { ...style, color: theme.accentText, align: 'center' })
    right -= height
  }

  sheet.y = Math.min(left, right) - 10
  hRule(sheet, sheet.y, theme.accent, 0.9)
  sheet.y -= 16
}

function clientLines(client: PdfClient): string[] {
  const place = [client.city, client.country ? countryName(client.country) : undefined].filter(Boolean).join(', ')
  const contact = [client.phone ? `Tél. ${client.phone}` : undefined, client.email].filter(Boolean).join(' · ')
  const identifiers = [client.ncc ? `NCC ${client.ncc}` : undefined, client.rccm ? `RCCM ${client.rccm}` : undefined]
    .filter(Boolean)
    .join(' · ')
  return [
    client.contactName ? `À l’attention de ${client.contactName}` : undefined,
    client.address,
    place || undefined,
    contact || undefined,
    identifiers || undefined,
  ].filter((line): line is string => Boolean(line))
}

const PARTY_WIDTH = 240

function drawParties(sheet: Sheet, frame: DocumentFrame): void {
  const { writer, page } = sheet
  const { theme } = writer
  const top = sheet.y
  const label: TextStyle = { bold: true, size: 7.5, color: theme.muted }
  const small: TextStyle = { size: 8.5 }

  // Left: what the document is about.
  let left = top
  writer.line(page, frame.subject.heading.toUpperCase(), LEFT, left - 7.5, label)
  left -= 14
  const titleStyle: TextStyle = { bold: true, size: 10.5 }
  for (const line of writer.wrap(frame.subject.title, titleStyle, PARTY_WIDTH)) {
    writer.line(page, line, LEFT, left - 10.5, titleStyle)
    left -= 14
  }
  for (const text of frame.subject.lines) {
    for (const line of writer.wrap(text, small, PARTY_WIDTH)) {
      writer.line(page, line, LEFT, left - 8.5, { ...small, color: theme.muted })
      left -= 11.5
    }
  }

  // Right: the client, in a light frame.
  const boxX = RIGHT - PARTY_WIDTH
  const inner = PARTY_WIDTH - 24
  const nameStyle: TextStyle = { bold: true, size: 10.5 }
  const nameLines = writer.wrap(frame.client.name, nameStyle, inner)
  const detailLines = clientLines(frame.client).flatMap((text) => writer.wrap(text, small, inner))
  const boxHeight = 12 + 14 + nameLines.length * 14 + detailLines.length * 11.5 + 8
  page.drawSvgPath(roundedRect(PARTY_WIDTH, boxHeight, 4), {
    x: boxX,
    y: top + 4,
    borderColor: theme.rule,
    borderWidth: 0.75,
  })
  let right = top + 4 - 12
  writer.line(page, frame.clientHeading.toUpperCase(), boxX + 12, right - 7.5, label)
  right -= 14
  for (const line of nameLines) {
    writer.line(page, line, boxX + 12, right - 10.5, nameStyle)
    right -= 14
  }
  for (const line of detailLines) {
    writer.line(page, line, boxX + 12, right - 8.5, small)
    right -= 11.5
  }

  sheet.y = Math.min(left, top + 4 - boxHeight) - 18
}

/** Compact header of pages 2+: brand on the left, document and "suite" on the right. */
function drawContinuationHeader(sheet: Sheet, seller: PdfSeller, label: string): number {
  const { writer, page } = sheet
  const y = PAGE_HEIGHT - MARGIN_TOP
  writer.line(page, seller.name, LEFT, y - 9, { bold: true, size: 9, maxWidth: CONTENT_WIDTH / 2 })
  const suffix = ' (suite)'
  const suffixWidth = writer.width(suffix, { size: 9 })
  writer.line(page, label, RIGHT - suffixWidth, y - 9, { bold: true, size: 9, align: 'right' })
  writer.line(page, suffix, RIGHT, y - 9, { size: 9, color: writer.theme.muted, align: 'right' })
  hRule(sheet, y - 16, writer.theme.accent, 0.9)
  return 30
}

const ITEM_COLUMNS: Column[] = [
  { header: 'Désignation', width: CONTENT_WIDTH - 46 - 94 - 100, align: 'left' },
  { header: 'Qté', width: 46, align: 'right' },
  { header: 'Prix unit. HT', width: 94, align: 'right' },
  { header: 'Total HT', width: 100, align: 'right' },
]

function itemsTable(sheet: Sheet, items: PdfLineItem[]): void {
  table(
    sheet,
    ITEM_COLUMNS,
    items.map((item) => [
      { text: item.label, detail: item.description },
      { text: formatQuantity(item.quantity) },
      { text: formatXOF(item.unitPrice) },
      { text: formatXOF(item.lineTotal) },
    ]),
  )
}

function totalsRows(totals: PdfTotals): Pair[] {
  return [
    { label: 'Total HT', value: formatXOF(totals.subtotalHt) },
    { label: `TVA ${formatRate(totals.vatRate)}`, value: formatXOF(totals.vatAmount) },
    { label: 'Total TTC', value: formatXOF(totals.totalTtc), strong: true, ruleAbove: true },
  ]
}

const TOTALS_WIDTH = 236

/**
 * Totals on the right; on the left the amount in words and, when they fit
 * beside the totals, the notes. Kept together on one page (moved whole to the
 * next one if needed). Returns whether the notes were placed.
 */
function totalsBlock(sheet: Sheet, rows: Pair[], words: string, notes?: string): boolean {
  const { writer } = sheet
  const { theme } = writer
  const leftWidth = CONTENT_WIDTH - TOTALS_WIDTH - 28
  const wordsStyle: TextStyle = { size: 8.5, color: theme.muted }
  const notesStyle: TextStyle = { size: 8.5 }
  const notesLabel: TextStyle = { size: 7.5, bold: true, color: theme.muted }
  const wordsColumn = layColumn(writer, [words], wordsStyle, leftWidth)
  const notesColumn = notes ? layColumn(writer, [notes], notesStyle, leftWidth) : []
  const totalsHeight = pairsHeight(sheet, rows, { width: TOTALS_WIDTH })
  const wordsHeight = columnHeight(wordsColumn, wordsStyle) + 6
  const notesHeight = notes ? 12 + 12 + columnHeight(notesColumn, notesStyle) : 0
  const notesBeside = Boolean(notes) && wordsHeight + notesHeight <= totalsHeight + 12
  const height = Math.max(totalsHeight, wordsHeight + (notesBeside ? notesHeight : 0))
  sheet.y -= 8
  ensureSpace(sheet, height + 4)
  const top = sheet.y
  // Values line up with the table's amount column (inset by its cell padding).
  pairs(sheet, rows, { x: RIGHT - TOTALS_WIDTH, width: TOTALS_WIDTH, top, padX: 6 })
  drawColumn(sheet, wordsColumn, wordsStyle, LEFT, top - 6)
  if (notesBeside) {
    const notesTop = top - wordsHeight - 12
    writer.line(sheet.page, 'NOTES', LEFT, notesTop - 7.5, notesLabel)
    drawColumn(sheet, notesColumn, notesStyle, LEFT, notesTop - 12)
  }
  sheet.y = top - height - 4
  return notesBeside
}

function notesSection(sheet: Sheet, title: string, text: string | undefined): void {
  if (!text) return
  heading(sheet, title)
  paragraph(sheet, text, { style: { size: 8.75 } })
}

function dayOrDash(day: string | undefined): string {
  return day ? formatDay(day) : '—'
}

// ---------------------------------------------------------------------------
// Invoice

const INVOICE_BADGES: Partial<Record<PdfInvoice['status'], string>> = {
  draft: 'BROUILLON',
  paid: 'PAYÉE',
  canceled: 'ANNULÉE',
}

export async function drawInvoice(invoice: PdfInvoice, seller: PdfSeller, fonts: PdfFontFiles): Promise<Uint8Array<ArrayBuffer>> {
  const subjectLines = [
    invoice.projectTitle ? `Projet : ${invoice.projectTitle}` : undefined,
    invoice.quoteNumber ? `Devis de référence : ${invoice.quoteNumber}` : undefined,
  ].filter((line): line is string => Boolean(line))
  const { pdf, sheet, footer } = await openDocument(seller, fonts, {
    title: 'Facture',
    number: invoice.number ?? undefined,
    meta: [
      ["Date d’émission", dayOrDash(invoice.issueDate)],
      ['Échéance', dayOrDash(invoice.dueDate)],
    ],
    badge: INVOICE_BADGES[invoice.status],
    subject: { heading: 'Objet', title: invoice.title, lines: subjectLines },
    clientHeading: 'Facturé à',
    client: invoice.client,
    description: invoice.title,
  })

  itemsTable(sheet, invoice.items)
  const notesPlaced = totalsBlock(
    sheet,
    [
      ...totalsRows(invoice.totals),
      { label: 'Déjà payé', value: formatXOF(invoice.amountPaid) },
      // A cancelled invoice says "Aucun paiement n’est dû" below: no balance row.
      ...(invoice.status === 'canceled'
        ? []
        : [{ label: 'Reste à payer', value: formatXOF(invoice.balanceDue), strong: true, ruleAbove: true }]),
    ],
    `Arrêtée la présente facture à la somme de ${amountInFrenchWords(invoice.totals.totalTtc)} toutes taxes comprises.`,
    invoice.notes,
  )

  if (invoice.payments.length > 0) {
    heading(sheet, 'Paiements reçus')
    table(
      sheet,
      [
        { header: 'Date', width: 86, align: 'left' },
        { header: 'Mode de paiement', width: 130, align: 'left' },
        { header: 'Référence', width: CONTENT_WIDTH - 86 - 130 - 100, align: 'left' },
        { header: 'Montant', width: 100, align: 'right' },
      ],
      invoice.payments.map((payment) => [
        { text: formatDate(payment.paidAt) },
        {
          text:
            payment.method === 'online' && payment.methodDetail
              ? operatorLabel(payment.methodDetail)
              : paymentMethodLabel(payment.method),
        },
        {
          text: payment.transactionId ?? payment.reference ?? '—',
          detail: payment.receiptNumber ? `Reçu ${payment.receiptNumber}` : undefined,
        },
        { text: formatXOF(payment.amount) },
      ]),
    )
  }

  if (invoice.status === 'canceled') {
    heading(sheet, 'Facture annulée')
    paragraph(
      sheet,
      invoice.creditNote
        ? `Cette facture est annulée par l’avoir ${invoice.creditNote.number} du ${formatDate(invoice.creditNote.issuedAt)}. Aucun paiement n’est dû.`
        : 'Cette facture est annulée. Aucun paiement n’est dû.',
    )
  } else if (invoice.balanceDue > 0) {
    paymentInstructions(sheet, seller, invoice)
  }
  if (!notesPlaced) notesSection(sheet, 'Notes', invoice.notes)
  return closeDocument(pdf, sheet, footer)
}

/**
 * How to pay: what, by when and with which reference on the left, the bank
 * details in a shaded box on the right; kept together on one page.
 */
function paymentInstructions(sheet: Sheet, seller: PdfSeller, invoice: PdfInvoice): void {
  const { writer } = sheet
  const style: TextStyle = { size: 8.5 }
  const bank = seller.bank
  const bankRows: Pair[] = bank
    ? [
        bank.bankName ? { label: 'Banque', value: bank.bankName } : undefined,
        bank.accountHolder ? { label: 'Titulaire', value: bank.accountHolder } : undefined,
        bank.accountNumber ? { label: 'Compte', value: bank.accountNumber } : undefined,
        bank.iban ? { label: 'IBAN', value: bank.iban } : undefined,
        bank.swift ? { label: 'BIC / SWIFT', value: bank.swift } : undefined,
      ].filter((row): row is Pair => Boolean(row))
    : []
  const gutter = 18
  const bankWidth = (CONTENT_WIDTH - gutter) / 2
  const columnWidth = bankRows.length > 0 ? CONTENT_WIDTH - bankWidth - gutter : CONTENT_WIDTH
  const reference = invoice.number ? `, référence ${invoice.number}` : ''
  const due = invoice.dueDate ? ` avant le ${formatDay(invoice.dueDate)}` : ''
  const text = layColumn(
    writer,
    [
      `Merci de régler ${formatXOF(invoice.balanceDue)}${due}${reference}.`,
      seller.portalUrl
        ? `Paiement en ligne (Mobile Money, carte bancaire) sur votre Espace Client : ${seller.portalUrl}`
        : '',
      seller.paymentInstructions ?? '',
    ],
    style,
    columnWidth,
  )
  const boxPadding = 9
  const bankOptions = { width: bankWidth - 2 * boxPadding, labelWidth: 58, valueAlign: 'left' as const, size: 8.5 }
  const bankHeight = bankRows.length > 0 ? pairsHeight(sheet, bankRows, bankOptions) + 2 * boxPadding - 2 : 0
  const height = Math.max(columnHeight(text, style), bankHeight)

  heading(sheet, 'Modalités de paiement', height + 4)
  const top = sheet.y
  drawColumn(sheet, text, style, LEFT, top)
  if (bankRows.length > 0) {
    const x = LEFT + columnWidth + gutter
    sheet.page.drawRectangle({ x, y: top - bankHeight, width: bankWidth, height: bankHeight, color: writer.theme.shade })
    pairs(sheet, bankRows, { ...bankOptions, x: x + boxPadding, top: top - boxPadding + 2.5 })
  }
  sheet.y = top - height - 4
}

// ---------------------------------------------------------------------------
// Quote

const QUOTE_BADGES: Partial<Record<PdfQuote['status'], string>> = {
  draft: 'BROUILLON',
  accepted: 'ACCEPTÉ',
  declined: 'REFUSÉ',
  expired: 'EXPIRÉ',
}

export async function drawQuote(quote: PdfQuote, seller: PdfSeller, fonts: PdfFontFiles): Promise<Uint8Array<ArrayBuffer>> {
  const { pdf, sheet, footer } = await openDocument(seller, fonts, {
    title: 'Devis',
    number: quote.number ?? undefined,
    meta: [
      ["Date d’émission", dayOrDash(quote.issueDate)],
      ["Valable jusqu’au", dayOrDash(quote.validUntil)],
    ],
    badge: QUOTE_BADGES[quote.status],
    subject: {
      heading: 'Objet',
      title: quote.title,
      lines: quote.projectTitle ? [`Projet : ${quote.projectTitle}`] : [],
    },
    clientHeading: 'Client',
    client: quote.client,
    description: quote.title,
  })

  itemsTable(sheet, quote.items)
  const notesPlaced = totalsBlock(
    sheet,
    totalsRows(quote.totals),
    `Arrêté le présent devis à la somme de ${amountInFrenchWords(quote.totals.totalTtc)} toutes taxes comprises.`,
    quote.notes,
  )
  if (!notesPlaced) notesSection(sheet, 'Notes', quote.notes)
  notesSection(sheet, 'Conditions', quote.terms ?? seller.quoteTerms)
  acceptanceSection(sheet, quote)
  return closeDocument(pdf, sheet, footer)
}

function acceptanceSection(sheet: Sheet, quote: PdfQuote): void {
  const { writer } = sheet
  const style: TextStyle = { size: 8.75 }
  if (quote.acceptance) {
    heading(sheet, 'Bon pour accord')
    paragraph(
      sheet,
      `Devis accepté en ligne le ${formatDateTime(quote.acceptance.acceptedAt)} par ${quote.acceptance.signerName}, avec la mention « Bon pour accord ».`,
      { style },
    )
    return
  }
  if (quote.status === 'declined') {
    const when = quote.decline ? ` le ${formatDateTime(quote.decline.declinedAt)}` : ''
    heading(sheet, 'Devis refusé')
    paragraph(sheet, `Devis refusé${when}.${quote.decline?.reason ? ` Motif : ${quote.decline.reason}` : ''}`, { style })
    return
  }
  if (quote.status === 'expired') {
    heading(sheet, 'Devis expiré')
    paragraph(sheet, 'Ce devis a expiré. Contactez-nous pour une proposition à jour.', { style })
    return
  }
  // Not answered yet: how to accept, and a frame for a paper signature.
  const gutter = 20
  const frameWidth = 230
  const frameHeight = 64
  const text = layColumn(
    writer,
    [
      'Acceptez ce devis en ligne depuis votre Espace Client, ou retournez-le daté et signé, précédé de la mention « Bon pour accord ».',
    ],
    { ...style, color: writer.theme.muted },
    CONTENT_WIDTH - frameWidth - gutter,
  )
  const height = Math.max(columnHeight(text, style), frameHeight)
  heading(sheet, 'Bon pour accord', height + 4)
  const top = sheet.y
  drawColumn(sheet, text, { ...style, color: writer.theme.muted }, LEFT, top)
  sheet.page.drawSvgPath(roundedRect(frameWidth, frameHeight, 4), {
    x: RIGHT - frameWidth,
    y: top,
    borderColor: writer.theme.rule,
    borderWidth: 0.75,
  })
  writer.line(sheet.page, 'Date, nom et signature', RIGHT - frameWidth + 10, top - 15, {
    size: 7.5,
    color: writer.theme.muted,
  })
  sheet.y = top - height - 4
}

// ---------------------------------------------------------------------------
// Credit note (avoir)

export async function drawCreditNote(note: PdfCreditNote, seller: PdfSeller, fonts: PdfFontFiles): Promise<Uint8Array<ArrayBuffer>> {
  const referenceDate = note.invoice.issueDate ? ` du ${formatDay(note.invoice.issueDate)}` : ''
  const { pdf, sheet, footer } = await openDocument(seller, fonts, {
    title: 'Avoir',
    number: note.number,
    meta: [
      ["Date d’émission", formatDate(note.issuedAt)],
      ['Facture annulée', note.invoice.number],
    ],
    subject: {
      heading: 'Objet',
      title: `Annulation de la facture ${note.invoice.number}${referenceDate}`,
      lines: [note.invoice.title, `Motif : ${note.reason}`].filter((line): line is string => Boolean(line)),
    },
    clientHeading: 'Client',
    client: note.client,
    description: `Avoir sur la facture ${note.invoice.number}`,
  })

  if (note.items.length > 0) itemsTable(sheet, note.items)
  totalsBlock(
    sheet,
    [
      { label: 'Total HT', value: formatXOF(note.totals.subtotalHt) },
      { label: `TVA ${formatRate(note.totals.vatRate)}`, value: formatXOF(note.totals.vatAmount) },
      { label: 'Montant de l’avoir TTC', value: formatXOF(note.totals.totalTtc), strong: true, ruleAbove: true },
    ],
    `Arrêté le présent avoir à la somme de ${amountInFrenchWords(note.totals.totalTtc)} toutes taxes comprises.`,
  )
  heading(sheet, 'Effet de l’avoir')
  paragraph(
    sheet,
    `Cet avoir annule intégralement la facture ${note.invoice.number}${referenceDate}. Le montant ci-dessus n’est plus dû.`,
  )
  return closeDocument(pdf, sheet, footer)
}

// ---------------------------------------------------------------------------
// Receipt (reçu de paiement)

export async function drawReceipt(receipt: PdfReceipt, seller: PdfSeller, fonts: PdfFontFiles): Promise<Uint8Array<ArrayBuffer>> {
  const { payment, invoice } = receipt
  const { pdf, sheet, footer } = await openDocument(seller, fonts, {
    title: 'Reçu de paiement',
    number: receipt.number,
    meta: [
      ["Date d’émission", formatDate(receipt.issuedAt)],
      ['Facture', invoice.number],
    ],
    subject: {
      heading: 'Objet',
      title: `Paiement de la facture ${invoice.number}`,
      lines: invoice.title ? [invoice.title] : [],
    },
    clientHeading: 'Reçu de',
    client: receipt.client,
    description: `Reçu de paiement de la facture ${invoice.number}`,
  })
  const { writer } = sheet
  const { theme } = writer

  // Amount panel with the "PAYÉ" mark.
  const panelHeight = 64
  ensureSpace(sheet, panelHeight + 10)
  const top = sheet.y
  sheet.page.drawRectangle({ x: LEFT, y: top - panelHeight, width: CONTENT_WIDTH, height: panelHeight, color: theme.shade })
  writer.line(sheet.page, 'MONTANT REÇU', LEFT + 16, top - 20, { bold: true, size: 7.5, color: theme.muted })
  writer.line(sheet.page, formatXOF(payment.amount), LEFT + 16, top - 46, {
    bold: true,
    size: 22,
    maxWidth: CONTENT_WIDTH - 170,
  })
  const stamp = 'PAYÉ'
  const stampStyle: TextStyle = { bold: true, size: 20 }
  const stampWidth = writer.width(stamp, stampStyle) + 32
  const stampHeight = 36
  sheet.page.drawSvgPath(roundedRect(stampWidth, stampHeight, 5), {
    x: RIGHT - 16 - stampWidth,
    y: top - (panelHeight - stampHeight) / 2,
    borderColor: theme.accent,
    borderWidth: 2,
  })
  writer.line(sheet.page, stamp, RIGHT - 16 - stampWidth / 2, top - panelHeight / 2 - 7, {
    ...stampStyle,
    color: theme.accentText,
    align: 'center',
  })
  sheet.y = top - panelHeight - 10
  paragraph(sheet, `Reçu la somme de ${amountInFrenchWords(payment.amount)}.`, {
    style: { size: 8.5, color: theme.muted },
  })

  heading(sheet, 'Détail du paiement', 90)
  const details: Pair[] = [
    { label: 'Date du paiement', value: formatDateTime(payment.paidAt) },
    { label: 'Mode de paiement', value: paymentMethodLabel(payment.method) },
    payment.method === 'online' && payment.methodDetail
      ? { label: 'Opérateur', value: operatorLabel(payment.methodDetail) }
      : undefined,
    payment.transactionId ? { label: 'Identifiant de transaction', value: payment.transactionId } : undefined,
    payment.operatorId ? { label: 'Référence opérateur', value: payment.operatorId } : undefined,
    payment.reference ? { label: 'Référence', value: payment.reference } : undefined,
  ].filter((row): row is Pair => Boolean(row))
  const options = { width: CONTENT_WIDTH, labelWidth: 170, valueAlign: 'left' as const }
  const detailsHeight = pairsHeight(sheet, details, options)
  ensureSpace(sheet, detailsHeight)
  pairs(sheet, details, { ...options, x: LEFT, top: sheet.y })
  sheet.y -= detailsHeight

  heading(sheet, 'Situation de la facture', 70)
  totalsBlock(
    sheet,
    [
      { label: 'Total de la facture TTC', value: formatXOF(invoice.totalTtc) },
      { label: 'Total réglé à ce jour', value: formatXOF(invoice.amountPaid) },
      { label: 'Reste à payer', value: formatXOF(invoice.balanceDue), strong: true, ruleAbove: true },
    ],
    invoice.balanceDue === 0
      ? `La facture ${invoice.number} est intégralement réglée.`
      : `La facture ${invoice.number} reste due à hauteur de ${formatXOF(invoice.balanceDue)}.`,
  )
  sheet.y -= 8
  paragraph(sheet, 'Ce reçu atteste le paiement ci-dessus. Il ne remplace pas la facture.', {
    style: { size: 8, color: theme.muted },
  })
  return closeDocument(pdf, sheet, footer)
}
