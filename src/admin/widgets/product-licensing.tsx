import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { useState } from "react"
import { ApiKeySection } from "../components/product-licensing/api-key-section"
import { useProductLicenseSettings } from "../components/product-licensing/api"
import { ArchiveButton } from "../components/product-licensing/archive-button"
import { BlocklistSection } from "../components/product-licensing/blocklist-section"
import { LocalSitesSection } from "../components/product-licensing/local-sites-section"
import { RulesSection } from "../components/product-licensing/rules-section"
import { UsageSection } from "../components/product-licensing/usage-section"
import { SecretModal } from "../components/secret-modal"
import { errorMessage } from "../lib/api"
import { formatDateTime } from "../lib/format"

/**
 * "Licensing": how the Verify API treats this product's keys. API key,
 * archive, verify rules (enforcement, version gating, custom data),
 * blocklist, and the last 30 days of verify calls.
 */
const ProductLicensingWidget = ({ data: product }: DetailWidgetProps<AdminProduct>) => {
  const { data, isLoading, isError, error } = useProductLicenseSettings(product.id)
  const [apiKey, setApiKey] = useState<string | null>(null)
  const settings = data?.license_settings

  return (
    <div className="flex flex-col gap-y-3" data-testid="product-licensing-widget">
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between gap-x-4 px-6 py-4">
          <div>
            <div className="flex items-center gap-x-2">
              <Heading level="h2">Licensing</Heading>
              {settings?.archived_at ? (
                <Badge size="2xsmall" color="orange" data-testid="archived-badge">
                  Archived
                </Badge>
              ) : null}
            </div>
            <Text size="small" className="text-ui-fg-subtle">
              {settings?.archived_at
                ? `Archived ${formatDateTime(settings.archived_at)}: every key answers product_archived and takes no slot.`
                : "How the Verify API answers for this product's license keys."}
            </Text>
          </div>
          {settings ? <ArchiveButton settings={settings} /> : null}
        </div>
        {isLoading ? (
          <Text className="text-ui-fg-subtle px-6 py-4">Loading…</Text>
        ) : isError || !settings ? (
          <Text className="text-ui-fg-error px-6 py-4" role="alert">
            Could not load the licensing settings: {errorMessage(error)}
          </Text>
        ) : (
          <ApiKeySection settings={settings} onApiKey={setApiKey} />
        )}
      </Container>
      {settings ? (
        <>
          <RulesSection settings={settings} />
          <BlocklistSection settings={settings} />
          <LocalSitesSection />
        </>
      ) : null}
      <UsageSection productId={product.id} />
      <SecretModal
        secret={apiKey}
        onClose={() => setApiKey(null)}
        title="Product API key"
        description="Copy it now — it will not be shown again. Keep it on your server, which sends it as Authorization: Bearer <key> with each verify call for this product. If it leaks, rotate it."
        copyLabel="Copy the API key"
        testId="product-api-key"
      />
    </div>
  )
}

export const config = defineWidgetConfig({ zone: "product.details.after" })

export default ProductLicensingWidget
