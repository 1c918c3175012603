import { Container, Heading, Text } from "@medusajs/ui"
import LocalizedClientLink from "@modules/common/components/localized-client-link"
import { activationsLabel, expiryLabel, licenseTitle } from "../format"
import type { StoreLicense } from "../types"
import LicenseKey from "./license-key"
import LicenseStatusBadge from "./license-status-badge"
import RenewButton from "./renew-button"
import UpgradeButton from "./upgrade-button"

/** One license in the list: product, key (with Copy), status, expiry and slots. */
export default function LicenseCard({ license }: { license: StoreLicense }) {
  const title = licenseTitle(license)
  return (
    <Container className="flex flex-col gap-y-3" data-testid="license-card">
      <div className="flex items-start justify-between gap-x-4">
        <div>
          <Heading level="h2" className="txt-large-plus">
            {title}
          </Heading>
          {license.variant_title && <Text className="text-ui-fg-subtle">{license.variant_title}</Text>}
        </div>
        <LicenseStatusBadge status={license.status} />
      </div>
      <LicenseKey licenseKey={license.key} label={title} />
      <div className="flex flex-wrap items-center gap-x-6 gap-y-1 txt-compact-small text-ui-fg-subtle">
        <span>{expiryLabel(license)}</span>
        <span>
          Sites: <span data-testid="license-activations">{activationsLabel(license)}</span>
        </span>
        {license.order_display_id !== null && <span>Order #{license.order_display_id}</span>}
      </div>
      {license.status !== "revoked" && license.expires_at && <RenewButton licenseId={license.id} label={title} />}
      {license.status === "active" && <UpgradeButton licenseId={license.id} label={title} />}
      <div>
        <LocalizedClientLink
          href={`/account/licenses/${license.id}`}
          className="txt-compact-small-plus text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
          aria-label={`Manage ${title} (${license.variant_title ?? license.key})`}
        >
          Manage sites and transfer →
        </LocalizedClientLink>
      </div>
    </Container>
  )
}
