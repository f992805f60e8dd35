// /feuille-de-route loader and action (comment, approval), in workerd,
// against the local stack: happy path, invalid input, wrong status, another
// company's milestone (404), anonymous and admin callers.
import { describe, expect, it } from 'vitest'
import { action, loader } from '~/routes/_client.feuille-de-route.tsx'
import { ACME, adminClient, ADMIN, BAOBAB, callAction, callLoader, IDS } from './client-support.ts'

const path = '/feuille-de-route'

describe('roadmap loader', () => {
  it('lists the milestones in order with comments (client-visible only), approvals and deliverable files', async () => {
    const { status, data } = await callLoader(loader, { as: ACME, path })
    expect(status).toBe(200)
    expect(data.milestones.map((m: { title: string }) => m.title)).toEqual([
      'Cadrage et ateliers',
      'Maquettes UX/UI',
      'Catalogue et fiches produits',
      'Paiement Mobile Money et livraison',
      'Recette et mise en ligne',
    ])
    const first = data.milestones[0]
    expect(first.milestone_approvals[0]).toMatchObject({ signer_name: 'Aïcha Coulibaly', version_label: 'v0.1' })
    expect(first.documents.map((d: { file_name: string }) => d.file_name)).toContain('cahier-des-charges.pdf')
    // The internal admin note on milestone 4 is filtered by RLS.
    expect(JSON.stringify(data)).not.toContain('Interne : vérifier les frais')
  })

  it('reads the status filter from the URL and ignores unknown values', async () => {
    expect((await callLoader(loader, { as: ACME, path: `${path}?statut=late` })).data.filter).toBe('late')
    expect((await callLoader(loader, { as: ACME, path: `${path}?statut=<script>` })).data.filter).toBe('tous')
  })

  it('shows Baobab only its own milestones', async () => {
    const { data } = await callLoader(loader, { as: BAOBAB, path, project: IDS.baobabProject })
    expect(data.milestones.length).toBe(3)
    expect(JSON.stringify(data)).not.toContain('ACME')
  })
})

describe('roadmap action', () => {
  it('records a comment as the client, visible to the client', async () => {
    const body = `Commentaire de test ${crypto.randomUUID()}`
    const res = await callAction(action, {
      as: ACME,
      path,
      form: { intent: 'comment', milestoneId: IDS.acmeInProgressMilestone, body },
    })
    expect(res).toMatchObject({ status: 200, data: { ok: true, intent: 'comment' } })
    const { data } = await adminClient()
      .from('milestone_comments')
      .select('visibility, author_id')
      .eq('body', body)
      .single()
    expect(data?.visibility).toBe('client')
  })

  it('refuses an empty comment with a French message and keeps what was typed', async () => {
    const res = await callAction(action, {
      as: ACME,
      path,
      form: { intent: 'comment', milestoneId: IDS.acmeInProgressMilestone, body: '   ' },
    })
    expect(res.status).toBe(400)
    expect(res.data.errors.body).toEqual(['Écrivez votre commentaire.'])
    expect(res.data.values.body).toBe('   ')
  })

  it('answers 404 to a comment on another company’s milestone, and writes nothing', async () => {
    const body = `intrusion ${crypto.randomUUID()}`
    const res = await callAction(action, {
      as: BAOBAB,
      path,
      form: { intent: 'comment', milestoneId: IDS.acmeDeliveredMilestone, body },
    })
    expect(res.status).toBe(404)
    const { count } = await adminClient()
      .from('milestone_comments')
      .select('id', { count: 'exact', head: true })
      .eq('body', body)
    expect(count).toBe(0)
  })

  it('approves a delivered milestone: who, when, typed name, note, version — then refuses a second approval', async () => {
    const admin = adminClient()
    await admin.from('milestone_approvals').delete().eq('milestone_id', IDS.acmeDeliveredMilestone)
    await admin.from('milestones').update({ status: 'delivered' }).eq('id', IDS.acmeDeliveredMilestone)

    const missing = await callAction(action, {
      as: ACME,
      path,
      form: { intent: 'approve', milestoneId: IDS.acmeDeliveredMilestone, signerName: 'A', note: 'ok' },
    })
    expect(missing.status).toBe(400)
    expect(missing.data.errors.signerName).toEqual(['Indiquez votre nom complet.'])
    expect(missing.data.errors.confirm).toEqual(['Cochez la case pour confirmer la validation.'])
    expect(missing.data.values.note).toBe('ok')

    const before = Date.now()
    const ok = await callAction(action, {
      as: ACME,
      path,
      form: {
        intent: 'approve',
        milestoneId: IDS.acmeDeliveredMilestone,
        signerName: ' Aïcha Coulibaly ',
        note: 'Conforme.',
        confirm: 'on',
      },
    })
    expect(ok).toMatchObject({ status: 200, data: { ok: true, intent: 'approve' } })
    const { data: approval } = await admin
      .from('milestone_approvals')
      .select('signer_name, note, version_label, approved_at, profiles(email)')
      .eq('milestone_id', IDS.acmeDeliveredMilestone)
      .single()
    expect(approval).toMatchObject({
      signer_name: 'Aïcha Coulibaly',
      note: 'Conforme.',
      version_label: 'v0.8',
      profiles: { email: ACME },
    })
    expect(new Date(approval!.approved_at).getTime()).toBeGreaterThanOrEqual(before - 5_000)
    const { data: milestone } = await admin
      .from('milestones')
      .select('status')
      .eq('id', IDS.acmeDeliveredMilestone)
      .single()
    expect(milestone?.status).toBe('approved')

    const again = await callAction(action, {
      as: ACME,
      path,
      form: {
        intent: 'approve',
        milestoneId: IDS.acmeDeliveredMilestone,
        signerName: 'Aïcha Coulibaly',
        confirm: 'on',
      },
    })
    expect(again.status).toBe(409)
    expect(again.data.message).toMatch(/^Seul un jalon livré peut être validé/)
  })

  it('refuses to approve a milestone still in progress (409) or another company’s (404)', async () => {
    const form = { intent: 'approve', signerName: 'Koffi N’Guessan', confirm: 'on' }
    const inProgress = await callAction(action, {
      as: ACME,
      path,
      form: { ...form, milestoneId: IDS.acmeInProgressMilestone },
    })
    expect(inProgress.status).toBe(409)
    const foreign = await callAction(action, {
      as: BAOBAB,
      path,
      form: { ...form, milestoneId: IDS.acmeDeliveredMilestone },
    })
    expect(foreign.status).toBe(404)
  })

  it('refuses unknown intents, malformed ids, anonymous and admin callers', async () => {
    expect(
      (
        await callAction(action, {
          as: ACME,
          path,
          form: { intent: 'delete', milestoneId: IDS.acmeDeliveredMilestone },
        })
      ).status,
    ).toBe(400)
    expect(
      (await callAction(action, { as: ACME, path, form: { intent: 'comment', milestoneId: 'x', body: 'a' } })).status,
    ).toBe(400)
    const anonymous = await callAction(action, {
      as: null,
      path,
      form: { intent: 'comment', milestoneId: IDS.acmeDeliveredMilestone, body: 'a' },
    })
    expect(anonymous.status).toBe(302)
    const admin = await callAction(action, {
      as: ADMIN,
      path,
      form: { intent: 'comment', milestoneId: IDS.acmeDeliveredMilestone, body: 'a' },
    })
    expect(admin.status).toBe(403)
  })
})
