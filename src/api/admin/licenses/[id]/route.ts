import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../../modules/license"
import { presentDeactivationBudget } from "../../../../modules/license/rules/deactivation-budget"
import type LicenseModuleService from "../../../../modules/license/service"
import { updateLicenseWorkflow } from "../../../../workflows/update-license"
import { presentLicense } from "../../../utils/present-license"
import type { AdminLicenseDetailQuery, AdminUpdateLicense } from "../../validators"

/**
 * The license with one page of its activations (held first, then released,
 * newest release first) and one page of its history (newest first), their
 * counts, and its deactivation budget (docs/admin.md).
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminLicenseDetailQuery>, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const query = req.validatedQuery as AdminLicenseDetailQuery
  const license = await licenseModule.retrieveLicense(req.params.id)
  const pages = {
    activations: { limit: query.activations_limit, offset: query.activations_offset },
    events: { limit: query.events_limit, offset: query.events_offset },
  }
  const [{ activations, events }, budget] = await Promise.all([
    licenseModule.pageLicenseHistory(license.id, pages),
    licenseModule.retrieveDeactivationBudget(license.id),
  ])
  res.json({
    license: {
      ...presentLicense(license, licenseModule),
      activations: activations.activations,
      events: events.events,
      deactivations_remaining: budget?.remaining ?? null,
      deactivation_budget: budget ? presentDeactivationBudget(budget) : null,
    },
    activations_count: activations.count,
    activations_held: activations.held,
    activations_limit: pages.activations.limit,
    activations_offset: pages.activations.offset,
    events_count: events.count,
    events_limit: pages.events.limit,
    events_offset: pages.events.offset,
  })
}

/** Edits expiry (null = lifetime), max activations and notes; records an `updated` event. */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateLicense>, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const { result } = await updateLicenseWorkflow(req.scope).run({
    input: { ...req.validatedBody, id: req.params.id, actor_id: req.auth_context.actor_id },
  })
  const license = await licenseModule.retrieveLicense(req.params.id)
  res.json({ license: presentLicense(license, licenseModule), changes: result.changes })
}
