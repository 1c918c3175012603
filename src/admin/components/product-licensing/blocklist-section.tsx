import { useMemo } from "react"
import { SaveSection, useSaveWithFeedback } from "../save-section"
import { type ProductLicenseSettings, useSaveProductLicenseSettings } from "./api"
import { BlocklistFields } from "./blocklist-fields"
import { sameList } from "./form"
import { useDraft } from "./use-draft"

/** Domains and IPs/CIDRs refused for every key of this product. */
export const BlocklistSection = ({ settings }: { settings: ProductLicenseSettings }) => {
  const saved = useMemo(
    () => ({ blocked_domains: settings.blocked_domains ?? [], blocked_ips: settings.blocked_ips ?? [] }),
    [settings]
  )
  const { draft, patch, dirty } = useDraft(saved)
  const save = useSaveProductLicenseSettings(settings.product_id)
  const { save: saveWithFeedback, error } = useSaveWithFeedback(save.mutateAsync, {
    saved: "Blocklist saved",
    failed: "Could not save the blocklist",
  })

  const submit = () =>
    saveWithFeedback({
      ...(sameList(draft.blocked_domains, saved.blocked_domains) ? {} : { blocked_domains: draft.blocked_domains }),
      ...(sameList(draft.blocked_ips, saved.blocked_ips) ? {} : { blocked_ips: draft.blocked_ips }),
    })

  return (
    <SaveSection
      testId="license-blocklist-section"
      title="Blocklist"
      description="Verify calls from these domains or addresses answer blocked and take no slot."
      canSave={dirty}
      isSaving={save.isPending}
      onSave={submit}
      error={error}
    >
      <div className="px-6 py-4">
        <BlocklistFields domains={draft.blocked_domains} ips={draft.blocked_ips} onChange={patch} />
      </div>
    </SaveSection>
  )
}
