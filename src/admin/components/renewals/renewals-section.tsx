import { formatDateTime } from "../../lib/format"
import { type LicenseOrderAction, OrderActionsSection } from "../license-detail/order-actions-section"

type AdminLicenseRenewal = LicenseOrderAction & {
  term_days: number
  terms: number
  previous_expires_at: string
  new_expires_at: string
}

/** The license's renewals with their orders (docs/renewals-and-upgrades.md): what each extended, and any roll-back. */
export const RenewalsSection = ({ licenseId }: { licenseId: string }) => (
  <OrderActionsSection<AdminLicenseRenewal>
    licenseId={licenseId}
    list="renewals"
    title="Renewals"
    dateHeader="Renewed"
    emptyText="Not renewed yet."
    testId="license-renewals"
    rowTestId="renewal-history-row"
    columns={[
      { header: "Term", cell: (r) => (r.terms > 1 ? `${r.terms} x ${r.term_days} days` : `${r.term_days} days`) },
      { header: "Expiry", cell: (r) => `${formatDateTime(r.previous_expires_at)} → ${formatDateTime(r.new_expires_at)}` },
    ]}
  />
)
