import { Table, Text } from "@medusajs/ui"
import { Link, useNavigate } from "react-router-dom"
import { formatActivations, formatExpiry, formatOrder, formatProduct, isExpired } from "../lib/format"
import type { AdminLicense } from "../lib/types"
import { LicenseStatusBadge } from "./license-status-badge"

/** A compact list of keys for the order and customer widgets; a row opens the license. */
export const LicensesTable = ({
  licenses,
  show = "order",
}: {
  licenses: AdminLicense[]
  /** The column that differs between widgets: the order (customer page) or nothing (order page). */
  show?: "order" | "none"
}) => {
  const navigate = useNavigate()
  if (!licenses.length) {
    return null
  }
  return (
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Key</Table.HeaderCell>
          <Table.HeaderCell>Product</Table.HeaderCell>
          {show === "order" ? <Table.HeaderCell>Order</Table.HeaderCell> : null}
          <Table.HeaderCell>Expiry</Table.HeaderCell>
          <Table.HeaderCell>Activations</Table.HeaderCell>
          <Table.HeaderCell>Status</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {licenses.map((license) => (
          <Table.Row
            key={license.id}
            className="cursor-pointer"
            data-testid="widget-license-row"
            onClick={() => navigate(`/licenses/${license.id}`)}
          >
            <Table.Cell className="font-mono text-xs">
              <Link
                to={`/licenses/${license.id}`}
                onClick={(e) => e.stopPropagation()}
                className="text-ui-fg-interactive hover:underline"
              >
                {license.key}
              </Link>
            </Table.Cell>
            <Table.Cell>{formatProduct(license)}</Table.Cell>
            {show === "order" ? <Table.Cell>{formatOrder(license)}</Table.Cell> : null}
            <Table.Cell>
              <Text size="small" className={isExpired(license.expires_at) ? "text-ui-fg-error" : undefined}>
                {formatExpiry(license.expires_at)}
              </Text>
            </Table.Cell>
            <Table.Cell>{formatActivations(license)}</Table.Cell>
            <Table.Cell>
              <LicenseStatusBadge status={license.status} />
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
