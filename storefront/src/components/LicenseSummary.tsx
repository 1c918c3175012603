import type { ReactNode, Ref } from "react"
import type { StoreLicense } from "../api"
import { activationsDescription, activationsLabel, expiryLabel, productLabel } from "../format"
import { LicenseKey } from "./LicenseKey"
import { StatusBadge } from "./StatusBadge"

type Props = {
  license: StoreLicense
  titleId: string
  locale?: string
  /** The detail view focuses its heading when it opens. */
  headingRef?: Ref<HTMLHeadingElement>
  /** More facts after expiry, activations and order. */
  children?: ReactNode
}

/** What the list and the detail both show of a key: product, status, the key with Copy, expiry, activations, order. */
export function LicenseSummary({ license, titleId, locale, headingRef, children }: Props) {
  const product = productLabel(license)
  return (
    <>
      <div className="lk-card__header">
        <h3 id={titleId} className="lk-card__title" tabIndex={headingRef ? -1 : undefined} ref={headingRef}>
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
        {children}
      </dl>
    </>
  )
}
