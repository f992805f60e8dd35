// zod schemas of the back office's task forms, shared by the form (conform
// validates in the browser) and the action. Isomorphic: no server imports.
// Conform sends nothing for empty inputs, hence `.optional()` everywhere a
// column is nullable; the server module stores null.
import { z } from 'zod'
import { PRIORITIES, TASK_STATUSES } from '../../tasks/labels.ts'

const msg = (text: string) => ({ error: () => text })
const uuid = (label: string) => z.string(msg(`${label} est obligatoire.`)).uuid(msg(`${label} est invalide.`))
const optionalUuid = z.string().uuid(msg('Valeur invalide.')).optional()
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, msg('Date invalide.'))
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), msg('Date invalide.'))
  .optional()

export const VISIBILITIES = ['internal', 'client'] as const
export type Visibility = (typeof VISIBILITIES)[number]
export const VISIBILITY_LABEL: Record<Visibility, string> = { internal: 'Interne (NOURX)', client: 'Visible par le client' }

export const TaskSchema = z.object({
  project_id: uuid('Le projet'),
  title: z
    .string(msg('Le titre est obligatoire.'))
    .trim()
    .min(1, msg('Le titre est obligatoire.'))
    .max(300, msg('300 caractères au plus.')),
  description: z.string().trim().max(10000, msg('10 000 caractères au plus.')).optional(),
  status: z.enum(TASK_STATUSES, msg('Statut invalide.')).default('todo'),
  priority: z.enum(PRIORITIES, msg('Priorité invalide.')).default('normal'),
  visibility: z.enum(VISIBILITIES, msg('Visibilité invalide.')).default('internal'),
  assigned_to: optionalUuid,
  milestone_id: optionalUuid,
  due_date: isoDay,
})
export type TaskInput = z.infer<typeof TaskSchema>

/**
 * Kanban drop: the column, and the place among the cards of the same project
 * in it. The board sends its neighbours of the same project as shown
 * (`after_id` above the drop, `before_id` below), which places the card
 * exactly even when filters hide some cards of that project; `index` (0 = top,
 * counted on the cards shown) is the fallback. Neither: end of the column.
 */
export const MoveTaskSchema = z.object({
  task_id: uuid('La tâche'),
  status: z.enum(TASK_STATUSES, msg('Statut invalide.')),
  index: z.coerce
    .number(msg('Place invalide.'))
    .int(msg('Place invalide.'))
    .min(0, msg('Place invalide.'))
    .max(100_000, msg('Place invalide.'))
    .optional(),
  after_id: optionalUuid,
  before_id: optionalUuid,
})

export const AssignSchema = z.object({ task_id: uuid('La tâche'), assigned_to: optionalUuid })

export const ChecklistAddSchema = z.object({
  label: z
    .string(msg('Saisissez un libellé.'))
    .trim()
    .min(1, msg('Saisissez un libellé.'))
    .max(300, msg('300 caractères au plus.')),
})

export const ChecklistToggleSchema = z.object({
  item_id: uuid('L’élément'),
  is_done: z.enum(['true', 'false']).transform((v) => v === 'true'),
})

export const RefSchema = z.object({ id: uuid('L’identifiant') })

/** Filters of the list and board, read from the URL. */
export const TASK_FILTERS = ['projet', 'statut', 'priorite', 'visibilite', 'assigne', 'vue'] as const
