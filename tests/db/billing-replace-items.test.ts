// replace_document_items(): a draft's lines (and header) are replaced in one
// transaction. A bad line anywhere leaves the draft exactly as it was; only
// the admin may call it, on drafts only; totals still come from the triggers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ID } from './fixtures.ts'
import { clientFor, errorOf, startDb, withActor, type Db } from './helpers.ts'

let db: Db
beforeAll(async () => {
  db = await startDb()
})
afterAll(() => db?.close())

const LINES = [
  { label: 'Développement', quantity: 1, unit_price: 1_500_000 },
  { label: 'Intégration CinetPay', description: 'Mobile money et cartes', quantity: 2.5, unit_price: 120_001 },
  { label: 'Formation', quantity: 3, unit_price: 45_000 },
]

/** A committed draft (invoice or quote) of ACME with two lines; returns its id. */
async function draft(kind: 'invoice' | 'quote'): Promise<string> {
  const table = kind === 'invoice' ? 'invoices' : 'quotes'
  const parent = kind === 'invoice' ? 'invoice_id' : 'quote_id'
  const { rows } = await db.pool.query(`insert into public.${table} (client_id, title, vat_rate) values ($1, 'Brouillon', 18) returning id`, [ID.acme])
  await db.pool.query(
    `insert into public.${table.slice(0, -1)}_items (${parent}, position, label, quantity, unit_price) values ($1, 0, 'Ancienne A', 1, 1000), ($1, 1, 'Ancienne B', 2, 500)`,
    [rows[0].id],
  )
  return rows[0].id
}

/** Everything a save may change: header, totals and lines (ids included). */
async function snapshot(kind: 'invoice' | 'quote', id: string) {
  const table = kind === 'invoice' ? 'invoices' : 'quotes'
  const parent = kind === 'invoice' ? 'invoice_id' : 'quote_id'
  const head = await db.pool.query(`select title, client_id, vat_rate, notes, subtotal_ht, vat_amount, total_ttc, updated_at from public.${table} where id = $1`, [id])
  const lines = await db.pool.query(`select id, position, label, quantity, unit_price from public.${table.slice(0, -1)}_items where ${parent} = $1 order by position`, [id])
  return { head: head.rows[0], lines: lines.rows }
}

describe('replace_document_items as the admin', () => {
  it('replaces the lines in array order and the header; the triggers compute the totals', async () => {
    const id = await draft('invoice')
    await withActor(db.pool, 'admin', async (c) => {
      const { rows } = await c.query(`select public.replace_document_items('invoice', $1, $2, $3) as r`, [
        id,
        JSON.stringify(LINES),
        JSON.stringify({ title: '  Boutique en ligne  ', vat_rate: 18, notes: null, due_date: '2026-12-31' }),
      ])
      // 1 500 000 + round(2.5 × 120 001) = 300 003 + 135 000 → HT 1 935 003, TVA 348 301, TTC 2 283 304.
      expect(rows[0].r).toEqual({ id, status: 'draft', subtotal_ht: 1_935_003, vat_amount: 348_301, total_ttc: 2_283_304, item_count: 3 })
      const lines = await c.query(`select position, label, description, line_total from public.invoice_items where invoice_id = $1 order by position`, [id])
      expect(lines.rows).toEqual([
        { position: 0, label: 'Développement', description: null, line_total: '1500000' },
        { position: 1, label: 'Intégration CinetPay', description: 'Mobile money et cartes', line_total: '300003' },
        { position: 2, label: 'Formation', description: null, line_total: '135000' },
      ])
      const head = await c.query(`select title, due_date::text, notes from public.invoices where id = $1`, [id])
      expect(head.rows[0]).toEqual({ title: 'Boutique en ligne', due_date: '2026-12-31', notes: null })
    })
  })

  it('works for a quote, and leaves the header alone without p_header', async () => {
    const id = await draft('quote')
    await withActor(db.pool, 'admin', async (c) => {
      const { rows } = await c.query(`select public.replace_document_items('quote', $1, $2) as r`, [id, JSON.stringify(LINES.slice(0, 1))])
      expect(rows[0].r).toMatchObject({ subtotal_ht: 1_500_000, vat_amount: 270_000, total_ttc: 1_770_000, item_count: 1 })
      expect((await c.query(`select title from public.quotes where id = $1`, [id])).rows[0].title).toBe('Brouillon')
    })
  })

  it('a bad line anywhere leaves the draft unchanged (header, lines, totals)', async () => {
    const id = await draft('invoice')
    const before = await snapshot('invoice', id)
    const bad = [
      [{ ...LINES[0] }, { ...LINES[1] }, { label: 'Remise', quantity: 1, unit_price: -5000 }],
      [{ ...LINES[0] }, { label: '   ', quantity: 1, unit_price: 1 }],
      [{ ...LINES[0] }, { label: 'Décimales', quantity: 1.2345, unit_price: 1 }],
      [{ ...LINES[0] }, { label: 'Centimes', quantity: 1, unit_price: 10.5 }],
      [{ ...LINES[0] }, { label: 'Texte', quantity: '2,5', unit_price: 1 }],
      [{ ...LINES[0] }, { label: 'Faute', quantity: 1, unitPrice: 1 }],
      [],
      { label: 'Pas une liste' },
    ]
    const messages: string[] = []
    for (const items of bad) {
      const e = await errorOf(db.pool, 'admin', `select public.replace_document_items('invoice', $1, $2, $3)`, [id, JSON.stringify(items), JSON.stringify({ title: 'Changé' })])
      expect(e.code).toBe('22023')
      messages.push(e.message)
    }
    expect(messages).toEqual([
      'Ligne 3 : le prix ne peut pas être négatif.',
      'Ligne 2 : le libellé est obligatoire.',
      'Ligne 2 : trois décimales au plus pour la quantité.',
      'Ligne 2 : prix en F CFA entiers, sans décimales.',
      'Ligne 2 : quantité invalide.',
      'Ligne 2 : champ inconnu « unitPrice ».',
      'Ajoutez au moins une ligne.',
      'Les lignes doivent être une liste.',
    ])
    // errorOf rolls back, so also prove it over HTTP (PostgREST's own transaction, committed on success).
    const admin = await clientFor(db.server, 'admin')
    const res = await admin.rpc('replace_document_items', { p_kind: 'invoice', p_id: id, p_items: bad[0], p_header: { title: 'Changé' } })
    expect(res.error).toMatchObject({ code: '22023', message: 'Ligne 3 : le prix ne peut pas être négatif.' })
    // A failure in the table itself rolls back as well: the header update refused by a foreign key…
    const fk = await admin.rpc('replace_document_items', { p_kind: 'invoice', p_id: id, p_items: LINES, p_header: { client_id: crypto.randomUUID() } })
    expect(fk.error?.code).toBe('23503')
    // …and a line that passes validation but overflows line_total while being inserted, i.e. after the
    // header was updated and the old lines deleted: nothing of it stays.
    const huge = [LINES[0], { label: 'Énorme', quantity: 100_000_000, unit_price: 1_000_000_000_000 }]
    const overflow = await admin.rpc('replace_document_items', { p_kind: 'invoice', p_id: id, p_items: huge, p_header: { title: 'Changé' } })
    expect(overflow.error?.code).toBe('22003')
    expect(await snapshot('invoice', id)).toEqual(before)

    const ok = await admin.rpc('replace_document_items', { p_kind: 'invoice', p_id: id, p_items: LINES, p_header: { title: 'Changé' } })
    expect(ok.error).toBeNull()
    const after = await snapshot('invoice', id)
    expect(after.head).toMatchObject({ title: 'Changé', total_ttc: '2283304' })
    expect(after.lines.map((l) => l.label)).toEqual(['Développement', 'Intégration CinetPay', 'Formation'])
  })

  it('refuses an issued document, an unknown one, a bad kind and an unknown header key', async () => {
    const sent = await errorOf(db.pool, 'admin', `select public.replace_document_items('invoice', $1, $2)`, [ID.invoice(2), JSON.stringify(LINES)])
    expect(sent).toMatchObject({ code: 'P0001', message: 'Seule une facture brouillon se modifie : émettez un avoir.' })
    const quote = await errorOf(db.pool, 'admin', `select public.replace_document_items('quote', $1, $2)`, [ID.quote(2), JSON.stringify(LINES)])
    expect(quote).toMatchObject({ code: 'P0001', message: 'Seul un devis brouillon se modifie.' })
    const unknown = await errorOf(db.pool, 'admin', `select public.replace_document_items('invoice', $1, $2)`, [crypto.randomUUID(), JSON.stringify(LINES)])
    expect(unknown).toMatchObject({ code: 'P0002', message: 'Facture introuvable.' })
    // An invoice id passed as a quote is unknown as a quote.
    const crossed = await errorOf(db.pool, 'admin', `select public.replace_document_items('quote', $1, $2)`, [ID.invoice(5), JSON.stringify(LINES)])
    expect(crossed).toMatchObject({ code: 'P0002', message: 'Devis introuvable.' })
    const kind = await errorOf(db.pool, 'admin', `select public.replace_document_items('receipt', $1, $2)`, [ID.invoice(5), JSON.stringify(LINES)])
    expect(kind.code).toBe('22023')
    const key = await errorOf(db.pool, 'admin', `select public.replace_document_items('invoice', $1, $2, $3)`, [ID.invoice(5), JSON.stringify(LINES), JSON.stringify({ number: 'FAC-2026-99999' })])
    expect(key).toMatchObject({ code: '22023', message: "Champ d'en-tête inconnu ou non modifiable : « number »." })
    // The issued invoice kept its lines.
    const { rows } = await db.pool.query(`select count(*)::int as n from public.invoice_items where invoice_id = $1 and label = 'Développement'`, [ID.invoice(2)])
    expect(rows[0].n).toBe(0)
  })
})

describe('nobody but the admin can call it', () => {
  it('a client gets 42501 on its own draft, its own sent invoice and another company’s draft; nothing changes', async () => {
    const own = await draft('invoice')
    const before = await snapshot('invoice', own)
    const acme = await clientFor(db.server, 'acme')
    for (const [kind, id] of [['invoice', own], ['invoice', ID.invoice(2)], ['quote', ID.quote(3)], ['quote', ID.quote(2)]] as const) {
      const res = await acme.rpc('replace_document_items', { p_kind: kind, p_id: id, p_items: LINES })
      expect(res.error, `${kind} ${id}`).toMatchObject({ code: '42501', message: 'Action réservée à l\'administrateur.' })
    }
    const baobab = await clientFor(db.server, 'baobab')
    expect((await baobab.rpc('replace_document_items', { p_kind: 'invoice', p_id: own, p_items: LINES })).error?.code).toBe('42501')
    expect(await snapshot('invoice', own)).toEqual(before)
  })

  it('anon has no EXECUTE privilege at all', async () => {
    const anon = await clientFor(db.server, 'anon')
    const res = await anon.rpc('replace_document_items', { p_kind: 'invoice', p_id: ID.invoice(5), p_items: LINES })
    expect(res.error?.code).toBe('42501')
    const { rows } = await db.pool.query(
      `select has_function_privilege('anon', 'public.replace_document_items(text, uuid, jsonb, jsonb)', 'execute') as anon,
              has_function_privilege('authenticated', 'public.replace_document_items(text, uuid, jsonb, jsonb)', 'execute') as authenticated`,
    )
    expect(rows[0]).toEqual({ anon: false, authenticated: true })
  })
})

describe('create_document_draft: header and lines of a new draft in one transaction', () => {
  it('creates an invoice and a quote draft with their lines; the triggers compute the totals', async () => {
    for (const [kind, deadline] of [
      ['invoice', { due_date: '2026-12-31' }],
      ['quote', { valid_until: '2026-12-31', terms: 'Acompte de 30 %' }],
    ] as const) {
      const table = kind === 'invoice' ? 'invoices' : 'quotes'
      const parent = kind === 'invoice' ? 'invoice_id' : 'quote_id'
      await withActor(db.pool, 'admin', async (c) => {
        const { rows } = await c.query(`select public.create_document_draft($1, $2, $3) as r`, [
          kind,
          JSON.stringify({ client_id: ID.acme, project_id: null, title: '  Nouvelle boutique  ', vat_rate: 18, notes: null, ...deadline }),
          JSON.stringify(LINES),
        ])
        const r = rows[0].r
        expect(r).toMatchObject({ status: 'draft', subtotal_ht: 1_935_003, vat_amount: 348_301, total_ttc: 2_283_304, item_count: 3 })
        const head = await c.query(`select title, client_id, status::text, number from public.${table} where id = $1`, [r.id])
        expect(head.rows[0]).toEqual({ title: 'Nouvelle boutique', client_id: ID.acme, status: 'draft', number: null })
        const lines = await c.query(`select position, label from public.${table.slice(0, -1)}_items where ${parent} = $1 order by position`, [r.id])
        expect(lines.rows).toEqual([
          { position: 0, label: 'Développement' },
          { position: 1, label: 'Intégration CinetPay' },
          { position: 2, label: 'Formation' },
        ])
      })
    }
  })

  it('refuses a bad line, a missing client, an unknown header key, a client and anon, in French', async () => {
    const head = { client_id: ID.acme, title: 'Refusée', vat_rate: 18 }
    const badLine = await errorOf(db.pool, 'admin', `select public.create_document_draft('invoice', $1, $2)`, [
      JSON.stringify(head),
      JSON.stringify([LINES[0], { label: 'Remise', quantity: 1, unit_price: -5 }]),
    ])
    expect(badLine).toMatchObject({ code: '22023', message: 'Ligne 2 : le prix ne peut pas être négatif.' })
    const noClient = await errorOf(db.pool, 'admin', `select public.create_document_draft('invoice', $1, $2)`, [
      JSON.stringify({ title: 'Refusée', vat_rate: 18 }),
      JSON.stringify(LINES),
    ])
    expect(noClient).toMatchObject({ code: '22023', message: 'Le client est obligatoire.' })
    const unknownKey = await errorOf(db.pool, 'admin', `select public.create_document_draft('invoice', $1, $2)`, [
      JSON.stringify({ ...head, status: 'sent' }),
      JSON.stringify(LINES),
    ])
    expect(unknownKey.code).toBe('22023')
    const client = await errorOf(db.pool, 'acme', `select public.create_document_draft('invoice', $1, $2)`, [JSON.stringify(head), JSON.stringify(LINES)])
    expect(client.code).toBe('42501')
    const anon = await errorOf(db.pool, 'anon', `select public.create_document_draft('invoice', $1, $2)`, [JSON.stringify(head), JSON.stringify(LINES)])
    expect(anon.code).toBe('42501')
  })
})
