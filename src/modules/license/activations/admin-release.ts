import type { Context } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { transactionKnex } from "../database"
import { ReleasedBy } from "../rules/deactivation-budget"
import type LicenseModuleService from "../service"
import { heldActivationIds, type ReleasedSlot, releaseActivationSlotById } from "../sql/activations"
import { licenseEventRow, releasedSlotEventData, resetEventData } from "../sql/events"
import { lockLicense } from "../sql/licenses"
import { type LicenseActor, LicenseEventType } from "../types"
import { type BudgetedRelease, releaseWithinBudget } from "./release-within-budget"

/**
 * The admin frees held slots (docs/admin.md): one ("Free slot") or all
 * ("Reset all"), with the same release statement as the customer's and the
 * Verify API's, without the customer's rules. Run in the caller's
 * transaction; the service emits license.deactivated after it committed.
 */

/**
 * Counts against the deactivation budget and is refused past it, unless
 * `override`: then it is neither refused nor counted (released_by admin_override).
 */
export async function releaseActivationAsAdmin(
  this: LicenseModuleService,
  licenseId: string,
  activationId: string,
  actor: LicenseActor,
  override: boolean,
  sharedContext: Context
): Promise<Extract<BudgetedRelease, { type: "released" | "limit_reached" }>> {
  const trx = transactionKnex(sharedContext)
  await lockLicenseForAdmin(trx, licenseId)
  const by = override ? ReleasedBy.ADMIN_OVERRIDE : ReleasedBy.ADMIN
  const outcome = await releaseWithinBudget(trx, licenseId, { activationId }, by)
  if (outcome.type === "limit_reached") {
    return outcome
  }
  if (outcome.type !== "released") {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Activation ${activationId} does not hold a slot of license ${licenseId}`)
  }
  const data = releasedSlotEventData(outcome.slot, override ? { override: true } : {})
  await this.createLicenseEvents(licenseEventRow(licenseId, LicenseEventType.DEACTIVATED, actor, data), sharedContext)
  return outcome
}

/** Frees every held slot, each through the shared release statement, and one `reset` event listing them (none when none was held). */
export async function resetActivations(
  this: LicenseModuleService,
  licenseId: string,
  actor: LicenseActor,
  sharedContext: Context
): Promise<{ released: ReleasedSlot[]; activationsUsed: number }> {
  const trx = transactionKnex(sharedContext)
  const activationsBefore = await lockLicenseForAdmin(trx, licenseId)
  const released = await releaseHeldSlots(trx, licenseId, ReleasedBy.RESET)
  const activationsUsed = released.length ? released[released.length - 1].activationsUsed : activationsBefore
  if (released.length) {
    const data = resetEventData(released, activationsUsed)
    await this.createLicenseEvents(licenseEventRow(licenseId, LicenseEventType.RESET, actor, data), sharedContext)
  }
  return { released, activationsUsed }
}

/** Frees every slot the license holds (oldest first) through the shared release statement: a reset or a transfer. */
export async function releaseHeldSlots(
  trx: Parameters<typeof releaseActivationSlotById>[0],
  licenseId: string,
  by: ReleasedBy
): Promise<ReleasedSlot[]> {
  const released: ReleasedSlot[] = []
  for (const id of await heldActivationIds(trx, licenseId)) {
    const slot = await releaseActivationSlotById(trx, licenseId, id, by)
    if (slot) {
      released.push(slot)
    }
  }
  return released
}

/** Locks the license row for an admin change and returns its activations_used; 404 when there is none. */
async function lockLicenseForAdmin(trx: Parameters<typeof lockLicense>[0], licenseId: string): Promise<number> {
  const row = await lockLicense<{ activations_used: number }>(trx, licenseId, ["activations_used"])
  if (!row) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `License with id: ${licenseId} was not found`)
  }
  return row.activations_used
}
