import { ArchiveIcon, ArchiveRestoreIcon, FolderKanbanIcon, LifeBuoyIcon, MailIcon, ReceiptTextIcon, Trash2Icon, UserMinusIcon, WalletIcon } from 'lucide-react'
import { data, Form, Link, useNavigation } from 'react-router'
import { ClientForm } from '~/components/admin/client-form.tsx'
import { ConfirmAction } from '~/components/admin/confirm.tsx'
import { FormError, useZodForm, ZSelect, ZText, ZTextarea } from '~/components/admin/form.tsx'
import { Stat } from '~/components/admin/stat.tsx'
import { StatusBadge } from '~/components/admin/status-badge.tsx'
import { PageHeader } from '~/components/shell/page.tsx'
import { Badge } from '~/components/ui/badge.tsx'
import { Button } from '~/components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '~/components/ui/card.tsx'
import { Progress } from '~/components/ui/progress.tsx'
import { formError, intentOf, parseForm, unknownIntent, writeErrorMessage } from '~/lib/admin/action.server.ts'
import {
  addClientNote,
  deleteClient,
  deleteClientNote,
  getClientOverview,
  removeMember,
  setClientArchived,
  setMemberRole,
  updateClient,
} from '~/lib/admin/clients.server.ts'
import { authAdminClient, inviteMember, resendInvitation } from '~/lib/admin/invite.server.ts'
import { INVOICE_STATUS, MEMBER_ROLE, PROJECT_STATUS, TICKET_STATUS } from '~/lib/admin/labels.ts'
import { ClientNoteSchema, ClientSchema, IdSchema, InviteMemberSchema, MemberRefSchema, MemberRoleSchema } from '~/lib/admin/schemas.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getEnv, getSupabase } from '~/lib/context.server.ts'
import { redirectWithFlash } from '~/lib/flash.server.ts'
import { formatDay, formatShortDate, formatXOF, plural } from '~/lib/format.ts'
import type { Route } from './+types/admin.clients.$id'

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.client.name ?? 'Client'} — Administration NOURX` },
]

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  if (!UUID.test(params.id)) throw data({ message: 'Ce client n’existe pas.' }, { status: 404 })
  const overview = await getClientOverview(getSupabase(context), params.id)
  if (!overview) throw data({ message: 'Ce client n’existe pas.' }, { status: 404 })
  return overview
}

export async function action({ request, context, params }: Route.ActionArgs) {
  await requireAdmin({ request, context })
  const env = getEnv(context)
  const db = getSupabase(context)
  const form = await request.formData()
  const intent = intentOf(form)
  const here = `/admin/clients/${params.id}`
  const done = (message: string, to = here) => redirectWithFlash(to, { kind: 'success', message }, env)

  if (intent === 'add_note') {
    const submission = parseForm(form, ClientNoteSchema)
    if (submission.status !== 'success') return data({ intent, result: submission.reply() }, 400)
    try {
      await addClientNote(db, params.id, submission.value.body)
      return done('Note ajoutée.')
    } catch (error) {
      const { message, status } = writeErrorMessage(error)
      return data({ intent, result: submission.reply({ formErrors: [message] }) }, status)
    }
  }

  if (intent === 'update' || intent === 'invite') {
    const submission = parseForm(form, intent === 'update' ? ClientSchema : InviteMemberSchema)
    if (submission.status !== 'success') return data({ intent, result: submission.reply() }, 400)
    try {
      if (intent === 'update') {
        await updateClient(db, params.id, submission.value as never)
        return done('Fiche client enregistrée.')
      }
      const invited = await inviteMember(db, authAdminClient(env), env.APP_URL, params.id, submission.value as never)
      return done(
        invited.outcome === 'invited'
          ? 'Invitation envoyée. Le membre choisira son mot de passe depuis le lien reçu.'
          : 'Ce compte existait déjà : il est ajouté au client.',
      )
    } catch (error) {
      const { message, status } = writeErrorMessage(error)
      return data({ intent, result: submission.reply({ formErrors: [message] }) }, status)
    }
  }

  try {
    switch (intent) {
      case 'resend': {
        const member = MemberRefSchema.parse({ user_id: form.get('user_id') })
        const { email } = await resendInvitation(db, authAdminClient(env), env.APP_URL, params.id, member.user_id)
        return done(`Invitation renvoyée à ${email}.`)
      }
      case 'set_role': {
        const parsed = MemberRoleSchema.safeParse({ user_id: form.get('user_id'), role: form.get('role') })
        if (!parsed.success) return data({ formError: 'Rôle invalide.' }, 400)
        await setMemberRole(db, params.id, parsed.data.user_id, parsed.data.role)
        return done(parsed.data.role === 'owner' ? 'Membre défini comme contact principal.' : 'Le membre n’est plus contact principal.')
      }
      case 'remove_member': {
        const member = MemberRefSchema.parse({ user_id: form.get('user_id') })
        await removeMember(db, params.id, member.user_id)
        return done('Membre retiré du client. Son compte n’a plus accès aux données de ce client.')
      }
      case 'delete_note': {
        const parsed = IdSchema.safeParse({ id: form.get('note_id') })
        if (!parsed.success) return data({ formError: 'Note invalide.' }, 400)
        await deleteClientNote(db, params.id, parsed.data.id)
        return done('Note supprimée.')
      }
      case 'archive':
      case 'unarchive':
        await setClientArchived(db, params.id, intent === 'archive')
        return done(intent === 'archive' ? 'Client archivé.' : 'Client réactivé.')
      case 'delete':
        await deleteClient(db, params.id)
        return done('Client supprimé.', '/admin/clients')
      default:
        return unknownIntent()
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'ZodError') return data({ formError: 'Membre invalide.' }, 400)
    return formError(error)
  }
}

type ActionResult = { intent?: string; result?: unknown; formError?: string } | undefined

export default function ClientPage({ loaderData, actionData }: Route.ComponentProps) {
  const { client, members, projects, invoices, tickets, notes, summary } = loaderData
  const result = actionData as ActionResult
  const resultFor = (intent: string) => (result?.intent === intent ? result.result : undefined)
  const address = [client.address, client.city, client.country].filter(Boolean).join(', ')
  return (
    <>
      <PageHeader
        title={client.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {client.is_archived && <Badge variant="outline">Archivé</Badge>}
            {address || 'Adresse non renseignée'}
            {client.ncc && <span className="font-mono text-xs">NCC {client.ncc}</span>}
            {client.rccm && <span className="font-mono text-xs">RCCM {client.rccm}</span>}
          </span>
        }
        actions={
          <>
            <Link to={`/admin/projets/nouveau?client=${client.id}`} className="inline-flex h-10 items-center rounded-md border px-4 text-sm font-medium hover:bg-accent">
              Nouveau projet
            </Link>
            <ConfirmAction
              trigger={
                <Button variant="outline">
                  {client.is_archived ? <ArchiveRestoreIcon aria-hidden="true" /> : <ArchiveIcon aria-hidden="true" />}
                  {client.is_archived ? 'Réactiver' : 'Archiver'}
                </Button>
              }
              title={client.is_archived ? 'Réactiver ce client ?' : 'Archiver ce client ?'}
              description={
                client.is_archived
                  ? 'Il réapparaîtra dans la liste des clients actifs et les indicateurs.'
                  : 'Il disparaît de la liste des clients actifs et des indicateurs. Ses membres gardent l’accès à leur espace.'
              }
              intent={client.is_archived ? 'unarchive' : 'archive'}
              destructive={!client.is_archived}
              confirmLabel={client.is_archived ? 'Réactiver' : 'Archiver'}
            />
          </>
        }
      />

      <div className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label="Projets" value={projects.length} hint={`${projects.filter((p) => p.status === 'active').length} en cours`} icon={FolderKanbanIcon} />
        <Stat label="Factures" value={invoices.length} hint={`${invoices.filter((i) => i.status === 'overdue').length} en retard`} icon={ReceiptTextIcon} />
        <Stat label="Solde dû" value={formatXOF(summary.balanceDue)} tone={summary.balanceDue > 0 ? 'warning' : undefined} icon={WalletIcon} />
        <Stat label="Réclamations ouvertes" value={summary.openTickets} hint={plural(tickets.length, 'réclamation') + ' au total'} icon={LifeBuoyIcon} />
      </div>

      <div className="grid gap-6 xl:grid-cols-2">
        <Card id="membres">
          <CardHeader>
            <CardTitle>Membres</CardTitle>
            <CardDescription>Les personnes qui accèdent à l’espace client de {client.name}.</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-6">
            {members.length === 0 ? (
              <p className="text-sm text-muted-foreground">Aucun membre : invitez la première personne ci-dessous.</p>
            ) : (
              <ul className="divide-y rounded-lg border">
                {members.map((m) => (
                  <li key={m.user_id} className="flex flex-wrap items-center gap-3 p-3">
                    <div className="min-w-0 flex-1">
                      <div className="font-medium">{m.full_name || m.email}</div>
                      <div className="truncate text-xs text-muted-foreground">
                        {m.email} · {MEMBER_ROLE[m.role]}
                        {m.job_title ? ` · ${m.job_title}` : ''}
                      </div>
                    </div>
                    {m.last_sign_in_at ? (
                      <Badge variant="success" title={`Dernière connexion le ${formatShortDate(m.last_sign_in_at)}`}>
                        Actif
                      </Badge>
                    ) : (
                      <Badge variant="warning">Invitation en attente</Badge>
                    )}
                    <Form method="post">
                      <input type="hidden" name="intent" value="set_role" />
                      <input type="hidden" name="user_id" value={m.user_id} />
                      <input type="hidden" name="role" value={m.role === 'owner' ? 'member' : 'owner'} />
                      <Button type="submit" variant="ghost" size="sm" title={m.role === 'owner' ? 'Repasser en simple membre' : 'Définir comme contact principal'}>
                        {m.role === 'owner' ? 'Simple membre' : 'Contact principal'}
                      </Button>
                    </Form>
                    {!m.last_sign_in_at && (
                      <Form method="post">
                        <input type="hidden" name="intent" value="resend" />
                        <input type="hidden" name="user_id" value={m.user_id} />
                        <Button type="submit" variant="ghost" size="sm">
                          <MailIcon aria-hidden="true" /> Renvoyer
                        </Button>
                      </Form>
                    )}
                    <ConfirmAction
                      trigger={
                        <Button variant="ghost" size="icon-sm" aria-label={`Retirer ${m.email}`}>
                          <UserMinusIcon aria-hidden="true" />
                        </Button>
                      }
                      title="Retirer ce membre ?"
                      description={`${m.full_name || m.email} n’aura plus accès aux projets, factures et documents de ${client.name}. Son compte n’est pas supprimé.`}
                      intent="remove_member"
                      fields={{ user_id: m.user_id }}
                      confirmLabel="Retirer"
                    />
                  </li>
                ))}
              </ul>
            )}
            {result?.formError && <FormError message={result.formError} />}
            <InviteForm key={members.length} lastResult={resultFor('invite')} />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Projets</CardTitle>
          </CardHeader>
          <CardContent>
            {projects.length === 0 ? (
              <p className="text-sm text-muted-foreground">Aucun projet pour ce client.</p>
            ) : (
              <ul className="divide-y">
                {projects.map((p) => (
                  <li key={p.id} className="flex items-center gap-3 py-2.5">
                    <Link to={`/admin/projets/${p.id}`} className="min-w-0 flex-1 truncate font-medium hover:underline">
                      {p.title}
                    </Link>
                    <StatusBadge map={PROJECT_STATUS} value={p.status} />
                    <div className="flex w-28 items-center gap-2">
                      <Progress value={p.progress} aria-label={`Avancement ${p.progress} %`} />
                      <span className="w-10 text-right text-xs whitespace-nowrap tabular-nums">{p.progress} %</span>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Factures</CardTitle>
            <CardDescription>Solde dû : {formatXOF(summary.balanceDue)}</CardDescription>
          </CardHeader>
          <CardContent>
            {invoices.length === 0 ? (
              <p className="text-sm text-muted-foreground">Aucune facture.</p>
            ) : (
              <ul className="divide-y">
                {invoices.slice(0, 8).map((i) => (
                  <li key={i.id} className="flex items-center gap-3 py-2.5 text-sm">
                    <span className="w-32 shrink-0 font-mono text-xs">{i.number ?? 'Brouillon'}</span>
                    <span className="min-w-0 flex-1 truncate">{i.title}</span>
                    <StatusBadge map={INVOICE_STATUS} value={i.status} />
                    <span className="w-32 text-right tabular-nums">{formatXOF(i.total_ttc)}</span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Réclamations</CardTitle>
          </CardHeader>
          <CardContent>
            {tickets.length === 0 ? (
              <p className="text-sm text-muted-foreground">Aucune réclamation.</p>
            ) : (
              <ul className="divide-y">
                {tickets.slice(0, 8).map((t) => (
                  <li key={t.id} className="flex items-center gap-3 py-2.5 text-sm">
                    <span className="w-14 shrink-0 font-mono text-xs">#{t.number}</span>
                    <span className="min-w-0 flex-1 truncate">{t.subject}</span>
                    <StatusBadge map={TICKET_STATUS} value={t.status} />
                    <span className="hidden w-24 text-right text-xs text-muted-foreground sm:block">{formatShortDate(t.created_at)}</span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>

        <Card className="xl:col-span-2" id="notes">
          <CardHeader>
            <CardTitle>Notes internes</CardTitle>
            <CardDescription>Réservées à l’équipe NOURX : jamais visibles par le client.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6 lg:grid-cols-2">
            <NoteForm key={notes.length} lastResult={resultFor('add_note')} />
            {notes.length === 0 ? (
              <p className="text-sm text-muted-foreground">Aucune note pour l’instant.</p>
            ) : (
              <ul className="flex flex-col gap-3">
                {notes.map((n) => (
                  <li key={n.id} className="flex gap-2 rounded-lg border p-3">
                    <div className="min-w-0 flex-1">
                      <p className="text-sm whitespace-pre-wrap">{n.body}</p>
                      <p className="mt-1 text-xs text-muted-foreground">
                        {n.author ?? 'Auteur supprimé'} · {formatShortDate(n.created_at)}
                      </p>
                    </div>
                    <ConfirmAction
                      trigger={
                        <Button variant="ghost" size="icon-sm" aria-label="Supprimer la note">
                          <Trash2Icon aria-hidden="true" />
                        </Button>
                      }
                      title="Supprimer cette note ?"
                      description="Elle disparaît de la fiche ; le journal d’audit en garde la trace."
                      intent="delete_note"
                      fields={{ note_id: n.id }}
                      confirmLabel="Supprimer"
                    />
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>

        <Card className="xl:col-span-2" id="fiche">
          <CardHeader>
            <CardTitle>Fiche de l’entreprise</CardTitle>
            <CardDescription>Coordonnées et identifiants légaux, repris sur les devis et factures.</CardDescription>
          </CardHeader>
          <CardContent>
            <ClientForm
              intent="update"
              lastResult={resultFor('update')}
              defaultValue={Object.fromEntries(Object.entries(client).map(([k, v]) => [k, v ?? undefined]))}
              submitLabel="Enregistrer la fiche"
            />
          </CardContent>
        </Card>

        <Card className="border-destructive/30 xl:col-span-2">
          <CardHeader>
            <CardTitle>Supprimer le client</CardTitle>
            <CardDescription>
              Possible seulement sans projet ni facture (créé le {formatDay(client.created_at.slice(0, 10))}). Sinon, archivez-le.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ConfirmAction
              trigger={
                <Button variant="destructive">
                  <Trash2Icon aria-hidden="true" /> Supprimer définitivement
                </Button>
              }
              title={`Supprimer ${client.name} ?`}
              description="Ses membres perdent l’accès à cet espace, ses notes sont effacées. Cette action est définitive."
              intent="delete"
              confirmLabel="Supprimer"
            />
          </CardContent>
        </Card>
      </div>
    </>
  )
}

function NoteForm({ lastResult }: { lastResult: unknown }) {
  const { form, fields, formProps } = useZodForm(ClientNoteSchema, { id: 'note', lastResult })
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'add_note'
  return (
    <Form method="post" {...formProps} className="flex flex-col gap-3">
      <input type="hidden" name="intent" value="add_note" />
      <FormError message={form.errors?.[0]} />
      <ZTextarea field={fields.body} label="Nouvelle note" rows={4} />
      <Button type="submit" variant="outline" disabled={busy} className="self-start">
        {busy ? 'Enregistrement…' : 'Ajouter la note'}
      </Button>
    </Form>
  )
}

function InviteForm({ lastResult }: { lastResult: unknown }) {
  const { form, fields, formProps } = useZodForm(InviteMemberSchema, { id: 'invite', lastResult, defaultValue: { role: 'member' } })
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'invite'
  return (
    <Form method="post" {...formProps} className="flex flex-col gap-4 rounded-lg bg-muted/40 p-4">
      <input type="hidden" name="intent" value="invite" />
      <h3 className="text-sm font-semibold">Inviter un membre</h3>
      <FormError message={form.errors?.[0]} />
      <div className="grid gap-4 sm:grid-cols-2">
        <ZText field={fields.email} label="E-mail" type="email" autoComplete="off" />
        <ZText field={fields.full_name} label="Nom complet" autoComplete="off" />
        <ZText field={fields.job_title} label="Fonction" />
        <ZSelect
          field={fields.role}
          label="Rôle"
          options={Object.entries(MEMBER_ROLE).map(([value, label]) => ({ value, label }))}
        />
      </div>
      <div>
        <Button type="submit" disabled={busy}>
          <MailIcon aria-hidden="true" /> {busy ? 'Envoi…' : 'Envoyer l’invitation'}
        </Button>
      </div>
    </Form>
  )
}
