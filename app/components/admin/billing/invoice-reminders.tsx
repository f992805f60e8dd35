// The "Relances" card of the admin invoice page: the last reminders of the
// invoice (automatic from the daily cron, or by hand and by whom) and, for an
// overdue invoice with a balance, "Relancer le client" behind a confirmation.
import { BellRingIcon } from 'lucide-react'
import { ConfirmAction } from '~/components/admin/confirm.tsx'
import { Button } from '~/components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '~/components/ui/card.tsx'
import type { InvoiceReminder } from '~/lib/admin/billing/invoice-reminders.server.ts'
import { formatDateTime, formatXOF } from '~/lib/format.ts'

const recipients = (n: number) => (n === 0 ? 'aucun destinataire' : `${n} destinataire${n > 1 ? 's' : ''}`)

export function InvoiceRemindersCard({
  reminders,
  canRemind,
  clientName,
  balanceDue,
}: {
  reminders: InvoiceReminder[]
  canRemind: boolean
  clientName: string
  balanceDue: number
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Relances</CardTitle>
        <CardDescription>
          Automatiques chaque matin à partir du lendemain de l’échéance, au plus une fois par semaine ; les membres qui les ont désactivées ne les reçoivent pas.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col items-start gap-4 text-sm">
        {reminders.length === 0 ? (
          <p className="text-muted-foreground">Aucune relance envoyée.</p>
        ) : (
          <ul className="w-full divide-y rounded-lg border" aria-label="Dernières relances">
            {reminders.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 p-3">
                <span className="font-medium">{formatDateTime(r.sent_at)}</span>
                <span>{r.automatic ? 'Automatique' : `Par ${r.sent_by_name}`}</span>
                <span className="text-muted-foreground">{recipients(r.recipients)}</span>
              </li>
            ))}
          </ul>
        )}
        {canRemind && (
          <ConfirmAction
            // The action redirects back here (flash): a new latest reminder remounts the dialog closed.
            key={reminders[0]?.id ?? 'none'}
            trigger={
              <Button variant="outline">
                <BellRingIcon aria-hidden="true" /> Relancer le client
              </Button>
            }
            title="Relancer le client ?"
            description={`Les membres de ${clientName} reçoivent maintenant l’e-mail de relance (solde dû : ${formatXOF(balanceDue)}). La relance automatique attend ensuite 7 jours.`}
            intent="remind"
            confirmLabel="Envoyer la relance"
            destructive={false}
          />
        )}
      </CardContent>
    </Card>
  )
}
