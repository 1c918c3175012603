import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArrowDownTray, Key, Plus } from "@medusajs/icons"
import {
  Button,
  Container,
  Copy,
  createDataTableColumnHelper,
  createDataTableCommandHelper,
  createDataTableFilterHelper,
  DataTable,
  type DataTableFilteringState,
  type DataTablePaginationState,
  type DataTableRowSelectionState,
  type DataTableSortingState,
  Heading,
  Text,
  toast,
  useDataTable,
} from "@medusajs/ui"
import { useMemo, useState } from "react"
import { useNavigate } from "react-router-dom"
import { IssueLicenseDrawer } from "../../components/issue-license-drawer"
import { LicensingOverviewSection } from "../../components/licensing-overview"
import { LicenseStatusBadge } from "../../components/license-status-badge"
import { RevokePrompt } from "../../components/revoke-prompt"
import {
  downloadLicensesCsv,
  errorMessage,
  type LicenseListQuery,
  useBulkRevokeLicenses,
  useLicensePolicies,
  useLicenses,
} from "../../lib/api"
import { formatExpiry, formatMaxActivations, formatProduct, isExpired } from "../../lib/format"
import type { AdminLicense, LicenseListFilters, LicenseStatus } from "../../lib/types"

const PAGE_SIZE = 20

const columnHelper = createDataTableColumnHelper<AdminLicense>()

/** Column ids are the API's sort fields. */
const columns = [
  columnHelper.select(),
  columnHelper.accessor("key", {
    header: "License Key",
    cell: ({ getValue }) => (
      <div className="flex items-center gap-x-1">
        <span className="font-mono text-xs" data-testid="license-key">
          {getValue()}
        </span>
        {/* Copying must not open the license (the row's click). */}
        <span onClick={(e) => e.stopPropagation()}>
          <Copy content={getValue()} className="text-ui-fg-muted" />
        </span>
      </div>
    ),
    truncateTooltip: false,
  }),
  columnHelper.accessor("customer_email", {
    header: "Customer",
    // A Discord-only license shows its Discord ID.
    cell: ({ getValue, row }) => getValue() ?? (row.original.customer_discord_id ? `Discord ${row.original.customer_discord_id}` : "-"),
    enableSorting: true,
    sortLabel: "Customer",
    sortAscLabel: "A-Z",
    sortDescLabel: "Z-A",
  }),
  columnHelper.accessor("product_title", {
    header: "Product",
    cell: ({ row }) => formatProduct(row.original),
    enableSorting: true,
    sortLabel: "Product",
    sortAscLabel: "A-Z",
    sortDescLabel: "Z-A",
  }),
  columnHelper.accessor("expires_at", {
    header: "Expiry",
    cell: ({ getValue }) => {
      const expiresAt = getValue()
      return isExpired(expiresAt) ? (
        <span className="text-ui-fg-error" title="Expired">
          {formatExpiry(expiresAt)} (expired)
        </span>
      ) : (
        formatExpiry(expiresAt)
      )
    },
    enableSorting: true,
    sortLabel: "Expiry",
    sortAscLabel: "Soonest first",
    sortDescLabel: "Latest first",
  }),
  columnHelper.accessor("max_activations", {
    header: "Max Activations",
    cell: ({ getValue }) => formatMaxActivations(getValue()),
    enableSorting: true,
    sortLabel: "Max activations",
    align: "right",
  }),
  columnHelper.accessor("activations_used", {
    header: "Activations Used",
    enableSorting: true,
    sortLabel: "Activations used",
    align: "right",
  }),
  columnHelper.accessor("status", {
    header: "Status",
    cell: ({ getValue, row }) => <LicenseStatusBadge status={getValue()} suspension={row.original.suspension} />,
    enableSorting: true,
    sortLabel: "Status",
  }),
  columnHelper.accessor("created_at", {
    header: "Issued",
    cell: ({ getValue }) => new Date(getValue()).toLocaleDateString(),
    enableSorting: true,
    sortLabel: "Issued",
    sortAscLabel: "Oldest first",
    sortDescLabel: "Newest first",
  }),
]

const filterHelper = createDataTableFilterHelper<AdminLicense>()
const commandHelper = createDataTableCommandHelper()

const STATUS_OPTIONS: { label: string; value: LicenseStatus }[] = [
  { label: "Active", value: "active" },
  { label: "Expired", value: "expired" },
  { label: "Suspended", value: "suspended" },
  { label: "Revoked", value: "revoked" },
  { label: "In grace", value: "grace" },
]

/** The DataTable's filter state as the API's filters. */
function toFilters(filtering: DataTableFilteringState, search: string): LicenseListFilters {
  const status = filtering.status as string[] | undefined
  const product = filtering.product_id as string | string[] | undefined
  const days = filtering.expiring_within_days as number | undefined
  return {
    q: search.trim() || undefined,
    status: status?.length ? (status as LicenseStatus[]) : undefined,
    product_id: product?.length ? (Array.isArray(product) ? product : [product]) : undefined,
    expiring_within_days: typeof days === "number" && days >= 0 ? Math.floor(days) : undefined,
  }
}

const LicensesPage = () => {
  const navigate = useNavigate()
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const [search, setSearch] = useState("")
  const [filtering, setFiltering] = useState<DataTableFilteringState>({})
  const [sorting, setSorting] = useState<DataTableSortingState | null>(null)
  const [rowSelection, setRowSelection] = useState<DataTableRowSelectionState>({})
  const [issueOpen, setIssueOpen] = useState(false)
  const [revokeIds, setRevokeIds] = useState<string[] | null>(null)
  const [exporting, setExporting] = useState(false)

  const filters = useMemo(() => toFilters(filtering, search), [filtering, search])
  const query: LicenseListQuery = {
    ...filters,
    limit: pagination.pageSize,
    offset: pagination.pageIndex * pagination.pageSize,
    order: sorting ? `${sorting.desc ? "-" : ""}${sorting.id}` : undefined,
  }
  const { data, isLoading, isError, error } = useLicenses(query)
  const policies = useLicensePolicies()
  const bulkRevoke = useBulkRevokeLicenses()

  const productOptions = useMemo(() => {
    const products = new Map<string, string>()
    for (const p of policies.data?.license_policies ?? []) {
      products.set(p.product_id, p.product_title ?? p.product_id)
    }
    return [...products.entries()].map(([value, label]) => ({ value, label }))
  }, [policies.data])

  const dataTableFilters = useMemo(
    () => [
      filterHelper.accessor("status", { type: "multiselect", label: "Status", options: STATUS_OPTIONS, searchable: false }),
      filterHelper.accessor("product_id", { type: "select", label: "Product", options: productOptions }),
      filterHelper.custom({
        id: "expiring_within_days",
        type: "number",
        label: "Expiring within (days)",
        placeholder: "Days, e.g. 30",
        includeOperators: false,
      }),
    ],
    [productOptions]
  )

  const commands = useMemo(
    () => [
      commandHelper.command({
        label: "Revoke",
        shortcut: "r",
        action: (selection) => setRevokeIds(Object.keys(selection).filter((id) => selection[id])),
      }),
    ],
    []
  )

  const table = useDataTable({
    data: data?.licenses ?? [],
    columns,
    getRowId: (row) => row.id,
    rowCount: data?.count ?? 0,
    isLoading,
    filters: dataTableFilters,
    commands,
    rowSelection: { state: rowSelection, onRowSelectionChange: setRowSelection },
    pagination: { state: pagination, onPaginationChange: setPagination },
    search: { state: search, onSearchChange: setSearch },
    filtering: { state: filtering, onFilteringChange: setFiltering },
    sorting: { state: sorting, onSortingChange: setSorting },
    onRowClick: (_event, row) => navigate(`/licenses/${row.id}`),
  })

  const confirmBulkRevoke = async (reason: string) => {
    if (!revokeIds) {
      return
    }
    try {
      const result = await bulkRevoke.mutateAsync({ ids: revokeIds, reason })
      const skipped = result.skipped?.length ?? 0
      toast.success(`${result.revoked.length} license${result.revoked.length === 1 ? "" : "s"} revoked`, {
        description: skipped ? `${skipped} already revoked or not found.` : undefined,
      })
      setRowSelection({})
    } catch (e) {
      toast.error("Could not revoke the licenses", { description: errorMessage(e) })
      throw e
    }
  }

  const exportCsv = async () => {
    setExporting(true)
    try {
      const name = await downloadLicensesCsv(filters)
      toast.success("Export ready", { description: name })
    } catch (e) {
      toast.error("Could not export the licenses", { description: errorMessage(e) })
    } finally {
      setExporting(false)
    }
  }

  return (
    <div className="flex flex-col gap-y-3">
      <LicensingOverviewSection />
      <Container className="divide-y p-0">
        <DataTable instance={table}>
          <DataTable.Toolbar className="flex flex-col items-start justify-between gap-2 md:flex-row md:items-center">
            <div>
              <Heading>Licenses</Heading>
              <Text size="small" className="text-ui-fg-subtle">
                Every license key: search by key, last group, customer e-mail or order number.
              </Text>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              <DataTable.Search placeholder="Search keys, e-mails, orders" />
              <span data-testid="licenses-filter-menu">
                <DataTable.FilterMenu tooltip="Filter" />
              </span>
              <DataTable.SortingMenu tooltip="Sort" />
              <Button size="small" variant="secondary" onClick={exportCsv} isLoading={exporting} data-testid="licenses-export">
                <ArrowDownTray />
                Export CSV
              </Button>
              <Button size="small" variant="secondary" onClick={() => setIssueOpen(true)}>
                <Plus />
                Issue license
              </Button>
            </div>
          </DataTable.Toolbar>
          {isError ? (
            <Text className="text-ui-fg-error px-6 py-4" role="alert">
              Could not load licenses: {errorMessage(error)}
            </Text>
          ) : null}
          <DataTable.Table
            emptyState={{
              empty: { heading: "No licenses yet", description: "Keys appear here when a licensed product is ordered." },
              filtered: { heading: "No licenses match", description: "Change the search or the filters." },
            }}
          />
          <DataTable.Pagination />
          <DataTable.CommandBar selectedLabel={(count) => `${count} selected`} />
        </DataTable>
        <IssueLicenseDrawer open={issueOpen} onOpenChange={setIssueOpen} />
        <RevokePrompt
          open={revokeIds !== null}
          onOpenChange={(open) => !open && setRevokeIds(null)}
          title={`Revoke ${revokeIds?.length ?? 0} license${revokeIds?.length === 1 ? "" : "s"}?`}
          description={`The ${revokeIds?.length ?? 0} selected key${revokeIds?.length === 1 ? "" : "s"} will stop verifying for good. Keys already revoked are left as they are.`}
          confirmLabel={`Revoke ${revokeIds?.length ?? 0}`}
          isPending={bulkRevoke.isPending}
          onConfirm={confirmBulkRevoke}
        />
      </Container>
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Licenses",
  icon: Key,
})

export default LicensesPage
