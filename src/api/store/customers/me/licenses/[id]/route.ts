import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../../../modules/license"
import type LicenseModuleService from "../../../../../../modules/license/service"
import {
  licenseNotFound,
  presentCustomerActivation,
  presentCustomerLicense,
  presentDeactivationPolicy,
  sendCustomerLicenseError,
} from "../../../../customer-licenses"
import { presentDeactivationBudget } from "../../../../../../modules/license/rules/deactivation-budget"

/** GET /store/customers/me/licenses/:id: one of the customer's licenses with the slots it holds. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const licenses: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  // PostgreSQL text cannot hold NUL, so no license id has one (and the query would fail).
  if (req.params.id.includes("\u0000")) {
    return sendCustomerLicenseError(res, licenseNotFound)
  }
  const found = await licenses.retrieveCustomerLicense(req.auth_context.actor_id, req.params.id)
  if (!found) {
    return sendCustomerLicenseError(res, licenseNotFound)
  }
  res.setHeader("Cache-Control", "no-store")
  res.json({
    license: {
      ...presentCustomerLicense(found.license, licenses),
      activations: found.activations.map(presentCustomerActivation),
      deactivation: presentDeactivationPolicy(found.deactivation),
      // Deactivations still allowed in the rolling 30 days; null = unlimited (docs/storefront.md).
      deactivations_remaining: found.budget?.remaining ?? null,
      deactivation_budget: found.budget ? presentDeactivationBudget(found.budget) : null,
    },
  })
}
