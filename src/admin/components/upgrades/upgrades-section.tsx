import { formatMaxActivations } from "../../lib/format"
import { type LicenseOrderAction, OrderActionsSection } from "../license-detail/order-actions-section"

type AdminLicenseUpgrade = LicenseOrderAction & {
  from_variant_title: string | null
  previous_max_activations: number | null
  to_variant_title: string | null
  max_activations: number | null
  released_activations: number
}

const cap = (n: number | null) => (n === null ? "?" : formatMaxActivations(n))

/** The license's upgrades with their orders (docs/renewals-and-upgrades.md "Upgrades"): from what to what, and any roll-back. */
export const UpgradesSection = ({ licenseId }: { licenseId: string }) => (
  <OrderActionsSection<AdminLicenseUpgrade>
    licenseId={licenseId}
    list="upgrades"
    title="Upgrades"
    dateHeader="Upgraded"
    emptyText="Not upgraded yet."
    testId="license-upgrades"
    rowTestId="upgrade-history-row"
    columns={[
      { header: "Variant", cell: (u) => `${u.from_variant_title ?? "-"} → ${u.to_variant_title ?? "-"}` },
      { header: "Activation limit", cell: (u) => `${cap(u.previous_max_activations)} → ${cap(u.max_activations)}` },
    ]}
    rolledBackDetail={(u) => (u.released_activations ? `, ${u.released_activations} slots freed` : "")}
  />
)
