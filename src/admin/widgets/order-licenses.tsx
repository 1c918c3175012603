import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Container, Heading, Table, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { formatActivations, formatExpiry, statusColor, statusLabel } from "../lib/format"
import { sdk } from "../lib/sdk"
import type { AdminLicenseList } from "../lib/types"

/** The keys issued for this order, with their status and activations. */
const OrderLicensesWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { data, isLoading, error } = useQuery({
    queryKey: ["licenses", "order", order.id],
    queryFn: () =>
      sdk.client.fetch<AdminLicenseList>("/admin/licenses", { query: { order_id: order.id, limit: 100 } }),
  })

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Licenses</Heading>
        {data ? <Text size="small" className="text-ui-fg-subtle">{data.count} issued</Text> : null}
      </div>
      {isLoading ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : error ? (
        <Text className="px-6 py-4 text-ui-fg-error">Could not load licenses: {(error as Error).message}</Text>
      ) : !data?.licenses.length ? (
        <Text className="px-6 py-4 text-ui-fg-subtle">No license keys for this order.</Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Key</Table.HeaderCell>
              <Table.HeaderCell>Product</Table.HeaderCell>
              <Table.HeaderCell>Expiry</Table.HeaderCell>
              <Table.HeaderCell>Activations</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {data.licenses.map((license) => (
              <Table.Row key={license.id}>
                <Table.Cell className="font-mono text-xs">{license.key}</Table.Cell>
                <Table.Cell>
                  {license.product_title} · {license.variant_title}
                </Table.Cell>
                <Table.Cell>{formatExpiry(license.expires_at)}</Table.Cell>
                <Table.Cell>{formatActivations(license)}</Table.Cell>
                <Table.Cell>
                  <Badge size="2xsmall" color={statusColor[license.status]}>
                    {statusLabel[license.status]}
                  </Badge>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "order.details.after" })

export default OrderLicensesWidget
