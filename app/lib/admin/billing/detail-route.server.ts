// What the admin quote page and the admin invoice page share: authorisation
// and id check, the parallel loader (document + editor options), and the
// action's dispatch on `intent` with the writes both kinds have (save the
// draft, send, delete). Each route adds only its own intents (invoice:
// payment, duplicate, cancel; quote: invoice from quote) and its component.
import type { RouterContextProvider } from 'react-router'
import { data } from 'react-router'
import { requireAdmin } from '../../auth.server.ts'
import { isUuid } from '../../billing/errors.server.ts'
import { getEnv, getSupabase } from '../../context.server.ts'
import { redirectWithFlash } from '../../flash.server.ts'
import { notifyAfter } from '../../notifications/background.server.ts'
import { formError, intentOf, parseForm, unknownIntent, writeErrorMessage } from '../action.server.ts'
import type { Db } from '../db.ts'
import { deleteDraft, editorOptions, sendDocument, updateDraft } from './billing.server.ts'
import { BillingDocumentSchema, type DocKind } from './schemas.ts'

export type DetailArgs = { request: Request; context: Pick<RouterContextProvider, 'get'>; params: { id?: string } }

const NOT_FOUND: Record<DocKind, string> = { facture: 'Cette facture n’existe pas.', devis: 'Ce devis n’existe pas.' }
const PAGE: Record<DocKind, string> = { facture: '/admin/factures-devis/factures/', devis: '/admin/factures-devis/devis/' }
/** Where a deleted draft sends the admin back to: the list, on the right tab. */
const LIST: Record<DocKind, string> = { facture: '/admin/factures-devis', devis: '/admin/factures-devis?type=devis' }
const SENT: Record<DocKind, (number: string) => string> = {
  facture: (n) => `Facture ${n} envoyée : le client la voit dans son espace.`,
  devis: (n) => `Devis ${n} envoyé : le client peut l’accepter ou le refuser.`,
}

/** The admin, and a well-formed id (anything else is the same 404 as an unknown document). */
async function documentId(args: DetailArgs, kind: DocKind): Promise<string> {
  await requireAdmin(args)
  if (!isUuid(args.params.id)) throw data({ message: NOT_FOUND[kind] }, { status: 404 })
  return args.params.id
}

/** The document (drafts included) and the editor's pickers, in one parallel round trip. */
export async function loadDocumentPage<T>(args: DetailArgs, kind: DocKind, get: (db: Db, id: string) => Promise<T | null>) {
  const id = await documentId(args, kind)
  const db = getSupabase(args.context)
  const [doc, options] = await Promise.all([get(db, id), editorOptions(db)])
  if (!doc) throw data({ message: NOT_FOUND[kind] }, { status: 404 })
  return { doc, options }
}

/** What each intent handler gets: the user-scoped client, the id, the form and the page's path. */
export interface IntentContext {
  db: Db
  id: string
  form: FormData
  here: string
  /** A redirect with a flash message (success). */
  redirectTo(to: string, message: string): Response
}
export type IntentHandler = (ctx: IntentContext) => Promise<unknown>

/**
 * The action of a detail page. `save` answers with conform's reply (typed
 * values and field errors kept); the other intents throw AdminWriteError on
 * refusal, answered as `{ formError }` (ConfirmAction and dialogs show it).
 */
export async function documentAction(args: DetailArgs, kind: DocKind, own: Record<string, IntentHandler>) {
  const id = await documentId(args, kind)
  const db = getSupabase(args.context)
  const env = getEnv(args.context)
  const form = await args.request.formData()
  const intent = intentOf(form)
  const here = `${PAGE[kind]}${id}`
  const ctx: IntentContext = { db, id, form, here, redirectTo: (to, message) => redirectWithFlash(to, { kind: 'success', message }, env) }

  const shared: Record<string, IntentHandler> = {
    save: async () => {
      const submission = parseForm(form, BillingDocumentSchema)
      if (submission.status !== 'success') return data({ intent, result: submission.reply() }, 400)
      try {
        await updateDraft(db, kind, id, submission.value)
        return ctx.redirectTo(here, 'Brouillon enregistré : totaux recalculés par la base.')
      } catch (error) {
        const { message, status } = writeErrorMessage(error)
        return data({ intent, result: submission.reply({ formErrors: [message] }) }, status)
      }
    },
    send: async () => {
      const sent = await sendDocument(db, kind, id)
      notifyAfter(args.context, { type: 'document_sent', kind, id: sent.id })
      return ctx.redirectTo(here, SENT[kind](sent.number))
    },
    delete: async () => {
      await deleteDraft(db, kind, id)
      return ctx.redirectTo(LIST[kind], 'Brouillon supprimé.')
    },
  }
  const handler = Object.hasOwn(own, intent) ? own[intent] : Object.hasOwn(shared, intent) ? shared[intent] : null
  if (!handler) return unknownIntent()
  try {
    return await handler(ctx)
  } catch (error) {
    return formError(error)
  }
}
