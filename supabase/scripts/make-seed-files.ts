// Generates the small demo files of supabase/seed-storage/ (PDF, PNG, TXT).
// The local server uploads supabase/seed-storage/<bucket>/<path> after the
// seed, and the `documents` rows of supabase/seed.sql point at these paths:
//   project-files/<client_id>/<project_id|general>/<document_id>-<file name>
// The ids below are the fixed UUIDs of seed.sql (tests/db checks they match).
//
// Run: node supabase/scripts/make-seed-files.ts   (output is committed)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { deflateSync, crc32 } from 'node:zlib'
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib'

export const SEED_IDS = {
  acme: '20000000-0000-4000-8000-000000000001',
  baobab: '20000000-0000-4000-8000-000000000002',
  acmeShop: '30000000-0000-4000-8000-000000000001',
  baobabSite: '30000000-0000-4000-8000-000000000003',
} as const

const doc = (n: number) => `60000000-0000-4000-8000-${String(n).padStart(12, '0')}`

/** Every demo file: bucket, object name, and how to build its bytes. */
export function seedFiles(): { bucket: string; name: string; build: () => Promise<Uint8Array> | Uint8Array }[] {
  const { acme, baobab, acmeShop, baobabSite } = SEED_IDS
  return [
    { bucket: 'project-files', name: `${acme}/${acmeShop}/${doc(1)}-cahier-des-charges.pdf`, build: () => pdf(specAcme) },
    { bucket: 'project-files', name: `${acme}/${acmeShop}/${doc(2)}-maquette-accueil.png`, build: () => mockupPng('#111111') },
    { bucket: 'project-files', name: `${acme}/${acmeShop}/${doc(3)}-compte-rendu-atelier.txt`, build: () => text(minutesAcme) },
    { bucket: 'project-files', name: `${acme}/${acmeShop}/${doc(4)}-notes-internes.txt`, build: () => text(internalNotes) },
    { bucket: 'project-files', name: `${acme}/${acmeShop}/${doc(5)}-logo-acme.png`, build: () => logoPng() },
    { bucket: 'project-files', name: `${acme}/${acmeShop}/${doc(6)}-capture-panier-iphone.png`, build: () => phonePng() },
    { bucket: 'project-files', name: `${acme}/general/${doc(7)}-avis-de-virement.pdf`, build: () => pdf(transferSlip) },
    { bucket: 'project-files', name: `${baobab}/${baobabSite}/${doc(8)}-arborescence-site.pdf`, build: () => pdf(treeBaobab) },
    { bucket: 'project-files', name: `${baobab}/${baobabSite}/${doc(9)}-maquette-accueil.png`, build: () => mockupPng('#5a3e1b') },
    { bucket: 'branding', name: 'logo-nourx.png', build: () => nourxLogoPng() },
  ]
}

// ---------------------------------------------------------------------------
// Contents (natural French; WinAnsi-safe characters only for the PDFs)
// ---------------------------------------------------------------------------
const specAcme = {
  title: 'Cahier des charges - Boutique en ligne ACME',
  lines: [
    'Client : ACME Cote d\'Ivoire - Projet : Boutique en ligne',
    'Version 1.2 - document de demonstration',
    '',
    '1. Objectifs',
    '- Vendre en ligne la collection ACME a Abidjan et dans tout le pays.',
    '- Paiement par Orange Money, MTN MoMo, Moov Money, Wave et carte bancaire.',
    '- Livraison a domicile dans les communes d\'Abidjan, retrait en boutique.',
    '',
    '2. Perimetre',
    '- Catalogue d\'environ 300 produits, filtres par categorie, taille et prix.',
    '- Panier, commande invite ou avec compte, suivi de commande par SMS.',
    '- Back office : produits, stocks, commandes, codes promo.',
    '',
    '3. Planning',
    '- Maquettes validees, catalogue, paiement et livraison, recette, mise en ligne.',
  ],
}
const transferSlip = {
  title: 'Avis de virement - document de demonstration',
  lines: [
    'Donneur d\'ordre : ACME Cote d\'Ivoire',
    'Beneficiaire : NOURX SARL',
    'Montant : 295 000 F CFA',
    'Reference : VIR-2026-0412 - Facture hebergement annuel',
    'Banque : banque de demonstration',
  ],
}
const treeBaobab = {
  title: 'Arborescence du site - Baobab Studio',
  lines: [
    'Accueil',
    '- Le studio : equipe, valeurs, materiel',
    '- Portfolio : mariages, entreprises, portraits',
    '- Tarifs et formules',
    '- Contact et prise de rendez-vous',
    '',
    'Document de demonstration - NOURX',
  ],
}
const minutesAcme = `Compte rendu - atelier de cadrage
Boutique en ligne ACME

Participants : Aïcha Coulibaly (ACME), Yannick Kouadio (NOURX)

Décisions
- Paiement : Mobile Money (Orange, MTN, Moov, Wave) et carte via CinetPay.
- Livraison : forfait par commune d'Abidjan, gratuit au-delà de 50 000 F CFA.
- Les photos produits sont fournies par ACME au format JPEG, fond blanc.

Prochaines étapes
- NOURX : maquettes de la page d'accueil et de la fiche produit.
- ACME : liste des catégories et des 20 produits phares.
`
const internalNotes = `Notes internes NOURX - ne pas partager

- Prévoir une marge de 5 jours sur le jalon paiement : l'intégration Wave
  dépend du délai d'activation du compte marchand.
- Relancer ACME pour les photos des nouveautés avant vendredi.
`

function text(s: string): Uint8Array {
  return new TextEncoder().encode(s)
}

async function pdf(content: { title: string; lines: string[] }): Promise<Uint8Array> {
  const document = await PDFDocument.create()
  // Fixed metadata so the bytes are reproducible from one run to the next.
  const epoch = new Date('2026-01-05T09:00:00Z')
  document.setCreationDate(epoch)
  document.setModificationDate(epoch)
  document.setProducer('NOURX seed')
  document.setCreator('NOURX seed')
  document.setTitle(content.title)
  const page = document.addPage([595, 842])
  const bold = await document.embedFont(StandardFonts.HelveticaBold)
  const regular = await document.embedFont(StandardFonts.Helvetica)
  page.drawRectangle({ x: 0, y: 800, width: 595, height: 42, color: rgb(0, 0, 0) })
  page.drawText('NOURX', { x: 40, y: 814, size: 16, font: bold, color: rgb(1, 1, 1) })
  page.drawText(content.title, { x: 40, y: 760, size: 16, font: bold })
  let y = 730
  for (const line of content.lines) {
    page.drawText(line, { x: 40, y, size: 11, font: regular })
    y -= 18
  }
  return document.save({ useObjectStreams: false })
}

// ---------------------------------------------------------------------------
// A tiny PNG encoder (RGB, 8 bit) and a few drawings
// ---------------------------------------------------------------------------
type Canvas = { width: number; height: number; pixels: Uint8Array }

function canvas(width: number, height: number, fill: string): Canvas {
  const c = { width, height, pixels: new Uint8Array(width * height * 3) }
  rect(c, 0, 0, width, height, fill)
  return c
}

function rect(c: Canvas, x: number, y: number, w: number, h: number, color: string) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16))
  for (let j = Math.max(0, y); j < Math.min(c.height, y + h); j++) {
    for (let i = Math.max(0, x); i < Math.min(c.width, x + w); i++) {
      const o = (j * c.width + i) * 3
      c.pixels[o] = r
      c.pixels[o + 1] = g
      c.pixels[o + 2] = b
    }
  }
}

function encodePng(c: Canvas): Uint8Array {
  const raw = new Uint8Array((c.width * 3 + 1) * c.height)
  for (let y = 0; y < c.height; y++) {
    raw[y * (c.width * 3 + 1)] = 0 // filter: none
    raw.set(c.pixels.subarray(y * c.width * 3, (y + 1) * c.width * 3), y * (c.width * 3 + 1) + 1)
  }
  const chunk = (type: string, data: Uint8Array) => {
    const out = Buffer.alloc(12 + data.length)
    out.writeUInt32BE(data.length, 0)
    out.write(type, 4, 'ascii')
    Buffer.from(data).copy(out, 8)
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
    return out
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(c.width, 0)
  header.writeUInt32BE(c.height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // colour type RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ])
}

/** A wireframe of a home page: header, hero, three cards. */
function mockupPng(accent: string): Uint8Array {
  const c = canvas(480, 320, '#ffffff')
  rect(c, 0, 0, 480, 36, accent)
  rect(c, 16, 12, 70, 12, '#ffffff')
  rect(c, 24, 60, 432, 110, '#e6e6e6')
  rect(c, 48, 90, 200, 16, '#9a9a9a')
  rect(c, 48, 116, 140, 12, '#bdbdbd')
  rect(c, 48, 140, 90, 20, accent)
  for (let i = 0; i < 3; i++) {
    rect(c, 24 + i * 148, 190, 136, 100, '#f0f0f0')
    rect(c, 36 + i * 148, 266, 80, 10, '#9a9a9a')
  }
  return encodePng(c)
}

/** A phone screenshot with a broken cart (the ticket's attachment). */
function phonePng(): Uint8Array {
  const c = canvas(200, 400, '#ffffff')
  rect(c, 0, 0, 200, 30, '#111111')
  for (let i = 0; i < 3; i++) {
    rect(c, 10, 50 + i * 70, 60, 60, '#e0e0e0')
    rect(c, 80 + i * 20, 60 + i * 70, 150, 12, '#9a9a9a') // overflowing lines
  }
  rect(c, 10, 340, 240, 40, '#c62828')
  return encodePng(c)
}

function logoPng(): Uint8Array {
  const c = canvas(240, 80, '#ffffff')
  rect(c, 10, 10, 60, 60, '#d32f2f')
  rect(c, 85, 25, 140, 14, '#111111')
  rect(c, 85, 47, 90, 10, '#777777')
  return encodePng(c)
}

function nourxLogoPng(): Uint8Array {
  const c = canvas(240, 64, '#000000')
  // N O U R X as blocks: minimal, black and white.
  const letters = [
    [[0, 0, 6, 40], [6, 0, 6, 10], [12, 10, 6, 10], [18, 20, 6, 10], [24, 0, 6, 40]],
    [[0, 0, 30, 6], [0, 34, 30, 6], [0, 0, 6, 40], [24, 0, 6, 40]],
    [[0, 0, 6, 40], [24, 0, 6, 40], [0, 34, 30, 6]],
    [[0, 0, 6, 40], [0, 0, 30, 6], [24, 0, 6, 20], [0, 17, 30, 6], [18, 23, 6, 17]],
    [[0, 0, 8, 12], [22, 0, 8, 12], [8, 12, 14, 16], [0, 28, 8, 12], [22, 28, 8, 12]],
  ]
  letters.forEach((parts, i) => {
    for (const [x, y, w, h] of parts) rect(c, 22 + i * 42 + x, 12 + y, w, h, '#ffffff')
  })
  return encodePng(c)
}

// ---------------------------------------------------------------------------
if (import.meta.main) {
  const root = path.resolve(import.meta.dirname, '..', 'seed-storage')
  rmSync(root, { recursive: true, force: true })
  for (const file of seedFiles()) {
    const target = path.join(root, file.bucket, file.name)
    mkdirSync(path.dirname(target), { recursive: true })
    writeFileSync(target, await file.build())
    console.log(`${file.bucket}/${file.name}`)
  }
}
