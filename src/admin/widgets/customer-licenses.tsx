import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Button, Container, Heading, Text } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { IssueLicenseDrawer } from "../components/issue-license-drawer"
import { LicensesTable } from "../components/licenses-table"
import { errorMessage, useLicenses } from "../lib/api"

const LIMIT = 50

/** The customer's license keys, newest first; a row opens the key. */
const CustomerLicensesWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const [issueOpen, setIssueOpen] = useState(false)
  const { data, isLoading, error } = useLicenses({ customer_id: customer.id, limit: LIMIT, offset: 0 })
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
              {data.count > LIMIT ? ` (newest ${LIMIT} shown)` : ""}
            </Text>
          ) : null}
        </div>
        <Button size="small" variant="secondary" onClick={() => setIssueOpen(true)}>
          Issue license
        </Button>
      </div>
      {isLoading ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : error ? (
        <Text className="px-6 py-4 text-ui-fg-error">Could not load licenses: {errorMessage(error)}</Text>
      ) : !data?.licenses.length ? (
        <Text className="px-6 py-4 text-ui-fg-subtle">This customer has no license keys.</Text>
      ) : (
        <LicensesTable licenses={data.licenses} />
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
