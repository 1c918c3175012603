import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../modules/license"
import type LicenseModuleService from "../../../../modules/license/service"
import { presentLicense } from "../../../utils/present-license"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const license = await licenseModule.retrieveLicense(req.params.id, { relations: ["activations", "events"] })
  const byNewest = (a: { created_at: Date | string }, b: { created_at: Date | string }) =>
    new Date(b.created_at).getTime() - new Date(a.created_at).getTime()
  license.events?.sort(byNewest)
  license.activations?.sort(byNewest)
  res.json({ license: presentLicense(license, licenseModule) })
}
