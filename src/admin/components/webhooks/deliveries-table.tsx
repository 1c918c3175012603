import {
  Badge,
  Button,
  createDataTableColumnHelper,
  DataTable,
  type DataTablePaginationState,
  Text,
  toast,
  useDataTable,
} from "@medusajs/ui"
import { useMemo, useState } from "react"
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

const columnHelper = createDataTableColumnHelper<AdminWebhookDelivery>()

/** The endpoint's recent deliveries, newest first, with a Resend button (Medusa's DataTable, paged on the server). */
export const DeliveriesTable = ({ webhookId }: { webhookId: string }) => {
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const { data, isLoading, isError, error } = useWebhookDeliveries(
    webhookId,
    pagination.pageIndex * pagination.pageSize,
    pagination.pageSize
  )
  const resend = useResendDelivery(webhookId)

  const columns = useMemo(() => {
    const resendOne = async (delivery: AdminWebhookDelivery) => {
      try {
        await resend.mutateAsync(delivery.id)
        toast.success("Delivery queued again", { description: delivery.type })
      } catch (e) {
        toast.error("Could not resend", { description: errorMessage(e) })
      }
    }
    return [
      columnHelper.accessor("type", {
        header: "Event",
        cell: ({ row }) => (
          <div className="flex flex-col">
            <span className="font-mono text-xs">{row.original.type}</span>
            <span className="text-ui-fg-muted font-mono text-xs">{row.original.event_id}</span>
          </div>
        ),
        truncateTooltip: false,
      }),
      columnHelper.accessor("status", {
        header: "Status",
        cell: ({ row }) => {
          const status = statusOf(row.original)
          return (
            <Badge size="2xsmall" color={status.color}>
              {status.label}
            </Badge>
          )
        },
      }),
      columnHelper.accessor("attempts", { header: "Attempts", align: "right" }),
      columnHelper.accessor("response_code", {
        header: "Response",
        cell: ({ row }) => (
          <div className="max-w-[220px]">
            <span className="font-mono text-xs">{row.original.response_code ?? "-"}</span>
            {row.original.last_error && row.original.status !== "succeeded" ? (
              <span className="text-ui-fg-subtle block truncate text-xs" title={row.original.last_error}>
                {row.original.last_error}
              </span>
            ) : null}
          </div>
        ),
        truncateTooltip: false,
      }),
      columnHelper.accessor("created_at", { header: "Created", cell: ({ getValue }) => formatDateTime(getValue()) }),
      columnHelper.accessor("next_attempt_at", {
        header: "Next try",
        cell: ({ row }) => (row.original.status === "pending" ? formatDateTime(row.original.next_attempt_at) : "-"),
      }),
      columnHelper.display({
        id: "resend",
        cell: ({ row }) => (
          <div className="flex justify-end">
            <Button
              size="small"
              variant="transparent"
              disabled={row.original.status === "sending" || resend.isPending}
              onClick={() => resendOne(row.original)}
            >
              Resend
            </Button>
          </div>
        ),
      }),
    ]
  }, [resend])

  const table = useDataTable({
    data: data?.deliveries ?? [],
    columns,
    getRowId: (row) => row.id,
    rowCount: data?.count ?? 0,
    isLoading,
    pagination: { state: pagination, onPaginationChange: setPagination },
  })

  if (isError) {
    return (
      <Text size="small" className="text-ui-fg-error px-6 py-4" role="alert">
        Could not load the deliveries: {errorMessage(error)}
      </Text>
    )
  }
  return (
    <div data-testid="webhook-deliveries">
      <DataTable instance={table}>
        <DataTable.Table emptyState={{ empty: { heading: "No deliveries yet", description: "Deliveries appear here when a subscribed event happens." } }} />
        <DataTable.Pagination />
      </DataTable>
    </div>
  )
}
