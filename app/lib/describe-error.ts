// Kept apart from the error page so an error boundary can read the status
// without downloading the page (see app/components/lazy-error-page.tsx).

/** Status and message of whatever an error boundary caught. */
export function describeError(error: unknown): { status: number; message?: string } {
  if (error && typeof error === 'object' && 'status' in error && 'data' in error) {
    const { status, data } = error as { status: number; data: unknown }
    const message =
      data && typeof data === 'object' && typeof (data as { message?: unknown }).message === 'string'
        ? (data as { message: string }).message
        : undefined
    return { status, message }
  }
  return { status: 500 }
}
