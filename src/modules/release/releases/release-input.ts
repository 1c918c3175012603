import { MedusaError } from "@medusajs/framework/utils"
import { ENTITLEMENT_SHAPE_MESSAGE, isEntitlementCode } from "../../license/rules/entitlements"
import { ReleaseErrorCode } from "../rules/release-codes"
import { isReleaseChannel, type ReleaseChannel, releaseVersion } from "../rules/release-version"

export type ReleaseArtifact = { file_id: string; name: string; size: number; sha256: string }

export type ReleaseDetails = {
  changelog?: string | null
  wp_requires?: string | null
  wp_tested?: string | null
  wp_requires_php?: string | null
  /** The entitlement code a key must hold to get this release; null: every key. */
  required_entitlement?: string | null
}

export type CreateReleaseInput = ReleaseDetails & {
  product_id: string
  version: string
  channel?: string
  artifact: ReleaseArtifact
}

export const releaseError = (type: keyof typeof MedusaError.Types, code: ReleaseErrorCode, message: string) =>
  new MedusaError(MedusaError.Types[type], message, code)

/** The strict semver version and the channel of a new release, or the typed 400. */
export function checkVersionAndChannel(version: string, channel: string | undefined): { version: string; channel: ReleaseChannel } {
  const strict = releaseVersion(version)
  if (!strict) {
    throw releaseError("INVALID_DATA", ReleaseErrorCode.INVALID_VERSION, `version "${version.slice(0, 64)}" is not a semver version (e.g. 1.2.3 or 2.0.0-beta.1)`)
  }
  const chosen = channel ?? "stable"
  if (!isReleaseChannel(chosen)) {
    throw releaseError("INVALID_DATA", ReleaseErrorCode.INVALID_CHANNEL, "channel must be stable, beta or alpha")
  }
  return { version: strict, channel: chosen }
}

/** A release's required entitlement: null, or a code in the license module's shape (else the typed 400 invalid_entitlement). */
export function checkRequiredEntitlement(code: string | null | undefined): string | null | undefined {
  if (code === undefined || code === null) {
    return code
  }
  if (!isEntitlementCode(code)) {
    throw releaseError("INVALID_DATA", ReleaseErrorCode.INVALID_ENTITLEMENT, `invalid_entitlement: ${JSON.stringify(String(code).slice(0, 80))}. ${ENTITLEMENT_SHAPE_MESSAGE}`)
  }
  return code
}
