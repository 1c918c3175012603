import type { Context } from "@medusajs/framework/types"
import { transactionKnex } from "../database"
import { countPerLine, keysToRevokeForReturns } from "../rules/returned-keys"
import type LicenseModuleService from "../service"
import { licenseEventRow } from "../sql/events"
import { changeLicenseStatus, lockKeysOfLineItems } from "../sql/licenses"
import { setSuspensionKind } from "../sql/suspension"
import { suspensionKind } from "../rules/suspension"
import { lockOrdersForLicensing } from "../sql/order-locks"
import {
  addKeysRevokedForReturns,
  loadReturnDebts,
  recordReturnedQuantities,
  recordWholeOrderRevocation,
} from "../sql/order-revocations"
import { LicenseEventType } from "../types"
import { rollBackTrialConversions } from "../trials/convert-trials"
import { applyStripeEvent as applyStripeEventWith, type ApplyStripeEventInput, type ApplyStripeEventResult } from "./apply-stripe-event"
import {
  type LicenseSelector,
  type LicenseStatusChange,
  type LicenseStatusChangeInput,
  type ReturnedUnits,
  RevokeReason,
} from "../rules/status-change"

/**
 * Revocation: refunds, cancellations, returns and Stripe disputes
 * (docs/revocation.md). Every change is one conditional UPDATE ... RETURNING
 * in a transaction (changeLicenseStatus): the rows it returns are exactly the
 * licenses this call changed, so a duplicate delivery or a concurrent handler
 * (another server instance included) changes nothing twice and each change
 * writes exactly one license event. Revocation is permanent: nothing here
 * turns a revoked license back. Each function runs in the caller's transaction.
 */

/** Revokes every not yet revoked license of the selection (suspended ones included). */
export async function revokeLicenses(
  this: LicenseModuleService,
  selector: LicenseSelector,
  change: LicenseStatusChangeInput,
  sharedContext: Context
): Promise<LicenseStatusChange[]> {
  const knex = transactionKnex(sharedContext)
  if (selector.order_id && !selector.license_ids) {
    // Recorded even when the order has no keys yet: issuance, under the same lock, then issues none.
    await lockOrdersForLicensing(knex, [selector.order_id])
    await recordWholeOrderRevocation(knex, selector.order_id, change.reason ?? "revoked")
    // Trial keys this order converted go back to being trials instead of being revoked.
    const rollback = await rollBackTrialConversions(knex, selector.order_id, change.actor)
    if (rollback.events.length) {
      await this.createLicenseEvents(rollback.events, sharedContext)
    }
  }
  const changed = await changeLicenseStatus(knex, selector, "revoked", change.reason)
  await recordStatusChanges(this, changed, LicenseEventType.REVOKED, change, sharedContext)
  return changed
}

/**
 * Revokes the keys of returned units of one order: for each line item, as
 * many keys as its returned quantity (see keysToRevokeForReturns). The
 * quantities are recorded under the order's lock first, so an order whose
 * keys are issued later (reconciliation) gets those units revoked.
 */
export async function revokeReturnedUnits(
  this: LicenseModuleService,
  orderId: string,
  units: ReturnedUnits[],
  change: Omit<LicenseStatusChangeInput, "reason">,
  sharedContext: Context
): Promise<LicenseStatusChange[]> {
  const returned = new Map<string, number>()
  for (const unit of units) {
    if (unit.line_item_id && unit.returned_quantity > 0) {
      returned.set(unit.line_item_id, (returned.get(unit.line_item_id) ?? 0) + unit.returned_quantity)
    }
  }
  if (!returned.size) {
    return []
  }
  const knex = transactionKnex(sharedContext)
  await lockOrdersForLicensing(knex, [orderId])
  await recordReturnedQuantities(knex, orderId, returned)
  const revoked = { ...change, reason: RevokeReason.RETURN }
  // The keys the returns of this order still owe.
  const owed = await loadReturnDebts(knex, [orderId])
  if (!owed.size) {
    return []
  }
  const toRevoke = keysToRevokeForReturns(await lockKeysOfLineItems(knex, [...owed.keys()]), owed)
  if (!toRevoke.length) {
    return []
  }
  const changed = await changeLicenseStatus(knex, { license_ids: toRevoke.map((k) => k.id) }, "revoked", RevokeReason.RETURN)
  await addKeysRevokedForReturns(knex, countPerLine(changed))
  await recordStatusChanges(this, changed, LicenseEventType.REVOKED, revoked, sharedContext)
  return changed
}

/** Suspends the active licenses of the selection (a dispute); revoked ones stay revoked. */
export async function suspendLicenses(
  this: LicenseModuleService,
  selector: LicenseSelector,
  change: LicenseStatusChangeInput,
  sharedContext: Context
): Promise<LicenseStatusChange[]> {
  const changed = await changeLicenseStatus(transactionKnex(sharedContext), selector, "suspended")
  await setSuspensionKind(transactionKnex(sharedContext), changed.map((l) => l.id), suspensionKind(change.actor))
  await recordStatusChanges(this, changed, LicenseEventType.SUSPENDED, change, sharedContext)
  return changed
}

/**
 * Reinstates the suspended licenses of the selection whose latest `suspended`
 * event carries `suspendedWith` in its data (e.g. `{ reason: "dispute" }`): a
 * dispute won reinstates only what a dispute suspended, never a license the
 * admin suspended, and never a revoked one.
 */
export async function reinstateLicenses(
  this: LicenseModuleService,
  selector: LicenseSelector,
  suspendedWith: Record<string, string>,
  change: LicenseStatusChangeInput,
  sharedContext: Context
): Promise<LicenseStatusChange[]> {
  const changed = await changeLicenseStatus(transactionKnex(sharedContext), selector, "active", null, suspendedWith)
  await setSuspensionKind(transactionKnex(sharedContext), changed.map((l) => l.id), null)
  await recordStatusChanges(this, changed, LicenseEventType.REINSTATED, change, sharedContext)
  return changed
}

/**
 * Applies a verified Stripe event once (apply-stripe-event.ts): its id, the
 * dispute outcome and the status change commit in one transaction.
 */
export async function applyStripeEvent(
  this: LicenseModuleService,
  input: ApplyStripeEventInput,
  sharedContext: Context
): Promise<ApplyStripeEventResult> {
  // Through the service's own methods (they join this transaction), so each change is the public operation.
  return await applyStripeEventWith(transactionKnex(sharedContext), input, {
    revoke: (selector, change) => this.revokeLicenses(selector, change, sharedContext),
    suspend: (selector, change) => this.suspendLicenses(selector, change, sharedContext),
    reinstate: (selector, suspendedWith, change) => this.reinstateLicenses(selector, suspendedWith, change, sharedContext),
  })
}

/** One event per changed license, with the change's reason, actor and context. */
async function recordStatusChanges(
  service: LicenseModuleService,
  changed: LicenseStatusChange[],
  type: LicenseEventType,
  change: LicenseStatusChangeInput,
  sharedContext: Context
): Promise<void> {
  if (!changed.length) {
    return
  }
  await service.createLicenseEvents(
    changed.map((license) =>
      licenseEventRow(license.id, type, change.actor, {
        ...(change.data ?? {}),
        reason: change.reason,
        order_id: license.order_id,
        previous_status: license.previous_status,
      })
    ),
    sharedContext
  )
}
