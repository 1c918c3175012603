import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Button, Container, type DataTablePaginationState, Heading, Text } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { IssueLicenseDrawer } from "../components/issue-license-drawer"
import { LicensesTable } from "../components/licenses-table"
import { errorMessage, useLicenses } from "../lib/api"

const PAGE_SIZE = 10

/** The customer's license keys, newest first, a page at a time (DataTable); a row opens the key. */
const CustomerLicensesWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const [issueOpen, setIssueOpen] = useState(false)
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const { data, isLoading, error } = useLicenses({
    customer_id: customer.id,
    limit: pagination.pageSize,
    offset: pagination.pageIndex * pagination.pageSize,
    order: "-created_at",
  })
  const owner = useMemo(
    () => ({
      id: customer.id,
      email: customer.email,
      first_name: customer.first_name ?? null,
      last_name: customer.last_name ?? null,
      has_account: customer.has_account,
    }),
    [customer.id, customer.email, customer.first_name, customer.last_name, customer.has_account]
  )

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Licenses</Heading>
          {data ? (
            <Text size="small" className="text-ui-fg-subtle">
              {data.count} key{data.count === 1 ? "" : "s"}
            </Text>
          ) : null}
        </div>
        <Button size="small" variant="secondary" onClick={() => setIssueOpen(true)}>
          Issue license
        </Button>
      </div>
      {error ? (
        <Text className="px-6 py-4 text-ui-fg-error">Could not load licenses: {errorMessage(error)}</Text>
      ) : (
        <LicensesTable
          licenses={data?.licenses ?? []}
          count={data?.count ?? 0}
          isLoading={isLoading}
          pagination={{ state: pagination, onPaginationChange: setPagination }}
          emptyText="This customer has no license keys."
        />
      )}
      <IssueLicenseDrawer
        open={issueOpen}
        onOpenChange={setIssueOpen}
        customer={owner}
      />
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "customer.details.after" })

export default CustomerLicensesWidget
