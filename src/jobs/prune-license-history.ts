import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LICENSE_MODULE } from "../modules/license"
import type LicenseModuleService from "../modules/license/service"

/**
 * Prunes what deactivation churn leaves behind (docs/admin.md "History
 * retention"): released activation rows and `activated` / `deactivated` /
 * `activation_refused` events older than `historyRetentionDays` (default
 * 180; 0 keeps everything), 1,000 rows per DELETE, for at most 50 s per run.
 * Two instances running it at once only delete the same old rows once.
 */
export default async function pruneLicenseHistoryJob(container: MedusaContainer, at?: unknown) {
  // Medusa's job loader calls a job as handler(container, context): only a Date
  // (tests) sets the clock, anything else means now.
  const now = at instanceof Date ? at : new Date()
  const licenses: LicenseModuleService = container.resolve(LICENSE_MODULE)
  const result = await licenses.pruneLicenseHistory({ now })
  if (result.activations_deleted || result.events_deleted) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .info(
        `License keys: pruned ${result.activations_deleted} released activations and ${result.events_deleted} ` +
          `churn events older than ${result.cutoff}${result.complete ? "" : " (more next run)"}`
      )
  }
  return result
}

export const config = {
  name: "license-keys-prune-history",
  schedule: "23 * * * *",
}
