import { Text } from "@medusajs/ui"
import { useMemo } from "react"
import { SaveSection, useSaveWithFeedback } from "../save-section"
import { type LicenseStoreSettings, useLicenseStoreSettings, useSaveLicenseStoreSettings } from "./api"
import { sameList } from "./form"
import { ListEditor } from "./list-editor"
import { useDraft } from "./use-draft"

/** `*.wpengine.com` or `preview.shop.com`: the server normalises and has the last word (rules/local-sites.ts). */
export const localPatternProblem = (entry: string): string | null =>
  /^(\*\.)?[a-z0-9\u00a1-\uffff]([a-z0-9\u00a1-\uffff.-]*[a-z0-9\u00a1-\uffff])?$/i.test(entry) && entry.includes(".")
    ? entry.startsWith("*.") && !entry.slice(2).includes(".")
      ? "A wildcard needs a domain with a dot: *.wpengine.com, not *.com"
      : null
    : "Use a host name (preview.shop.com) or *. and a domain (*.wpengine.com)"

/**
 * Local and staging sites (docs/verify-api.md "Local and staging sites"): the built-in list and the
 * store's own patterns. Store-wide: the same list for every product; a key uses it when its policy
 * makes local sites free (the policy widget's "Local sites free").
 */
export const LocalSitesSection = () => {
  const { data } = useLicenseStoreSettings()
  const settings = data?.license_store_settings
  return settings ? <LocalSitesForm settings={settings} /> : null
}

const LocalSitesForm = ({ settings }: { settings: LicenseStoreSettings }) => {
  const saved = useMemo(() => ({ local_site_patterns: settings.local_site_patterns }), [settings])
  const { draft, patch, dirty } = useDraft(saved)
  const save = useSaveLicenseStoreSettings()
  const { save: saveWithFeedback, error } = useSaveWithFeedback(save.mutateAsync, {
    saved: "Local site patterns saved",
    failed: "Could not save the local site patterns",
  })
  return (
    <SaveSection
      testId="license-local-sites-section"
      title="Local and staging sites (whole store)"
      description="On keys whose policy has “Local sites free” on, these sites verify valid and take no slot."
      canSave={dirty && !sameList(draft.local_site_patterns, saved.local_site_patterns)}
      isSaving={save.isPending}
      onSave={() => saveWithFeedback({ local_site_patterns: draft.local_site_patterns })}
      error={error}
    >
      <div className="flex flex-col gap-y-3 px-6 py-4">
        <div>
          <Text size="small" weight="plus">
            Always local
          </Text>
          <ul className="list-disc pl-5" data-testid="built-in-local-rules">
            {settings.built_in_local_rules.map((rule) => (
              <li key={rule}>
                <Text size="small" className="text-ui-fg-subtle">
                  {rule}
                </Text>
              </li>
            ))}
          </ul>
        </div>
        <ListEditor
          label="The store's own patterns"
          hint="For hosting providers' staging hosts, for example *.wpengine.com or *.kinsta.cloud. Every product of the store shares this list."
          placeholder="*.wpengine.com"
          values={draft.local_site_patterns}
          onChange={(local_site_patterns) => patch({ local_site_patterns })}
          normalise={(entry) => entry.trim().toLowerCase()}
          validate={localPatternProblem}
          testId="local-site-patterns"
        />
      </div>
    </SaveSection>
  )
}
