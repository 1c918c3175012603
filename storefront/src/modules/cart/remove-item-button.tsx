"use client"

import { removeLineItem } from "@lib/data/cart"
import { Button } from "@medusajs/ui"
import { useTransition } from "react"

export default function RemoveItemButton({ lineId, title }: { lineId: string; title: string }) {
  const [pending, startTransition] = useTransition()
  return (
    <Button
      variant="transparent"
      size="small"
      type="button"
      isLoading={pending}
      aria-label={`Remove ${title}`}
      onClick={() => startTransition(() => removeLineItem(lineId))}
    >
      Remove
    </Button>
  )
}
