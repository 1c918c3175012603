import { Badge, Container, Heading, Table, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { Link } from "react-router-dom"
import { errorMessage, licenseKeys } from "../../lib/api"
import { formatDateTime } from "../../lib/format"
import { sdk } from "../../lib/sdk"

type AdminLicenseRenewal = {
  id: string
  order_id: string
  order_display_id: number | null
  term_days: number
  terms: number
  previous_expires_at: string
  new_expires_at: string
  created_at: string
  rolled_back_at: string | null
  rolled_back_reason: string | null
}

/** The license's renewals with their orders (docs/renewals-and-upgrades.md): what each extended, and any roll-back. */
export const RenewalsSection = ({ licenseId }: { licenseId: string }) => {
  const { data, isLoading, error } = useQuery({
    queryKey: [...licenseKeys.detail(licenseId), "renewals"],
    queryFn: () => sdk.client.fetch<{ renewals: AdminLicenseRenewal[] }>(`/admin/licenses/${licenseId}/renewals`),
  })
  const renewals = data?.renewals ?? []
  return (
    <Container className="divide-y p-0" data-testid="license-renewals">
      <div className="px-6 py-4">
        <Heading level="h2">Renewals</Heading>
      </div>
      {isLoading ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : error ? (
        <Text className="text-ui-fg-error px-6 py-4">Could not load the renewals: {errorMessage(error)}</Text>
      ) : !renewals.length ? (
        <Text className="text-ui-fg-subtle px-6 py-4">Not renewed yet.</Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Renewed</Table.HeaderCell>
              <Table.HeaderCell>Order</Table.HeaderCell>
              <Table.HeaderCell>Term</Table.HeaderCell>
              <Table.HeaderCell>Expiry</Table.HeaderCell>
              <Table.HeaderCell>State</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {renewals.map((r) => (
              <Table.Row key={r.id} data-testid="renewal-history-row">
                <Table.Cell>{formatDateTime(r.created_at)}</Table.Cell>
                <Table.Cell>
                  <Link to={`/orders/${r.order_id}`}>#{r.order_display_id ?? r.order_id}</Link>
                </Table.Cell>
                <Table.Cell>{r.terms > 1 ? `${r.terms} x ${r.term_days} days` : `${r.term_days} days`}</Table.Cell>
                <Table.Cell>
                  {formatDateTime(r.previous_expires_at)} → {formatDateTime(r.new_expires_at)}
                </Table.Cell>
                <Table.Cell>
                  {r.rolled_back_at ? (
                    <Badge size="2xsmall" color="orange">Rolled back ({r.rolled_back_reason}) {formatDateTime(r.rolled_back_at)}</Badge>
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
