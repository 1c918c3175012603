import type { Context } from "@medusajs/framework/types"
import { managerKnex, transactionKnex } from "../database"
import {
  type CustomerActivation,
  type CustomerDeactivationPolicy,
  CustomerLicenseErrorCode,
  cooldownRemainingSeconds,
  describeWait,
  type ReleaseCustomerActivationResult,
} from "../rules/customer-account"
import { deactivationLimitRefusal } from "../rules/customer-refusal"
import { type DeactivationBudget, ReleasedBy } from "../rules/deactivation-budget"
import type LicenseModuleService from "../service"
import type { LicenseDTO } from "../service"
import { findCustomerLicenseId, lastCustomerRelease, lockCustomerReleases, pageCustomerLicenseIds } from "../sql/customer-licenses"
import { readDeactivationBudget } from "../sql/deactivation-budget"
import { licenseEventRow, releasedSlotEventData } from "../sql/events"
import { LicenseActorType, LicenseEventType } from "../types"
import { releaseWithinBudget } from "./release-within-budget"

/**
 * The customer's Account -> Licenses (/store/customers/me/licenses,
 * docs/storefront.md). Every function takes the customer id from the session,
 * so a customer only ever reaches their own licenses; someone else's answers
 * exactly like an unknown id.
 */

/** The slots a license holds now, oldest first (released ones are history: a churned key may have thousands). */
export async function listHeldActivations(service: LicenseModuleService, licenseId: string, sharedContext?: Context) {
  return await service.listLicenseActivations(
    { license_id: licenseId, released_at: null },
    { take: null, order: { first_seen_at: "ASC", id: "ASC" } },
    sharedContext
  )
}

/** The customer's licenses, active first (then expired, suspended, revoked), newest first within each. */
export async function listCustomerLicenses(
  this: LicenseModuleService,
  customerId: string,
  page: { skip: number; take: number },
  sharedContext: Context
): Promise<[LicenseDTO[], number]> {
  const { ids, count } = await pageCustomerLicenseIds(managerKnex(sharedContext), customerId, page)
  if (!ids.length) {
    return [[], count]
  }
  const licenses = await this.listLicenses({ id: ids, customer_id: customerId }, { take: null }, sharedContext)
  const byId = new Map(licenses.map((license) => [license.id, license]))
  return [ids.map((id) => byId.get(id)).filter((l): l is LicenseDTO => !!l), count]
}

/** One of the customer's licenses with the slots it holds now (oldest first), or null when it is not theirs. */
export async function retrieveCustomerLicense(
  this: LicenseModuleService,
  customerId: string,
  licenseId: string,
  sharedContext: Context
): Promise<{
  license: LicenseDTO
  activations: CustomerActivation[]
  deactivation: CustomerDeactivationPolicy
  budget: DeactivationBudget | null
} | null> {
  const [license] = await this.listLicenses({ id: licenseId, customer_id: customerId }, { take: 1 }, sharedContext)
  if (!license) {
    return null
  }
  const held = await listHeldActivations(this, license.id, sharedContext)
  const activations = held.map(({ id, kind, identifier, name, first_seen_at, last_seen_at }) => ({
    id,
    kind,
    identifier,
    name: name ?? null,
    first_seen_at,
    last_seen_at,
  }))
  const deactivation = await customerDeactivationPolicy(this, license.id, managerKnex(sharedContext))
  const budget = await readDeactivationBudget(managerKnex(sharedContext), license.id)
  return { license, activations, deactivation, budget }
}

/**
 * The customer frees one slot of their own license: the activation row stays
 * (released_at) and activations_used drops in the same statement, and a
 * `deactivated` event names the customer. Refused with a typed code when the
 * license is not theirs, the store turned this off, a cool-down runs, or the
 * slot is not held. Runs in the caller's transaction.
 */
export async function releaseCustomerActivation(
  this: LicenseModuleService,
  customerId: string,
  licenseId: string,
  activationId: string,
  sharedContext: Context
): Promise<ReleaseCustomerActivationResult> {
  const trx = transactionKnex(sharedContext)
  if (!(await findCustomerLicenseId(trx, customerId, licenseId))) {
    return { type: "refused", code: CustomerLicenseErrorCode.LICENSE_NOT_FOUND, message: "License not found" }
  }
  const options = this.options_.customer
  if (!options.canDeactivate) {
    return {
      type: "refused",
      code: CustomerLicenseErrorCode.DEACTIVATION_DISABLED,
      message: "This store does not let customers free activation slots. Please contact the store.",
    }
  }
  await lockCustomerReleases(trx, licenseId)
  if (options.deactivationCooldownSeconds > 0) {
    const wait = cooldownRemainingSeconds(
      await lastCustomerRelease(trx, licenseId),
      options.deactivationCooldownSeconds,
      new Date()
    )
    if (wait > 0) {
      return {
        type: "refused",
        code: CustomerLicenseErrorCode.DEACTIVATION_COOLDOWN,
        message: `You freed a slot of this license recently. Try again in ${describeWait(wait)}.`,
        retry_after: wait,
      }
    }
  }
  const outcome = await releaseWithinBudget(trx, licenseId, { activationId }, ReleasedBy.CUSTOMER)
  if (outcome.type === "limit_reached") {
    return deactivationLimitRefusal(outcome.budget)
  }
  if (outcome.type !== "released") {
    return { type: "refused", code: CustomerLicenseErrorCode.ACTIVATION_NOT_FOUND, message: "Activation not found" }
  }
  const released = outcome.slot
  const actor = { type: LicenseActorType.CUSTOMER, id: customerId }
  const data = releasedSlotEventData(released)
  await this.createLicenseEvents([licenseEventRow(licenseId, LicenseEventType.DEACTIVATED, actor, data)], sharedContext)
  return {
    type: "released",
    activation_id: released.activationId,
    kind: released.kind,
    identifier: released.identifier,
    activations_used: released.activationsUsed,
    deactivations_remaining: outcome.budget.remaining,
  }
}

/** Whether the customer may free a slot of the license now, for the storefront to show or hide the button. */
async function customerDeactivationPolicy(
  service: LicenseModuleService,
  licenseId: string,
  db: Parameters<typeof lastCustomerRelease>[0]
): Promise<CustomerDeactivationPolicy> {
  const { canDeactivate, deactivationCooldownSeconds } = service.options_.customer
  if (!canDeactivate || deactivationCooldownSeconds <= 0) {
    return { allowed: canDeactivate, cooldown_seconds: deactivationCooldownSeconds, available_at: null }
  }
  const now = new Date()
  const wait = cooldownRemainingSeconds(await lastCustomerRelease(db, licenseId), deactivationCooldownSeconds, now)
  return {
    allowed: true,
    cooldown_seconds: deactivationCooldownSeconds,
    available_at: wait > 0 ? new Date(now.getTime() + wait * 1000) : null,
  }
}
