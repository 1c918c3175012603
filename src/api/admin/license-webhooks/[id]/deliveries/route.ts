import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../../modules/license"
import type LicenseModuleService from "../../../../../modules/license/service"
import { presentWebhookDelivery } from "../../present"
import type { AdminListLicenseWebhookDeliveriesQuery } from "../../validators"

/** The endpoint's deliveries, newest first; filter `status`. */
export async function GET(
  req: AuthenticatedMedusaRequest<unknown, AdminListLicenseWebhookDeliveriesQuery>,
  res: MedusaResponse
) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const { status, limit, offset } = req.validatedQuery as AdminListLicenseWebhookDeliveriesQuery
  const [deliveries, count] = await licenseModule.listWebhookDeliveries(
    req.params.id,
    { status: status === undefined ? undefined : Array.isArray(status) ? status : [status] },
    { skip: offset, take: limit }
  )
  res.json({ deliveries: deliveries.map(presentWebhookDelivery), count, limit, offset })
}
