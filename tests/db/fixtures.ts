// The fixed UUIDs of supabase/seed.sql, by name.
const id = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`

export const ID = {
  userAdmin: id('10000000', 1),
  userAcme: id('10000000', 2),
  userBaobab: id('10000000', 3),

  acme: id('20000000', 1),
  baobab: id('20000000', 2),

  acmeShop: id('30000000', 1),
  acmeApp: id('30000000', 2),
  baobabSite: id('30000000', 3),

  /** ACME shop milestones: 1 approved, 2 approved, 3 delivered (awaiting approval), 4 in progress, 5 planned. */
  milestone: (n: number) => id('40000000', n),
  /** Tasks 1–31. 3, 7, 13, 19, 20 (shop), 22, 24 (app), 30 (Baobab) are internal. */
  task: (n: number) => id('50000000', n),
  /** Documents 1–9. 4 is internal (ACME shop); 7 is ACME "general"; 8 and 9 are Baobab's. */
  document: (n: number) => id('60000000', n),
  /** Quotes: 1 ACME accepted, 2 ACME sent, 3 ACME draft, 4 Baobab accepted, 5 Baobab declined, 6 Baobab expired. */
  quote: (n: number) => id('70000000', n),
  /** Invoices: 1 ACME paid online, 2 ACME sent (1 180 000), 3 ACME paid by transfer, 4 ACME canceled, 5 ACME draft, 6 Baobab paid, 7 Baobab overdue. */
  invoice: (n: number) => id('80000000', n),
  /** Tickets: 1 ACME closed (rated), 2 ACME in progress (internal note), 3 ACME open, 4 Baobab resolved. */
  ticket: (n: number) => id('90000000', n),
  /** Attempts: 1 ACME accepted, 2 ACME refused, 3 Baobab accepted, 4 Baobab flagged. */
  attempt: (n: number) => id('a0000000', n),
  /** Ticket messages: 4 is the internal note on ticket 2. */
  message: (n: number) => id('b0000000', n),
}

/** Object names in project-files of the seed documents. */
export const documentPath = (n: number): string => {
  const names: Record<number, [string, string, string]> = {
    1: [ID.acme, ID.acmeShop, 'cahier-des-charges.pdf'],
    2: [ID.acme, ID.acmeShop, 'maquette-accueil.png'],
    3: [ID.acme, ID.acmeShop, 'compte-rendu-atelier.txt'],
    4: [ID.acme, ID.acmeShop, 'notes-internes.txt'],
    5: [ID.acme, ID.acmeShop, 'logo-acme.png'],
    6: [ID.acme, ID.acmeShop, 'capture-panier-iphone.png'],
    7: [ID.acme, 'general', 'avis-de-virement.pdf'],
    8: [ID.baobab, ID.baobabSite, 'arborescence-site.pdf'],
    9: [ID.baobab, ID.baobabSite, 'maquette-accueil.png'],
  }
  const [client, folder, file] = names[n]
  return `${client}/${folder}/${ID.document(n)}-${file}`
}
