import { useState } from 'react'
import type * as React from 'react'
import { initialsOf } from '~/lib/initials.ts'
import { cn } from '~/lib/utils.ts'

/*
 * shadcn's Avatar API on plain elements: the fallback (initials) sits under
 * the image, which covers it once loaded and disappears if it fails. Radix's
 * Avatar does the same with a loading-status context, for ~2 KB gzipped.
 */
function Avatar({ className, ...props }: React.ComponentProps<'span'>) {
  return (
    <span
      data-slot="avatar"
      className={cn('relative flex size-8 shrink-0 overflow-hidden rounded-full', className)}
      {...props}
    />
  )
}

function AvatarImage({ className, alt = '', onError, ...props }: React.ComponentProps<'img'>) {
  const [failed, setFailed] = useState(false)
  if (failed || !props.src) return null
  return (
    <img
      data-slot="avatar-image"
      alt={alt}
      className={cn('absolute inset-0 aspect-square size-full object-cover', className)}
      onError={(event) => {
        setFailed(true)
        onError?.(event)
      }}
      {...props}
    />
  )
}

function AvatarFallback({ className, ...props }: React.ComponentProps<'span'>) {
  return (
    <span
      data-slot="avatar-fallback"
      className={cn('flex size-full items-center justify-center rounded-full bg-muted text-xs font-medium', className)}
      {...props}
    />
  )
}

export { Avatar, AvatarImage, AvatarFallback, initialsOf }
