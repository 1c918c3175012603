import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { ReleasesTable } from "../components/releases/releases-table"
import { ReleaseUploadForm } from "../components/releases/upload-form"

/** "Releases": the versions licensed keys may download (docs/software-delivery.md). */
const ProductReleasesWidget = ({ data: product }: DetailWidgetProps<AdminProduct>) => (
  <Container className="divide-y p-0" data-testid="product-releases-widget">
    <div className="px-6 py-4">
      <Heading level="h2">Releases</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        Published releases are offered to valid keys by the update check; drafts stay here, yanked ones are never offered again.
      </Text>
    </div>
    <ReleasesTable productId={product.id} />
    <ReleaseUploadForm productId={product.id} />
  </Container>
)

export const config = defineWidgetConfig({ zone: "product.details.after" })

export default ProductReleasesWidget
