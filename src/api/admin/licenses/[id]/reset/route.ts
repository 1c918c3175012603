import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../../modules/license"
import { LicenseActorType } from "../../../../../modules/license/types"
import type LicenseModuleService from "../../../../../modules/license/service"
import { resetLicenseActivationsWorkflow } from "../../../../../workflows/reset-license-activations"
import { presentLicense } from "../../../../utils/present-license"

/** Frees every slot of the license; one `reset` event lists them, and license.deactivated goes out for each. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { result } = await resetLicenseActivationsWorkflow(req.scope).run({
    input: { license_id: req.params.id, actor: { type: LicenseActorType.ADMIN, id: req.auth_context.actor_id } },
  })
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  res.json({
    license: presentLicense(await licenseModule.retrieveLicense(req.params.id), licenseModule),
    released: result.released.length,
  })
}
