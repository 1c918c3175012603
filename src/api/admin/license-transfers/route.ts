import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../modules/license"
import type LicenseModuleService from "../../../modules/license/service"
import { transferLicenseWorkflow } from "../../../workflows/transfer-license"
import { presentClaimSent, presentTransferRequest, presentTransferResult } from "./present"
import type { AdminListLicenseTransfersQuery, AdminTransferLicense } from "./validators"

/** GET /admin/license-transfers: requests, newest first; `status=pending` for the queue, `license_id` for one license. */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminListLicenseTransfersQuery>, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const { license_id, status, limit, offset } = req.validatedQuery as AdminListLicenseTransfersQuery
  const [requests, count] = await licenseModule.listTransferRequests(
    { license_id, status: status === undefined ? undefined : Array.isArray(status) ? status : [status] },
    { skip: offset, take: limit }
  )
  res.json({ transfers: requests.map((r) => presentTransferRequest(r, r.license, r.claim)), count, limit, offset })
}

/**
 * POST /admin/license-transfers: the admin transfers a license directly: to a
 * customer picked by id (moved at once), or to an e-mail (a claim link is sent).
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminTransferLicense>, res: MedusaResponse) {
  const { result } = await transferLicenseWorkflow(req.scope).run({
    input: { ...req.validatedBody, actor_id: req.auth_context.actor_id },
  })
  if (result.moved) {
    return res.json({ ...presentTransferResult(result.moved), claim: null })
  }
  res.json(presentClaimSent(result.claimed!))
}
