import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../../../../modules/license"
import { effectiveLicenseStatus } from "../../../../../../../modules/license/rules/license-status"
import { effectiveVersionPolicy } from "../../../../../../../modules/license/rules/version-gate"
import type LicenseModuleService from "../../../../../../../modules/license/service"
import { RELEASE_MODULE } from "../../../../../../../modules/release"
import { releaseEntitlement } from "../../../../../../../modules/release/rules/entitlement"
import { lockedRelease, offeredRelease } from "../../../../../../../modules/release/rules/update-answer"
import type ReleaseModuleService from "../../../../../../../modules/release/service"
import { licenseNotFound, sendCustomerLicenseError } from "../../../../../customer-licenses"

/**
 * GET /store/customers/me/licenses/:id/releases: the stable releases the customer's license may
 * install, newest first (the first is the one to download), each with a ten-minute download link
 * (docs/software-delivery.md, "Customer"). Active and grace keys list them, and an expired
 * maintain_access key the ones published before its expiry; any other key lists none. `locked`: the
 * releases it would list but for an entitlement it lacks, with that code and no link. Reads only.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const licenses: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const releases: ReleaseModuleService = req.scope.resolve(RELEASE_MODULE)
  const found = req.params.id.includes("\u0000") ? null : await licenses.retrieveCustomerLicense(req.auth_context.actor_id, req.params.id)
  if (!found) {
    return sendCustomerLicenseError(res, licenseNotFound)
  }
  const { license } = found
  res.setHeader("Cache-Control", "no-store")
  const status = effectiveLicenseStatus(license)
  const entitlement = releaseEntitlement(license, new Date())
  if (!entitlement.entitled || !license.product_id) {
    return res.json({ license_id: license.id, status, releases: [], locked: [] })
  }
  const settings = await licenses.getProductLicenseSettings(license.product_id)
  const versionGate = effectiveVersionPolicy(
    { mode: settings.version_mode, pinned: settings.version_pinned, range: settings.version_range },
    { mode: license.version_mode, pinned: license.version_pinned, range: license.version_range }
  )
  // Active and grace keys, and expired maintain_access keys, up to the key's release cut-off.
  // Releases that require an entitlement the key lacks are listed apart, as `locked` (no download link).
  const { installable, locked } = await releases.releasesForKey(license.product_id, {
    channel: "stable",
    versionGate,
    publishedBefore: entitlement.publishedBefore,
    entitlements: license.entitlements as string[] | null,
  })
  const base = releases.getOptions().publicUrl ?? `${req.protocol}://${req.get("host")}`
  res.json({
    license_id: license.id,
    status,
    releases: installable.map((release) => {
      const { token, expires_at } = releases.createDownloadToken({
        release_id: release.id,
        license_id: license.id,
        identity: `customer:${req.auth_context.actor_id}`,
      })
      return offeredRelease(release, { url: `${base}/licenses/downloads/${token}`, expires_at })
    }),
    locked: locked.map(lockedRelease),
  })
}
