import { Container, Heading, Text } from "@medusajs/ui"
import { useState } from "react"
import { useParams } from "react-router-dom"
import { ActionsSection } from "../../../components/license-detail/actions-section"
import { ActivationsSection } from "../../../components/license-detail/activations-section"
import { ControlsSection } from "../../../components/license-detail/controls-section"
import { EntitlementsSection } from "../../../components/license-detail/entitlements-section"
import { HistorySection } from "../../../components/license-detail/history-section"
import { LicenseHeaderSection } from "../../../components/license-detail/license-header-section"
import { TransfersSection } from "../../../components/transfers/transfers-section"
import { RenewalsSection } from "../../../components/renewals/renewals-section"
import { UpgradesSection } from "../../../components/upgrades/upgrades-section"
import { errorMessage, useLicense } from "../../../lib/api"

/** One license: header, activations, history; edit, suspend/reinstate and revoke on the side. */
const LicenseDetailPage = () => {
  const { id } = useParams<{ id: string }>()
  const [pages, setPages] = useState({ activations_offset: 0, events_offset: 0 })
  const { data, isLoading, isError, error } = useLicense(id!, pages)

  if (isLoading) {
    return (
      <Container>
        <Text className="text-ui-fg-subtle">Loading license…</Text>
      </Container>
    )
  }
  if (isError || !data) {
    return (
      <Container className="flex flex-col gap-y-2">
        <Heading>License</Heading>
        <Text className="text-ui-fg-error" role="alert">
          Could not load the license: {errorMessage(error)}
        </Text>
      </Container>
    )
  }

  const { license } = data
  return (
    <div className="flex w-full flex-col items-start gap-x-4 gap-y-3 xl:grid xl:grid-cols-[minmax(0,_1fr)_360px]">
      <div className="flex w-full min-w-0 flex-col gap-y-3">
        <LicenseHeaderSection license={license} />
        <ActivationsSection
          license={license}
          count={data.activations_count}
          held={data.activations_held}
          limit={data.activations_limit}
          offset={data.activations_offset}
          onOffsetChange={(offset) => setPages((p) => ({ ...p, activations_offset: offset }))}
        />
        <HistorySection
          license={license}
          count={data.events_count}
          limit={data.events_limit}
          offset={data.events_offset}
          onOffsetChange={(offset) => setPages((p) => ({ ...p, events_offset: offset }))}
        />
        <RenewalsSection licenseId={license.id} />
        <UpgradesSection licenseId={license.id} />
      </div>
      <div className="flex w-full flex-col gap-y-3">
        <ActionsSection license={license} />
        <TransfersSection license={license} />
        <ControlsSection license={license} />
        <EntitlementsSection license={license} />
      </div>
    </div>
  )
}

export const handle = {
  breadcrumb: () => "License",
}

export default LicenseDetailPage
