// public.process_account_deletion_request() (migration 20261124001600, ADR 006):
// the admin processes a client's RGPD deletion request — memberships and
// preferences removed, profile anonymised, request processed with a summary,
// accounting untouched, audited with the admin as actor — and nobody else can.
// Every case runs in a transaction that is rolled back.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ID } from './fixtures.ts'
import { errorOf, startDb, withActor, type Db } from './helpers.ts'

let db: Db
beforeAll(async () => {
  db = await startDb()
})
afterAll(() => db?.close())

const REQUEST = randomUUID()
/** Baobab's user filed a request; they have a phone and one notification preference. */
const setup = [
  `update public.profiles set phone = '+225 07 00 00 00 09', job_title = 'Gérante', analytics_consent = true where id = '${ID.userBaobab}'`,
  `insert into public.notification_preferences (user_id, event, email, whatsapp) values ('${ID.userBaobab}', 'invoice_sent', false, false)
     on conflict (user_id, event) do nothing`,
  `insert into public.account_deletion_requests (id, user_id, reason) values ('${REQUEST}', '${ID.userBaobab}', 'Je quitte Baobab.')`,
]

describe('process_account_deletion_request', () => {
  it('the admin processes: access removed, profile anonymised, accounting kept, request closed and audited', async () => {
    await withActor(db.pool, 'admin', async (c) => {
      await c.query('reset role')
      for (const s of setup) await c.query(s)
      const invoices = (await c.query(`select count(*)::int as n, sum(total_ttc)::bigint as total from public.invoices where client_id = $1`, [ID.baobab])).rows[0]
      const before = (await c.query(`select coalesce(max(id), 0) as id from public.audit_logs`)).rows[0].id
      await c.query(`select set_config('role', 'authenticated', true)`)

      const { rows: [{ r }] } = await c.query(`select public.process_account_deletion_request($1, '  Vérifié par téléphone.  ') as r`, [REQUEST])
      expect(r).toEqual({
        user_id: ID.userBaobab,
        avatar_path: null,
        memberships: [{ client_id: ID.baobab, client: 'Baobab Studio', role: 'owner' }],
      })

      await c.query('reset role')
      const profile = (await c.query(`select full_name, phone, whatsapp, job_title, avatar_path, analytics_consent, role from public.profiles where id = $1`, [ID.userBaobab])).rows[0]
      expect(profile).toEqual({ full_name: 'Compte supprimé', phone: null, whatsapp: null, job_title: null, avatar_path: null, analytics_consent: null, role: 'client' })
      expect((await c.query(`select 1 from public.client_members where user_id = $1`, [ID.userBaobab])).rowCount).toBe(0)
      expect((await c.query(`select 1 from public.notification_preferences where user_id = $1`, [ID.userBaobab])).rowCount).toBe(0)
      const request = (await c.query(`select status, admin_note, processed_by, processed_at is not null as stamped, processing_summary from public.account_deletion_requests where id = $1`, [REQUEST])).rows[0]
      expect(request).toMatchObject({ status: 'processed', admin_note: 'Vérifié par téléphone.', processed_by: ID.userAdmin, stamped: true })
      expect(request.processing_summary).toMatchObject({ notification_preferences: 1, memberships: [{ client: 'Baobab Studio' }] })
      // The company's invoices are untouched.
      expect((await c.query(`select count(*)::int as n, sum(total_ttc)::bigint as total from public.invoices where client_id = $1`, [ID.baobab])).rows[0]).toEqual(invoices)
      // Audited with the admin as actor (the rows written by the call itself).
      const audit = (await c.query(
        `select entity, action from public.audit_logs where id > $5 and actor_id = $1 and actor_role = 'admin'
            and ((entity = 'account_deletion_requests' and entity_id = $2) or (entity = 'profiles' and entity_id = $3::text)
                 or (entity = 'client_members' and entity_id = $4))
          order by id`,
        [ID.userAdmin, REQUEST, ID.userBaobab, `${ID.baobab}/${ID.userBaobab}`, before],
      )).rows
      expect(audit).toEqual([
        { entity: 'client_members', action: 'delete' },
        { entity: 'profiles', action: 'update' },
        { entity: 'account_deletion_requests', action: 'update' },
      ])

      // Twice: refused.
      await c.query(`select set_config('role', 'authenticated', true)`)
      await c.query('savepoint again')
      const again = await c.query(`select public.process_account_deletion_request($1)`, [REQUEST]).catch((e) => e)
      expect([again.code, again.message]).toEqual(['55000', 'Cette demande a déjà été traitée.'])
      await c.query('rollback to savepoint again')
    })
  })

  it('a client cannot process a request, not even their own', async () => {
    const e = await errorOf(db.pool, 'baobab', `select public.process_account_deletion_request($1)`, [REQUEST], setup)
    expect([e.code, e.message]).toEqual(['42501', 'Seul l\'administrateur traite les demandes de suppression.'])
  })

  it('anon may not even call it (no EXECUTE grant)', async () => {
    const e = await errorOf(db.pool, 'anon', `select public.process_account_deletion_request($1)`, [REQUEST], setup)
    expect(e.code).toBe('42501')
    expect(e.message).toMatch(/permission denied/)
  })

  it('refuses an unknown request, an over-long note and an admin account', async () => {
    const unknown = await errorOf(db.pool, 'admin', `select public.process_account_deletion_request($1)`, [randomUUID()])
    expect([unknown.code, unknown.message]).toEqual(['P0002', 'Demande de suppression introuvable.'])
    const long = await errorOf(db.pool, 'admin', `select public.process_account_deletion_request($1, $2)`, [REQUEST, 'x'.repeat(2001)], setup)
    expect(long.code).toBe('22023')
    const adminRequest = randomUUID()
    const admin = await errorOf(db.pool, 'admin', `select public.process_account_deletion_request($1)`, [adminRequest], [
      `insert into public.account_deletion_requests (id, user_id) values ('${adminRequest}', '${ID.userAdmin}')`,
    ])
    expect([admin.code, admin.message]).toEqual(['42501', 'Un compte administrateur ne se supprime pas par une demande RGPD.'])
  })
})
