import type { MedusaContainer } from "@medusajs/framework/types"
import { LICENSE_MODULE } from "../modules/license"
import type LicenseModuleService from "../modules/license/service"

/**
 * Folds the rows the license count triggers add (one per INSERT statement and bucket, two per changed license) into
 * one per status and expiry day, so that the admin's counts keep reading a few thousand rows (docs/performance.md
 * "Round 6"). The counts are exact with or without it; two instances running it at once fold each row once.
 */
export default async function foldLicenseCountsJob(container: MedusaContainer) {
  const licenses: LicenseModuleService = container.resolve(LICENSE_MODULE)
  return await licenses.foldLicenseCounts()
}

export const config = {
  name: "license-keys-fold-counts",
  schedule: "*/15 * * * *",
}
