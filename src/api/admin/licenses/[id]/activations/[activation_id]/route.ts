import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../../../modules/license"
import { LicenseActorType } from "../../../../../../modules/license/types"
import type LicenseModuleService from "../../../../../../modules/license/service"
import { presentLicense } from "../../../../../utils/present-license"

/** Frees one slot of the license (the activation row stays, released). */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const released = await licenseModule.releaseActivationAsAdmin(req.params.id, req.params.activation_id, {
    type: LicenseActorType.ADMIN,
    id: req.auth_context.actor_id,
  })
  res.json({
    license: presentLicense(await licenseModule.retrieveLicense(req.params.id), licenseModule),
    released: { id: released.activationId, kind: released.kind, identifier: released.identifier },
  })
}
