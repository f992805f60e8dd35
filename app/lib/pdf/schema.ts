// Input contract of the PDF module. Route code builds these objects from the
// database rows (camelCase, amounts as integer XOF) and may validate them with
// the same schemas; the render functions parse them again, so a PDF is never
// drawn from inconsistent data (a total that does not match its lines, a paid
// amount that does not match the payments…). Every message is French because
// it can surface in the admin's error toast.
import { z } from 'zod'

/** Sizes are bounded so that one table row always fits on one page. */
const LIMITS = { label: 300, description: 1000, note: 4000, short: 200, line: 300 } as const

// ---------------------------------------------------------------------------
// Field builders: one place for the French wording of each kind of error.

/** Required text, trimmed. */
function text(label: string, max: number = LIMITS.short) {
  return z
    .string({ error: `${label} est obligatoire.` })
    .trim()
    .min(1, { error: `${label} est obligatoire.` })
    .max(max, { error: `${label} dépasse ${max} caractères.` })
}

/** Optional text: null (database NULL), '' and absence all mean "nothing to print". */
function optionalText(label: string, max: number = LIMITS.short) {
  return z
    .string({ error: `${label} doit être un texte.` })
    .trim()
    .max(max, { error: `${label} dépasse ${max} caractères.` })
    .nullish()
    .transform((value) => (value ? value : undefined))
}

/** Integer amount in XOF (no minor unit). */
function amount(label: string, { min = 0 }: { min?: number } = {}) {
  return z
    .number({ error: `${label} doit être un montant en F CFA.` })
    .int({ error: `${label} doit être un nombre entier de F CFA (pas de centimes).` })
    .min(min, { error: min > 0 ? `${label} doit être positif.` : `${label} ne peut pas être négatif.` })
    .max(Number.MAX_SAFE_INTEGER, { error: `${label} est trop grand.` })
}

/** Calendar day as Postgres `date` sends it: `2026-03-12`. */
function day(label: string) {
  return z.iso.date({ error: `${label} doit être une date AAAA-MM-JJ.` })
}

/** Instant as Postgres `timestamptz` sends it: `2026-03-12T14:05:00.123+00:00`. */
function instant(label: string) {
  return z.iso.datetime({ offset: true, error: `${label} doit être une date et heure ISO 8601.` })
}

function documentNumber(prefix: 'FAC' | 'DEV' | 'AVO' | 'REC', label: string) {
  return z
    .string({ error: `${label} est obligatoire.` })
    .regex(new RegExp(`^${prefix}-\\d{4}-\\d{5}$`), { error: `${label} doit avoir la forme ${prefix}-AAAA-NNNNN.` })
}

function isPng(bytes: Uint8Array) {
  return bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47
}
function isJpeg(bytes: Uint8Array) {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
}

export const LOGO_MAX_BYTES = 2 * 1024 * 1024

/** Logo bytes (PNG or JPEG, as downloaded from Storage). ArrayBuffer accepted. */
export const PdfLogoSchema = z
  .union([z.custom<Uint8Array>((value) => value instanceof Uint8Array), z.instanceof(ArrayBuffer)], {
    error: 'Le logo doit être un fichier binaire (Uint8Array ou ArrayBuffer).',
  })
  .transform((value) => (value instanceof Uint8Array ? value : new Uint8Array(value)))
  .refine((bytes) => bytes.byteLength <= LOGO_MAX_BYTES, { error: 'Le logo dépasse 2 Mo.' })
  .refine((bytes) => isPng(bytes) || isJpeg(bytes), { error: 'Le logo doit être une image PNG ou JPEG.' })

/** Detects the logo format from its first bytes (the schema guarantees one of the two). */
export function logoFormat(bytes: Uint8Array): 'png' | 'jpeg' {
  return isPng(bytes) ? 'png' : 'jpeg'
}

// ---------------------------------------------------------------------------
// The seller: NOURX's branding and legal mentions (the `settings` row).

export const PdfBankDetailsSchema = z.object({
  bankName: optionalText('La banque'),
  accountHolder: optionalText('Le titulaire du compte'),
  accountNumber: optionalText('Le numéro de compte'),
  iban: optionalText("L'IBAN"),
  swift: optionalText('Le code BIC/SWIFT'),
})

export const PdfSellerSchema = z.object({
  /** Brand name printed in the header (settings.company_name). */
  name: text("Le nom de l'entreprise", 120),
  logo: PdfLogoSchema.nullish().transform((value) => value ?? undefined),
  accentColor: z
    .string({ error: "La couleur d'accent est obligatoire." })
    .regex(/^#[0-9A-Fa-f]{6}$/, { error: "La couleur d'accent doit être au format #RRGGBB." })
    .default('#000000'),
  /** Legal identity (legal mentions in the footer). */
  legalName: optionalText('La raison sociale', 160),
  legalForm: optionalText('La forme juridique', 80),
  capital: optionalText('Le capital social', 80),
  ncc: optionalText('Le NCC', 40),
  rccm: optionalText('Le RCCM', 60),
  taxRegime: optionalText('Le régime fiscal', 120),
  address: optionalText("L'adresse", LIMITS.line),
  city: optionalText('La ville', 80),
  /** ISO 3166 alpha-2 code, printed as its French name. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, { error: 'Le pays doit être un code ISO à deux lettres (CI).' })
    .nullish()
    .transform((value) => value ?? undefined),
  phone: optionalText('Le téléphone', 40),
  email: optionalText("L'e-mail", 120),
  website: optionalText('Le site web', 120),
  bank: PdfBankDetailsSchema.nullish().transform((value) => value ?? undefined),
  /** Free text printed at the bottom of every page (settings.invoice_footer). */
  invoiceFooter: optionalText('Le pied de page des factures', 600),
  /** Default quote conditions (settings.quote_terms), used when the quote has none. */
  quoteTerms: optionalText('Les conditions des devis', LIMITS.note),
  /** Transfer/cash instructions (settings.manual_payment_instructions). */
  paymentInstructions: optionalText('Les instructions de paiement', 1000),
  /** When set, invoices tell the client they can pay online at this address. */
  portalUrl: z
    .url({ error: "L'adresse de l'Espace Client doit être une URL." })
    .nullish()
    .transform((value) => value ?? undefined),
})

// ---------------------------------------------------------------------------
// The client company (the `clients` row).

export const PdfClientSchema = z.object({
  name: text('Le nom du client', 160),
  contactName: optionalText('Le contact du client', 120),
  address: optionalText("L'adresse du client", LIMITS.line),
  city: optionalText('La ville du client', 80),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, { error: 'Le pays du client doit être un code ISO à deux lettres (CI).' })
    .nullish()
    .transform((value) => value ?? undefined),
  email: optionalText("L'e-mail du client", 120),
  phone: optionalText('Le téléphone du client', 40),
  ncc: optionalText('Le NCC du client', 40),
  rccm: optionalText('Le RCCM du client', 60),
})

// ---------------------------------------------------------------------------
// Lines and totals, as computed by the database.

export const PdfLineItemSchema = z
  .object({
    label: text('Le libellé de la ligne', LIMITS.label),
    description: optionalText('La description de la ligne', LIMITS.description),
    quantity: z
      .number({ error: 'La quantité doit être un nombre.' })
      .positive({ error: 'La quantité doit être supérieure à zéro.' })
      .max(1e9, { error: 'La quantité est trop grande.' })
      .refine((q) => Math.abs(Math.round(q * 1000) - q * 1000) < 1e-6, {
        error: 'La quantité a au plus trois décimales.',
      }),
    unitPrice: amount('Le prix unitaire'),
    lineTotal: amount('Le total de la ligne'),
  })
  .superRefine((item, ctx) => {
    // The database stores round(quantity × unit_price): anything else means
    // the caller mixed up columns or lines.
    if (Math.abs(item.quantity * item.unitPrice - item.lineTotal) > 0.5 + 1e-6) {
      ctx.addIssue({
        code: 'custom',
        path: ['lineTotal'],
        message: `Le total de la ligne « ${item.label} » (${item.lineTotal}) ne correspond pas à quantité × prix unitaire.`,
      })
    }
  })

export const PdfTotalsSchema = z.object({
  subtotalHt: amount('Le total HT'),
  /** Percent: 18 means 18 %. */
  vatRate: z
    .number({ error: 'Le taux de TVA doit être un nombre.' })
    .min(0, { error: 'Le taux de TVA ne peut pas être négatif.' })
    .max(100, { error: 'Le taux de TVA ne peut pas dépasser 100 %.' }),
  vatAmount: amount('Le montant de TVA'),
  totalTtc: amount('Le total TTC'),
})

type Totals = z.infer<typeof PdfTotalsSchema>
type Item = z.infer<typeof PdfLineItemSchema>

/** Cross-checks of a document's money: lines → HT → TVA → TTC. */
function checkTotals(items: Item[], totals: Totals, ctx: z.RefinementCtx, { requireLines = true } = {}) {
  if (requireLines || items.length > 0) {
    const sum = items.reduce((total, item) => total + item.lineTotal, 0)
    if (sum !== totals.subtotalHt) {
      ctx.addIssue({
        code: 'custom',
        path: ['totals', 'subtotalHt'],
        message: `Le total HT (${totals.subtotalHt}) ne correspond pas à la somme des lignes (${sum}).`,
      })
    }
  }
  if (Math.abs((totals.subtotalHt * totals.vatRate) / 100 - totals.vatAmount) > 0.5 + 1e-6) {
    ctx.addIssue({
      code: 'custom',
      path: ['totals', 'vatAmount'],
      message: `La TVA (${totals.vatAmount}) ne correspond pas à ${totals.vatRate} % du total HT (${totals.subtotalHt}).`,
    })
  }
  if (totals.subtotalHt + totals.vatAmount !== totals.totalTtc) {
    ctx.addIssue({
      code: 'custom',
      path: ['totals', 'totalTtc'],
      message: `Le total TTC (${totals.totalTtc}) doit être égal au total HT plus la TVA (${totals.subtotalHt + totals.vatAmount}).`,
    })
  }
}

// ---------------------------------------------------------------------------
// Payments (invoice history and receipts).

export const PAYMENT_METHODS = ['online', 'transfer', 'cash'] as const

export const PdfPaymentSchema = z.object({
  paidAt: instant('La date du paiement'),
  amount: amount('Le montant du paiement', { min: 1 }),
  method: z.enum(PAYMENT_METHODS, { error: 'Le mode de paiement doit être online, transfer ou cash.' }),
  /** Operator code from CinetPay (OM, MOMO, FLOOZ, WAVECI, card…) or free text. */
  methodDetail: optionalText('Le détail du mode de paiement', 80),
  transactionId: optionalText("L'identifiant de transaction", 120),
  reference: optionalText('La référence du paiement', 120),
  receiptNumber: documentNumber('REC', 'Le numéro de reçu').nullish().transform((value) => value ?? undefined),
})

// ---------------------------------------------------------------------------
// Documents.

const itemsSchema = z
  .array(PdfLineItemSchema, { error: 'Les lignes doivent être une liste.' })
  .max(500, { error: 'Un document ne peut pas dépasser 500 lignes.' })

export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'declined', 'expired'] as const

export const PdfQuoteSchema = z
  .object({
    /** DEV-YYYY-NNNNN; null while the quote is a draft. */
    number: documentNumber('DEV', 'Le numéro du devis').nullable(),
    status: z.enum(QUOTE_STATUSES, { error: 'Le statut du devis est inconnu.' }),
    title: text("L'objet du devis"),
    projectTitle: optionalText('Le projet'),
    issueDate: day("La date d'émission").nullish().transform((value) => value ?? undefined),
    validUntil: day('La date de validité').nullish().transform((value) => value ?? undefined),
    client: PdfClientSchema,
    items: itemsSchema,
    totals: PdfTotalsSchema,
    notes: optionalText('Les notes', LIMITS.note),
    terms: optionalText('Les conditions', LIMITS.note),
    acceptance: z
      .object({ signerName: text('Le nom du signataire', 160), acceptedAt: instant("La date d'acceptation") })
      .nullish()
      .transform((value) => value ?? undefined),
    decline: z
      .object({ declinedAt: instant('La date de refus'), reason: optionalText('Le motif du refus', 1000) })
      .nullish()
      .transform((value) => value ?? undefined),
  })
  .superRefine((quote, ctx) => {
    if (quote.status !== 'draft' && !quote.number) {
      ctx.addIssue({ code: 'custom', path: ['number'], message: 'Un devis envoyé doit avoir un numéro.' })
    }
    if (quote.status === 'accepted' && !quote.acceptance) {
      ctx.addIssue({
        code: 'custom',
        path: ['acceptance'],
        message: "Un devis accepté doit indiquer le signataire et la date d'acceptation.",
      })
    }
    checkTotals(quote.items, quote.totals, ctx)
  })

export const INVOICE_STATUSES = ['draft', 'sent', 'paid', 'overdue', 'canceled'] as const

export const PdfInvoiceSchema = z
  .object({
    /** FAC-YYYY-NNNNN; null while the invoice is a draft. */
    number: documentNumber('FAC', 'Le numéro de la facture').nullable(),
    status: z.enum(INVOICE_STATUSES, { error: 'Le statut de la facture est inconnu.' }),
    title: text("L'objet de la facture"),
    projectTitle: optionalText('Le projet'),
    /** Number of the accepted quote this invoice comes from. */
    quoteNumber: documentNumber('DEV', 'Le numéro du devis').nullish().transform((value) => value ?? undefined),
    issueDate: day("La date d'émission").nullish().transform((value) => value ?? undefined),
    dueDate: day("La date d'échéance").nullish().transform((value) => value ?? undefined),
    client: PdfClientSchema,
    items: itemsSchema,
    totals: PdfTotalsSchema,
    amountPaid: amount('Le montant déjà payé'),
    balanceDue: amount('Le reste à payer'),
    payments: z.array(PdfPaymentSchema).default([]),
    notes: optionalText('Les notes', LIMITS.note),
    /** The credit note that cancelled this invoice, when status is canceled. */
    creditNote: z
      .object({ number: documentNumber('AVO', "Le numéro de l'avoir"), issuedAt: instant("La date de l'avoir") })
      .nullish()
      .transform((value) => value ?? undefined),
  })
  .superRefine((invoice, ctx) => {
    if (invoice.status !== 'draft' && !invoice.number) {
      ctx.addIssue({ code: 'custom', path: ['number'], message: 'Une facture émise doit avoir un numéro.' })
    }
    checkTotals(invoice.items, invoice.totals, ctx)
    // A cancelled invoice owes nothing (the database zeroes its balance when
    // the credit note is issued); otherwise the balance is TTC minus paid.
    if (invoice.status === 'canceled') {
      if (invoice.balanceDue !== 0) {
        ctx.addIssue({ code: 'custom', path: ['balanceDue'], message: 'Une facture annulée n’a pas de reste à payer.' })
      }
    } else if (invoice.totals.totalTtc - invoice.amountPaid !== invoice.balanceDue) {
      ctx.addIssue({
        code: 'custom',
        path: ['balanceDue'],
        message: `Le reste à payer (${invoice.balanceDue}) doit être égal au total TTC moins le montant déjà payé (${invoice.totals.totalTtc - invoice.amountPaid}).`,
      })
    }
    const paid = invoice.payments.reduce((total, payment) => total + payment.amount, 0)
    if (paid !== invoice.amountPaid) {
      ctx.addIssue({
        code: 'custom',
        path: ['payments'],
        message: `La somme des paiements (${paid}) ne correspond pas au montant déjà payé (${invoice.amountPaid}).`,
      })
    }
    if (invoice.status === 'paid' && invoice.balanceDue !== 0) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'Une facture payée ne peut pas avoir de reste à payer.' })
    }
  })

export const PdfCreditNoteSchema = z
  .object({
    number: documentNumber('AVO', "Le numéro de l'avoir"),
    issuedAt: instant("La date de l'avoir"),
    /** The cancelled invoice. */
    invoice: z.object({
      number: documentNumber('FAC', 'Le numéro de la facture annulée'),
      issueDate: day("La date de la facture annulée").nullish().transform((value) => value ?? undefined),
      title: optionalText("L'objet de la facture annulée"),
    }),
    client: PdfClientSchema,
    reason: text("Le motif de l'avoir", 1000),
    /** Lines of the cancelled invoice, reprinted for reference (optional). */
    items: itemsSchema.default([]),
    /** Amounts credited (the cancelled invoice's totals: the avoir is total). */
    totals: PdfTotalsSchema,
  })
  .superRefine((note, ctx) => checkTotals(note.items, note.totals, ctx, { requireLines: false }))

export const PdfReceiptSchema = z
  .object({
    number: documentNumber('REC', 'Le numéro du reçu'),
    issuedAt: instant("La date d'émission du reçu"),
    client: PdfClientSchema,
    payment: PdfPaymentSchema.omit({ receiptNumber: true }).extend({
      /** CinetPay operator transaction id (payments.operator_id). */
      operatorId: optionalText("L'identifiant opérateur", 120),
    }),
    invoice: z.object({
      number: documentNumber('FAC', 'Le numéro de la facture'),
      title: optionalText("L'objet de la facture"),
      totalTtc: amount('Le total TTC de la facture'),
      /** Total paid on the invoice including this payment. */
      amountPaid: amount('Le total payé sur la facture'),
      /** What remains due after this payment. */
      balanceDue: amount('Le reste à payer de la facture'),
    }),
  })
  .superRefine((receipt, ctx) => {
    if (receipt.payment.method === 'online' && !receipt.payment.transactionId) {
      ctx.addIssue({
        code: 'custom',
        path: ['payment', 'transactionId'],
        message: "Un paiement en ligne doit avoir un identifiant de transaction.",
      })
    }
    const { invoice } = receipt
    if (invoice.totalTtc - invoice.amountPaid !== invoice.balanceDue) {
      ctx.addIssue({
        code: 'custom',
        path: ['invoice', 'balanceDue'],
        message: `Le reste à payer (${invoice.balanceDue}) doit être égal au total TTC moins le total payé (${invoice.totalTtc - invoice.amountPaid}).`,
      })
    }
    if (receipt.payment.amount > invoice.amountPaid) {
      ctx.addIssue({
        code: 'custom',
        path: ['invoice', 'amountPaid'],
        message: 'Le total payé sur la facture doit inclure le paiement de ce reçu.',
      })
    }
  })

// Inputs (what callers pass: nulls allowed) and parsed shapes (what the
// renderer draws: nulls normalised away).
export type PdfSellerInput = z.input<typeof PdfSellerSchema>
export type PdfSeller = z.output<typeof PdfSellerSchema>
export type PdfClientInput = z.input<typeof PdfClientSchema>
export type PdfClient = z.output<typeof PdfClientSchema>
export type PdfLineItem = z.output<typeof PdfLineItemSchema>
export type PdfTotals = z.output<typeof PdfTotalsSchema>
export type PdfPayment = z.output<typeof PdfPaymentSchema>
export type PdfQuoteInput = z.input<typeof PdfQuoteSchema>
export type PdfQuote = z.output<typeof PdfQuoteSchema>
export type PdfInvoiceInput = z.input<typeof PdfInvoiceSchema>
export type PdfInvoice = z.output<typeof PdfInvoiceSchema>
export type PdfCreditNoteInput = z.input<typeof PdfCreditNoteSchema>
export type PdfCreditNote = z.output<typeof PdfCreditNoteSchema>
export type PdfReceiptInput = z.input<typeof PdfReceiptSchema>
export type PdfReceipt = z.output<typeof PdfReceiptSchema>
