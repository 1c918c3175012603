"use client"

import { requestLicenseTransfer, withdrawLicenseTransfer } from "@lib/data/licenses"
import { Button, Input, Label, Text } from "@medusajs/ui"
import { useState } from "react"
import { usePending } from "../use-pending"
import { formatDate, TRANSFER_LABEL } from "../format"
import type { StoreLicenseTransfer } from "../types"

/**
 * Transfer: ask the store to move the license to another e-mail. The store
 * approves and the recipient redeems a claim link; until then the license stays
 * here. A pending request can be withdrawn.
 */
export default function TransferLicense({
  licenseId,
  transfer,
  transferable,
}: {
  licenseId: string
  transfer: StoreLicenseTransfer | null
  transferable: boolean
}) {
  const [email, setEmail] = useState("")
  const [error, setError] = useState<string | null>(null)
  const [pending, withPending] = usePending()
  const open = transfer && (transfer.status === "pending" || transfer.status === "awaiting_claim")

  const run = (action: () => ReturnType<typeof withdrawLicenseTransfer>) =>
    withPending(async () => {
      setError(null)
      const result = await action()
      if (!result.ok) setError(result.error)
      else setEmail("")
    })

  return (
    <div className="flex flex-col gap-y-3" data-testid="license-transfer">
      {transfer && (
        <Text size="small" role="status" data-testid="transfer-status">
          Transfer to {transfer.to_email} ({formatDate(transfer.created_at)}): {TRANSFER_LABEL[transfer.status]}
          {transfer.note ? `. Note from the store: ${transfer.note}` : ""}
        </Text>
      )}
      {open ? (
        transfer.status === "pending" && (
          <div>
            <Button variant="secondary" size="small" type="button" isLoading={pending} onClick={() => run(() => withdrawLicenseTransfer(licenseId))}>
              Withdraw the request
            </Button>
          </div>
        )
      ) : transferable ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault()
            run(() => requestLicenseTransfer(licenseId, email))
          }}
        >
          <div className="flex flex-col gap-y-1">
            <Label htmlFor={`transfer-email-${licenseId}`} size="small">
              Recipient's e-mail
            </Label>
            <Input
              id={`transfer-email-${licenseId}`}
              type="email"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              placeholder="colleague@example.com"
            />
          </div>
          <Button type="submit" size="small" isLoading={pending} disabled={!email.trim()}>
            Request transfer
          </Button>
        </form>
      ) : (
        <Text size="small" className="text-ui-fg-subtle">
          This license cannot be transferred.
        </Text>
      )}
      {error && (
        <Text size="small" className="text-ui-fg-error" role="alert">
          {error}
        </Text>
      )}
    </div>
  )
}
