import { Button, Container, Heading, Text } from "@medusajs/ui"
import { errorMessage } from "../../lib/api"
import { useProductLicenseUsage } from "./api"
import { UsageChart } from "./usage-chart"

/** Verify calls for this product per day over the last 30 days. */
export const UsageSection = ({ productId }: { productId: string }) => {
  const { data, isLoading, isError, error, refetch, isFetching } = useProductLicenseUsage(productId)
  const usage = data?.usage ?? []
  const quota = data?.quota
  const empty = usage.every((day) => day.total === 0)

  return (
    <Container className="divide-y p-0" data-testid="license-usage-section">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div>
          <Heading level="h2">Usage</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Verify calls per day, last 30 days (UTC). Counts arrive within a few seconds.
          </Text>
          {quota && quota.limit > 0 ? (
            <Text size="small" data-testid="usage-quota-today">
              Today: {quota.used.toLocaleString()} / {quota.limit.toLocaleString()} calls of the daily quota
              {quota.used >= quota.limit ? " (used up: calls answer quota_exceeded until midnight UTC)" : ""}
            </Text>
          ) : null}
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
          <UsageChart usage={usage} quota={quota?.limit ?? 0} />
        )}
      </div>
    </Container>
  )
}
