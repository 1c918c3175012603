import { Badge, Container, Heading, Table, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { Link } from "react-router-dom"
import { errorMessage, licenseKeys } from "../../lib/api"
import { formatDateTime, formatMaxActivations } from "../../lib/format"
import { sdk } from "../../lib/sdk"

type AdminLicenseUpgrade = {
  id: string
  order_id: string
  order_display_id: number | null
  from_variant_title: string | null
  previous_max_activations: number | null
  to_variant_title: string | null
  max_activations: number | null
  created_at: string
  rolled_back_at: string | null
  rolled_back_reason: string | null
  released_activations: number
}

const cap = (n: number | null) => (n === null ? "?" : formatMaxActivations(n))

/** The license's upgrades with their orders (docs/renewals-and-upgrades.md "Upgrades"): from what to what, and any roll-back. */
export const UpgradesSection = ({ licenseId }: { licenseId: string }) => {
  const { data, isLoading, error } = useQuery({
    queryKey: [...licenseKeys.detail(licenseId), "upgrades"],
    queryFn: () => sdk.client.fetch<{ upgrades: AdminLicenseUpgrade[] }>(`/admin/licenses/${licenseId}/upgrades`),
  })
  const upgrades = data?.upgrades ?? []
  return (
    <Container className="divide-y p-0" data-testid="license-upgrades">
      <div className="px-6 py-4">
        <Heading level="h2">Upgrades</Heading>
      </div>
      {isLoading ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : error ? (
        <Text className="text-ui-fg-error px-6 py-4">Could not load the upgrades: {errorMessage(error)}</Text>
      ) : !upgrades.length ? (
        <Text className="text-ui-fg-subtle px-6 py-4">Not upgraded yet.</Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Upgraded</Table.HeaderCell>
              <Table.HeaderCell>Order</Table.HeaderCell>
              <Table.HeaderCell>Variant</Table.HeaderCell>
              <Table.HeaderCell>Activation limit</Table.HeaderCell>
              <Table.HeaderCell>State</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {upgrades.map((u) => (
              <Table.Row key={u.id} data-testid="upgrade-history-row">
                <Table.Cell>{formatDateTime(u.created_at)}</Table.Cell>
                <Table.Cell>
                  <Link to={`/orders/${u.order_id}`}>#{u.order_display_id ?? u.order_id}</Link>
                </Table.Cell>
                <Table.Cell>
                  {u.from_variant_title ?? "-"} → {u.to_variant_title ?? "-"}
                </Table.Cell>
                <Table.Cell>
                  {cap(u.previous_max_activations)} → {cap(u.max_activations)}
                </Table.Cell>
                <Table.Cell>
                  {u.rolled_back_at ? (
                    <Badge size="2xsmall" color="orange">
                      Rolled back ({u.rolled_back_reason}
                      {u.released_activations ? `, ${u.released_activations} slots freed` : ""}) {formatDateTime(u.rolled_back_at)}
                    </Badge>
                  ) : (
                    <Badge size="2xsmall" color="green">In force</Badge>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}
