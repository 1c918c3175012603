import { Text } from "@medusajs/ui"
import type { AdminLicense } from "../../lib/types"
import { licenseExpiryRules } from "./expiry-draft"

export const LicenseExpiryRows = ({ license }: { license: AdminLicense }) => (
  <>
    {licenseExpiryRules(license).map((row) => (
      <div key={row.label} className="text-ui-fg-subtle grid grid-cols-2 items-center px-6 py-4" data-testid="license-expiry-rule">
        <Text size="small" weight="plus" leading="compact">
          {row.label}
        </Text>
        <div className="txt-small text-ui-fg-base">{row.value}</div>
      </div>
    ))}
  </>
)
