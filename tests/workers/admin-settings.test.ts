// /admin/parametres in workerd against the local stack: each settings
// section, the logo upload to the branding bucket and the e-mail templates —
// valid, invalid and refused to a client, with the audit trail.
import { afterAll, describe, expect, it } from 'vitest'
import { action, loader } from '~/routes/admin.parametres.tsx'
import { ACME, ADMIN, auditFor, callAction, callLoader, serviceClient } from './admin-support.ts'

const path = '/admin/parametres'
const settings = async () => (await serviceClient().from('settings').select('*').eq('id', true).single()).data!

// Put the demo values back for the other test files sharing the database.
const original: Record<string, unknown> = {}
afterAll(async () => {
  if (Object.keys(original).length) await serviceClient().from('settings').update(original).eq('id', true)
})

describe('settings sections', () => {
  it('loads settings, templates and a signed logo URL; refuses a client', async () => {
    const { status, data } = await callLoader(loader, { as: ADMIN, path })
    expect(status).toBe(200)
    expect(data.settings.legal_name).toBeTruthy()
    expect(data.templates.map((t: { key: string }) => t.key)).toContain('invitation')
    expect(data.logoUrl).toMatch(/\/storage\/v1\/object\/sign\/branding\//)
    expect((await callLoader(loader, { as: ACME, path })).status).toBe(403)
  })

  it('saves the SLA hours, audited with the admin as actor; refuses an inconsistent order', async () => {
    const before = await settings()
    Object.assign(original, { sla_hours_urgent: before.sla_hours_urgent, sla_hours_high: before.sla_hours_high, sla_hours_normal: before.sla_hours_normal, sla_hours_low: before.sla_hours_low })
    const ok = await callAction(action, { as: ADMIN, path, form: { intent: 'sla', sla_hours_urgent: '2', sla_hours_high: '12', sla_hours_normal: '36', sla_hours_low: '96' } })
    expect(ok.status).toBe(302)
    const after = await settings()
    expect([after.sla_hours_urgent, after.sla_hours_high, after.sla_hours_normal, after.sla_hours_low]).toEqual([2, 12, 36, 96])
    const audit = (await auditFor('settings', 'true')).at(-1)!
    expect(audit).toMatchObject({ action: 'update', actor_role: 'admin' })
    expect(audit.diff.sla_hours_urgent).toEqual({ old: before.sla_hours_urgent, new: 2 })

    const bad = await callAction(action, { as: ADMIN, path, form: { intent: 'sla', sla_hours_urgent: '48', sla_hours_high: '12', sla_hours_normal: '36', sla_hours_low: '0' } })
    expect(bad.status).toBe(400)
    expect(bad.data.result.error.sla_hours_low.length).toBeGreaterThan(0)
    expect((await callAction(action, { as: ACME, path, form: { intent: 'sla', sla_hours_urgent: '1', sla_hours_high: '1', sla_hours_normal: '1', sla_hours_low: '1' } })).status).toBe(403)
  })

  it('saves branding, legal mentions, documents and payments; refuses bad values', async () => {
    const before = await settings()
    Object.assign(original, {
      company_name: before.company_name, accent_color: before.accent_color, tax_regime: before.tax_regime, invoice_footer: before.invoice_footer,
      cinetpay_channels: before.cinetpay_channels, online_payment_enabled: before.online_payment_enabled, manual_payment_instructions: before.manual_payment_instructions,
    })
    expect((await callAction(action, { as: ADMIN, path, form: { intent: 'branding', company_name: 'NOURX Studio', accent_color: '#EA580C' } })).status).toBe(302)
    expect((await callAction(action, { as: ADMIN, path, form: { intent: 'branding', company_name: 'NOURX', accent_color: 'orange' } })).status).toBe(400)

    const legal = await callAction(action, { as: ADMIN, path, form: { intent: 'legal', legal_name: before.legal_name, city: 'Abidjan', country: 'CI', tax_regime: 'Réel normal', bank_iban: 'CI93 0001' } })
    expect(legal.status).toBe(302)
    expect((await callAction(action, { as: ADMIN, path, form: { intent: 'legal', legal_name: '', city: '', email: 'x' } })).status).toBe(400)

    expect((await callAction(action, { as: ADMIN, path, form: { intent: 'documents', invoice_footer: 'Merci !', payment_terms_days: '15', quote_validity_days: '45' } })).status).toBe(302)
    expect((await callAction(action, { as: ADMIN, path, form: { intent: 'documents', payment_terms_days: '-1', quote_validity_days: '0' } })).status).toBe(400)

    // Unticked "online payment" is stored as false; channels must be known.
    expect((await callAction(action, { as: ADMIN, path, form: { intent: 'payments', cinetpay_channels: ['MOBILE_MONEY'], manual_payment_instructions: 'Virement' } })).status).toBe(302)
    const saved = await settings()
    expect(saved).toMatchObject({ company_name: 'NOURX Studio', accent_color: '#EA580C', tax_regime: 'Réel normal', invoice_footer: 'Merci !', payment_terms_days: 15, cinetpay_channels: ['MOBILE_MONEY'], online_payment_enabled: false })
    expect((await callAction(action, { as: ADMIN, path, form: { intent: 'payments', online_payment_enabled: 'on', cinetpay_channels: ['BITCOIN'] } })).status).toBe(400)
    const none = await callAction(action, { as: ADMIN, path, form: { intent: 'payments', online_payment_enabled: 'on' } })
    expect(none.status).toBe(400)
    expect(none.data.result.error.cinetpay_channels[0]).toMatch(/au moins un canal/)
    expect((await callAction(action, { as: ACME, path, form: { intent: 'branding', company_name: 'Pirate', accent_color: '#000000' } })).status).toBe(403)
  })
})

describe('logo', () => {
  // 1×1 transparent PNG.
  const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='), (c) => c.charCodeAt(0))

  it('uploads a PNG to the branding bucket, points the settings at it and removes the previous file', async () => {
    const before = await settings()
    original.logo_path = before.logo_path
    const form = new FormData()
    form.set('intent', 'logo')
    form.set('logo', new File([png], 'logo.png', { type: 'image/png' }))
    const res = await callAction(action, { as: ADMIN, path, form })
    expect(res.status).toBe(302)
    const after = await settings()
    expect(after.logo_path).toMatch(/^logo-\d+\.png$/)
    const { data } = await serviceClient().storage.from('branding').download(after.logo_path)
    expect(new Uint8Array(await data!.arrayBuffer())).toEqual(png)
    const { data: gone } = await serviceClient().storage.from('branding').list('', { search: before.logo_path })
    expect(gone?.some((o) => o.name === before.logo_path)).toBe(false)
    // The seed logo is gone with it: afterAll keeps the new one, which exists.
    original.logo_path = after.logo_path
  })

  it('refuses another format and a client', async () => {
    const form = new FormData()
    form.set('intent', 'logo')
    form.set('logo', new File(['<svg/>'], 'logo.svg', { type: 'image/svg+xml' }))
    const res = await callAction(action, { as: ADMIN, path, form })
    expect(res.status).toBe(400)
    expect(res.data.formError).toMatch(/PNG ou JPEG/)
    const intruder = new FormData()
    intruder.set('intent', 'logo')
    intruder.set('logo', new File([png], 'logo.png', { type: 'image/png' }))
    expect((await callAction(action, { as: ACME, path, form: intruder })).status).toBe(403)
  })
})

describe('e-mail templates', () => {
  it('saves a template using its variables; refuses unknown variables and a client', async () => {
    const { data: before } = await serviceClient().from('email_templates').select('subject, body').eq('key', 'ticket_reply').single()
    const ok = await callAction(action, { as: ADMIN, path, form: { intent: 'template', key: 'ticket_reply', subject: 'Réponse : {{sujet}}', body: 'Bonjour {{prenom}},\n{{extrait}}\n{{lien}}' } })
    expect(ok.status).toBe(302)
    expect((await auditFor('email_templates', 'ticket_reply')).at(-1)!.diff.subject).toEqual({ old: before!.subject, new: 'Réponse : {{sujet}}' })

    const bad = await callAction(action, { as: ADMIN, path, form: { intent: 'template', key: 'ticket_reply', subject: 'Facture {{numero}}', body: 'ok' } })
    expect(bad.status).toBe(400)
    expect(bad.data.result.error.subject[0]).toMatch(/Variable inconnue/)
    expect((await callAction(action, { as: ADMIN, path, form: { intent: 'template', key: 'nope', subject: 'a', body: 'b' } })).status).toBe(404)
    expect((await callAction(action, { as: ACME, path, form: { intent: 'template', key: 'ticket_reply', subject: 'x', body: 'y' } })).status).toBe(403)
    await serviceClient().from('email_templates').update(before!).eq('key', 'ticket_reply')
  })
})
