import { Container, Heading, Text } from "@medusajs/ui"
import { formatDate } from "../format"
import type { StoreLicenseRelease, StoreLockedRelease } from "../types"

const formatSize = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`)

/**
 * Account -> Licenses -> a license: the latest release it may install with a Download button, and
 * the previous published versions. The links are signed for about ten minutes; reloading the page
 * makes new ones. Releases that need an entitlement the license lacks are listed as locked, with
 * the code and no Download button.
 */
export default function LicenseReleases({ releases, locked = [] }: { releases: StoreLicenseRelease[]; locked?: StoreLockedRelease[] }) {
  const [latest, ...previous] = releases
  return (
    <section className="flex flex-col gap-y-3" aria-labelledby="license-downloads" data-testid="license-releases">
      <Heading level="h2" id="license-downloads" className="txt-large-plus">
        Downloads
      </Heading>
      {!latest ? (
        <Text size="small" className="text-ui-fg-subtle">
          No release to download for this license.
        </Text>
      ) : (
        <>
          <Container className="flex items-center justify-between gap-x-4">
            <div>
              <Text className="txt-compact-medium-plus">
                Version {latest.version} <span className="text-ui-fg-subtle">(latest)</span>
              </Text>
              <Text size="small" className="text-ui-fg-subtle">
                {latest.file_name}, {formatSize(latest.size)}, released {formatDate(latest.published_at)}
              </Text>
              {latest.changelog && <Text size="small" className="whitespace-pre-line mt-2">{latest.changelog}</Text>}
              <Text size="xsmall" className="text-ui-fg-muted break-all mt-1">SHA-256 {latest.sha256}</Text>
            </div>
            <a
              href={latest.download_url}
              download={latest.file_name}
              className="rounded-md bg-ui-button-inverted px-3 py-1.5 txt-compact-small-plus text-ui-fg-on-inverted"
              data-testid="download-latest"
            >
              Download
            </a>
          </Container>
          {previous.length > 0 && (
            <ul className="flex flex-col divide-y divide-ui-border-base rounded-md border border-ui-border-base" data-testid="previous-releases">
              {previous.map((release) => (
                <li key={release.version} className="flex items-center justify-between px-4 py-2 txt-compact-small">
                  <span>
                    {release.version} <span className="text-ui-fg-subtle">({formatDate(release.published_at)})</span>
                  </span>
                  <a href={release.download_url} download={release.file_name} className="text-ui-fg-interactive hover:underline">
                    Download
                  </a>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {locked.length > 0 && (
        <ul className="flex flex-col divide-y divide-ui-border-base rounded-md border border-ui-border-base" data-testid="locked-releases">
          {locked.map((release) => (
            <li key={release.version} className="flex items-center justify-between px-4 py-2 txt-compact-small">
              <span>
                {release.version} <span className="text-ui-fg-subtle">({formatDate(release.published_at)})</span>
              </span>
              <span className="text-ui-fg-subtle" data-testid={`locked-${release.version}`}>
                Locked: requires {release.required_entitlement}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
