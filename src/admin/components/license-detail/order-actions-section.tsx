import { Badge, Container, Heading, Table, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import type { ReactNode } from "react"
import { Link } from "react-router-dom"
import { errorMessage, licenseKeys } from "../../lib/api"
import { formatDateTime } from "../../lib/format"
import { sdk } from "../../lib/sdk"

/** What every order that acted on a license (a renewal, an upgrade) carries. */
export type LicenseOrderAction = {
  id: string
  order_id: string
  order_display_id: number | null
  created_at: string
  rolled_back_at: string | null
  rolled_back_reason: string | null
}

type Column<T> = { header: string; cell: (row: T) => ReactNode }

type Props<T extends LicenseOrderAction> = {
  licenseId: string
  /** The admin route's last segment and the answer's list name: `/admin/licenses/:id/<list>` answers `{ <list>: T[] }`. */
  list: "renewals" | "upgrades"
  title: string
  dateHeader: string
  emptyText: string
  testId: string
  rowTestId: string
  columns: Column<T>[]
  /** Said after the reason in a rolled-back row's badge. */
  rolledBackDetail?: (row: T) => string
}

/**
 * The orders that acted on a license, one row each with its order, what it changed (the columns) and whether a
 * refund, cancellation or return rolled it back (docs/renewals-and-upgrades.md).
 */
export function OrderActionsSection<T extends LicenseOrderAction>(props: Props<T>) {
  const { licenseId, list } = props
  const { data, isLoading, error } = useQuery({
    queryKey: [...licenseKeys.detail(licenseId), list],
    queryFn: () => sdk.client.fetch<Record<typeof list, T[]>>(`/admin/licenses/${licenseId}/${list}`),
  })
  const rows = data?.[list] ?? []
  return (
    <Container className="divide-y p-0" data-testid={props.testId}>
      <div className="px-6 py-4">
        <Heading level="h2">{props.title}</Heading>
      </div>
      {isLoading ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : error ? (
        <Text className="text-ui-fg-error px-6 py-4">
          Could not load the {list}: {errorMessage(error)}
        </Text>
      ) : !rows.length ? (
        <Text className="text-ui-fg-subtle px-6 py-4">{props.emptyText}</Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{props.dateHeader}</Table.HeaderCell>
              <Table.HeaderCell>Order</Table.HeaderCell>
              {props.columns.map((column) => (
                <Table.HeaderCell key={column.header}>{column.header}</Table.HeaderCell>
              ))}
              <Table.HeaderCell>State</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {rows.map((row) => (
              <Table.Row key={row.id} data-testid={props.rowTestId}>
                <Table.Cell>{formatDateTime(row.created_at)}</Table.Cell>
                <Table.Cell>
                  <Link to={`/orders/${row.order_id}`}>#{row.order_display_id ?? row.order_id}</Link>
                </Table.Cell>
                {props.columns.map((column) => (
                  <Table.Cell key={column.header}>{column.cell(row)}</Table.Cell>
                ))}
                <Table.Cell>
                  {row.rolled_back_at ? (
                    <Badge size="2xsmall" color="orange">
                      Rolled back ({row.rolled_back_reason}
                      {props.rolledBackDetail?.(row) ?? ""}) {formatDateTime(row.rolled_back_at)}
                    </Badge>
                  ) : (
                    <Badge size="2xsmall" color="green">
                      In force
                    </Badge>
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
