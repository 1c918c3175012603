import type { StoreLicense } from "../api"
import { activationsDescription, activationsLabel, expiryLabel, formatDate, productLabel } from "../format"
import { LicenseKey } from "./LicenseKey"
import { StatusBadge } from "./StatusBadge"

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
            <div className="lk-card__header">
              <h3 id={titleId} className="lk-card__title">
                {product}
                {license.variant_title ? <span className="lk-card__variant"> · {license.variant_title}</span> : null}
              </h3>
              <StatusBadge status={license.status} />
            </div>
            <LicenseKey value={license.key} productName={license.variant_title ? `${product} (${license.variant_title})` : product} />
            <dl className="lk-facts">
              <div>
                <dt>Expiry</dt>
                <dd>{expiryLabel(license, locale)}</dd>
              </div>
              <div>
                <dt>Activations</dt>
                <dd aria-label={activationsDescription(license)} data-testid="license-activations">
                  {activationsLabel(license)}
                </dd>
              </div>
              {license.order_display_id !== null ? (
                <div>
                  <dt>Order</dt>
                  <dd>#{license.order_display_id}</dd>
                </div>
              ) : null}
              <div>
                <dt>Purchased</dt>
                <dd>{formatDate(license.created_at, locale)}</dd>
              </div>
            </dl>
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
