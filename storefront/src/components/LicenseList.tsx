import type { StoreLicense } from "../api"
import { formatDate, productLabel } from "../format"
import { LicenseSummary } from "./LicenseSummary"

type Props = {
  licenses: StoreLicense[]
  onOpen: (license: StoreLicense) => void
  locale?: string
}

/** The customer's keys: product, expiry, status, the key with Copy, activations used / max. */
export function LicenseList({ licenses, onOpen, locale }: Props) {
  return (
    <ul className="lk-list" aria-label="Your license keys">
      {licenses.map((license) => {
        const product = productLabel(license)
        const titleId = `lk-license-${license.id}`
        return (
          <li key={license.id} className="lk-card" aria-labelledby={titleId} data-testid="license-card">
            <LicenseSummary license={license} titleId={titleId} locale={locale}>
              <div>
                <dt>Purchased</dt>
                <dd>{formatDate(license.created_at, locale)}</dd>
              </div>
            </LicenseSummary>
            <button
              type="button"
              className="lk-button lk-button--link"
              onClick={() => onOpen(license)}
              aria-label={`Manage activations of ${product}${license.variant_title ? ` (${license.variant_title})` : ""}`}
            >
              Manage activations
            </button>
          </li>
        )
      })}
    </ul>
  )
}
