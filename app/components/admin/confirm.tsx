import { useEffect, useState } from 'react'
import { useFetcher } from 'react-router'
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

/**
 * A destructive action behind a confirmation: the trigger opens a dialog that
 * says what will happen; only "Confirmer" posts `intent` and `fields` to the
 * page's action. Errors returned as `{ formError }` show in the dialog.
 */
export function ConfirmAction({
  trigger,
  title,
  description,
  confirmLabel = 'Confirmer',
  intent,
  fields = {},
  action,
  destructive = true,
}: {
  trigger: React.ReactNode
  title: string
  description: React.ReactNode
  confirmLabel?: string
  intent: string
  fields?: Record<string, string>
  action?: string
  destructive?: boolean
}) {
  const [open, setOpen] = useState(false)
  const fetcher = useFetcher<{ formError?: string; ok?: boolean }>()
  const busy = fetcher.state !== 'idle'
  useEffect(() => {
    if (fetcher.state === 'idle' && fetcher.data && !fetcher.data.formError) setOpen(false)
  }, [fetcher.state, fetcher.data])
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {fetcher.data?.formError && (
          <p role="alert" className="text-sm text-danger">
            {fetcher.data.formError}
          </p>
        )}
        <fetcher.Form method="post" action={action}>
          <input type="hidden" name="intent" value={intent} />
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                Annuler
              </Button>
            </DialogClose>
            <Button type="submit" variant={destructive ? 'destructive' : 'default'} disabled={busy}>
              {busy ? 'Un instant…' : confirmLabel}
            </Button>
          </DialogFooter>
        </fetcher.Form>
      </DialogContent>
    </Dialog>
  )
}
