import type { StoreLicenseDetail } from "../types"
import RenewButton from "./renew-button"
import UpgradeButton from "./upgrade-button"

/**
 * The row of actions at the top of a license's page. Empty today: renewals,
 * upgrades and downloads add their buttons (client components, each calling a
 * server action of src/lib/data/licenses.ts) here, so a store that copied this
 * folder gets them by copying it again.
 */
export default function LicenseActions({ license }: { license: StoreLicenseDetail }) {
  const actions: React.ReactNode[] = []
  // Renew (docs/renewals-and-upgrades.md): a key with an expiry, not revoked; the button hides itself when the
  // product is not renewable.
  if (license.status !== "revoked" && license.expires_at) {
    actions.push(<RenewButton key="renew" licenseId={license.id} label={license.product_title ?? "License"} />)
  }
  // Upgrade (docs/renewals-and-upgrades.md "Upgrades"): an active key; the buttons hide themselves when the policy
  // has no upgrade path or the key expired.
  if (license.status === "active") {
    actions.push(<UpgradeButton key="upgrade" licenseId={license.id} label={license.product_title ?? "License"} />)
  }
  if (!actions.length) return null
  return <div className="flex flex-wrap gap-2" data-testid="license-actions">{actions}</div>
}
