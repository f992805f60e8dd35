// Isomorphic constants and types of the prospect board (the route component
// needs them, and it must not import a .server module).
import type { ProspectStage } from './labels.ts'

export const PROSPECT_SORTS = ['position', 'next_action_date', 'estimated_amount', 'created_at', 'company_name'] as const
export type ProspectSort = (typeof PROSPECT_SORTS)[number]

/** The board holds at most this many cards; the page says when more match. */
export const BOARD_LIMIT = 300

export interface ProspectCard {
  id: string
  company_name: string
  contact_name: string | null
  stage: ProspectStage
  estimated_amount: number | null
  next_action: string | null
  next_action_date: string | null
  source: string | null
  position: number
  converted_client_id: string | null
}
