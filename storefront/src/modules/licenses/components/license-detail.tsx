import { Container, Heading, Text } from "@medusajs/ui"
import LocalizedClientLink from "@modules/common/components/localized-client-link"
import { activationKindLabel, activationTitle, activationsLabel, expiryLabel, formatDate, licenseTitle } from "../format"
import type { StoreLicenseDetail, StoreLicenseTransfer } from "../types"
import FreeSlotButton from "./free-slot-button"
import OfflineActivation from "./offline-activation"
import LicenseActions from "./license-actions"
import LicenseKey from "./license-key"
import LicenseStatusBadge from "./license-status-badge"
import TransferLicense from "./transfer-license"

function deactivationNote(license: StoreLicenseDetail): string | null {
  if (!license.deactivation.allowed) return "This store does not let customers free slots; contact the store."
  if (license.deactivation.available_at) return `You can free the next slot after ${formatDate(license.deactivation.available_at)}.`
  if (license.deactivations_remaining !== null) return `You can free ${license.deactivations_remaining} more slot(s) this period.`
  return null
}

/** One license: key, status, the sites holding its slots (each with "Free this slot"), and Transfer. */
export default function LicenseDetail({
  license,
  transfer,
}: {
  license: StoreLicenseDetail
  transfer: StoreLicenseTransfer | null
}) {
  const title = licenseTitle(license)
  const canFree = license.deactivation.allowed && !license.deactivation.available_at && license.deactivations_remaining !== 0
  const note = deactivationNote(license)
  return (
    <div className="flex flex-col gap-y-6" data-testid="license-detail">
      <LocalizedClientLink href="/account/licenses" className="txt-compact-small text-ui-fg-subtle hover:text-ui-fg-base">
        ← Back to licenses
      </LocalizedClientLink>
      <div className="flex items-start justify-between gap-x-4">
        <div>
          <Heading level="h1" className="text-2xl-semi">
            {title}
          </Heading>
          {license.variant_title && <Text className="text-ui-fg-subtle">{license.variant_title}</Text>}
        </div>
        <LicenseStatusBadge status={license.status} />
      </div>
      <LicenseActions license={license} />
      <Container className="flex flex-col gap-y-3">
        <LicenseKey licenseKey={license.key} label={title} />
        <div className="flex flex-wrap gap-x-6 gap-y-1 txt-compact-small text-ui-fg-subtle">
          <span>{expiryLabel(license)}</span>
          <span>
            Sites: <span data-testid="license-activations">{activationsLabel(license)}</span>
          </span>
          {license.order_display_id !== null && <span>Order #{license.order_display_id}</span>}
        </div>
      </Container>
      <section className="flex flex-col gap-y-3" aria-labelledby="license-sites">
        <Heading level="h2" id="license-sites" className="txt-large-plus">
          Sites and machines using this license
        </Heading>
        {note && <Text size="small" className="text-ui-fg-subtle">{note}</Text>}
        {license.activations.length ? (
          <ul className="flex flex-col divide-y divide-ui-border-base rounded-md border border-ui-border-base">
            {license.activations.map((activation) => (
              <li key={activation.id} className="flex items-center justify-between gap-x-4 px-4 py-3" data-testid="activation">
                <div>
                  <Text weight="plus" title={activation.kind === "machine" ? activation.identifier : undefined}>
                    {activationTitle(activation)}
                  </Text>
                  <Text size="small" className="text-ui-fg-subtle">
                    {activationKindLabel(activation)} · first seen {formatDate(activation.first_seen_at)} · last
                    check {formatDate(activation.last_seen_at)}
                  </Text>
                </div>
                <FreeSlotButton
                  licenseId={license.id}
                  activationId={activation.id}
                  identifier={activationTitle(activation)}
                  disabled={!canFree}
                />
              </li>
            ))}
          </ul>
        ) : (
          <Text className="text-ui-fg-subtle" data-testid="no-activations">
            No site uses this license yet.
          </Text>
        )}
      </section>
      <section className="flex flex-col gap-y-3" aria-labelledby="license-offline-heading">
        <Heading level="h2" id="license-offline-heading" className="txt-large-plus">
          Offline activation
        </Heading>
        <OfflineActivation licenseId={license.id} keyHint={license.key.slice(-5)} disabled={license.status === "revoked"} />
      </section>
      <section className="flex flex-col gap-y-3" aria-labelledby="license-transfer-heading">
        <Heading level="h2" id="license-transfer-heading" className="txt-large-plus">
          Transfer
        </Heading>
        <TransferLicense licenseId={license.id} transfer={transfer} transferable={license.status !== "revoked"} />
      </section>
    </div>
  )
}
