"use client"

import { freeLicenseSlot } from "@lib/data/licenses"
import { Button, Text } from "@medusajs/ui"
import { useState } from "react"
import { usePending } from "../use-pending"

/**
 * "Free this slot", with a confirmation: the site stops counting against the
 * license (it re-activates on its next check while slots remain). The server
 * action revalidates the licenses tag, so the list and counts redraw.
 */
export default function FreeSlotButton({
  licenseId,
  activationId,
  identifier,
  disabled,
}: {
  licenseId: string
  activationId: string
  identifier: string
  disabled?: boolean
}) {
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [pending, run] = usePending()

  const free = () =>
    run(async () => {
      const result = await freeLicenseSlot(licenseId, activationId)
      if (!result.ok) {
        setError(result.error)
        setConfirming(false)
      }
    })

  if (confirming) {
    return (
      <div className="flex flex-wrap items-center gap-2">
        <Text size="small">Free {identifier}?</Text>
        <Button size="small" variant="danger" type="button" onClick={free} isLoading={pending}>
          Yes, free this slot
        </Button>
        <Button size="small" variant="secondary" type="button" onClick={() => setConfirming(false)} disabled={pending}>
          Cancel
        </Button>
      </div>
    )
  }
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        size="small"
        variant="secondary"
        type="button"
        disabled={disabled}
        onClick={() => {
          setError(null)
          setConfirming(true)
        }}
        aria-label={`Free this slot: ${identifier}`}
      >
        Free this slot
      </Button>
      {error && (
        <Text size="small" className="text-ui-fg-error" role="alert">
          {error}
        </Text>
      )}
    </div>
  )
}
