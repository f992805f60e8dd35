// Read-only pieces of the invoice and quote pages: the lines and the totals
// exactly as the database computed them (what the client and the PDF show).
import { useEffect, useState } from 'react'
import { useFetcher } from 'react-router'
import { FormError } from '~/components/forms.tsx'
import { Button } from '~/components/ui/button.tsx'
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '~/components/ui/dialog.tsx'
import { Label } from '~/components/ui/label.tsx'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '~/components/ui/table.tsx'
import { Textarea } from '~/components/ui/textarea.tsx'
import { formatXOF } from '~/lib/format.ts'

export interface ViewLine {
  id: string
  label: string
  description: string | null
  quantity: number
  unit_price: number
  line_total: number
}

const qty = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 3 })

export function DocumentLines({ items }: { items: ViewLine[] }) {
  return (
    <div className="rounded-lg border">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Libellé</TableHead>
            <TableHead className="text-right">Quantité</TableHead>
            <TableHead className="text-right">Prix unitaire</TableHead>
            <TableHead className="text-right">Total HT</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((i) => (
            <TableRow key={i.id}>
              <TableCell>
                <span className="font-medium">{i.label}</span>
                {i.description && <span className="block text-xs text-muted-foreground">{i.description}</span>}
              </TableCell>
              <TableCell className="text-right tabular-nums">{qty.format(i.quantity)}</TableCell>
              <TableCell className="text-right whitespace-nowrap tabular-nums">{formatXOF(i.unit_price)}</TableCell>
              <TableCell className="text-right whitespace-nowrap tabular-nums">{formatXOF(i.line_total)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  )
}

/** The database's totals; for an invoice also what was paid and what is left. */
export function Totals({
  doc,
}: {
  doc: { subtotal_ht: number; vat_rate: number; vat_amount: number; total_ttc: number; amount_paid?: number; balance_due?: number; status: string }
}) {
  const rate = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(doc.vat_rate)
  return (
    <dl className="grid grid-cols-[1fr_auto] gap-x-6 gap-y-1.5 text-sm tabular-nums" aria-label="Totaux">
      <dt className="text-muted-foreground">Total HT</dt>
      <dd className="text-right" data-total="ht">
        {formatXOF(doc.subtotal_ht)}
      </dd>
      <dt className="text-muted-foreground">TVA {rate} %</dt>
      <dd className="text-right" data-total="tva">
        {formatXOF(doc.vat_amount)}
      </dd>
      <dt className="font-semibold">Total TTC</dt>
      <dd className="text-right font-semibold" data-total="ttc">
        {formatXOF(doc.total_ttc)}
      </dd>
      {doc.amount_paid !== undefined && doc.status !== 'draft' && (
        <>
          <dt className="text-muted-foreground">Déjà payé</dt>
          <dd className="text-right">{formatXOF(doc.amount_paid)}</dd>
          <dt className="font-medium">Reste dû</dt>
          <dd className="text-right font-medium" data-total="solde">
            {formatXOF(doc.balance_due ?? 0)}
          </dd>
        </>
      )}
    </dl>
  )
}

/** Cancellation with a reason (required by cancel_invoice); an issued invoice gets its credit note. */
export function CancelInvoiceDialog({ issued, trigger }: { issued: boolean; trigger: React.ReactNode }) {
  const [open, setOpen] = useState(false)
  const fetcher = useFetcher<{ formError?: string; ok?: boolean }>()
  useEffect(() => {
    if (fetcher.state === 'idle' && fetcher.data?.ok) setOpen(false)
  }, [fetcher.state, fetcher.data])
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{issued ? 'Annuler la facture par un avoir ?' : 'Annuler ce brouillon ?'}</DialogTitle>
          <DialogDescription>
            {issued
              ? 'Un avoir du montant total est émis et numéroté ; la facture passe « Annulée » et le client n’a plus rien à payer. C’est définitif.'
              : 'Le brouillon passe « Annulé » ; aucun numéro ni avoir n’est émis.'}
          </DialogDescription>
        </DialogHeader>
        <fetcher.Form method="post" className="flex flex-col gap-3">
          <input type="hidden" name="intent" value="cancel" />
          <Label htmlFor="cancel-reason">Motif (imprimé sur l’avoir)</Label>
          <Textarea id="cancel-reason" name="reason" rows={3} required minLength={3} maxLength={1000} />
          <FormError message={fetcher.data?.formError} />
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                Ne pas annuler
              </Button>
            </DialogClose>
            <Button type="submit" variant="destructive" disabled={fetcher.state !== 'idle'}>
              {fetcher.state !== 'idle' ? 'Un instant…' : issued ? 'Émettre l’avoir' : 'Annuler le brouillon'}
            </Button>
          </DialogFooter>
        </fetcher.Form>
      </DialogContent>
    </Dialog>
  )
}
