import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { LicenseNoticeSection } from "../components/license-notice-section"
import { LicensesTable } from "../components/licenses-table"
import { errorMessage, useLicenses } from "../lib/api"

/**
 * The keys issued for this order, with their status and activations (a row
 * opens the key), and the state of the e-mail that sent them, with "Resend keys".
 */
const OrderLicensesWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { data, isLoading, error } = useLicenses({ order_id: order.id, limit: 100, offset: 0 })

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Licenses</Heading>
        {data ? <Text size="small" className="text-ui-fg-subtle">{data.count} issued</Text> : null}
      </div>
      {isLoading ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : error ? (
        <Text className="px-6 py-4 text-ui-fg-error">Could not load licenses: {errorMessage(error)}</Text>
      ) : !data?.licenses.length ? (
        <Text className="px-6 py-4 text-ui-fg-subtle">No license keys for this order.</Text>
      ) : (
        <>
          <LicenseNoticeSection orderId={order.id} />
          <LicensesTable licenses={data.licenses} show="none" emptyText="No license keys for this order." />
        </>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "order.details.after" })

export default OrderLicensesWidget
