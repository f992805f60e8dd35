import { FileIcon } from '~/components/icons.tsx'
import { formatBytes, formatDateTime } from '~/lib/format.ts'
import type { TicketAttachment, TicketMessage } from '~/lib/tickets/tickets.server.ts'
import { cn } from '~/lib/utils.ts'

export function AttachmentLinks({ ticketId, attachments }: { ticketId: string; attachments: TicketAttachment[] }) {
  if (attachments.length === 0) return null
  return (
    <ul className="mt-2 flex flex-wrap gap-2" aria-label="Pièces jointes">
      {attachments.map((a) => (
        <li key={a.document_id}>
          <a
            href={`/api/reclamations/${ticketId}/pieces-jointes/${a.document_id}`}
            className="inline-flex max-w-full items-center gap-1.5 rounded-md border bg-background px-2 py-1 text-sm hover:bg-accent"
          >
            <FileIcon className="size-4 shrink-0" aria-hidden="true" />
            <span className="truncate">{a.file_name}</span>
            <span className="shrink-0 text-muted-foreground">{formatBytes(a.size_bytes)}</span>
          </a>
        </li>
      ))}
    </ul>
  )
}

/** The public conversation: the client's messages on the right, NOURX's on the left. */
export function Thread({ ticketId, messages, meId }: { ticketId: string; messages: TicketMessage[]; meId: string }) {
  if (messages.length === 0) return <p className="text-sm text-muted-foreground">Aucun message pour l’instant.</p>
  return (
    <ol className="flex flex-col gap-4" aria-label="Conversation">
      {messages.map((m) => {
        const mine = m.author_id === meId
        return (
          <li key={m.id} className={cn('flex flex-col gap-1', mine ? 'items-end' : 'items-start')}>
            <div className="text-xs text-muted-foreground">
              <span className="font-medium text-foreground">
                {mine ? 'Vous' : m.from_nourx ? `${m.author_name ?? 'NOURX'} · NOURX` : (m.author_name ?? 'Membre de votre équipe')}
              </span>{' '}
              · {formatDateTime(m.created_at)}
            </div>
            <div
              className={cn(
                'max-w-[min(40rem,100%)] rounded-xl border px-4 py-3 text-sm whitespace-pre-line',
                mine ? 'bg-muted' : 'bg-background',
                m.from_nourx && 'border-foreground/20',
              )}
              data-author={m.from_nourx ? 'nourx' : 'client'}
            >
              {m.body}
              <AttachmentLinks ticketId={ticketId} attachments={m.attachments} />
            </div>
          </li>
        )
      })}
    </ol>
  )
}
