import { Button, Container, Heading, Text } from "@medusajs/ui"
import { errorMessage } from "../../lib/api"
import { useProductLicenseUsage } from "./api"
import { UsageChart } from "./usage-chart"

/** Verify calls for this product per day over the last 30 days. */
export const UsageSection = ({ productId }: { productId: string }) => {
  const { data, isLoading, isError, error, refetch, isFetching } = useProductLicenseUsage(productId)
  const usage = data?.usage ?? []
  const empty = usage.every((day) => day.total === 0)

  return (
    <Container className="divide-y p-0" data-testid="license-usage-section">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div>
          <Heading level="h2">Usage</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Verify calls per day, last 30 days (UTC). Counts arrive within a few seconds.
          </Text>
        </div>
        <Button size="small" variant="transparent" isLoading={isFetching && !isLoading} onClick={() => refetch()}>
          Refresh
        </Button>
      </div>
      <div className="px-6 py-4">
        {isLoading ? (
          <Text size="small" className="text-ui-fg-subtle">
            Loading usage…
          </Text>
        ) : isError ? (
          <Text size="small" className="text-ui-fg-error" role="alert">
            Could not load the usage: {errorMessage(error)}
          </Text>
        ) : empty ? (
          <Text size="small" className="text-ui-fg-subtle" data-testid="usage-empty">
            No verify calls for this product in the last 30 days.
          </Text>
        ) : (
          <UsageChart usage={usage} />
        )}
      </div>
    </Container>
  )
}
