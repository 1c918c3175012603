import { useMemo } from "react"
import { SaveSection, useSaveWithFeedback } from "../save-section"
import { type AdminLicenseWithControls, type LicenseControlsBody, useSaveLicenseControls } from "../product-licensing/api"
import { BlocklistFields } from "../product-licensing/blocklist-fields"
import { CustomDataField } from "../product-licensing/custom-data-field"
import {
  formatCustomData,
  parseCustomData,
  sameList,
  versionAndDataChanges,
  versionError,
} from "../product-licensing/form"
import { useDraft } from "../product-licensing/use-draft"
import { VersionFields } from "../product-licensing/version-fields"

const toDraft = (license: AdminLicenseWithControls) => ({
  version_mode: license.version_mode ?? null,
  version_pinned: license.version_pinned ?? "",
  version_range: license.version_range ?? "",
  custom_data: formatCustomData(license.custom_data),
  blocked_domains: license.blocked_domains ?? [],
  blocked_ips: license.blocked_ips ?? [],
})

/**
 * This license's overrides of its product's controls: version rule (or follow
 * the product), custom data merged over the product's, and its own blocklist.
 */
export const ControlsSection = ({ license }: { license: AdminLicenseWithControls }) => {
  const saved = useMemo(() => toDraft(license), [license])
  const { draft, patch, dirty } = useDraft(saved)
  const save = useSaveLicenseControls(license.id)
  const { save: saveWithFeedback, error } = useSaveWithFeedback(save.mutateAsync, {
    saved: "License controls saved",
    failed: "Could not save the license controls",
  })

  const customData = parseCustomData(draft.custom_data)
  const versionProblem = versionError(draft.version_mode, draft.version_pinned, draft.version_range)
  const invalid = !!customData.error || !!versionProblem

  const submit = () => {
    if (invalid) {
      return
    }
    const body: LicenseControlsBody = versionAndDataChanges(draft, saved, customData.value)
    if (!sameList(draft.blocked_domains, saved.blocked_domains)) {
      body.blocked_domains = draft.blocked_domains
    }
    if (!sameList(draft.blocked_ips, saved.blocked_ips)) {
      body.blocked_ips = draft.blocked_ips
    }
    return saveWithFeedback(body)
  }

  return (
    <SaveSection
      testId="license-controls-section"
      title="Controls"
      description="Overrides for this key; the rest follows its product."
      canSave={dirty && !invalid}
      isSaving={save.isPending}
      onSave={submit}
      error={error}
    >
      <div className="px-6 py-4">
        <VersionFields
          allowFollow
          mode={draft.version_mode}
          pinned={draft.version_pinned}
          range={draft.version_range}
          error={versionProblem}
          onChange={({ mode, pinned, range }) =>
            patch({
              ...(mode !== undefined ? { version_mode: mode } : {}),
              ...(pinned !== undefined ? { version_pinned: pinned } : {}),
              ...(range !== undefined ? { version_range: range } : {}),
            })
          }
        />
      </div>
      <div className="px-6 py-4">
        <CustomDataField
          value={draft.custom_data}
          error={customData.error}
          onChange={(custom_data) => patch({ custom_data })}
          hint="A JSON object whose keys override the product's in `data` of this key's valid answers. Empty for none."
        />
      </div>
      <div className="px-6 py-4">
        <BlocklistFields domains={draft.blocked_domains} ips={draft.blocked_ips} onChange={patch} />
      </div>
    </SaveSection>
  )
}
