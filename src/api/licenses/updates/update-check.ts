import type { MedusaRequest } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../modules/license"
import type { VerifyAnswer, VerifyApiResult } from "../../../modules/license/rules/verify-answers"
import type LicenseModuleService from "../../../modules/license/service"
import { RELEASE_MODULE } from "../../../modules/release"
import type { UpdateDecision } from "../../../modules/release/rules/installable"
import { decisionRelease, lockedRelease, offeredRelease, type UpdateFields } from "../../../modules/release/rules/update-answer"
import type { ReleaseChannel } from "../../../modules/release/rules/release-version"
import type ReleaseModuleService from "../../../modules/release/service"
import type { ReleaseRow } from "../../../modules/release/service"
import { callerOf } from "../caller"

export type UpdateCheckInput = {
  license_key: string
  domain?: string | null
  /** A machine's fingerprint and name: the identity when given, as in verify. */
  fingerprint?: string | null
  name?: string | null
  product_id?: string | null
  variant_id?: string | null
  version: string
  channel?: ReleaseChannel | null
}

export type UpdateCheckResult =
  | { type: "answer"; answer: VerifyAnswer & UpdateFields & { signature: string | null }; release: ReleaseRow | null; decision: UpdateDecision<ReleaseRow> | null }
  | Exclude<VerifyApiResult<VerifyAnswer>, { type: "answer" }>

/**
 * The update check (docs/software-delivery.md): the Verify API first (the license module's
 * verifyLicenseOutcome: same codes, slots, rate limit, product controls), then, for a valid key,
 * the newest release it may install with a signed download link. The answer is the verify
 * answer plus `update` and `release`, signed once with the Verify API's key (or unsigned when
 * the product turned signed answers off, as verify).
 */
export async function runUpdateCheck(req: MedusaRequest, input: UpdateCheckInput): Promise<UpdateCheckResult> {
  const licenses = req.scope.resolve<LicenseModuleService>(LICENSE_MODULE)
  const releases = req.scope.resolve<ReleaseModuleService>(RELEASE_MODULE)
  const { channel, ...verifyRequest } = input
  const { result, license } = await licenses.verifyLicenseOutcome({ ...verifyRequest, ...callerOf(req) })
  if (result.type !== "answer") {
    return result
  }
  const verified = result.answer
  let fields: UpdateFields = { update: null, release: null, locked: null }
  let decision: UpdateDecision<ReleaseRow> | null = null
  let release: ReleaseRow | null = null
  if (license?.product_id) {
    // The verified license's release cut-off (rules/expiry.ts#releaseCutoff, in the answer the verify
    // lookup built): releases published after the key's expiry are not offered, also in grace and
    // with maintain_access after it expired. A release that requires an entitlement the key's codes
    // (the valid answer's `entitlements`) lack is not offered: the newest one it may install is, and
    // `locked` names the newer one it may not (rules/installable.ts#decideUpdate).
    const cutoff = verified.license?.release_cutoff ?? null
    decision = await releases.decideUpdate(
      license.product_id,
      {
        channel: channel ?? "stable",
        versionGate: license.version_gate,
        publishedBefore: cutoff === null ? null : new Date(cutoff),
        entitlements: verified.entitlements ?? [],
      },
      input.version
    )
    release = decisionRelease(decision)
    const identity = `${verified.identity.kind}:${verified.identity.value}`
    fields = {
      update: decision.type === "update" ? "update_available" : "up_to_date",
      release: release ? offeredRelease(release, downloadLink(req, releases, release.id, license.id, identity)) : null,
      locked: decision.locked ? lockedRelease(decision.locked) : null,
    }
  }
  const answer = { ...verified, ...fields }
  return {
    type: "answer",
    // Signed once, the verify's fields with the update's (the Verify API's key, kid and TTL).
    answer: result.signs ? licenses.signVerifyAnswer(answer) : { ...answer, signature: null },
    release,
    decision,
  }
}

/** A download link for one release, license and identity, valid for the token's TTL. */
function downloadLink(req: MedusaRequest, releases: ReleaseModuleService, releaseId: string, licenseId: string, identity: string) {
  const { token, expires_at } = releases.createDownloadToken({ release_id: releaseId, license_id: licenseId, identity })
  const base = releases.getOptions().publicUrl ?? `${req.protocol}://${req.get("host")}`
  return { url: `${base}/licenses/downloads/${token}`, expires_at }
}
