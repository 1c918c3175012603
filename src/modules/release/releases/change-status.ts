import type { Context } from "@medusajs/framework/types"
import { managerKnex } from "../../license/database"
import { ReleaseErrorCode } from "../rules/release-codes"
import type { ReleaseStatus } from "../rules/release-version"
import type ReleaseModuleService from "../service"
import { changeReleaseStatus, findRelease, type ReleaseRow } from "../sql/releases"
import { releaseError } from "./release-input"

/** The status moves an admin may make, and what each stamps. */
export const RELEASE_TRANSITIONS = {
  publish: { from: "draft", to: "published" },
  yank: { from: "published", to: "yanked" },
  // The compensations of the two above (a workflow that fails after the move).
  unpublish: { from: "published", to: "draft" },
  unyank: { from: "yanked", to: "published" },
} as const satisfies Record<string, { from: ReleaseStatus; to: ReleaseStatus }>
export type ReleaseTransition = keyof typeof RELEASE_TRANSITIONS

const STAMPS: Record<ReleaseTransition, (now: Date) => { published_at?: Date | null; yanked_at?: Date | null }> = {
  publish: (now) => ({ published_at: now }),
  yank: (now) => ({ yanked_at: now }),
  unpublish: () => ({ published_at: null }),
  unyank: () => ({ yanked_at: null }),
}

/** Publishes or yanks a release of a product: one conditional UPDATE; 404 or a typed 400 when it is not in the right status. */
export async function changeStatus(
  this: ReleaseModuleService,
  productId: string,
  releaseId: string,
  transition: ReleaseTransition,
  sharedContext: Context
): Promise<ReleaseRow> {
  const db = managerKnex(sharedContext)
  const { from, to } = RELEASE_TRANSITIONS[transition]
  const changed = await changeReleaseStatus(db, productId, releaseId, from, to, STAMPS[transition](new Date()))
  if (changed) {
    return changed
  }
  const current = await findRelease(db, releaseId)
  if (!current || current.product_id !== productId) {
    throw releaseError("NOT_FOUND", ReleaseErrorCode.NOT_FOUND, `Release ${releaseId} was not found on product ${productId}`)
  }
  throw releaseError("INVALID_DATA", ReleaseErrorCode.INVALID_TRANSITION, `A ${current.status} release cannot be ${to === "published" ? "published" : to === "yanked" ? "yanked" : `set to ${to}`}`)
}
