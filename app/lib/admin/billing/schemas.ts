// zod schemas of the invoice/quote editor and the billing actions, shared by
// the form (conform validates in the browser) and the action. Amounts are
// whole F CFA; quantities have at most three decimals (numeric(12,3)). The
// totals are NOT part of any schema: the database computes them.
import { z } from 'zod'

const msg = (text: string) => ({ error: () => text })
const stripSpaces = (v: unknown) => (typeof v === 'string' ? v.replace(/[\s\u202F\u00A0]/g, '').replace(',', '.') : v)
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, msg('Date invalide.'))
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), msg('Date invalide.'))
  .optional()

export const LineItemSchema = z.object({
  label: z
    .string(msg('Le libellé est obligatoire.'))
    .trim()
    .min(1, msg('Le libellé est obligatoire.'))
    .max(300, msg('300 caractères au plus.')),
  description: z.string().trim().max(2000, msg('2 000 caractères au plus.')).optional(),
  quantity: z.preprocess(
    stripSpaces,
    z.coerce
      .number(msg('Quantité invalide.'))
      .gt(0, msg('La quantité doit être positive.'))
      .max(1e8, msg('Quantité trop grande.'))
      .refine((q) => Math.abs(Math.round(q * 1000) - q * 1000) < 1e-6, msg('Trois décimales au plus.')),
  ),
  unit_price: z.preprocess(
    stripSpaces,
    z.coerce
      .number(msg('Prix invalide.'))
      .int(msg('Prix en F CFA entiers, sans décimales.'))
      .min(0, msg('Le prix ne peut pas être négatif.'))
      .max(1e12, msg('Prix trop élevé.')),
  ),
}).superRefine((line, ctx) => {
  // Each bound holds, but their product may not: past 2^53 the figures can no longer be shown exactly
  // (and past 2^63 the database refuses the line total).
  if (Math.abs(Math.round(line.quantity * line.unit_price)) > Number.MAX_SAFE_INTEGER) {
    ctx.addIssue({ code: 'custom', path: ['unit_price'], message: 'Montant de la ligne trop élevé : réduisez la quantité ou le prix.' })
  }
})
export type LineItemInput = z.infer<typeof LineItemSchema>

export const DOC_KINDS = ['facture', 'devis'] as const
export type DocKind = (typeof DOC_KINDS)[number]

/** The editor: the same fields for an invoice and a quote; `deadline` is the due date or the validity date. */
export const BillingDocumentSchema = z.object({
  client_id: z.string(msg('Le client est obligatoire.')).uuid(msg('Le client est invalide.')),
  project_id: z.string().uuid(msg('Projet invalide.')).optional(),
  title: z
    .string(msg('L’objet est obligatoire.'))
    .trim()
    .min(1, msg('L’objet est obligatoire.'))
    .max(200, msg('200 caractères au plus.')),
  vat_rate: z.preprocess(
    stripSpaces,
    z.coerce
      .number(msg('Taux de TVA invalide.'))
      .min(0, msg('Entre 0 et 100 %.'))
      .max(100, msg('Entre 0 et 100 %.'))
      .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, msg('Deux décimales au plus.')),
  ),
  deadline: isoDay,
  notes: z.string().trim().max(5000, msg('5 000 caractères au plus.')).optional(),
  terms: z.string().trim().max(5000, msg('5 000 caractères au plus.')).optional(),
  items: z.array(LineItemSchema, msg('Ajoutez au moins une ligne.')).min(1, msg('Ajoutez au moins une ligne.')).max(200, msg('200 lignes au plus.')),
}).superRefine((doc, ctx) => {
  // The same limit for the document's total TTC (what the pages, the PDF and the payment show).
  if (estimateTotals(doc.items, doc.vat_rate).total > Number.MAX_SAFE_INTEGER) {
    ctx.addIssue({ code: 'custom', path: ['items'], message: 'Le total du document est trop élevé : réduisez les montants.' })
  }
})
export type BillingDocumentInput = z.infer<typeof BillingDocumentSchema>

export const CancelSchema = z.object({
  reason: z
    .string(msg('Indiquez le motif de l’annulation.'))
    .trim()
    .min(3, msg('Indiquez le motif de l’annulation (3 caractères au moins).'))
    .max(1000, msg('1 000 caractères au plus.')),
})

export const PAYMENT_METHODS = ['transfer', 'cash'] as const
export const PAYMENT_METHOD_LABEL: Record<string, string> = { transfer: 'Virement', cash: 'Espèces', online: 'En ligne (CinetPay)' }

/** Manual payment (transfer or cash); the proof file is checked separately (it is a File). */
export const ManualPaymentSchema = z.object({
  amount: z.preprocess(
    stripSpaces,
    z.coerce
      .number(msg('Montant invalide.'))
      .int(msg('Montant en F CFA entiers, sans décimales.'))
      .gt(0, msg('Le montant doit être positif.'))
      .max(1e13, msg('Montant trop élevé.')),
  ),
  method: z.enum(PAYMENT_METHODS, msg('Choisissez virement ou espèces.')),
  reference: z.string().trim().max(120, msg('120 caractères au plus.')).optional(),
  paid_on: z
    .string(msg('La date du paiement est obligatoire.'))
    .regex(/^\d{4}-\d{2}-\d{2}$/, msg('Date invalide.'))
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), msg('Date invalide.')),
  notes: z.string().trim().max(2000, msg('2 000 caractères au plus.')).optional(),
})
export type ManualPaymentInput = z.infer<typeof ManualPaymentSchema>

/**
 * Display-only estimate of the totals while typing, with the database's
 * rounding (round half away from zero, VAT once on the subtotal). The saved
 * document shows the database's own figures.
 */
export function estimateTotals(items: { quantity?: unknown; unit_price?: unknown }[], vatRate: unknown) {
  const num = (v: unknown) => {
    const n = Number(stripSpaces(v))
    return Number.isFinite(n) ? n : 0
  }
  const roundAway = (n: number) => Math.sign(n) * Math.round(Math.abs(n))
  const lines = items.map((i) => roundAway(num(i.quantity) * num(i.unit_price)))
  const subtotal = lines.reduce((a, b) => a + b, 0)
  const vat = roundAway((subtotal * num(vatRate)) / 100)
  return { lines, subtotal, vat, total: subtotal + vat }
}

/** 2.5 → "2,5": how a French user types it back (the schemas accept both). */
export const frDecimal = (n: number) => String(n).replace('.', ',')

export const BILLING_FILTERS = ['type', 'statut', 'client'] as const

/** Quote statuses in the back office's words (the invoice ones are in ../labels.ts). */
export const QUOTE_STATUS = {
  draft: { label: 'Brouillon', tone: 'neutral' },
  sent: { label: 'Envoyé', tone: 'info' },
  accepted: { label: 'Accepté', tone: 'success' },
  declined: { label: 'Refusé', tone: 'danger' },
  expired: { label: 'Expiré', tone: 'outline' },
} as const
export const QUOTE_STATUSES = Object.keys(QUOTE_STATUS) as (keyof typeof QUOTE_STATUS)[]
