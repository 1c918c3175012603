import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { LICENSE_MODULE } from "../../../../../modules/license"
import type LicenseModuleService from "../../../../../modules/license/service"

/**
 * GET /admin/licenses/:id/renewals: the license's renewal history, oldest first (docs/renewals-and-upgrades.md):
 * each extension with the order that paid for it, the expiry before and after, and its roll-back if any.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const [license] = await licenseModule.listLicenses({ id: req.params.id }, { take: 1, select: ["id"] })
  if (!license) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `License with id: ${req.params.id} was not found`)
  }
  const renewals = await licenseModule.listLicenseRenewals({ license_id: license.id }, { take: null, order: { created_at: "ASC" } })
  const orderIds = [...new Set(renewals.map((r) => r.order_id))]
  const { data: orders } = orderIds.length
    ? await req.scope.resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "order", fields: ["id", "display_id"], filters: { id: orderIds } })
    : { data: [] }
  const displayId = new Map((orders as { id: string; display_id: number }[]).map((o) => [o.id, o.display_id]))
  res.json({
    renewals: renewals.map((r) => ({
      id: r.id,
      order_id: r.order_id,
      order_display_id: displayId.get(r.order_id) ?? null,
      line_item_id: r.line_item_id,
      terms: r.terms,
      term_days: r.term_days,
      basis: r.basis,
      previous_expires_at: r.previous_expires_at,
      new_expires_at: r.new_expires_at,
      created_at: r.created_at,
      rolled_back_at: r.rolled_back_at,
      rolled_back_reason: r.rolled_back_reason,
      rolled_back_expires_at: r.rolled_back_expires_at,
    })),
  })
}
