import type { VerifyIdentity } from "../rules/identity"
import { VerifyCode } from "../rules/verify-answers"
import type LicenseModuleService from "../service"
import { noteExpiryObserved } from "../sql/expiry-notices"
import { recordRefusal, REFUSAL_WINDOW_SECONDS } from "../sql/refusals"
import type { VerifyRuntime } from "./runtime"

/**
 * Records a refusal (aggregated, sql/refusals.ts) in its own transaction.
 * license.activation_refused goes out only when the refusal opened a new
 * aggregation window (at most one per license and reason per window, so a
 * flood of refusals cannot flood receivers), and license.expired the first
 * time an expiry is seen. The answer matters more than its audit row: a
 * failure is logged, never thrown.
 */
export async function recordVerifyRefusal(
  service: LicenseModuleService,
  runtime: VerifyRuntime,
  licenseId: string,
  reason: VerifyCode,
  identity: VerifyIdentity,
  ip: string
): Promise<void> {
  try {
    const opened = await runtime.knex.transaction((trx) => recordRefusal(trx, licenseId, reason, identity, ip))
    if (opened) {
      service.events_.activationRefused(licenseId, reason, identity, ip, REFUSAL_WINDOW_SECONDS)
    }
    if (reason === VerifyCode.EXPIRED) {
      void observeExpiry(service, runtime, licenseId)
    }
  } catch (error) {
    service.logger_.error("License keys: could not record an activation refusal", error)
  }
}

/** A verify answered `expired`: license.expired the first time this expiry is seen. Never throws. */
async function observeExpiry(service: LicenseModuleService, runtime: VerifyRuntime, licenseId: string): Promise<void> {
  try {
    const expiresAt = await noteExpiryObserved(runtime.knex, licenseId)
    if (expiresAt) {
      service.events_.expired(licenseId, expiresAt)
    }
  } catch (error) {
    service.logger_.error("License keys: could not note an expiry", error)
  }
}
