import {
  createDataTableColumnHelper,
  DataTable,
  type DataTablePaginationState,
  Text,
  useDataTable,
} from "@medusajs/ui"
import { useMemo } from "react"
import { Link, useNavigate } from "react-router-dom"
import { formatActivations, formatExpiry, formatOrder, formatProduct, isExpired } from "../lib/format"
import type { AdminLicense } from "../lib/types"
import { LicenseStatusBadge } from "./license-status-badge"

const columnHelper = createDataTableColumnHelper<AdminLicense>()

const keyColumn = columnHelper.accessor("key", {
  header: "Key",
  cell: ({ row }) => (
    <Link
      to={`/licenses/${row.original.id}`}
      onClick={(e) => e.stopPropagation()}
      className="text-ui-fg-interactive font-mono text-xs hover:underline"
    >
      {row.original.key}
    </Link>
  ),
  truncateTooltip: false,
})
const productColumn = columnHelper.accessor("product_title", { header: "Product", cell: ({ row }) => formatProduct(row.original) })
const orderColumn = columnHelper.accessor("order_display_id", { header: "Order", cell: ({ row }) => formatOrder(row.original) })
const expiryColumn = columnHelper.accessor("expires_at", {
  header: "Expiry",
  cell: ({ getValue }) => (
    <Text size="small" className={isExpired(getValue()) ? "text-ui-fg-error" : undefined}>
      {formatExpiry(getValue())}
    </Text>
  ),
})
const activationsColumn = columnHelper.accessor("activations_used", {
  header: "Activations",
  cell: ({ row }) => formatActivations(row.original),
})
const statusColumn = columnHelper.accessor("status", {
  header: "Status",
  cell: ({ getValue, row }) => <LicenseStatusBadge status={getValue()} suspension={row.original.suspension} />,
})

/**
 * A compact list of keys for the order and customer widgets (Medusa's
 * DataTable); a row opens the license. With `pagination`, the rows are one
 * page of `count` and the page changes go to the caller (server paging).
 */
export const LicensesTable = ({
  licenses,
  count,
  show = "order",
  pagination,
  isLoading = false,
  emptyText,
}: {
  licenses: AdminLicense[]
  count?: number
  /** The column that differs between widgets: the order (customer page) or nothing (order page). */
  show?: "order" | "none"
  pagination?: { state: DataTablePaginationState; onPaginationChange: (state: DataTablePaginationState) => void }
  isLoading?: boolean
  emptyText: string
}) => {
  const navigate = useNavigate()
  const columns = useMemo(
    () =>
      show === "order"
        ? [keyColumn, productColumn, orderColumn, expiryColumn, activationsColumn, statusColumn]
        : [keyColumn, productColumn, expiryColumn, activationsColumn, statusColumn],
    [show]
  )
  const table = useDataTable({
    data: licenses,
    columns,
    getRowId: (row) => row.id,
    rowCount: count ?? licenses.length,
    isLoading,
    pagination,
    onRowClick: (_event, row) => navigate(`/licenses/${row.id}`),
  })
  return (
    <div data-testid="widget-licenses">
      <DataTable instance={table}>
        <DataTable.Table emptyState={{ empty: { heading: emptyText } }} />
        {pagination ? <DataTable.Pagination /> : null}
      </DataTable>
    </div>
  )
}
