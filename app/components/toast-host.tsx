// Toasts without paying for them on first load: sonner (~10 KB gzipped) is
// fetched only when a toast is actually shown. `notify()` works from any
// component; the root renders <ToastHost> once. Sonner replays toasts created
// before its <Toaster> subscribed, so nothing is lost while it loads.
import { lazy, Suspense, useEffect, useState } from 'react'
import type { Flash, FlashKind } from '~/lib/flash.ts'

const Toaster = lazy(() => import('./ui/sonner.tsx').then((m) => ({ default: m.Toaster })))

const MOUNT_EVENT = 'nourx:toast'

export function notify(kind: FlashKind, message: string) {
  window.dispatchEvent(new Event(MOUNT_EVENT))
  void import('sonner').then(({ toast }) => {
    if (kind === 'error') toast.error(message)
    else if (kind === 'success') toast.success(message)
    else toast(message)
  })
}

export function ToastHost({ flash }: { flash: Flash | null }) {
  const [mounted, setMounted] = useState(false)
  useEffect(() => {
    const mount = () => setMounted(true)
    window.addEventListener(MOUNT_EVENT, mount)
    return () => window.removeEventListener(MOUNT_EVENT, mount)
  }, [])
  useEffect(() => {
    if (flash) notify(flash.kind, flash.message)
  }, [flash])
  if (!mounted) return null
  return (
    <Suspense fallback={null}>
      <Toaster />
    </Suspense>
  )
}
