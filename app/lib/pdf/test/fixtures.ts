// Realistic documents for the tests and scripts/pdf-sample.ts. Totals are
// computed here the way the database computes them (line = round(q × pu),
// TVA = round(HT × taux / 100)), so the fixtures pass the schema's checks.
import type {
  PdfCreditNoteInput,
  PdfInvoiceInput,
  PdfLineItem,
  PdfQuoteInput,
  PdfReceiptInput,
  PdfSellerInput,
  PdfTotals,
} from '../schema.ts'

export function sampleSeller(overrides: Partial<PdfSellerInput> = {}): PdfSellerInput {
  return {
    name: 'NOURX',
    accentColor: '#D9401A',
    legalName: 'NOURX',
    legalForm: 'SARL',
    capital: '1 000 000 F CFA',
    ncc: '2214578 K',
    rccm: 'CI-ABJ-03-2022-B13-04567',
    taxRegime: 'Réel simplifié d’imposition (RSI)',
    address: 'Cocody Riviera Palmeraie, rue I 102, villa 14',
    city: 'Abidjan',
    country: 'CI',
    phone: '+225 07 08 09 10 11',
    email: 'facturation@nourx.ci',
    website: 'www.nourx.ci',
    bank: {
      bankName: 'Société Générale Côte d’Ivoire',
      accountHolder: 'NOURX SARL',
      accountNumber: 'CI008 01234 012345678901 23',
      iban: 'CI93 CI00 8012 3401 2345 6789 0123',
      swift: 'SGCICIAB',
    },
    invoiceFooter:
      'Pénalités de retard : taux d’intérêt légal en vigueur. Aucun escompte pour paiement anticipé. Merci de votre confiance !',
    quoteTerms:
      'Acompte de 50 % à la commande, solde à la livraison. Délai de réalisation : six semaines à compter de la réception de l’acompte. Les contenus (textes, photos) sont fournis par le client.',
    paymentInstructions:
      'Paiement en espèces accepté à nos bureaux de Cocody, du lundi au vendredi de 9 h à 17 h, contre reçu.',
    portalUrl: 'https://espace.nourx.ci',
    ...overrides,
  }
}

export const ACME = {
  name: 'ACME Côte d’Ivoire',
  contactName: 'Aïcha Kouamé',
  address: 'Plateau, avenue Chardy, immeuble Les Hévéas, 5e étage',
  city: 'Abidjan',
  country: 'CI',
  email: 'comptabilite@acme.ci',
  phone: '+225 27 20 21 22 23',
  ncc: '1809876 A',
  rccm: 'CI-ABJ-2018-B-12345',
}

/** Lines → totals, as the database computes them. */
export function totalsOf(items: PdfLineItem[], vatRate = 18): PdfTotals {
  const subtotalHt = items.reduce((total, item) => total + item.lineTotal, 0)
  const vatAmount = Math.round((subtotalHt * vatRate) / 100)
  return { subtotalHt, vatRate, vatAmount, totalTtc: subtotalHt + vatAmount }
}

export function line(label: string, quantity: number, unitPrice: number, description?: string): PdfLineItem {
  return { label, description, quantity, unitPrice, lineTotal: Math.round(quantity * unitPrice) }
}

/** Four lines: 1 000 000 HT, 180 000 TVA, 1 180 000 TTC. */
export const WEBSITE_ITEMS: PdfLineItem[] = [
  line(
    'Conception graphique : maquettes de la page d’accueil et des pages intérieures (« Qui sommes-nous », « Nos réalisations »)',
    1,
    350_000,
    'Deux allers-retours de corrections inclus. Fichiers sources livrés.',
  ),
  line('Développement et intégration du site vitrine (React Router, hébergement Cloudflare)', 1, 450_000),
  line('Rédaction et optimisation SEO des contenus', 5, 25_000),
  line('Formation de l’équipe à l’administration du site — ½ journée', 1.5, 50_000),
]

/** 40 lines, enough to spill onto a second page. */
export function manyItems(count = 40): PdfLineItem[] {
  const tasks = [
    'Atelier de cadrage avec l’équipe marketing',
    'Maquette mobile de l’écran « Mes commandes »',
    'Intégration du paiement Mobile Money (Orange Money, MTN, Moov, Wave)',
    'Recette fonctionnelle et corrections',
    'Développement de l’API de synchronisation des stocks entre les entrepôts de Yopougon et de Koumassi',
    'Mise en production et suivi post-lancement',
    'Rédaction de la documentation d’exploitation',
    'Création des visuels pour les réseaux sociaux',
  ]
  return Array.from({ length: count }, (_, index) =>
    line(
      `${index + 1}. ${tasks[index % tasks.length]}`,
      (index % 4) + 1,
      12_500 * ((index % 7) + 1),
      index % 9 === 4 ? 'Prestation réalisée à Abidjan, déplacements compris (Plateau, Cocody, Marcory).' : undefined,
    ),
  )
}

export function sampleInvoice(overrides: Partial<PdfInvoiceInput> = {}): PdfInvoiceInput {
  const items = WEBSITE_ITEMS
  const totals = totalsOf(items)
  return {
    number: 'FAC-2026-00042',
    status: 'sent',
    title: 'Site vitrine — refonte 2026',
    projectTitle: 'Refonte du site institutionnel',
    quoteNumber: 'DEV-2026-00017',
    issueDate: '2026-03-12',
    dueDate: '2026-04-11',
    client: ACME,
    items,
    totals,
    amountPaid: 0,
    balanceDue: totals.totalTtc,
    payments: [],
    notes: 'Merci d’indiquer le numéro de facture sur tout règlement. Pour toute question : facturation@nourx.ci.',
    ...overrides,
  }
}

/** 40 lines, partially paid by Orange Money. */
export function longInvoice(): PdfInvoiceInput {
  const items = manyItems(40)
  const totals = totalsOf(items)
  const paid = 500_000
  return sampleInvoice({
    number: 'FAC-2026-00043',
    title: 'Application mobile de commande — lot 1',
    items,
    totals,
    amountPaid: paid,
    balanceDue: totals.totalTtc - paid,
    payments: [
      {
        paidAt: '2026-03-20T10:42:00+00:00',
        amount: paid,
        method: 'online',
        methodDetail: 'OMCIV2',
        transactionId: 'NXR8K2M4Q7',
        receiptNumber: 'REC-2026-00007',
      },
    ],
  })
}

export function sampleQuote(overrides: Partial<PdfQuoteInput> = {}): PdfQuoteInput {
  const items = WEBSITE_ITEMS
  return {
    number: 'DEV-2026-00017',
    status: 'sent',
    title: 'Refonte du site vitrine',
    projectTitle: 'Refonte du site institutionnel',
    issueDate: '2026-02-20',
    validUntil: '2026-03-22',
    client: ACME,
    items,
    totals: totalsOf(items),
    notes: null,
    terms: null,
    ...overrides,
  }
}

export function sampleCreditNote(overrides: Partial<PdfCreditNoteInput> = {}): PdfCreditNoteInput {
  const items = WEBSITE_ITEMS
  return {
    number: 'AVO-2026-00003',
    issuedAt: '2026-03-15T09:30:00+00:00',
    invoice: { number: 'FAC-2026-00042', issueDate: '2026-03-12', title: 'Site vitrine — refonte 2026' },
    client: ACME,
    reason: 'Erreur sur le périmètre facturé : la formation est offerte. Une nouvelle facture remplace celle-ci.',
    items,
    totals: totalsOf(items),
    ...overrides,
  }
}

export function sampleReceipt(overrides: Partial<PdfReceiptInput> = {}): PdfReceiptInput {
  return {
    number: 'REC-2026-00008',
    issuedAt: '2026-04-02T14:05:12.123456+00:00',
    client: ACME,
    payment: {
      paidAt: '2026-04-02T14:05:00+00:00',
      amount: 1_180_000,
      method: 'online',
      methodDetail: 'WAVECI',
      transactionId: 'NXT5Z8W1P3',
      operatorId: 'MP260402.1405.C31552',
    },
    invoice: {
      number: 'FAC-2026-00042',
      title: 'Site vitrine — refonte 2026',
      totalTtc: 1_180_000,
      amountPaid: 1_180_000,
      balanceDue: 0,
    },
    ...overrides,
  }
}

/** Every text at its schema maximum, a near-billion unit price, a word wider than a line. */
export function extremeInvoice(): PdfInvoiceInput {
  const label = 'Développement sur mesure '.repeat(12).slice(0, 300)
  const description = 'Détail de la prestation, livrables et hypothèses de chiffrage. '.repeat(16).slice(0, 1000)
  const items = [
    line(label, 999.125, 999_999_999, description),
    ...manyItems(6),
    line(`Ligne sans espaces : ${'X'.repeat(120)}`, 1, 1),
  ]
  const totals = totalsOf(items)
  return sampleInvoice({
    title: 'Objet très long '.repeat(13).slice(0, 200),
    client: {
      ...ACME,
      name: 'Société Ivoirienne de Développement Numérique, de Conseil et de Services Connexes du Grand Abidjan et de l’Intérieur'.slice(0, 160),
      address: 'Zone industrielle de Yopougon, '.repeat(10).slice(0, 300),
    },
    items,
    totals,
    balanceDue: totals.totalTtc,
    notes: 'Remarque importante concernant la facturation. '.repeat(85).slice(0, 4000),
  })
}

export function extremeSeller(logo?: Uint8Array): PdfSellerInput {
  return sampleSeller({
    name: 'NOURX — Agence digitale, conseil et développement sur mesure pour les entreprises ivoiriennes',
    invoiceFooter: 'Mentions complémentaires du pied de page. '.repeat(15).slice(0, 600),
    logo,
  })
}
