import { Container, Copy, Heading, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { Link } from "react-router-dom"
import { formatActivations, formatDateTime, formatExpiry, formatOrder, formatProduct, isExpired } from "../../lib/format"
import type { AdminLicense } from "../../lib/types"
import { LicenseStatusBadge } from "../license-status-badge"
import { LicenseExpiryRows } from "../expiry/license-expiry-rows"

const Row = ({ label, children }: { label: string; children: ReactNode }) => (
  <div className="text-ui-fg-subtle grid grid-cols-2 items-center px-6 py-4">
    <Text size="small" weight="plus" leading="compact">
      {label}
    </Text>
    <div className="txt-small text-ui-fg-base">{children}</div>
  </div>
)

/** The key (copy), status, owner, order, product snapshot, expiry and slots. */
export const LicenseHeaderSection = ({ license }: { license: AdminLicense }) => (
  <Container className="divide-y p-0">
    <div className="flex items-center justify-between gap-x-4 px-6 py-4">
      <div className="flex min-w-0 items-center gap-x-2">
        <Heading className="font-mono break-all" data-testid="license-key">
          {license.key}
        </Heading>
        <Copy content={license.key} />
      </div>
      <LicenseStatusBadge status={license.status} suspension={license.suspension} />
    </div>
    <Row label="Customer">
      {license.customer_id ? (
        <Link to={`/customers/${license.customer_id}`} className="text-ui-fg-interactive hover:underline">
          {license.customer_email ?? license.customer_id}
        </Link>
      ) : (
        license.customer_email ?? (license.customer_discord_id ? null : "-")
      )}
    </Row>
    {license.customer_discord_id ? (
      <Row label="Discord ID">
        <span className="font-mono" data-testid="license-discord-id">
          {license.customer_discord_id}
        </span>
      </Row>
    ) : null}
    <Row label="Order">
      {license.order_id ? (
        <Link to={`/orders/${license.order_id}`} className="text-ui-fg-interactive hover:underline">
          {formatOrder(license)}
        </Link>
      ) : (
        "Issued by hand"
      )}
    </Row>
    <Row label="Product">
      {license.product_id?.startsWith("prod_") ? (
        <Link to={`/products/${license.product_id}`} className="text-ui-fg-interactive hover:underline">
          {formatProduct(license)}
        </Link>
      ) : (
        formatProduct(license)
      )}
    </Row>
    <Row label="Expiry">
      <span className={isExpired(license.expires_at) ? "text-ui-fg-error" : undefined}>
        {formatExpiry(license.expires_at)}
        {isExpired(license.expires_at) ? " (expired)" : ""}
      </span>
    </Row>
    <LicenseExpiryRows license={license} />
    <Row label="Activations">
      <span data-testid="license-activations">{formatActivations(license)}</span>
    </Row>
    <Row label="Issued">{formatDateTime(license.created_at)}</Row>
    {license.status === "revoked" ? (
      <Row label="Revoked">
        {formatDateTime(license.revoked_at)}
        {license.revoke_reason ? ` · ${license.revoke_reason}` : ""}
      </Row>
    ) : null}
  </Container>
)
