import { licenseLineAction, refuseRenewal, RenewalErrorCode, type RenewalRefusal } from "../rules/renewal-codes"
import { VERIFY_MESSAGES } from "../rules/verify-answers"
import type LicenseModuleService from "../service"
import type { LicenseDTO } from "../service"
import { failedAttempt, verifyCaller } from "../verify/verify-license"
import type { RenewalCart, RenewalTarget } from "./types"

/**
 * The license a renewal or an upgrade names: a customer's own by id, or any by its key (a guest). By key, an unknown
 * or malformed key counts against the caller's failure budget like a failed verify, and over it the answer is 429.
 */
export async function findLicenseTarget(service: LicenseModuleService, target: RenewalTarget): Promise<{ license: LicenseDTO } | RenewalRefusal> {
  const notFound = refuseRenewal(RenewalErrorCode.LICENSE_NOT_FOUND, "License not found")
  if ("license_id" in target) {
    const [license] = await service.listLicenses({ id: target.license_id, customer_id: target.customer_id }, { take: 1 })
    return license ? { license } : notFound
  }
  const runtime = service.verifyRuntime()
  const caller = verifyCaller(service, { ...target, domain: null }, runtime)
  if ("type" in caller) {
    return refuseRenewal(RenewalErrorCode.MALFORMED_KEY, caller.message)
  }
  const limited = (retryAfter: number) =>
    refuseRenewal(RenewalErrorCode.RATE_LIMITED, `Too many failed look-ups from this address; retry after ${retryAfter} seconds`, retryAfter)
  const retryAfter = await caller.limit
  if (retryAfter !== null) {
    return limited(retryAfter)
  }
  const failed = async (refusal: RenewalRefusal) => {
    const result = await failedAttempt(runtime, caller, refusal)
    return result.type === "rate_limited" ? limited(result.retry_after) : refusal
  }
  const body = service.keys_.body(target.license_key)
  if (!body) {
    return await failed(refuseRenewal(RenewalErrorCode.MALFORMED_KEY, VERIFY_MESSAGES.malformed))
  }
  const [license] = await service.listLicenses({ key_hash: service.keys_.hash(body) }, { take: 1 })
  return license ? { license } : await failed(notFound)
}

/**
 * The license a renewal or an upgrade names, checked against the cart it would go into: refused for an unknown key
 * (by key: against the failure budget), a cart that does not exist or is completed, or a revoked key.
 */
export async function findCartTarget(
  service: LicenseModuleService,
  target: RenewalTarget,
  cart: RenewalCart,
  action: "renewed" | "upgraded"
): Promise<{ license: LicenseDTO; cart: NonNullable<RenewalCart> } | RenewalRefusal> {
  const found = await findLicenseTarget(service, target)
  if ("type" in found) {
    return found
  }
  if (!cart) {
    return refuseRenewal(RenewalErrorCode.CART_NOT_FOUND, "Cart not found")
  }
  if (cart.completed_at) {
    return refuseRenewal(RenewalErrorCode.CART_COMPLETED, "The cart is already completed")
  }
  if (found.license.status === "revoked") {
    return refuseRenewal(RenewalErrorCode.LICENSE_REVOKED, `A revoked license cannot be ${action}`)
  }
  return { license: found.license, cart }
}

/** Whether the cart already has a line that renews or upgrades this license. */
export function cartActsOnLicense(cart: NonNullable<RenewalCart>, licenseId: string): boolean {
  return (cart.items ?? []).some((item) => licenseLineAction(item)?.license_id === licenseId)
}
