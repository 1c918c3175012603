import type { StoreLicenseDetail } from "../types"

/**
 * The row of actions at the top of a license's page. Empty today: renewals,
 * upgrades and downloads add their buttons (client components, each calling a
 * server action of src/lib/data/licenses.ts) here, so a store that copied this
 * folder gets them by copying it again.
 */
export default function LicenseActions({ license }: { license: StoreLicenseDetail }) {
  const actions: React.ReactNode[] = []
  void license
  if (!actions.length) return null
  return <div className="flex flex-wrap gap-2" data-testid="license-actions">{actions}</div>
}
