import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../../../modules/license"
import { LicenseActorType } from "../../../../../../modules/license/types"
import type LicenseModuleService from "../../../../../../modules/license/service"
import {
  DEACTIVATION_LIMIT_MESSAGE,
  DEACTIVATION_LIMIT_REACHED,
} from "../../../../../../modules/license/rules/deactivation-budget"
import { releaseLicenseActivationWorkflow } from "../../../../../../workflows/release-license-activation"
import { presentLicense } from "../../../../../utils/present-license"
import type { AdminReleaseActivationQuery } from "../../../../validators"

/**
 * Frees one slot of the license (the activation row stays, released). It
 * counts against the license's deactivation budget and is refused (409
 * deactivation_limit_reached) past it, unless `?override=true`: then it is
 * neither refused nor counted.
 */
export async function DELETE(req: AuthenticatedMedusaRequest<unknown, AdminReleaseActivationQuery>, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const override = (req.validatedQuery as AdminReleaseActivationQuery | undefined)?.override ?? false
  const { result } = await releaseLicenseActivationWorkflow(req.scope).run({
    input: {
      license_id: req.params.id,
      activation_id: req.params.activation_id,
      actor: { type: LicenseActorType.ADMIN, id: req.auth_context.actor_id },
      override,
    },
  })
  if (result.type === "limit_reached") {
    return res.status(409).json({
      type: "not_allowed",
      code: DEACTIVATION_LIMIT_REACHED,
      message: `${DEACTIVATION_LIMIT_MESSAGE}. Free it with override to do it anyway (not counted).`,
      deactivation_budget: result.deactivation_budget,
    })
  }
  const { id, kind, identifier } = result.released
  res.json({
    license: presentLicense(await licenseModule.retrieveLicense(req.params.id), licenseModule),
    released: { id, kind, identifier },
    override,
    deactivation_budget: result.deactivation_budget,
  })
}
