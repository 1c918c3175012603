import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { LICENSE_MODULE } from "../../../../../modules/license"
import type LicenseModuleService from "../../../../../modules/license/service"
import { presentIssuanceNotice } from "./present"

/**
 * The state of the e-mail that sent the order's keys: `notice` is null when
 * none was needed (no keys, no e-mail address) or the order predates it; 404
 * for an unknown order.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const notice = await licenseModule.retrieveIssuanceNotice(req.params.id)
  if (!notice) {
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data: orders } = await query.graph({ entity: "order", fields: ["id"], filters: { id: req.params.id } })
    if (!orders.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order with id: ${req.params.id} was not found`)
    }
  }
  res.json({ notice: presentIssuanceNotice(notice) })
}
