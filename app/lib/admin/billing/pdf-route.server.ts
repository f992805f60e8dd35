// Shared body of the admin PDF resource routes (quote, invoice, credit note):
// the admin only, a well-formed id, then the document (drafts included) and
// the agency's seller block in parallel. The rendering itself is the client's
// (app/lib/billing/pdf.server.ts), so the preview is the client's PDF.
import type { RouterContextProvider } from 'react-router'
import { data } from 'react-router'
import { requireAdmin } from '../../auth.server.ts'
import { isUuid } from '../../billing/errors.server.ts'
import { loadSeller } from '../../billing/pdf.server.ts'
import { getEnv, getSupabase } from '../../context.server.ts'
import type { Db } from '../db.ts'

type Args = { request: Request; context: Pick<RouterContextProvider, 'get'>; params: { id?: string } }

export async function loadAdminPdf<T>(args: Args, get: (db: Db, id: string) => Promise<T | null>, notFound: string) {
  await requireAdmin(args)
  const id = args.params.id
  if (!isUuid(id)) throw data({ message: notFound }, { status: 404 })
  const db = getSupabase(args.context)
  const [doc, seller] = await Promise.all([get(db, id), loadSeller(db, getEnv(args.context).APP_URL)])
  if (!doc) throw data({ message: notFound }, { status: 404 })
  if (!seller.ok) throw data({ message: 'Les paramètres de l’agence sont illisibles. Réessayez.' }, { status: 503 })
  return { doc, seller: seller.value, preview: new URL(args.request.url).searchParams.has('apercu') }
}
