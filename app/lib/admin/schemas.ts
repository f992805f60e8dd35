// zod schemas of the back office's forms, shared by the form (conform
// validates in the browser) and the action (the same schema on the server).
// Isomorphic: no server imports. Conform turns empty inputs into undefined,
// so optional text is `.optional()` and the server modules store null.
import { z } from 'zod'
import {
  CINETPAY_CHANNELS,
  MILESTONE_STATUSES,
  PROGRESS_MODES,
  PROJECT_STATUSES,
  PROSPECT_STAGES,
} from './labels.ts'
// The template renderer and its placeholder syntax live with the notifications
// that send the mails: the preview and the real mail share one implementation.
import { templateVariables } from '../notifications/render.ts'

const msg = (text: string) => ({ error: () => text })

const requiredText = (label: string, max: number) =>
  z
    .string(msg(`${label} est obligatoire.`))
    .trim()
    .min(1, msg(`${label} est obligatoire.`))
    .max(max, msg(`${max} caractères au plus.`))

const optionalText = (max: number) => z.string().trim().max(max, msg(`${max} caractères au plus.`)).optional()

const optionalEmail = z
  .string()
  .trim()
  .max(254, msg('Adresse e-mail trop longue.'))
  .pipe(z.email(msg('Adresse e-mail invalide.')))
  .transform((v) => v.toLowerCase())
  .optional()

const requiredEmail = z
  .string(msg('Saisissez une adresse e-mail.'))
  .trim()
  .max(254, msg('Adresse e-mail trop longue.'))
  .pipe(z.email(msg('Adresse e-mail invalide.')))
  .transform((v) => v.toLowerCase())

/** yyyy-mm-dd from <input type="date">. */
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, msg('Date invalide.'))
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), msg('Date invalide.'))
  .optional()

/** Whole XOF amounts (no minor unit); spaces typed as thousands separators are accepted. */
const xofAmount = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/[\s\u202F\u00A0]/g, '') : v),
  z.coerce
    .number(msg('Montant invalide.'))
    .int(msg('Montant en F CFA entiers, sans décimales.'))
    .min(0, msg('Le montant ne peut pas être négatif.'))
    .max(1e13, msg('Montant trop élevé.'))
    .optional(),
)

const uuid = (label: string) => z.string(msg(`${label} est obligatoire.`)).uuid(msg(`${label} est invalide.`))

/** Section — clients */
export const ClientSchema = z.object({
  name: requiredText('Le nom de l’entreprise', 160),
  contact_name: optionalText(120),
  email: optionalEmail,
  phone: optionalText(40),
  address: optionalText(300),
  city: optionalText(80),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, msg('Code pays à deux lettres (CI, SN…).'))
    .default('CI'),
  ncc: optionalText(40),
  rccm: optionalText(60),
})
export type ClientInput = z.infer<typeof ClientSchema>

export const InviteMemberSchema = z.object({
  email: requiredEmail,
  full_name: optionalText(120),
  role: z.enum(['owner', 'member'], msg('Rôle invalide.')).default('member'),
  job_title: optionalText(120),
})
export type InviteMemberInput = z.infer<typeof InviteMemberSchema>

export const ClientNoteSchema = z.object({
  body: requiredText('La note', 10000),
})

export const MemberRefSchema = z.object({ user_id: uuid('Le membre') })

export const MemberRoleSchema = z.object({ user_id: uuid('Le membre'), role: z.enum(['owner', 'member'], msg('Rôle invalide.')) })

/** Section — projects */
export const ProjectSchema = z
  .object({
    client_id: uuid('Le client'),
    title: requiredText('Le titre', 200),
    description: optionalText(5000),
    status: z.enum(PROJECT_STATUSES, msg('Statut invalide.')).default('active'),
    progress_mode: z.enum(PROGRESS_MODES, msg('Mode de calcul invalide.')).default('tasks'),
    progress: z.coerce
      .number(msg('Avancement invalide.'))
      .int(msg('Un nombre entier entre 0 et 100.'))
      .min(0, msg('Entre 0 et 100.'))
      .max(100, msg('Entre 0 et 100.'))
      .optional(),
    start_date: isoDay,
    end_date: isoDay,
    budget_ht: xofAmount,
  })
  .refine((v) => !v.start_date || !v.end_date || v.end_date >= v.start_date, {
    path: ['end_date'],
    ...msg('La date de fin doit suivre la date de début.'),
  })
  .refine((v) => v.progress_mode !== 'manual' || v.progress !== undefined, {
    path: ['progress'],
    ...msg('Indiquez l’avancement (0 à 100) en mode manuel.'),
  })
export type ProjectInput = z.infer<typeof ProjectSchema>

export const MilestoneSchema = z.object({
  milestone_id: z.string().uuid().optional(),
  title: requiredText('Le titre du jalon', 200),
  description: optionalText(5000),
  version_label: optionalText(40),
  due_date: isoDay,
  status: z.enum(MILESTONE_STATUSES, msg('Statut invalide.')).default('planned'),
  /** One deliverable per line. */
  deliverables: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .refine((list) => list.length <= 30, msg('30 livrables au plus.')),
})
export type MilestoneInput = z.infer<typeof MilestoneSchema>

export const ReorderSchema = z.object({
  ids: z.array(z.string().uuid(), msg('Ordre invalide.')).min(1, msg('Ordre invalide.')).max(200),
})

export const TeamMemberSchema = z.object({
  user_id: uuid('La personne'),
  role_label: requiredText('Le rôle', 80),
})

export const IdSchema = z.object({ id: uuid('L’identifiant') })

/** Section — prospects */
export const ProspectSchema = z.object({
  company_name: requiredText('Le nom de l’entreprise', 160),
  contact_name: optionalText(120),
  email: optionalEmail,
  phone: optionalText(40),
  source: optionalText(80),
  stage: z.enum(PROSPECT_STAGES, msg('Étape invalide.')).default('nouveau'),
  estimated_amount: xofAmount,
  notes: optionalText(10000),
  next_action: optionalText(300),
  next_action_date: isoDay,
  lost_reason: optionalText(500),
})
export type ProspectInput = z.infer<typeof ProspectSchema>

export const ProspectStageSchema = z.object({
  id: uuid('Le prospect'),
  stage: z.enum(PROSPECT_STAGES, msg('Étape invalide.')),
  position: z.coerce.number().int().min(0).max(100_000).optional(),
})

export const ConvertProspectSchema = z
  .object({
    name: requiredText('Le nom du client', 160),
    create_project: z.boolean().optional(),
    project_title: optionalText(200),
    invite: z.boolean().optional(),
    invite_email: optionalEmail,
    invite_name: optionalText(120),
  })
  .refine((v) => !v.create_project || Boolean(v.project_title), {
    path: ['project_title'],
    ...msg('Donnez un titre au projet.'),
  })
  .refine((v) => !v.invite || Boolean(v.invite_email), {
    path: ['invite_email'],
    ...msg('Saisissez l’adresse e-mail à inviter.'),
  })
export type ConvertProspectInput = z.infer<typeof ConvertProspectSchema>

/** Section — settings (one form per card; `intent` tells them apart) */
const hexColor = z
  .string(msg('Choisissez une couleur.'))
  .trim()
  .regex(/^#[0-9A-Fa-f]{6}$/, msg('Couleur au format #RRGGBB.'))

export const BrandingSchema = z.object({
  company_name: requiredText('Le nom affiché', 120),
  accent_color: hexColor,
})

export const LegalSchema = z.object({
  legal_name: requiredText('La raison sociale', 160),
  legal_form: optionalText(80),
  ncc: optionalText(40),
  rccm: optionalText(60),
  tax_regime: optionalText(120),
  capital: optionalText(80),
  address: optionalText(300),
  city: requiredText('La ville', 80),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, msg('Code pays à deux lettres (CI, SN…).'))
    .default('CI'),
  phone: optionalText(40),
  email: optionalEmail,
  website: optionalText(200),
  bank_name: optionalText(120),
  bank_account_holder: optionalText(160),
  bank_account_number: optionalText(60),
  bank_iban: optionalText(60),
  bank_swift: optionalText(20),
})

export const DocumentsSchema = z.object({
  invoice_footer: optionalText(1000),
  quote_terms: optionalText(5000),
  payment_terms_days: z.coerce.number(msg('Nombre de jours invalide.')).int().min(0, msg('Entre 0 et 365.')).max(365, msg('Entre 0 et 365.')),
  quote_validity_days: z.coerce.number(msg('Nombre de jours invalide.')).int().min(1, msg('Entre 1 et 365.')).max(365, msg('Entre 1 et 365.')),
})

export const PaymentsSchema = z.object({
  online_payment_enabled: z.boolean().optional(),
  cinetpay_channels: z
    .array(z.enum(CINETPAY_CHANNELS, msg('Canal inconnu.')))
    .optional()
    .transform((v) => v ?? []),
  manual_payment_instructions: optionalText(3000),
}).refine((v) => !v.online_payment_enabled || v.cinetpay_channels.length > 0, {
  path: ['cinetpay_channels'],
  ...msg('Activez au moins un canal pour le paiement en ligne.'),
})

const slaHours = z.coerce
  .number(msg('Nombre d’heures invalide.'))
  .int(msg('Un nombre entier d’heures.'))
  .min(1, msg('Au moins 1 heure.'))
  .max(24 * 60, msg('60 jours au plus.'))

export const SlaSchema = z
  .object({ sla_hours_urgent: slaHours, sla_hours_high: slaHours, sla_hours_normal: slaHours, sla_hours_low: slaHours })
  .refine(
    (v) => v.sla_hours_urgent <= v.sla_hours_high && v.sla_hours_high <= v.sla_hours_normal && v.sla_hours_normal <= v.sla_hours_low,
    { path: ['sla_hours_low'], ...msg('Une priorité plus haute doit avoir un délai plus court ou égal.') },
  )

/** The template schema depends on the allowed variables of the template being edited. */
export function emailTemplateSchema(allowed: readonly string[]) {
  const known = (text: string) => templateVariables(text).every((v) => allowed.includes(v))
  const unknownMessage = () =>
    `Variable inconnue. Variables possibles : ${allowed.map((v) => `{{${v}}}`).join(', ')}.`
  return z.object({
    key: z.string().regex(/^[a-z][a-z0-9_]{1,62}$/, msg('Modèle inconnu.')),
    subject: requiredText('L’objet', 200).refine(known, { error: unknownMessage }),
    body: requiredText('Le texte', 20000).refine(known, { error: unknownMessage }),
  })
}

