import { useEffect, useRef, useState } from "react"
import { errorMessage, freeMyActivation, type LicensesSdk, retrieveMyLicense, type StoreLicenseActivation } from "../api"
import { formatDateTime, productLabel } from "../format"
import { useRequest } from "../use-request"
import { LicenseSummary } from "./LicenseSummary"
import { ErrorState, LoadingState } from "./States"

type Props = {
  sdk: LicensesSdk
  licenseId: string
  onBack: () => void
  /** Called after a slot was freed, e.g. to refresh a list. */
  onChanged?: () => void
  locale?: string
}

/** One key with the sites (or IPs) that hold its slots, each with "Free this slot". */
export function LicenseDetail({ sdk, licenseId, onBack, onChanged, locale }: Props) {
  const { state, reload } = useRequest(() => retrieveMyLicense(sdk, licenseId).then((r) => r.license), [sdk, licenseId])
  const [announcement, setAnnouncement] = useState("")
  const [freeError, setFreeError] = useState<string | null>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  const license = state.data

  useEffect(() => {
    if (license) {
      heading.current?.focus()
    }
    // Focus the heading once, when the key first shows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [!!license])

  async function free(activation: StoreLicenseActivation) {
    setFreeError(null)
    setAnnouncement("")
    try {
      await freeMyActivation(sdk, licenseId, activation.id)
      setAnnouncement(`Slot freed: ${activation.identifier} no longer uses this license.`)
      await reload()
      onChanged?.()
    } catch (error) {
      setFreeError(errorMessage(error))
      await reload()
    }
  }

  const back = (
    <button type="button" className="lk-button lk-button--link lk-back" onClick={onBack}>
      ← Back to licenses
    </button>
  )

  if (!license) {
    return (
      <section className="lk-detail">
        {back}
        {state.status === "error" ? (
          <ErrorState message={errorMessage(state.error)} onRetry={reload} />
        ) : (
          <LoadingState label="Loading the license…" />
        )}
      </section>
    )
  }

  const product = productLabel(license)
  const policy = license.deactivation
  const coolingDown = policy.available_at !== null && new Date(policy.available_at).getTime() > Date.now()
  const budget = license.deactivation_budget
  const budgetUsedUp = license.deactivations_remaining !== null && license.deactivations_remaining <= 0

  return (
    <section className="lk-detail" aria-labelledby="lk-detail-title">
      {back}
      <LicenseSummary license={license} titleId="lk-detail-title" locale={locale} headingRef={heading} />

      <h4 className="lk-subtitle">Activations</h4>
      <p className="lk-live" role="status" aria-live="polite">
        {announcement}
      </p>
      {freeError ? (
        <p className="lk-state lk-state--error" role="alert">
          {freeError}
        </p>
      ) : null}
      {!policy.allowed ? (
        <p className="lk-note">To free a slot of this license, please contact the store.</p>
      ) : coolingDown ? (
        <p className="lk-note">You can free another slot of this license from {formatDateTime(policy.available_at!, locale)}.</p>
      ) : null}
      {budget && budget.limit !== null ? (
        <p className="lk-note" data-testid="deactivations-remaining">
          {budgetUsedUp
            ? `This license freed its ${budget.limit} slots for the last ${budget.window_days} days.` +
              (budget.next_available_at ? ` You can free another from ${formatDateTime(budget.next_available_at, locale)}.` : "")
            : `You can free ${license.deactivations_remaining} more slot${license.deactivations_remaining === 1 ? "" : "s"} in the next ${budget.window_days} days.`}
        </p>
      ) : null}
      {license.activations.length === 0 ? (
        <p className="lk-note" data-testid="no-activations">
          No site uses this license yet. It activates on the first site that checks it.
        </p>
      ) : (
        <ul className="lk-activations" aria-label={`Sites using ${product}`}>
          {license.activations.map((activation) => (
            <ActivationRow
              key={activation.id}
              activation={activation}
              canFree={policy.allowed && !coolingDown && !budgetUsedUp && state.status !== "loading"}
              showButton={policy.allowed}
              onFree={() => free(activation)}
              locale={locale}
            />
          ))}
        </ul>
      )}
    </section>
  )
}

type RowProps = {
  activation: StoreLicenseActivation
  canFree: boolean
  showButton: boolean
  onFree: () => Promise<void>
  locale?: string
}

function ActivationRow({ activation, canFree, showButton, onFree, locale }: RowProps) {
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const confirmButton = useRef<HTMLButtonElement>(null)
  const freeButton = useRef<HTMLButtonElement>(null)
  const kind = activation.kind === "domain" ? "Site" : "IP address"

  useEffect(() => {
    if (confirming) {
      confirmButton.current?.focus()
    }
  }, [confirming])

  function cancel() {
    setConfirming(false)
    // Give the keyboard user their place back.
    setTimeout(() => freeButton.current?.focus(), 0)
  }

  async function confirm() {
    setBusy(true)
    try {
      await onFree()
    } finally {
      setBusy(false)
      setConfirming(false)
    }
  }

  return (
    <li className="lk-activation" data-testid="activation">
      <div className="lk-activation__main">
        <span className="lk-activation__identifier">{activation.identifier}</span>
        <span className="lk-activation__kind">{kind}</span>
      </div>
      <dl className="lk-facts lk-facts--small">
        <div>
          <dt>First seen</dt>
          <dd>{formatDateTime(activation.first_seen_at, locale)}</dd>
        </div>
        <div>
          <dt>Last seen</dt>
          <dd>{formatDateTime(activation.last_seen_at, locale)}</dd>
        </div>
      </dl>
      {showButton && !confirming ? (
        <button
          type="button"
          ref={freeButton}
          className="lk-button lk-button--secondary"
          disabled={!canFree}
          onClick={() => setConfirming(true)}
          aria-label={`Free this slot: ${activation.identifier}`}
        >
          Free this slot
        </button>
      ) : null}
      {confirming ? (
        <div
          className="lk-confirm"
          role="group"
          aria-label={`Confirm freeing ${activation.identifier}`}
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              cancel()
            }
          }}
        >
          <p>
            Free the slot used by <strong>{activation.identifier}</strong>? That {kind.toLowerCase()} stops being licensed
            until it activates again, which takes a slot again.
          </p>
          <div className="lk-confirm__actions">
            <button
              type="button"
              ref={confirmButton}
              className="lk-button lk-button--danger"
              onClick={confirm}
              disabled={busy}
            >
              {busy ? "Freeing…" : "Yes, free this slot"}
            </button>
            <button type="button" className="lk-button lk-button--secondary" onClick={cancel} disabled={busy}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
    </li>
  )
}
