// The money rules live in the database: totals from the lines, immutable
// issued invoices, gap-free numbering under concurrency, status machines with
// French errors, quote answers through RPCs, exactly-once online payments.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ID } from './fixtures.ts'
import { clientFor, errorOf, runAs, setSession, startDb, withActor, type Db } from './helpers.ts'

let db: Db
beforeAll(async () => {
  db = await startDb()
})
afterAll(() => db?.close())

/** Creates a committed draft invoice for ACME with the given lines; returns its id. */
async function draftInvoice(lines: [number, number][] = [[1, 100000]], vatRate = 18): Promise<string> {
  const { rows } = await db.pool.query(
    `insert into public.invoices (client_id, project_id, title, vat_rate) values ($1, $2, 'Facture de test', $3) returning id`,
    [ID.acme, ID.acmeShop, vatRate],
  )
  for (const [i, [quantity, unitPrice]] of lines.entries()) {
    await db.pool.query(
      `insert into public.invoice_items (invoice_id, position, label, quantity, unit_price) values ($1, $2, $3, $4, $5)`,
      [rows[0].id, i, `Ligne ${i + 1}`, quantity, unitPrice],
    )
  }
  return rows[0].id
}

describe('totals are computed from the lines', () => {
  it('per line round(quantity × unit price), VAT rounded once on the total', async () => {
    await withActor(db.pool, 'admin', async (c) => {
      const { rows: [inv] } = await c.query(
        `insert into public.invoices (client_id, title, subtotal_ht, vat_amount, total_ttc)
         values ($1, 'Totaux', 1, 1, 1) returning subtotal_ht, vat_amount, total_ttc`,
        [ID.acme],
      )
      // Totals sent by the caller are ignored.
      expect(inv).toEqual({ subtotal_ht: '0', vat_amount: '0', total_ttc: '0' })
      const { rows: [{ id }] } = await c.query(`select id from public.invoices where title = 'Totaux'`)
      await c.query(
        `insert into public.invoice_items (invoice_id, label, quantity, unit_price) values
           ($1, 'Demi-journées', 1.5, 333333), ($1, 'Pages', 3, 125000), ($1, 'Nom de domaine', 1, 99999)`,
        [id],
      )
      const totals = async () =>
        (await c.query(`select subtotal_ht, vat_amount, total_ttc, balance_due from public.invoices where id = $1`, [id])).rows[0]
      // 499 999.5 → 500 000; 375 000; 99 999 → 974 999 HT; VAT 175 499.82 → 175 500.
      expect(await totals()).toEqual({ subtotal_ht: '974999', vat_amount: '175500', total_ttc: '1150499', balance_due: '1150499' })
      const lines = await c.query(`select line_total from public.invoice_items where invoice_id = $1 order by unit_price desc`, [id])
      expect(lines.rows.map((r) => r.line_total)).toEqual(['500000', '375000', '99999'])

      await c.query(`update public.invoice_items set quantity = 2 where invoice_id = $1 and label = 'Pages'`, [id])
      expect((await totals()).subtotal_ht).toBe('849999')
      await c.query(`delete from public.invoice_items where invoice_id = $1 and label = 'Nom de domaine'`, [id])
      expect(await totals()).toEqual({ subtotal_ht: '750000', vat_amount: '135000', total_ttc: '885000', balance_due: '885000' })
      await c.query(`update public.invoices set vat_rate = 0, total_ttc = 42 where id = $1`, [id])
      expect(await totals()).toEqual({ subtotal_ht: '750000', vat_amount: '0', total_ttc: '750000', balance_due: '750000' })
    })
  })

  it('the same rule holds for quotes', async () => {
    await withActor(db.pool, 'admin', async (c) => {
      const { rows: [{ id }] } = await c.query(`insert into public.quotes (client_id, title) values ($1, 'Devis') returning id`, [ID.acme])
      await c.query(`insert into public.quote_items (quote_id, label, quantity, unit_price) values ($1, 'Jours', 2.5, 150000)`, [id])
      const { rows: [q] } = await c.query(`select subtotal_ht, vat_amount, total_ttc from public.quotes where id = $1`, [id])
      expect(q).toEqual({ subtotal_ht: '375000', vat_amount: '67500', total_ttc: '442500' })
    })
  })

  it('the seed invoice ACME must pay adds up: 1 000 000 HT + 18 % = 1 180 000 F CFA', async () => {
    const { rows: [i] } = await db.pool.query(
      `select number, status, subtotal_ht, vat_amount, total_ttc, balance_due from public.invoices where id = $1`,
      [ID.invoice(2)],
    )
    expect(i).toMatchObject({ status: 'sent', subtotal_ht: '1000000', vat_amount: '180000', total_ttc: '1180000', balance_due: '1180000' })
    expect(i.number).toMatch(/^FAC-\d{4}-\d{5}$/)
  })
})

describe('an issued invoice cannot be edited', () => {
  const IMMUTABLE = 'Une facture émise ne peut pas être modifiée : émettez un avoir.'

  it('its fields, its lines, its deletion and its amount paid are refused with a clear French message', async () => {
    const cases: [string, string, string][] = [
      [`update public.invoices set title = 'Autre titre' where id = $1`, 'P0001', IMMUTABLE],
      [`update public.invoices set due_date = due_date + 30 where id = $1`, 'P0001', IMMUTABLE],
      [`update public.invoices set client_id = '${ID.baobab}' where id = $1`, 'P0001', IMMUTABLE],
      [`insert into public.invoice_items (invoice_id, label, unit_price) values ($1, 'Ajout', 1000)`, 'P0001', IMMUTABLE],
      [`update public.invoice_items set unit_price = 1 where invoice_id = $1`, 'P0001', IMMUTABLE],
      [`delete from public.invoice_items where invoice_id = $1`, 'P0001', IMMUTABLE],
      [`delete from public.invoices where id = $1`, 'P0001', 'Seule une facture brouillon peut être supprimée : annulez-la par un avoir.'],
      [`update public.invoices set amount_paid = total_ttc where id = $1`, 'P0001', 'Le montant payé est calculé à partir des paiements enregistrés.'],
    ]
    for (const [sql, code, message] of cases) {
      const e = await errorOf(db.pool, 'admin', sql, [ID.invoice(2)])
      expect([sql, e.code, e.message]).toEqual([sql, code, message])
    }
  })

  it('the app receives the French message over /rest/v1', async () => {
    const admin = await clientFor(db.server, 'admin')
    const { error } = await admin.from('invoices').update({ title: 'Autre titre' }).eq('id', ID.invoice(2))
    expect(error).toMatchObject({ code: 'P0001', message: IMMUTABLE })
  })

  it('a draft stays freely editable', async () => {
    const r = await runAs(db.pool, 'admin', `update public.invoices set title = 'Jalon 3 (révisé)' where id = $1`, [ID.invoice(5)])
    expect(r.ok && r.rowCount).toBe(1)
  })
})

describe('status machines refuse invalid transitions in French', () => {
  it('invoices', async () => {
    const cases: [string, string, string][] = [
      [ID.invoice(1), 'sent', 'Transition impossible : une facture « payée » ne peut pas passer à « envoyée ».'],
      [ID.invoice(1), 'draft', 'Transition impossible : une facture « payée » ne peut pas passer à « brouillon ».'],
      [ID.invoice(5), 'paid', 'Transition impossible : une facture « brouillon » ne peut pas passer à « payée ».'],
      [ID.invoice(4), 'sent', 'Transition impossible : une facture « annulée » ne peut pas passer à « envoyée ».'],
      [ID.invoice(2), 'paid', 'La facture n\'est pas entièrement payée (solde dû : 1180000 F CFA).'],
      [ID.invoice(2), 'canceled', 'Une facture émise s\'annule par un avoir : utilisez « Annuler la facture ».'],
    ]
    for (const [id, status, message] of cases) {
      const e = await errorOf(db.pool, 'admin', `update public.invoices set status = $2 where id = $1`, [id, status])
      expect([status, e.code, e.message]).toEqual([status, 'P0001', message])
    }
    const notDue = await errorOf(db.pool, 'admin', `update public.invoices set status = 'overdue' where id = $1`, [ID.invoice(2)])
    expect(notDue.message).toMatch(/^La facture n'est pas encore échue \(échéance le \d{2}\/\d{2}\/\d{4}\)\.$/)
    const created = await errorOf(db.pool, 'admin', `insert into public.invoices (client_id, title, status) values ($1, 'x', 'sent')`, [ID.acme])
    expect(created.message).toBe('Une facture est créée en brouillon, puis envoyée.')
  })

  it('an empty invoice cannot be sent', async () => {
    const e = await errorOf(db.pool, 'admin', `update public.invoices set status = 'sent' where id = $1`, [ID.invoice(99)], [
      `insert into public.invoices (id, client_id, title) values ('${ID.invoice(99)}', '${ID.acme}', 'Vide')`,
    ])
    expect(e.message).toBe("Ajoutez au moins une ligne avant d'envoyer la facture.")
  })

  it('quotes', async () => {
    const cases: [string, string, string][] = [
      [ID.quote(1), 'sent', 'Transition impossible : un devis « accepté » ne peut pas passer à « envoyé ».'],
      [ID.quote(3), 'accepted', 'Transition impossible : un devis « brouillon » ne peut pas passer à « accepté ».'],
      [ID.quote(2), 'accepted', 'La réponse à un devis passe par accept_quote() ou decline_quote().'],
    ]
    for (const [id, status, message] of cases) {
      const e = await errorOf(db.pool, 'admin', `update public.quotes set status = $2 where id = $1`, [id, status])
      expect([status, e.message]).toEqual([status, message])
    }
    const e = await errorOf(db.pool, 'admin', `update public.quotes set title = 'Autre' where id = $1`, [ID.quote(2)])
    expect(e.message).toBe('Un devis envoyé ne peut pas être modifié : créez un nouveau devis.')
  })
})

describe('numbering FAC-YYYY-NNNNN is gap-free under concurrency', () => {
  const counter = async (kind = 'FAC') =>
    Number((await db.pool.query(`select coalesce(max(last_value), 0) as v from private.document_counters where kind = $1 and year = extract(year from current_date)`, [kind])).rows[0].v)

  /** Sends an invoice as the admin on its own connection; commits or rolls back. */
  async function send(id: string, commit: boolean): Promise<string> {
    const client = new pg.Client({ connectionString: db.server.dbUrl })
    await client.connect()
    try {
      await client.query('begin')
      await setSession(client, 'admin')
      const { rows } = await client.query(`update public.invoices set status = 'sent' where id = $1 returning number`, [id])
      // Hold the transaction a moment so the others queue on the counter row.
      await client.query('select pg_sleep(0.02)')
      await client.query(commit ? 'commit' : 'rollback')
      return rows[0].number
    } finally {
      await client.end()
    }
  }

  it('a rolled-back send gives its number back', async () => {
    const before = await counter()
    const id = await draftInvoice()
    const year = new Date().getUTCFullYear()
    expect(await send(id, false)).toBe(`FAC-${year}-${String(before + 1).padStart(5, '0')}`)
    expect(await counter()).toBe(before)
    expect(await send(id, true)).toBe(`FAC-${year}-${String(before + 1).padStart(5, '0')}`)
  })

  it('20 concurrent sends get consecutive numbers, even when some of them roll back', async () => {
    const before = await counter()
    const ids = [] as string[]
    for (let i = 0; i < 20; i++) ids.push(await draftInvoice([[i + 1, 5000]]))
    const committed = ids.map((_, i) => i % 4 !== 3) // every 4th transaction rolls back
    await Promise.all(ids.map((id, i) => send(id, committed[i])))
    const { rows } = await db.pool.query(`select number from public.invoices where id = any($1) and number is not null`, [ids])
    const numbers = rows.map((r) => Number(r.number.slice(-5))).sort((a, b) => a - b)
    const expected = Array.from({ length: committed.filter(Boolean).length }, (_, i) => before + 1 + i)
    expect(numbers).toEqual(expected)
    expect(await counter()).toBe(before + expected.length)
    // Rolled-back invoices are still drafts, without a number.
    const drafts = await db.pool.query(`select count(*)::int as n from public.invoices where id = any($1) and status = 'draft' and number is null`, [ids])
    expect(drafts.rows[0].n).toBe(5)
  })

  it('numbers are never reused: a cancelled invoice keeps its number and the next send moves on', async () => {
    const id = await draftInvoice()
    const first = await send(id, true)
    const cancelled = await withActor(db.pool, 'admin', async (c) => {
      const r = await c.query(`select status, number from public.cancel_invoice($1, 'Erreur de client')`, [id])
      return r.rows[0]
    })
    expect(cancelled).toEqual({ status: 'canceled', number: first })
    const next = await send(await draftInvoice(), true)
    expect(Number(next.slice(-5))).toBe(Number(first.slice(-5)) + 1)
  })
})

describe('quote answers go through RPCs that check membership and state', () => {
  it('a member accepts a sent quote with their typed name; who and when are recorded', async () => {
    await withActor(db.pool, 'acme', async (c) => {
      const { rows: [q] } = await c.query(`select * from public.accept_quote($1, '  Aïcha Coulibaly ')`, [ID.quote(2)])
      expect(q).toMatchObject({ status: 'accepted', signer_name: 'Aïcha Coulibaly', accepted_by: ID.userAcme })
      expect(q.accepted_at).toBeInstanceOf(Date)
    })
  })

  it('refusals: another company, a draft, an answered quote, no name, no reason', async () => {
    const cases: [string, string, unknown[], string][] = [
      ['baobab', `select public.accept_quote($1, 'Koffi N''Guessan')`, [ID.quote(2)], 'Devis introuvable.'],
      ['acme', `select public.accept_quote($1, 'Aïcha Coulibaly')`, [ID.quote(3)], 'Devis introuvable.'],
      ['acme', `select public.accept_quote($1, 'Aïcha Coulibaly')`, [ID.quote(1)], "Ce devis n'attend plus de réponse (statut : accepté)."],
      ['acme', `select public.accept_quote($1, ' ')`, [ID.quote(2)], 'Saisissez votre nom complet pour accepter le devis.'],
      ['acme', `select public.decline_quote($1, '')`, [ID.quote(2)], 'Indiquez la raison du refus.'],
      ['anon', `select public.accept_quote($1, 'X')`, [ID.quote(2)], 'permission denied for function accept_quote'],
    ]
    for (const [actor, sql, params, message] of cases) {
      const e = await errorOf(db.pool, actor as any, sql, params)
      expect([actor, e.message]).toEqual([actor, message])
    }
  })

  it('an expired quote cannot be accepted', async () => {
    const e = await errorOf(db.pool, 'acme', `select public.accept_quote($1, 'Aïcha Coulibaly')`, [ID.quote(2)], [
      `set session_replication_role = replica`,
      `update public.quotes set valid_until = current_date - 1 where id = '${ID.quote(2)}'`,
      `set session_replication_role = origin`,
    ])
    expect(e.message).toMatch(/^Ce devis a expiré le \d{2}\/\d{2}\/\d{4} : demandez-en un nouveau à NOURX\.$/)
  })

  it('a member declines with a reason; the admin then turns an accepted quote into a draft invoice', async () => {
    await withActor(db.pool, 'acme', async (c) => {
      const { rows: [q] } = await c.query(`select status, decline_reason, declined_by from public.decline_quote($1, 'Budget reporté')`, [ID.quote(2)])
      expect(q).toEqual({ status: 'declined', decline_reason: 'Budget reporté', declined_by: ID.userAcme })
    })
    await withActor(db.pool, 'admin', async (c) => {
      const { rows: [inv] } = await c.query(`select * from public.create_invoice_from_quote($1)`, [ID.quote(1)])
      expect(inv).toMatchObject({ status: 'draft', quote_id: ID.quote(1), subtotal_ht: '6250000', total_ttc: '7375000' })
    })
    const e = await errorOf(db.pool, 'acme', `select public.create_invoice_from_quote($1)`, [ID.quote(1)])
    expect(e.message).toBe("Action réservée à l'administrateur.")
  })
})

describe('payments: exactly once, amounts checked, invoice and receipt follow', () => {
  it('50 concurrent confirmations of one transaction create one payment, one receipt, and pay the invoice', async () => {
    const invoice = await draftInvoice([[1, 1000000]])
    await db.pool.query(`update public.invoices set status = 'sent' where id = $1`, [invoice])
    const tx = 'NXCONC' + Date.now().toString(36).toUpperCase()
    await db.pool.query(
      `insert into public.payment_attempts (invoice_id, client_id, transaction_id, amount) values ($1, $2, $3, 1180000)`,
      [invoice, ID.acme, tx],
    )
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const client = new pg.Client({ connectionString: db.server.dbUrl })
        await client.connect()
        try {
          // Session-level settings: each call is its own transaction, as over /rest/v1.
          await client.query(`select set_config('role', 'service_role', false), set_config('request.jwt.claims', '{"role":"service_role"}', false)`)
          const { rows } = await client.query(`select public.record_online_payment($1, 1180000, 'XOF', 'OM', 'MP.TEST', now()) as r`, [tx])
          return rows[0].r.outcome as string
        } finally {
          await client.end()
        }
      }),
    )
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(1)
    expect(outcomes.filter((o) => o === 'already_accepted')).toHaveLength(49)
    const { rows: [state] } = await db.pool.query(
      `select i.status, i.amount_paid, i.balance_due,
              (select count(*)::int from public.payments p where p.transaction_id = $2) as payments,
              (select count(*)::int from public.receipts r join public.payments p on p.id = r.payment_id where p.transaction_id = $2) as receipts,
              (select status from public.payment_attempts where transaction_id = $2) as attempt
         from public.invoices i where i.id = $1`,
      [invoice, tx],
    )
    expect(state).toEqual({ status: 'paid', amount_paid: '1180000', balance_due: '0', payments: 1, receipts: 1, attempt: 'accepted' })
    // A late, out-of-order "waiting" can never move the attempt back.
    const back = await errorOf(db.pool, 'service', `update public.payment_attempts set status = 'waiting' where transaction_id = $1`, [tx])
    expect(back.message).toBe('Transition de paiement refusée : accepted → waiting (les statuts ne reviennent jamais en arrière).')
  })

  it('an accepted check with another amount flags the attempt and leaves the invoice unpaid', async () => {
    const tx = 'NXFLAG' + Date.now().toString(36).toUpperCase()
    const r = await runAs(db.pool, 'service', `select public.record_online_payment($1, 1000, 'XOF', 'OM') as r`, [tx], [
      `insert into public.payment_attempts (invoice_id, client_id, transaction_id, amount) values ('${ID.invoice(7)}', '${ID.baobab}', '${tx}', 236000)`,
    ])
    expect(r.ok && r.rows[0].r).toMatchObject({ outcome: 'flagged', invoice_status: 'overdue', balance_due: 236000 })
  })

  it('a confirmation arriving after we gave up on the attempt flags it for the admin (real money), once', async () => {
    // Attempt 2 of ACME was refused (insufficient balance); CinetPay now says ACCEPTED.
    const client = await db.pool.connect()
    try {
      await client.query('begin')
      await client.query(`select set_config('role', 'service_role', true), set_config('request.jwt.claims', '{"role":"service_role"}', true)`)
      const first = (await client.query(`select public.record_online_payment('NX3H8D2F6C5E', 1180000, 'XOF', 'OM') as r`)).rows[0].r
      expect(first).toMatchObject({ outcome: 'flagged', late_acceptance: true, invoice_status: 'sent', balance_due: 1180000 })
      expect(first.reason).toBe("Paiement confirmé par CinetPay après l'abandon de la tentative (statut : refused) : à rapprocher.")
      const again = (await client.query(`select public.record_online_payment('NX3H8D2F6C5E', 1180000, 'XOF', 'OM') as r`)).rows[0].r
      expect(again).toMatchObject({ outcome: 'flagged', already_flagged: true })
      const { rows: [a] } = await client.query(`select status, (select count(*)::int from public.payments where transaction_id = 'NX3H8D2F6C5E') as payments
                                                 from public.payment_attempts where transaction_id = 'NX3H8D2F6C5E'`)
      expect(a).toEqual({ status: 'flagged', payments: 0 })
      // The admin's review may then accept or refuse it; it never goes back to waiting.
      await expect(client.query(`update public.payment_attempts set status = 'waiting' where transaction_id = 'NX3H8D2F6C5E'`)).rejects.toThrow(/flagged → waiting/)
    } finally {
      await client.query('rollback')
      client.release()
    }
  })

  it('record_online_payment is for the service role only', async () => {
    const e = await errorOf(db.pool, 'admin', `select public.record_online_payment('NX7K2M9Q4A1B', 1, 'XOF')`)
    expect(e.code).toBe('42501')
  })

  it('a manual payment cannot exceed the balance; a partial one leaves the invoice sent', async () => {
    const over = await errorOf(db.pool, 'admin', `select public.record_manual_payment($1, 236001, 'transfer', 'VIR-1')`, [ID.invoice(7)])
    expect(over.message).toBe('Le montant (236001 F CFA) dépasse le solde dû (236000 F CFA).')
    await withActor(db.pool, 'admin', async (c) => {
      await c.query(`select public.record_manual_payment($1, 100000, 'cash', 'REÇU-12')`, [ID.invoice(7)])
      const { rows: [i] } = await c.query(`select status, amount_paid, balance_due from public.invoices where id = $1`, [ID.invoice(7)])
      expect(i).toEqual({ status: 'overdue', amount_paid: '100000', balance_due: '136000' })
      const { rows } = await c.query(`select number from public.receipts where invoice_id = $1 order by number`, [ID.invoice(7)])
      expect(rows.at(-1).number).toMatch(/^REC-\d{4}-\d{5}$/)
    })
    const client = await errorOf(db.pool, 'acme', `select public.record_manual_payment($1, 1000, 'cash')`, [ID.invoice(2)])
    expect(client.message).toBe("Action réservée à l'administrateur.")
  })

  it('payments are append-only', async () => {
    const e = await errorOf(db.pool, 'service', `update public.payments set amount = 1 where invoice_id = $1`, [ID.invoice(1)])
    expect(e.message).toMatch(/^Un paiement enregistré ne peut pas être modifié/)
  })
})

describe('cancellation by credit note, and daily maintenance', () => {
  it('cancel_invoice issues an AVO number for the full amount and zeroes the balance', async () => {
    await withActor(db.pool, 'admin', async (c) => {
      const { rows: [inv] } = await c.query(`select status, balance_due, cancel_reason from public.cancel_invoice($1, 'Commande annulée par le client')`, [ID.invoice(2)])
      expect(inv).toEqual({ status: 'canceled', balance_due: '0', cancel_reason: 'Commande annulée par le client' })
      const { rows: [cn] } = await c.query(`select number, amount from public.credit_notes where invoice_id = $1`, [ID.invoice(2)])
      expect(cn.number).toMatch(/^AVO-\d{4}-\d{5}$/)
      expect(cn.amount).toBe('1180000')
    })
    const paid = await errorOf(db.pool, 'admin', `select public.cancel_invoice($1, 'Erreur')`, [ID.invoice(1)])
    expect(paid.message).toBe('Une facture « payée » ne peut pas être annulée.')
  })

  it('mark_overdue_invoices moves past-due invoices for the admin, nothing for a client', async () => {
    const setup = [`set session_replication_role = replica`, `update public.invoices set due_date = current_date - 1 where id = '${ID.invoice(2)}'`, `set session_replication_role = origin`]
    const client = await runAs(db.pool, 'acme', `select public.mark_overdue_invoices() as n`, [], setup)
    expect(client.ok && client.rows[0].n).toBe(0)
    const admin = await runAs(db.pool, 'admin', `select public.mark_overdue_invoices() as n`, [], setup)
    expect(admin.ok && admin.rows[0].n).toBe(1)
  })
})
