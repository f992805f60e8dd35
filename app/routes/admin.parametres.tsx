import { ImageIcon, Trash2Icon, UploadIcon } from 'lucide-react'
import { useState } from 'react'
import { data, Form, Link, useNavigation, useSearchParams } from 'react-router'
import { ConfirmAction } from '~/components/admin/confirm.tsx'
import { FormError, useZodForm, ZCheckbox, ZText, ZTextarea } from '~/components/admin/form.tsx'
import { PageHeader } from '~/components/shell/page.tsx'
import { Button } from '~/components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '~/components/ui/card.tsx'
import { FieldError } from '~/components/ui/field.tsx'
import { intentOf, parseForm, unknownIntent, writeErrorMessage } from '~/lib/admin/action.server.ts'
import { CINETPAY_CHANNEL, CINETPAY_CHANNELS } from '~/lib/admin/labels.ts'
import {
  BrandingSchema,
  DocumentsSchema,
  emailTemplateSchema,
  LegalSchema,
  PaymentsSchema,
  SlaSchema,
} from '~/lib/admin/schemas.ts'
import { getSettingsPage, getTemplateVariables, removeLogo, replaceLogo, updateSettings, updateTemplate } from '~/lib/admin/settings.server.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getEnv, getSupabase } from '~/lib/context.server.ts'
import { redirectWithFlash } from '~/lib/flash.server.ts'
import { formatDateTime } from '~/lib/format.ts'
import { renderTemplate, TEMPLATE_SAMPLE } from '~/lib/notifications/render.ts'
import type { Route } from './+types/admin.parametres'

export const meta: Route.MetaFunction = () => [{ title: 'Paramètres — Administration NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  return getSettingsPage(getSupabase(context))
}

const SECTIONS = {
  branding: { schema: BrandingSchema, done: 'Identité enregistrée.' },
  legal: { schema: LegalSchema, done: 'Mentions légales et coordonnées bancaires enregistrées.' },
  documents: { schema: DocumentsSchema, done: 'Réglages des documents enregistrés.' },
  payments: { schema: PaymentsSchema, done: 'Réglages de paiement enregistrés.' },
  sla: { schema: SlaSchema, done: 'Délais de réponse enregistrés.' },
} as const

export async function action({ request, context }: Route.ActionArgs) {
  await requireAdmin({ request, context })
  const env = getEnv(context)
  const db = getSupabase(context)
  const form = await request.formData()
  const intent = intentOf(form)
  const url = new URL(request.url)
  const here = `/admin/parametres${url.search}`

  if (intent in SECTIONS) {
    const section = SECTIONS[intent as keyof typeof SECTIONS]
    const submission = parseForm(form, section.schema)
    if (submission.status !== 'success') return data({ intent, result: submission.reply() }, 400)
    try {
      const value = submission.value as Record<string, unknown>
      // An unticked box sends nothing: store false, not "unchanged".
      if (intent === 'payments') value.online_payment_enabled = Boolean(value.online_payment_enabled)
      await updateSettings(db, value)
      return redirectWithFlash(here, { kind: 'success', message: section.done }, env)
    } catch (error) {
      const { message, status } = writeErrorMessage(error)
      return data({ intent, result: submission.reply({ formErrors: [message] }) }, status)
    }
  }
  if (intent === 'template') {
    const key = String(form.get('key') ?? '')
    const allowed = await getTemplateVariables(db, key)
    if (!allowed) return data({ formError: 'Modèle inconnu.' }, 404)
    const submission = parseForm(form, emailTemplateSchema(allowed))
    if (submission.status !== 'success') return data({ intent, result: submission.reply() }, 400)
    try {
      await updateTemplate(db, key, submission.value.subject, submission.value.body)
      return redirectWithFlash(here, { kind: 'success', message: 'Modèle d’e-mail enregistré.' }, env)
    } catch (error) {
      const { message, status } = writeErrorMessage(error)
      return data({ intent, result: submission.reply({ formErrors: [message] }) }, status)
    }
  }
  try {
    if (intent === 'logo') {
      const file = form.get('logo')
      if (!(file instanceof File) || file.size === 0) return data({ intent, formError: 'Choisissez une image PNG ou JPEG.' }, 400)
      await replaceLogo(db, file)
      return redirectWithFlash(here, { kind: 'success', message: 'Logo mis à jour.' }, env)
    }
    if (intent === 'remove_logo') {
      await removeLogo(db)
      return redirectWithFlash(here, { kind: 'success', message: 'Logo retiré.' }, env)
    }
  } catch (error) {
    const { message, status } = writeErrorMessage(error)
    return data({ intent, formError: message }, status)
  }
  return unknownIntent()
}

type ActionResult = { intent?: string; result?: unknown; formError?: string } | undefined
type Settings = Route.ComponentProps['loaderData']['settings']

function defaults(settings: Settings, keys: string[]) {
  const out: Record<string, unknown> = {}
  for (const k of keys) {
    const v = (settings as Record<string, unknown>)[k]
    out[k] = v === null || v === undefined ? undefined : typeof v === 'number' ? String(v) : v
  }
  return out
}

export default function SettingsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { settings, templates, logoUrl } = loaderData
  const result = actionData as ActionResult
  const lastFor = (intent: string) => (result?.intent === intent ? result.result : undefined)
  return (
    <>
      <PageHeader
        title="Paramètres"
        description={`Repris sur les devis, factures, reçus, la page de paiement et les e-mails. Dernière modification le ${formatDateTime(settings.updated_at)}.`}
      />
      <nav aria-label="Sections" className="mb-6 flex flex-wrap gap-2 text-sm">
        {[
          ['#identite', 'Identité'],
          ['#mentions', 'Mentions légales'],
          ['#documents', 'Documents'],
          ['#paiements', 'Paiements'],
          ['#sla', 'Délais de réponse'],
          ['#modeles', 'Modèles d’e-mails'],
        ].map(([href, label]) => (
          <a key={href} href={href} className="rounded-full border px-3 py-1 hover:bg-accent">
            {label}
          </a>
        ))}
      </nav>
      <div className="grid gap-6 xl:grid-cols-2">
        <BrandingCard settings={settings} logoUrl={logoUrl} lastResult={lastFor('branding')} logoError={result?.intent === 'logo' ? result.formError : undefined} />
        <PaymentsCard settings={settings} lastResult={lastFor('payments')} />
        <LegalCard settings={settings} lastResult={lastFor('legal')} />
        <div className="flex flex-col gap-6">
          <DocumentsCard settings={settings} lastResult={lastFor('documents')} />
          <SlaCard settings={settings} lastResult={lastFor('sla')} />
        </div>
        <TemplatesCard templates={templates} lastResult={lastFor('template')} />
      </div>
    </>
  )
}

function SubmitButton({ intent, children }: { intent: string; children: React.ReactNode }) {
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === intent
  return (
    <Button type="submit" disabled={busy} className="self-start">
      {busy ? 'Enregistrement…' : children}
    </Button>
  )
}

function BrandingCard({ settings, logoUrl, lastResult, logoError }: { settings: Settings; logoUrl: string | null; lastResult: unknown; logoError?: string }) {
  const { form, fields, formProps } = useZodForm(BrandingSchema, {
    id: 'settings-branding',
    lastResult,
    defaultValue: defaults(settings, ['company_name', 'accent_color']),
  })
  const color = typeof fields.accent_color.value === 'string' ? fields.accent_color.value : settings.accent_color
  return (
    <Card id="identite">
      <CardHeader>
        <CardTitle>Identité</CardTitle>
        <CardDescription>Nom affiché, logo (PDF et e-mails) et couleur d’accent.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        <div className="flex items-center gap-4">
          <div className="flex size-20 items-center justify-center overflow-hidden rounded-lg border bg-muted">
            {logoUrl ? <img src={logoUrl} alt="Logo actuel" className="max-h-full max-w-full object-contain" /> : <ImageIcon className="size-6 text-muted-foreground" aria-hidden="true" />}
          </div>
          <Form method="post" encType="multipart/form-data" className="flex flex-1 flex-col gap-2">
            <input type="hidden" name="intent" value="logo" />
            <label htmlFor="logo" className="text-sm font-medium">
              Logo (PNG ou JPEG, 2 Mo au plus)
            </label>
            <div className="flex flex-wrap gap-2">
              <input id="logo" name="logo" type="file" accept="image/png,image/jpeg" required className="max-w-64 text-sm file:mr-3 file:rounded-md file:border file:bg-background file:px-3 file:py-1.5 file:text-sm" />
              <SubmitButton intent="logo">
                <UploadIcon aria-hidden="true" /> Envoyer
              </SubmitButton>
              {logoUrl && (
                <ConfirmAction
                  trigger={
                    <Button type="button" variant="ghost">
                      <Trash2Icon aria-hidden="true" /> Retirer
                    </Button>
                  }
                  title="Retirer le logo ?"
                  description="Les prochains PDF et e-mails afficheront le nom de l’agence à la place."
                  intent="remove_logo"
                  confirmLabel="Retirer"
                />
              )}
            </div>
            <FieldError errors={logoError ? [logoError] : undefined} />
          </Form>
        </div>
        <Form method="post" {...formProps} className="flex flex-col gap-4">
          <input type="hidden" name="intent" value="branding" />
          <FormError message={form.errors?.[0]} />
          <ZText field={fields.company_name} label="Nom affiché" />
          <div className="flex items-end gap-3">
            <ZText field={fields.accent_color} label="Couleur d’accent" description="Format #RRGGBB, utilisée sur les PDF." className="flex-1" />
            <span className="mb-7 size-10 shrink-0 rounded-md border" style={{ background: /^#[0-9a-f]{6}$/i.test(color) ? color : 'transparent' }} aria-hidden="true" />
          </div>
          <SubmitButton intent="branding">Enregistrer l’identité</SubmitButton>
        </Form>
      </CardContent>
    </Card>
  )
}

const LEGAL_KEYS = [
  'legal_name', 'legal_form', 'ncc', 'rccm', 'tax_regime', 'capital', 'address', 'city', 'country', 'phone', 'email', 'website',
  'bank_name', 'bank_account_holder', 'bank_account_number', 'bank_iban', 'bank_swift',
]

function LegalCard({ settings, lastResult }: { settings: Settings; lastResult: unknown }) {
  const { form, fields, formProps } = useZodForm(LegalSchema, { id: 'settings-legal', lastResult, defaultValue: defaults(settings, LEGAL_KEYS) })
  return (
    <Card id="mentions">
      <CardHeader>
        <CardTitle>Mentions légales et banque</CardTitle>
        <CardDescription>Imprimées en pied de page des devis, factures et reçus.</CardDescription>
      </CardHeader>
      <CardContent>
        <Form method="post" {...formProps} className="flex flex-col gap-4">
          <input type="hidden" name="intent" value="legal" />
          <FormError message={form.errors?.[0]} />
          <div className="grid gap-4 sm:grid-cols-2">
            <ZText field={fields.legal_name} label="Raison sociale" />
            <ZText field={fields.legal_form} label="Forme juridique" placeholder="SARL, SAS…" />
            <ZText field={fields.ncc} label="NCC" />
            <ZText field={fields.rccm} label="RCCM" />
            <ZText field={fields.tax_regime} label="Régime fiscal" placeholder="Réel simplifié d’imposition" />
            <ZText field={fields.capital} label="Capital" placeholder="1 000 000 F CFA" />
            <ZTextarea field={fields.address} label="Adresse" rows={2} className="sm:col-span-2" />
            <ZText field={fields.city} label="Ville" />
            <ZText field={fields.country} label="Pays (code ISO)" maxLength={2} />
            <ZText field={fields.phone} label="Téléphone" type="tel" />
            <ZText field={fields.email} label="E-mail" type="email" />
            <ZText field={fields.website} label="Site web" className="sm:col-span-2" />
          </div>
          <h3 className="pt-2 text-sm font-semibold">Coordonnées bancaires (virements)</h3>
          <div className="grid gap-4 sm:grid-cols-2">
            <ZText field={fields.bank_name} label="Banque" />
            <ZText field={fields.bank_account_holder} label="Titulaire du compte" />
            <ZText field={fields.bank_account_number} label="Numéro de compte (RIB)" />
            <ZText field={fields.bank_iban} label="IBAN" />
            <ZText field={fields.bank_swift} label="BIC / SWIFT" />
          </div>
          <SubmitButton intent="legal">Enregistrer les mentions</SubmitButton>
        </Form>
      </CardContent>
    </Card>
  )
}

function DocumentsCard({ settings, lastResult }: { settings: Settings; lastResult: unknown }) {
  const { form, fields, formProps } = useZodForm(DocumentsSchema, {
    id: 'settings-documents',
    lastResult,
    defaultValue: defaults(settings, ['invoice_footer', 'quote_terms', 'payment_terms_days', 'quote_validity_days']),
  })
  return (
    <Card id="documents">
      <CardHeader>
        <CardTitle>Documents</CardTitle>
        <CardDescription>Pied de facture, conditions des devis et échéances par défaut.</CardDescription>
      </CardHeader>
      <CardContent>
        <Form method="post" {...formProps} className="flex flex-col gap-4">
          <input type="hidden" name="intent" value="documents" />
          <FormError message={form.errors?.[0]} />
          <ZTextarea field={fields.invoice_footer} label="Pied de facture" rows={2} />
          <ZTextarea field={fields.quote_terms} label="Conditions des devis" rows={3} />
          <div className="grid gap-4 sm:grid-cols-2">
            <ZText field={fields.payment_terms_days} label="Échéance des factures (jours)" type="number" min={0} max={365} />
            <ZText field={fields.quote_validity_days} label="Validité des devis (jours)" type="number" min={1} max={365} />
          </div>
          <SubmitButton intent="documents">Enregistrer</SubmitButton>
        </Form>
      </CardContent>
    </Card>
  )
}

function PaymentsCard({ settings, lastResult }: { settings: Settings; lastResult: unknown }) {
  const { form, fields, formProps } = useZodForm(PaymentsSchema, {
    id: 'settings-payments',
    lastResult,
    defaultValue: {
      online_payment_enabled: settings.online_payment_enabled ? 'on' : undefined,
      cinetpay_channels: settings.cinetpay_channels,
      manual_payment_instructions: settings.manual_payment_instructions ?? undefined,
    },
  })
  const enabled = new Set((settings.cinetpay_channels as string[]) ?? [])
  return (
    <Card id="paiements">
      <CardHeader>
        <CardTitle>Paiements</CardTitle>
        <CardDescription>Canaux CinetPay proposés aux clients et instructions pour payer par virement ou en espèces.</CardDescription>
      </CardHeader>
      <CardContent>
        <Form method="post" {...formProps} className="flex flex-col gap-4">
          <input type="hidden" name="intent" value="payments" />
          <FormError message={form.errors?.[0]} />
          <ZCheckbox field={fields.online_payment_enabled} label="Paiement en ligne activé" description="Sinon, les clients ne voient que les instructions ci-dessous." />
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium">Canaux CinetPay</legend>
            {CINETPAY_CHANNELS.map((c) => (
              <label key={c} className="flex items-center gap-3 text-sm">
                <input type="checkbox" name={fields.cinetpay_channels.name} value={c} defaultChecked={enabled.has(c)} className="size-4 accent-primary" />
                {CINETPAY_CHANNEL[c]}
              </label>
            ))}
            <FieldError errors={fields.cinetpay_channels.errors} />
          </fieldset>
          <ZTextarea field={fields.manual_payment_instructions} label="Instructions de paiement manuel" rows={4} description="Affichées aux clients à côté des coordonnées bancaires." />
          <SubmitButton intent="payments">Enregistrer les paiements</SubmitButton>
        </Form>
      </CardContent>
    </Card>
  )
}

function SlaCard({ settings, lastResult }: { settings: Settings; lastResult: unknown }) {
  const { form, fields, formProps } = useZodForm(SlaSchema, {
    id: 'settings-sla',
    lastResult,
    defaultValue: defaults(settings, ['sla_hours_urgent', 'sla_hours_high', 'sla_hours_normal', 'sla_hours_low']),
  })
  return (
    <Card id="sla">
      <CardHeader>
        <CardTitle>Délais de réponse (SLA)</CardTitle>
        <CardDescription>
          Échéance d’une réclamation = sa création + ce nombre d’heures, selon sa priorité. Un changement s’applique
          aussi aux réclamations encore ouvertes ; celles déjà résolues ou fermées gardent leur échéance.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Form method="post" {...formProps} className="flex flex-col gap-4">
          <input type="hidden" name="intent" value="sla" />
          <FormError message={form.errors?.[0]} />
          <div className="grid grid-cols-2 gap-4 sm:grid-cols-4">
            <ZText field={fields.sla_hours_urgent} label="Urgente (h)" type="number" min={1} />
            <ZText field={fields.sla_hours_high} label="Haute (h)" type="number" min={1} />
            <ZText field={fields.sla_hours_normal} label="Normale (h)" type="number" min={1} />
            <ZText field={fields.sla_hours_low} label="Basse (h)" type="number" min={1} />
          </div>
          <SubmitButton intent="sla">Enregistrer les délais</SubmitButton>
        </Form>
      </CardContent>
    </Card>
  )
}

type Template = Route.ComponentProps['loaderData']['templates'][number]

function TemplatesCard({ templates, lastResult }: { templates: Template[]; lastResult: unknown }) {
  const [searchParams] = useSearchParams()
  const template = templates.find((t) => t.key === searchParams.get('modele')) ?? templates[0]
  if (!template) return null
  return (
    <Card id="modeles" className="xl:col-span-2">
      <CardHeader>
        <CardTitle>Modèles d’e-mails</CardTitle>
        <CardDescription>Textes envoyés aux clients ; les {'{{variables}}'} sont remplacées à l’envoi.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6 lg:grid-cols-[14rem_minmax(0,1fr)]">
        <nav aria-label="Modèles" className="flex flex-row flex-wrap gap-1 lg:flex-col">
          {templates.map((t) => (
            <Link
              key={t.key}
              to={`?modele=${t.key}#modeles`}
              preventScrollReset
              aria-current={t.key === template.key ? 'page' : undefined}
              className="rounded-md px-3 py-2 text-sm hover:bg-accent aria-[current=page]:bg-accent aria-[current=page]:font-medium"
            >
              {t.name}
            </Link>
          ))}
        </nav>
        <TemplateEditor key={template.key} template={template} lastResult={lastResult} />
      </CardContent>
    </Card>
  )
}

function TemplateEditor({ template, lastResult }: { template: Template; lastResult: unknown }) {
  const schema = emailTemplateSchema(template.variables as string[])
  const { form, fields, formProps } = useZodForm(schema, {
    id: `template-${template.key}`,
    lastResult,
    defaultValue: { key: template.key, subject: template.subject, body: template.body },
  })
  const [subject, setSubject] = useState<string>(template.subject)
  const [body, setBody] = useState<string>(template.body)
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Form
        method="post"
        {...formProps}
        className="flex flex-col gap-4"
        onInput={(e) => {
          const target = e.target as HTMLInputElement
          if (target.name === 'subject') setSubject(target.value)
          if (target.name === 'body') setBody(target.value)
        }}
      >
        <input type="hidden" name="intent" value="template" />
        <input type="hidden" name="key" value={template.key} />
        <p className="text-sm text-muted-foreground">{template.description}</p>
        <FormError message={form.errors?.[0]} />
        <ZText field={fields.subject} label="Objet" />
        <ZTextarea field={fields.body} label="Texte" rows={12} />
        <p className="text-xs text-muted-foreground">
          Variables : {(template.variables as string[]).map((v) => `{{${v}}}`).join(', ')}
        </p>
        <SubmitButton intent="template">Enregistrer le modèle</SubmitButton>
      </Form>
      <section aria-label="Aperçu" className="flex flex-col gap-2">
        <h3 className="text-sm font-medium">Aperçu (valeurs d’exemple)</h3>
        <div className="flex flex-col gap-3 rounded-lg border bg-muted/30 p-4" data-testid="template-preview">
          <div className="border-b pb-2 text-sm font-semibold">{renderTemplate(subject, TEMPLATE_SAMPLE)}</div>
          <div className="text-sm whitespace-pre-wrap">{renderTemplate(body, TEMPLATE_SAMPLE)}</div>
        </div>
      </section>
    </div>
  )
}
