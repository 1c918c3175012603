import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../../modules/license"
import type LicenseModuleService from "../../../../../modules/license/service"
import { presentCustomerLicense } from "../../../customer-licenses"
import type { StoreListCustomerLicensesQuery } from "../../../validators"

/** GET /store/customers/me/licenses: the logged-in customer's licenses, active first. */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, StoreListCustomerLicensesQuery>,
  res: MedusaResponse
) {
  const licenses: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const { limit, offset } = req.validatedQuery as StoreListCustomerLicensesQuery
  const [page, count] = await licenses.listCustomerLicenses(req.auth_context.actor_id, { skip: offset, take: limit })
  res.setHeader("Cache-Control", "no-store")
  res.json({ licenses: page.map((l) => presentCustomerLicense(l, licenses)), count, limit, offset })
}
