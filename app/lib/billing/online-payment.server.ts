// Is online payment wired? The "Payer" button posts to /api/invoices/:id/pay,
// a resource route the payment work (issue 7) owns. Until that route file
// exists, posting would land on a 404: the invoice page says so plainly
// instead of showing a button that cannot work. Vite resolves the glob at
// build time (and on file creation in dev), so this costs nothing per request
// and the lazy imports it generates are never called.
const PAY_ROUTE_FILES = import.meta.glob([
  '/app/routes/api.invoices.$id.pay.tsx',
  '/app/routes/api.invoices.$id.pay.ts',
  '/app/routes/api.invoices.$id.pay/route.tsx',
  '/app/routes/api.invoices.$id.pay/route.ts',
])

export function payRouteExists(): boolean {
  return Object.keys(PAY_ROUTE_FILES).length > 0
}

/** The path the "Payer" form posts to (issue 7's contract). */
export function payActionPath(invoiceId: string): string {
  return `/api/invoices/${invoiceId}/pay`
}

// "J'ai payé mais ma facture n'est pas à jour" (issue 7): a ticket linked to
// the transaction plus an immediate re-check, posted to the payment work's route.
const REPORT_ROUTE_FILES = import.meta.glob([
  '/app/routes/api.paiements.$transactionId.signaler.tsx',
  '/app/routes/api.paiements.$transactionId.signaler/route.tsx',
])

export function reportPaidPath(transactionId: string): string | null {
  return Object.keys(REPORT_ROUTE_FILES).length > 0 ? `/api/paiements/${encodeURIComponent(transactionId)}/signaler` : null
}
