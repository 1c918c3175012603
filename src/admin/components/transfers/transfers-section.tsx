import { Badge, Button, Container, Heading, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { errorMessage } from "../../lib/api"
import { formatDateTime } from "../../lib/format"
import type { AdminLicense } from "../../lib/types"
import { type AdminTransferRequest, type TransferStatus, useCancelTransferClaim, useLicenseTransfers } from "./api"
import { claimSent, DecideTransferDrawer, type TransferAction } from "./decide-transfer-drawer"

const STATUS: Record<TransferStatus, { label: string; color: "orange" | "green" | "red" | "grey" }> = {
  pending: { label: "Pending", color: "orange" },
  awaiting_claim: { label: "Awaiting claim", color: "orange" },
  approved: { label: "Transferred", color: "green" },
  denied: { label: "Denied", color: "red" },
  canceled: { label: "Canceled", color: "grey" },
  expired: { label: "Claim expired", color: "grey" },
}

/** Transfer requests of a license: approve or deny the pending one, see past ones, or transfer directly. */
export const TransfersSection = ({ license }: { license: Pick<AdminLicense, "id" | "status"> }) => {
  const { data, isLoading, isError, error } = useLicenseTransfers(license.id)
  const [action, setAction] = useState<TransferAction | null>(null)
  const transfers = data?.transfers ?? []
  const pending = transfers.find((t) => t.status === "pending")
  const awaiting = transfers.find((t) => t.status === "awaiting_claim")
  const past = transfers.filter((t) => t.status !== "pending" && t.status !== "awaiting_claim").slice(0, 5)
  const cancelClaim = useCancelTransferClaim()
  const onCancelClaim = async (request: AdminTransferRequest) => {
    try {
      await cancelClaim.mutateAsync({ id: request.id })
      toast.success("Claim canceled", { description: `The link to ${request.to_email} no longer works.` })
    } catch (error) {
      toast.error("Could not cancel the claim", { description: errorMessage(error) })
    }
  }

  const line = (transfer: AdminTransferRequest) => (
    <div key={transfer.id} className="flex flex-col gap-y-1 px-6 py-3" data-testid="transfer-request">
      <div className="flex items-center justify-between gap-x-2">
        <Text size="small" weight="plus" className="break-all">
          → {transfer.to_email}
        </Text>
        <Badge size="2xsmall" color={STATUS[transfer.status].color}>
          {STATUS[transfer.status].label}
        </Badge>
      </div>
      <Text size="xsmall" className="text-ui-fg-subtle">
        {transfer.requested_by_type === "admin" ? "By an admin" : `Asked by ${transfer.from_email ?? "the owner"}`} ·{" "}
        {formatDateTime(transfer.created_at)}
        {transfer.decided_at ? ` · decided ${formatDateTime(transfer.decided_at)}` : ""}
      </Text>
      {transfer.note ? (
        <Text size="xsmall" className="text-ui-fg-subtle">
          Note: {transfer.note}
        </Text>
      ) : null}
      {transfer.status === "awaiting_claim" && transfer.claim ? (
        <Text size="xsmall" className={transfer.claim.expired ? "text-ui-fg-error" : "text-ui-fg-subtle"} data-testid="transfer-claim">
          {transfer.claim.expired ? `Claim to ${transfer.claim.to_email} expired ${formatDateTime(transfer.claim.expires_at)}` : claimSent(transfer.claim)}
        </Text>
      ) : null}
    </div>
  )

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Transfers</Heading>
        <Button
          size="small"
          variant="secondary"
          disabled={license.status === "revoked" || !!pending || !!awaiting}
          onClick={() => setAction({ type: "direct" })}
        >
          Transfer
        </Button>
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">Loading transfers…</Text>
      ) : isError ? (
        <Text size="small" className="text-ui-fg-error px-6 py-4" role="alert">
          Could not load the transfers: {errorMessage(error)}
        </Text>
      ) : (
        <>
          {pending ? (
            <div>
              {line(pending)}
              <div className="flex gap-x-2 px-6 pb-4">
                <Button size="small" onClick={() => setAction({ type: "approve", request: pending })}>
                  Approve
                </Button>
                <Button size="small" variant="secondary" onClick={() => setAction({ type: "deny", request: pending })}>
                  Deny
                </Button>
              </div>
            </div>
          ) : null}
          {awaiting ? (
            <div>
              {line(awaiting)}
              <div className="flex gap-x-2 px-6 pb-4">
                <Button size="small" variant="secondary" isLoading={cancelClaim.isPending} onClick={() => onCancelClaim(awaiting)}>
                  Cancel claim
                </Button>
              </div>
            </div>
          ) : null}
          {past.map(line)}
          {!transfers.length ? (
            <Text size="small" className="text-ui-fg-subtle px-6 py-4">No transfer requests.</Text>
          ) : null}
        </>
      )}
      <DecideTransferDrawer licenseId={license.id} action={action} onClose={() => setAction(null)} />
    </Container>
  )
}
