import { Toaster as Sonner, type ToasterProps } from 'sonner'

/**
 * Toasts in the design system's neutrals. `theme="system"` follows the same
 * prefers-color-scheme as the rest of the UI.
 */
function Toaster(props: ToasterProps) {
  return (
    <Sonner
      theme="system"
      position="top-center"
      className="toaster group"
      richColors={false}
      closeButton
      toastOptions={{ duration: 5000 }}
      style={
        {
          '--normal-bg': 'var(--popover)',
          '--normal-text': 'var(--popover-foreground)',
          '--normal-border': 'var(--border)',
        } as React.CSSProperties
      }
      {...props}
    />
  )
}

export { Toaster }
