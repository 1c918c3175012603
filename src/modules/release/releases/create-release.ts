import type { Context } from "@medusajs/framework/types"
import { advisoryXactLock, transactionKnex } from "../../license/database"
import { ReleaseErrorCode } from "../rules/release-codes"
import type ReleaseModuleService from "../service"
import { releaseExists } from "../sql/releases"
import { checkRequiredEntitlement, checkVersionAndChannel, type CreateReleaseInput, releaseError } from "./release-input"

/**
 * A new draft release with its (already stored) artifact. One version per product and channel:
 * the check runs under an advisory lock on that triple, and the unique index backs it.
 */
export async function createRelease(this: ReleaseModuleService, input: CreateReleaseInput, sharedContext: Context) {
  const { version, channel } = checkVersionAndChannel(input.version, input.channel)
  const required_entitlement = checkRequiredEntitlement(input.required_entitlement) ?? null
  const trx = transactionKnex(sharedContext)
  await advisoryXactLock(trx, `license_release:${input.product_id}:${channel}:${version}`)
  if (await releaseExists(trx, input.product_id, channel, version)) {
    throw releaseError(
      "INVALID_DATA",
      ReleaseErrorCode.VERSION_EXISTS,
      `Version ${version} already exists on the ${channel} channel of this product (drafts and yanked releases included)`
    )
  }
  const { artifact } = input
  return await this.createReleases(
    {
      product_id: input.product_id,
      version,
      channel,
      status: "draft",
      changelog: input.changelog ?? null,
      wp_requires: input.wp_requires ?? null,
      wp_tested: input.wp_tested ?? null,
      wp_requires_php: input.wp_requires_php ?? null,
      required_entitlement,
      artifact_file_id: artifact.file_id,
      artifact_name: artifact.name,
      artifact_size: artifact.size,
      artifact_sha256: artifact.sha256,
    },
    sharedContext
  )
}
