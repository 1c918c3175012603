import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../modules/license"
import type LicenseModuleService from "../../../../modules/license/service"
import type { AdminLicensingOverviewQuery } from "./validators"

/**
 * The Licensing overview at the top of the admin's Licenses page
 * (docs/admin.md): key counts now, and the last `days` UTC days (oldest
 * first, zero-filled) of keys issued, keys revoked and verify calls by code.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminLicensingOverviewQuery>, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const { days, expiring_within_days } = req.validatedQuery as AdminLicensingOverviewQuery
  res.setHeader("Cache-Control", "no-store")
  res.json({ overview: await licenseModule.getLicensingOverview({ days, expiringWithinDays: expiring_within_days }) })
}
