// The sales pipeline: prospects by stage (board), their details, and the
// conversion of a won prospect into a client (optionally with a first
// project and an invitation). Admin-only tables; writes through the admin's
// own client so the audit trail names who did what.
import { createClient } from './clients.server.ts'
import { AdminWriteError, check, nullable, requireRow, type Db } from './db.ts'
import { inviteMember, type InviteAuth } from './invite.server.ts'
import { PROSPECT_STAGES, type ProspectStage } from './labels.ts'
import { ilikeTerm, type ListParams } from './list.ts'
import type { ConvertProspectInput, ProspectInput } from './schemas.ts'

import { BOARD_LIMIT, type ProspectCard, type ProspectSort } from './prospect-board.ts'

export { BOARD_LIMIT, PROSPECT_SORTS, type ProspectCard, type ProspectSort } from './prospect-board.ts'

export async function listProspectBoard(db: Db, params: ListParams<ProspectSort>) {
  let query = db
    .from('prospects')
    .select(
      'id, company_name, contact_name, stage, estimated_amount, next_action, next_action_date, source, position, converted_client_id',
      { count: 'exact' },
    )
  if (params.q) {
    const term = ilikeTerm(params.q)
    query = query.or(`company_name.ilike.${term},contact_name.ilike.${term},email.ilike.${term},notes.ilike.${term}`)
  }
  if (params.filters.source) query = query.eq('source', params.filters.source)
  if (params.filters.relance === 'en_retard') query = query.lt('next_action_date', new Date().toISOString().slice(0, 10))
  const { data, count, error } = await query
    .order(params.sort, { ascending: params.dir === 'asc', nullsFirst: false })
    .order('created_at', { ascending: false })
    .limit(BOARD_LIMIT)
  if (error) {
    console.error(`[admin] prospects : ${error.code} ${error.message}`)
    throw new Response('Le pipeline n’a pas pu être chargé.', { status: 500 })
  }
  const cards = (data ?? []).map((p) => ({ ...p, estimated_amount: p.estimated_amount === null ? null : Number(p.estimated_amount) })) as ProspectCard[]
  const columns = Object.fromEntries(PROSPECT_STAGES.map((s) => [s, cards.filter((c) => c.stage === s)])) as Record<
    ProspectStage,
    ProspectCard[]
  >
  return { columns, total: count ?? cards.length }
}

export async function prospectSources(db: Db) {
  const { data } = await db.from('prospects').select('source').not('source', 'is', null).limit(1000)
  return [...new Set((data ?? []).map((r) => r.source as string))].sort((a, b) => a.localeCompare(b, 'fr'))
}

export async function getProspect(db: Db, id: string) {
  const { data, error } = await db.from('prospects').select('*, clients:converted_client_id(id, name)').eq('id', id).maybeSingle()
  if (error) {
    console.error(`[admin] prospect : ${error.code} ${error.message}`)
    throw new Response('Le prospect n’a pas pu être chargé.', { status: 500 })
  }
  return data
}

export async function createProspect(db: Db, input: ProspectInput): Promise<{ id: string }> {
  const rows = check(await db.from('prospects').insert(nullable(input)).select('id'), 'création prospect')
  return requireRow(rows, 'Prospect')
}

export async function updateProspect(db: Db, id: string, input: ProspectInput) {
  const rows = check(await db.from('prospects').update(nullable(input)).eq('id', id).select('id'), 'modification prospect')
  return requireRow(rows, 'Prospect')
}

/** Drag and drop on the board: new stage and place in the column. */
export async function moveProspect(db: Db, id: string, stage: ProspectStage, position?: number) {
  const patch: Record<string, unknown> = { stage }
  if (position !== undefined) patch.position = position
  const rows = check(await db.from('prospects').update(patch).eq('id', id).select('id'), 'déplacement prospect')
  return requireRow(rows, 'Prospect')
}

export async function deleteProspect(db: Db, id: string) {
  const rows = check(await db.from('prospects').delete().eq('id', id).select('id'), 'suppression prospect')
  return requireRow(rows, 'Prospect')
}

export interface ConversionResult {
  clientId: string
  projectId: string | null
  invited: boolean
  /** Set when the client exists but a following step failed (the admin finishes it by hand). */
  warning: string | null
}

/**
 * Prospect → client. Steps, in order: the client (from the prospect's
 * details), the link on the prospect (a trigger marks it won and dates the
 * conversion), then optionally a draft project and an invitation. Once the
 * client exists, a later failure does not undo it: the result says what is
 * left to do.
 */
export async function convertProspect(
  db: Db,
  authAdmin: InviteAuth | null,
  appUrl: string,
  prospectId: string,
  input: ConvertProspectInput,
): Promise<ConversionResult> {
  const prospect = await getProspect(db, prospectId)
  if (!prospect) throw new AdminWriteError('Prospect introuvable.', 'not_found', 404)
  if (prospect.converted_client_id) throw new AdminWriteError('Ce prospect est déjà devenu client.', 'already_converted', 409)

  const { id: clientId } = await createClient(db, {
    name: input.name,
    contact_name: prospect.contact_name ?? undefined,
    email: prospect.email ?? undefined,
    phone: prospect.phone ?? undefined,
    country: 'CI',
  } as never)
  check(
    await db.from('prospects').update({ converted_client_id: clientId }).eq('id', prospectId).select('id'),
    'conversion prospect',
  )

  let projectId: string | null = null
  const warnings: string[] = []
  if (input.create_project && input.project_title) {
    const { data, error } = await db
      .from('projects')
      .insert({ client_id: clientId, title: input.project_title, status: 'draft', budget_ht: prospect.estimated_amount })
      .select('id')
    if (error || !data?.[0]) warnings.push('le projet n’a pas pu être créé')
    else projectId = data[0].id as string
  }
  let invited = false
  if (input.invite && input.invite_email) {
    if (!authAdmin) warnings.push('l’invitation n’a pas pu être envoyée')
    else {
      try {
        await inviteMember(db, authAdmin, appUrl, clientId, {
          email: input.invite_email,
          full_name: input.invite_name,
          role: 'owner',
        } as never)
        invited = true
      } catch (error) {
        warnings.push(error instanceof AdminWriteError ? `invitation : ${error.message}` : 'l’invitation n’a pas pu être envoyée')
      }
    }
  }
  return { clientId, projectId, invited, warning: warnings.length ? `Client créé, mais ${warnings.join(' ; ')}.` : null }
}
