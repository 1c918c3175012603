import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { LICENSE_MODULE } from "../../../../../modules/license"
import type LicenseModuleService from "../../../../../modules/license/service"

/**
 * GET /admin/licenses/:id/upgrades: the license's upgrade history, oldest first (docs/renewals-and-upgrades.md
 * "Upgrades"): each upgrade with the order that paid for it, the variants and caps before and after, and its roll-back.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const [license] = await licenseModule.listLicenses({ id: req.params.id }, { take: 1, select: ["id"] })
  if (!license) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `License with id: ${req.params.id} was not found`)
  }
  const upgrades = await licenseModule.listLicenseUpgrades({ license_id: license.id }, { take: null, order: { created_at: "ASC" } })
  const orderIds = [...new Set(upgrades.map((u) => u.order_id))]
  const { data: orders } = orderIds.length
    ? await req.scope.resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "order", fields: ["id", "display_id"], filters: { id: orderIds } })
    : { data: [] }
  const displayId = new Map((orders as { id: string; display_id: number }[]).map((o) => [o.id, o.display_id]))
  type Snapshot = { variant_title?: string | null; max_activations?: number }
  res.json({
    upgrades: upgrades.map((u) => {
      const previous = u.previous as Snapshot
      const applied = u.applied as Snapshot
      return {
        id: u.id,
        order_id: u.order_id,
        order_display_id: displayId.get(u.order_id) ?? null,
        line_item_id: u.line_item_id,
        from_variant_id: u.from_variant_id,
        from_variant_title: previous.variant_title ?? null,
        previous_max_activations: previous.max_activations ?? null,
        to_variant_id: u.to_variant_id,
        to_variant_title: applied.variant_title ?? null,
        max_activations: applied.max_activations ?? null,
        created_at: u.created_at,
        rolled_back_at: u.rolled_back_at,
        rolled_back_reason: u.rolled_back_reason,
        released_activations: u.released_activations,
      }
    }),
  })
}
