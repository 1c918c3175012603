import { Badge, Button, Table, Text, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { errorMessage } from "../../lib/api"
import { formatDateTime } from "../../lib/format"
import { type AdminRelease, useProductReleases, useReleaseAction } from "./api"
import { RequiredEntitlementCell } from "./required-entitlement-cell"

const STATUS_COLOR = { draft: "grey", published: "green", yanked: "red" } as const

const formatSize = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`)

/** The product's releases with their download counts and required entitlements; publish a draft, yank a published release (after a confirmation); edit the entitlement. */
export const ReleasesTable = ({ productId }: { productId: string }) => {
  const { data, isLoading, isError, error } = useProductReleases(productId)
  const action = useReleaseAction(productId)
  const prompt = usePrompt()
  const [failure, setFailure] = useState<string | null>(null)

  const run = async (release: AdminRelease, kind: "publish" | "yank") => {
    setFailure(null)
    if (kind === "yank") {
      const confirmed = await prompt({
        title: `Yank ${release.version}?`,
        description: "It is never offered again and its download links stop working at once. This cannot be undone.",
        confirmText: "Yank",
        cancelText: "Cancel",
      })
      if (!confirmed) {
        return
      }
    }
    try {
      await action.mutateAsync({ id: release.id, action: kind })
    } catch (e) {
      setFailure(errorMessage(e))
    }
  }

  if (isLoading) {
    return <Text className="text-ui-fg-subtle px-6 py-4">Loading…</Text>
  }
  if (isError || !data) {
    return (
      <Text className="text-ui-fg-error px-6 py-4" role="alert">
        Could not load the releases: {errorMessage(error)}
      </Text>
    )
  }
  if (!data.releases.length) {
    return <Text className="text-ui-fg-subtle px-6 py-4">No releases yet. Upload the first one below.</Text>
  }
  return (
    <div data-testid="releases-table">
      {failure ? (
        <Text size="small" className="text-ui-fg-error px-6 pt-3" role="alert">
          {failure}
        </Text>
      ) : null}
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Version</Table.HeaderCell>
            <Table.HeaderCell>Channel</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Artifact</Table.HeaderCell>
            <Table.HeaderCell>Published</Table.HeaderCell>
            <Table.HeaderCell>Downloads</Table.HeaderCell>
            <Table.HeaderCell>Requires</Table.HeaderCell>
            <Table.HeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {data.releases.map((release) => (
            <Table.Row key={release.id} data-testid={`release-${release.version}-${release.channel}`}>
              <Table.Cell>{release.version}</Table.Cell>
              <Table.Cell>{release.channel}</Table.Cell>
              <Table.Cell>
                <Badge size="2xsmall" color={STATUS_COLOR[release.status]}>
                  {release.status}
                </Badge>
              </Table.Cell>
              <Table.Cell title={`SHA-256 ${release.artifact.sha256}`}>
                {release.artifact.name} ({formatSize(release.artifact.size)})
              </Table.Cell>
              <Table.Cell>{release.published_at ? formatDateTime(release.published_at) : "–"}</Table.Cell>
              <Table.Cell>{release.download_count}</Table.Cell>
              <Table.Cell>
                <RequiredEntitlementCell productId={productId} release={release} />
              </Table.Cell>
              <Table.Cell>
                {release.status === "draft" ? (
                  <Button size="small" variant="secondary" onClick={() => run(release, "publish")} disabled={action.isPending}>
                    Publish
                  </Button>
                ) : release.status === "published" ? (
                  <Button size="small" variant="danger" onClick={() => run(release, "yank")} disabled={action.isPending}>
                    Yank
                  </Button>
                ) : null}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  )
}
