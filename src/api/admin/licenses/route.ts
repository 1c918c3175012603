import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../modules/license"
import type LicenseModuleService from "../../../modules/license/service"
import { issueLicenseManuallyWorkflow } from "../../../workflows/issue-license-manually"
import { presentLicense } from "../../utils/present-license"
import type { AdminIssueLicense, AdminListLicensesQuery } from "../validators"

export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListLicensesQuery>, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const { limit, offset, order, ...search } = req.validatedQuery as AdminListLicensesQuery
  const [licenses, count] = await licenseModule.searchLicenses(search, { skip: offset, take: limit, order })
  res.json({ licenses: licenses.map((l) => presentLicense(l, licenseModule)), count, limit, offset })
}

export async function POST(req: AuthenticatedMedusaRequest<AdminIssueLicense>, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const { result } = await issueLicenseManuallyWorkflow(req.scope).run({
    input: { ...req.validatedBody, actor_id: req.auth_context.actor_id },
  })
  res.status(201).json({ license: presentLicense(result, licenseModule) })
}
