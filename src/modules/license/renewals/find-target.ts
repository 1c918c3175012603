import { refuseRenewal, RenewalErrorCode, type RenewalRefusal } from "../rules/renewal-codes"
import { VERIFY_MESSAGES } from "../rules/verify-answers"
import type LicenseModuleService from "../service"
import type { LicenseDTO } from "../service"
import { failedAttempt, verifyCaller } from "../verify/verify-license"
import type { RenewalTarget } from "./types"

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
