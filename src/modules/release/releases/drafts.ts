import type { Context } from "@medusajs/framework/types"
import { advisoryXactLock, transactionKnex } from "../../license/database"
import { ReleaseErrorCode } from "../rules/release-codes"
import type ReleaseModuleService from "../service"
import { deleteDraft as deleteDraftRow, renameDraft, restoreDraft as restoreDraftRow } from "../sql/drafts"
import { findRelease, type ReleaseRow, releaseExists } from "../sql/releases"
import { checkVersionAndChannel, releaseError } from "./release-input"

const notFound = (productId: string, releaseId: string) =>
  releaseError("NOT_FOUND", ReleaseErrorCode.NOT_FOUND, `Release ${releaseId} was not found on product ${productId}`)
const notADraft = () =>
  releaseError("INVALID_DATA", ReleaseErrorCode.NOT_A_DRAFT, "Only a draft's version and channel can be changed, and only a draft can be deleted")

/**
 * A draft's version and/or channel (docs/software-delivery.md "Admin API"): checked as at upload,
 * unique per product and channel under the same advisory lock as createRelease, written with a
 * conditional UPDATE that only a draft passes. Returns the release before and after.
 */
export async function changeDraftVersion(
  this: ReleaseModuleService,
  productId: string,
  releaseId: string,
  change: { version?: string; channel?: string },
  sharedContext: Context
): Promise<{ before: ReleaseRow; after: ReleaseRow }> {
  const trx = transactionKnex(sharedContext)
  const before = await findRelease(trx, releaseId)
  if (!before || before.product_id !== productId) {
    throw notFound(productId, releaseId)
  }
  const { version, channel } = checkVersionAndChannel(change.version ?? before.version, change.channel ?? before.channel)
  if (version === before.version && channel === before.channel) {
    return { before, after: before }
  }
  if (before.status !== "draft") {
    throw notADraft()
  }
  await advisoryXactLock(trx, `license_release:${productId}:${channel}:${version}`)
  if (await releaseExists(trx, productId, channel, version)) {
    throw releaseError(
      "INVALID_DATA",
      ReleaseErrorCode.VERSION_EXISTS,
      `Version ${version} already exists on the ${channel} channel of this product (drafts and yanked releases included)`
    )
  }
  if (!(await renameDraft(trx, productId, releaseId, version, channel))) {
    throw notADraft()
  }
  return { before, after: { ...before, version, channel } }
}

/** Deletes a draft (soft: restorable by the workflow's compensation until its file is removed); returns it. */
export async function deleteDraft(this: ReleaseModuleService, productId: string, releaseId: string, sharedContext: Context): Promise<ReleaseRow> {
  const trx = transactionKnex(sharedContext)
  const release = await findRelease(trx, releaseId)
  if (!release || release.product_id !== productId) {
    throw notFound(productId, releaseId)
  }
  if (release.status !== "draft" || (await deleteDraftRow(trx, productId, releaseId)) === null) {
    throw notADraft()
  }
  return release
}

export async function restoreDraft(this: ReleaseModuleService, releaseId: string, sharedContext: Context): Promise<void> {
  await restoreDraftRow(transactionKnex(sharedContext), releaseId)
}
