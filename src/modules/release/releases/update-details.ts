import type { Context } from "@medusajs/framework/types"
import { managerKnex } from "../../license/database"
import { ReleaseErrorCode } from "../rules/release-codes"
import type ReleaseModuleService from "../service"
import { findRelease, type ReleaseRow } from "../sql/releases"
import { checkRequiredEntitlement, type ReleaseDetails, releaseError } from "./release-input"

/** Edits a release's changelog, WordPress metadata and required entitlement (any status); returns the release before and after. */
export async function updateDetails(
  this: ReleaseModuleService,
  productId: string,
  releaseId: string,
  details: ReleaseDetails,
  sharedContext: Context
): Promise<{ before: ReleaseRow; after: ReleaseRow }> {
  const before = await findRelease(managerKnex(sharedContext), releaseId)
  if (!before || before.product_id !== productId) {
    throw releaseError("NOT_FOUND", ReleaseErrorCode.NOT_FOUND, `Release ${releaseId} was not found on product ${productId}`)
  }
  const checked = { ...details, required_entitlement: checkRequiredEntitlement(details.required_entitlement) }
  const changes = Object.fromEntries(Object.entries(checked).filter(([, value]) => value !== undefined))
  if (Object.keys(changes).length) {
    await this.updateReleases({ id: releaseId, ...changes }, sharedContext)
  }
  return { before, after: { ...before, ...changes } }
}
