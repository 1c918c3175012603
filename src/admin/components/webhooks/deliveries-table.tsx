import { Badge, Button, Table, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { errorMessage } from "../../lib/api"
import { formatDateTime } from "../../lib/format"
import { type AdminWebhookDelivery, type DeliveryStatus, useResendDelivery, useWebhookDeliveries } from "./api"

const PAGE_SIZE = 10

const STATUS: Record<DeliveryStatus, { label: string; color: "green" | "orange" | "red" | "blue" }> = {
  succeeded: { label: "Delivered", color: "green" },
  pending: { label: "Retrying", color: "orange" },
  sending: { label: "Sending", color: "blue" },
  failed: { label: "Failed", color: "red" },
}

const statusOf = (delivery: AdminWebhookDelivery) =>
  delivery.status === "pending" && delivery.attempts === 0 ? { label: "Queued", color: "blue" as const } : STATUS[delivery.status]

/** The endpoint's recent deliveries, newest first, with a Resend button. */
export const DeliveriesTable = ({ webhookId }: { webhookId: string }) => {
  const [offset, setOffset] = useState(0)
  const { data, isLoading, isError, error } = useWebhookDeliveries(webhookId, offset, PAGE_SIZE)
  const resend = useResendDelivery(webhookId)

  const resendOne = async (delivery: AdminWebhookDelivery) => {
    try {
      await resend.mutateAsync(delivery.id)
      toast.success("Delivery queued again", { description: delivery.type })
    } catch (e) {
      toast.error("Could not resend", { description: errorMessage(e) })
    }
  }

  if (isLoading) {
    return <Text size="small" className="text-ui-fg-subtle px-6 py-4">Loading deliveries…</Text>
  }
  if (isError || !data) {
    return (
      <Text size="small" className="text-ui-fg-error px-6 py-4" role="alert">
        Could not load the deliveries: {errorMessage(error)}
      </Text>
    )
  }
  if (!data.deliveries.length) {
    return <Text size="small" className="text-ui-fg-subtle px-6 py-4">No deliveries yet.</Text>
  }
  return (
    <div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Event</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Attempts</Table.HeaderCell>
            <Table.HeaderCell>Response</Table.HeaderCell>
            <Table.HeaderCell>Created</Table.HeaderCell>
            <Table.HeaderCell>Next try</Table.HeaderCell>
            <Table.HeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {data.deliveries.map((delivery) => {
            const status = statusOf(delivery)
            return (
              <Table.Row key={delivery.id} data-testid="webhook-delivery-row">
                <Table.Cell>
                  <div className="flex flex-col">
                    <span className="font-mono text-xs">{delivery.type}</span>
                    <span className="text-ui-fg-muted font-mono text-xs">{delivery.event_id}</span>
                  </div>
                </Table.Cell>
                <Table.Cell>
                  <Badge size="2xsmall" color={status.color}>
                    {status.label}
                  </Badge>
                </Table.Cell>
                <Table.Cell>{delivery.attempts}</Table.Cell>
                <Table.Cell className="max-w-[220px]">
                  <span className="font-mono text-xs">{delivery.response_code ?? "-"}</span>
                  {delivery.last_error && delivery.status !== "succeeded" ? (
                    <span className="text-ui-fg-subtle block truncate text-xs" title={delivery.last_error}>
                      {delivery.last_error}
                    </span>
                  ) : null}
                </Table.Cell>
                <Table.Cell>{formatDateTime(delivery.created_at)}</Table.Cell>
                <Table.Cell>{delivery.status === "pending" ? formatDateTime(delivery.next_attempt_at) : "-"}</Table.Cell>
                <Table.Cell className="text-right">
                  <Button
                    size="small"
                    variant="transparent"
                    disabled={delivery.status === "sending" || resend.isPending}
                    onClick={() => resendOne(delivery)}
                  >
                    Resend
                  </Button>
                </Table.Cell>
              </Table.Row>
            )
          })}
        </Table.Body>
      </Table>
      <Table.Pagination
        count={data.count}
        pageSize={PAGE_SIZE}
        pageIndex={offset / PAGE_SIZE}
        pageCount={Math.max(1, Math.ceil(data.count / PAGE_SIZE))}
        canPreviousPage={offset > 0}
        canNextPage={offset + PAGE_SIZE < data.count}
        previousPage={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
        nextPage={() => setOffset(offset + PAGE_SIZE)}
      />
    </div>
  )
}
