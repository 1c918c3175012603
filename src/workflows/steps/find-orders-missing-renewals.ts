import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LICENSE_MODULE } from "../../modules/license"
import type LicenseModuleService from "../../modules/license/service"
import type { FindOrdersMissingLicensesInput } from "./find-orders-missing-licenses"
import { type OrderForRenewal, renewalLinesOf } from "../utils/renewal-lines"

/**
 * Placed orders of the window with a renewal line that extended nothing yet: what a crash between order.placed and
 * the extension (or a lost event) leaves behind.
 */
export const findOrdersMissingRenewalsStep = createStep(
  "find-orders-missing-renewals",
  async (input: FindOrdersMissingLicensesInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const licenseModule: LicenseModuleService = container.resolve(LICENSE_MODULE)
    const missing: string[] = []
    for (let skip = 0; ; skip += input.page_size) {
      const { data } = await query.graph({
        entity: "order",
        fields: ["id", "status", "is_draft_order", "created_at", "items.*"],
        filters: {
          created_at: { $gte: input.placed_after, $lte: input.placed_before },
          status: { $nin: ["canceled", "draft"] },
          is_draft_order: false,
        },
        pagination: { skip, take: input.page_size, order: { created_at: "ASC", id: "ASC" } },
      })
      const lines = (data as unknown as OrderForRenewal[]).flatMap(renewalLinesOf)
      if (lines.length) {
        const done = await licenseModule.listLicenseRenewals(
          { line_item_id: lines.map((l) => l.line_item_id) },
          { take: null, select: ["line_item_id"] }
        )
        const renewed = new Set(done.map((r) => r.line_item_id))
        missing.push(...new Set(lines.filter((l) => !renewed.has(l.line_item_id)).map((l) => l.order_id)))
      }
      if (data.length < input.page_size) {
        break
      }
    }
    return new StepResponse(missing)
  }
)
