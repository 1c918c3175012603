import { Button, Container, Heading, Text, toast } from "@medusajs/ui"
import { useMemo } from "react"
import { errorMessage } from "../../lib/api"
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

  const submit = async () => {
    try {
      await save.mutateAsync({
        ...(sameList(draft.blocked_domains, saved.blocked_domains) ? {} : { blocked_domains: draft.blocked_domains }),
        ...(sameList(draft.blocked_ips, saved.blocked_ips) ? {} : { blocked_ips: draft.blocked_ips }),
      })
      toast.success("Blocklist saved")
    } catch (error) {
      toast.error("Could not save the blocklist", { description: errorMessage(error) })
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="license-blocklist-section">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div>
          <Heading level="h2">Blocklist</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Verify calls from these domains or addresses answer blocked and take no slot.
          </Text>
        </div>
        <Button size="small" onClick={submit} disabled={!dirty || save.isPending} isLoading={save.isPending}>
          Save
        </Button>
      </div>
      <div className="px-6 py-4">
        <BlocklistFields domains={draft.blocked_domains} ips={draft.blocked_ips} onChange={patch} />
      </div>
    </Container>
  )
}
