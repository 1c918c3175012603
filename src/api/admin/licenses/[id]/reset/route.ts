import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../../modules/license"
import { LicenseActorType } from "../../../../../modules/license/types"
import type LicenseModuleService from "../../../../../modules/license/service"
import { presentLicense } from "../../../../utils/present-license"

/** Frees every slot of the license; one `reset` event lists them. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const { released } = await licenseModule.resetActivations(req.params.id, {
    type: LicenseActorType.ADMIN,
    id: req.auth_context.actor_id,
  })
  res.json({
    license: presentLicense(await licenseModule.retrieveLicense(req.params.id), licenseModule),
    released: released.length,
  })
}
