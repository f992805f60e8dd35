// The milestone approval dialog ("bon pour accord" of a delivered milestone),
// loaded on demand by milestone-card.tsx. The approval is dated and signed
// with the typed name; the action records who and when.
import { useEffect } from 'react'
import { useFetcher } from 'react-router'
import { FormError, TextareaField } from '~/components/forms.tsx'
import { TextField } from '~/components/text-field.tsx'
import { Button } from '~/components/ui/button.tsx'
import { Checkbox } from '~/components/ui/checkbox.tsx'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '~/components/ui/dialog.tsx'
import { Label } from '~/components/ui/label.tsx'
import type { RoadmapMilestone } from '~/lib/roadmap/get-roadmap.server.ts'
import type { MilestoneActionData } from './milestone-card.tsx'

export default function ApproveMilestoneDialog({
  milestone,
  defaultSignerName,
  onClose,
}: {
  milestone: RoadmapMilestone
  defaultSignerName: string
  onClose: () => void
}) {
  const fetcher = useFetcher<MilestoneActionData>({ key: `approve-${milestone.id}` })
  const result = fetcher.data
  const busy = fetcher.state !== 'idle'
  useEffect(() => {
    if (fetcher.state === 'idle' && result?.ok) onClose()
  }, [fetcher.state, result, onClose])
  return (
    <Dialog open onOpenChange={(open) => open || onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Valider « {milestone.title} »</DialogTitle>
          <DialogDescription>
            Votre validation est datée et signée de votre nom ; l’équipe NOURX la voit aussitôt.
          </DialogDescription>
        </DialogHeader>
        <fetcher.Form method="post" className="flex flex-col gap-4">
          <input type="hidden" name="intent" value="approve" />
          <input type="hidden" name="milestoneId" value={milestone.id} />
          <FormError message={result && !result.ok && !result.errors ? result.message : null} />
          <TextField
            label="Votre nom complet"
            errors={result?.errors?.signerName}
            inputProps={{
              name: 'signerName',
              autoComplete: 'name',
              required: true,
              minLength: 2,
              maxLength: 120,
              defaultValue: result?.values?.signerName ?? defaultSignerName,
            }}
          />
          <TextareaField
            label="Remarque (facultatif)"
            errors={result?.errors?.note}
            textareaProps={{ name: 'note', rows: 3, maxLength: 2000, defaultValue: result?.values?.note ?? '' }}
          />
          <div className="flex flex-col gap-1">
            <div className="flex items-start gap-2">
              <Checkbox id={`confirm-${milestone.id}`} name="confirm" value="on" required />
              <Label htmlFor={`confirm-${milestone.id}`} className="text-sm leading-snug font-normal">
                Je confirme que les livrables de ce jalon
                {milestone.version_label ? ` (version ${milestone.version_label})` : ''} sont conformes.
              </Label>
            </div>
            {result?.errors?.confirm && <p className="text-sm text-danger">{result.errors.confirm[0]}</p>}
          </div>
          <DialogFooter>
            <Button type="submit" disabled={busy}>
              {busy ? 'Validation…' : 'Valider le jalon'}
            </Button>
          </DialogFooter>
        </fetcher.Form>
      </DialogContent>
    </Dialog>
  )
}

