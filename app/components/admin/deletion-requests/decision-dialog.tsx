// The admin's decision on a deletion request, behind a confirmation dialog
// that says what will happen. A note goes with it (optional when processing,
// the reason when refusing); what was typed stays after a refused submission.
import { useState } from 'react'
import { useFetcher } from 'react-router'
// The shared form field (also used by the client portal's forms): importing
// ui/textarea directly here would split it into a chunk of its own that the
// client pages then download separately (npm run bench:bundle).
import { TextareaField } from '~/components/forms.tsx'
import { Button } from '~/components/ui/button.tsx'
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '~/components/ui/dialog.tsx'

export interface DecisionReply {
  formError?: string
  fieldErrors?: { note?: string[] }
  values?: { note?: string }
}

export function DecisionDialog({
  intent,
  requestId,
  person,
  trigger,
}: {
  intent: 'process' | 'reject'
  requestId: string
  person: string
  trigger: React.ReactNode
}) {
  const [open, setOpen] = useState(false)
  const fetcher = useFetcher<DecisionReply>()
  const busy = fetcher.state !== 'idle'
  const reply = fetcher.data
  const noteId = `note-${intent}-${requestId}`
  const process = intent === 'process'
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{process ? `Supprimer le compte de ${person} ?` : `Refuser la demande de ${person} ?`}</DialogTitle>
          <DialogDescription asChild>
            {process ? (
              <div className="space-y-2 text-left">
                <p>Cette action est définitive :</p>
                <ul className="list-disc space-y-1 pl-5">
                  <li>la personne perd l’accès à l’espace client (compte de connexion supprimé, rattachements retirés) ;</li>
                  <li>son nom, son téléphone, son WhatsApp, sa photo et ses préférences sont effacés ;</li>
                  <li>les factures, paiements, devis et réclamations de l’entreprise sont conservés (obligation comptable).</li>
                </ul>
              </div>
            ) : (
              <p className="text-left">La demande sera close sans suppression. Indiquez le motif : il doit être communiqué à la personne.</p>
            )}
          </DialogDescription>
        </DialogHeader>
        <fetcher.Form method="post" className="grid gap-4">
          <input type="hidden" name="intent" value={intent} />
          <input type="hidden" name="request_id" value={requestId} />
          <TextareaField
            label={process ? 'Note interne (facultative)' : 'Motif du refus'}
            errors={reply?.fieldErrors?.note}
            textareaProps={{
              id: noteId,
              name: 'note',
              rows: 3,
              maxLength: 2000,
              required: !process,
              defaultValue: reply?.values?.note ?? '',
            }}
          />
          {reply?.formError && (
            <p role="alert" className="text-sm text-danger">
              {reply.formError}
            </p>
          )}
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                Annuler
              </Button>
            </DialogClose>
            <Button type="submit" variant={process ? 'destructive' : 'default'} disabled={busy}>
              {busy ? 'Un instant…' : process ? 'Supprimer le compte' : 'Refuser la demande'}
            </Button>
          </DialogFooter>
        </fetcher.Form>
      </DialogContent>
    </Dialog>
  )
}
